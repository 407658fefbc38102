export * from './lib/advisor-customer.schema';
export * from './lib/advisor-operations.schema';
export * from './lib/experience-advisor.contract';
