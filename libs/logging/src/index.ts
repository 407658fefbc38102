export * from './lib/logger';
export * from './lib/redaction';
export * from './lib/request-context';
