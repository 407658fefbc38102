export * from './testing/service-caller';
export * from './testing/expect-service-token';
