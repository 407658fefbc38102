export * from './lib/canonical-customer.schema';
export * from './lib/customer-systems.schema';
export * from './lib/history.schema';
export * from './lib/operations.schema';
export * from './lib/process-customer-sync.contract';
