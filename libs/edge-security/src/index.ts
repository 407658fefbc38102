export * from './lib/api-client.middleware';
export * from './lib/api-keys';
export * from './lib/bearer-auth.middleware';
export * from './lib/edge-runtime';
export * from './lib/edge-settings';
export * from './lib/jwt-verifier';
export * from './lib/tiered-rate-limit';
