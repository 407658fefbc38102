import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServiceTokenIssuer, type ServiceTokenIssuer } from '../lib/service-token-issuer';
import { createServiceTokenVerifier, type ServiceTokenVerifier } from '../lib/service-token-verifier';
import { TEST_SERVICE_TOKEN_SECRET } from '@strata/testing';

/** The secret test processes get from `startAppProcess`; harnesses sign with it too. */
export { TEST_SERVICE_TOKEN_SECRET };

/** Issuer and verifier on the test secret, for in-process apps built by harnesses. */
export function testServiceTokens(audience: string, caller = 'strata-test'): { verifier: ServiceTokenVerifier; issuer: ServiceTokenIssuer; header: () => { authorization: string } } {
  const issuer = createServiceTokenIssuer({ secret: TEST_SERVICE_TOKEN_SECRET, service: caller });
  return {
    issuer,
    verifier: createServiceTokenVerifier({ secrets: [TEST_SERVICE_TOKEN_SECRET], audience }),
    header: () => ({ authorization: `Bearer ${issuer.tokenFor(audience)}` }),
  };
}

/**
 * Wraps an app so every request arrives as a Strata service would send it (with a
 * valid service token for `audience`) unless the test set its own `authorization`.
 * Harnesses hand this to supertest, so route tests stay about their routes; the
 * refusals are tested against the bare app.
 */
export function asServiceCaller(app: (req: IncomingMessage, res: ServerResponse) => void, audience: string): RequestListener {
  const issuer = createServiceTokenIssuer({ secret: TEST_SERVICE_TOKEN_SECRET, service: 'strata-test' });
  return (req, res) => {
    if (req.headers.authorization === undefined) req.headers.authorization = `Bearer ${issuer.tokenFor(audience)}`;
    app(req, res);
  };
}

const testCaller = createServiceTokenIssuer({ secret: TEST_SERVICE_TOKEN_SECRET, service: 'strata-test' });

/** `{ authorization }` for a test's own `fetch` to an API started with the test secret (by `startAppProcess`). */
export function testServiceHeader(audience: string): { authorization: string } {
  return { authorization: `Bearer ${testCaller.tokenFor(audience)}` };
}
