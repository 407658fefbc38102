export * from './testing/pact-matchers';
