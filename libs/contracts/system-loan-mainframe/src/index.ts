export * from './lib/customer.schema';
export * from './lib/request.schema';
export * from './lib/system-loan-mainframe.contract';
