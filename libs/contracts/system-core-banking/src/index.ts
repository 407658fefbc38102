export * from './lib/customer.schema';
export * from './lib/system-core-banking.contract';
