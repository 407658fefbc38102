export * from './lib/customer.schema';
export * from './lib/system-card-platform.contract';
