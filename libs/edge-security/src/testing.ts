export * from './testing/token-issuer';
