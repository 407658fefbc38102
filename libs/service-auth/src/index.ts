export * from './lib/require-service-token.middleware';
export * from './lib/service-auth.config';
export { MIN_SECRET_LENGTH, SERVICE_TOKEN_TYPE, type ServiceCaller } from './lib/service-token';
export * from './lib/service-token-issuer';
export * from './lib/service-token-verifier';
