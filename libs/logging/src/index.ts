export * from './lib/line-writer.transport';
export * from './lib/logger';
export * from './lib/redaction';
export * from './lib/request-context';
export * from './lib/request-deadline';
