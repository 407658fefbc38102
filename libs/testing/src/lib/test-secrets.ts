/**
 * The service token secret every process `startAppProcess` starts gets as
 * `SERVICE_TOKEN_SECRET` (unless a test names its own), and that
 * `@strata/service-auth/testing` signs test tokens with. Only ever used by tests.
 */
export const TEST_SERVICE_TOKEN_SECRET = 'strata-test-only-service-token-secret-0123456789';
