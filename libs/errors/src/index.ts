export * from './lib/strata-error';
export * from './lib/upstream-errors';
