export * from './lib/customer.schema';
export * from './lib/system-salesforce.contract';
