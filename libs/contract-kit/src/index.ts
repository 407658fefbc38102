export * from './lib/openapi';
export * from './lib/route';
export * from './lib/route-types';
export * from './lib/schemas/change-feed.schema';
export * from './lib/schemas/pagination.schema';
export * from './lib/schemas/problem.schema';
export * from './lib/validation';
export * from './lib/schemas/batch.schema';
