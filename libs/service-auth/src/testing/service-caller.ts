import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServiceTokenIssuer, type ServiceTokenIssuer } from '../lib/service-token-issuer';
import { createServiceTokenVerifier, type ServiceTokenVerifier } from '../lib/service-token-verifier';
import { TEST_SERVICE_TOKEN_SECRET } from '@strata/testing';

/** The secret test processes get from `startAppProcess`; harnesses sign with it too. */
export { TEST_SERVICE_TOKEN_SECRET };

/** The verifier of an in-process API (built by a harness) called `audience`, on the test secret. */
export function testServiceVerifier(audience: string): ServiceTokenVerifier {
  return createServiceTokenVerifier({ secrets: [TEST_SERVICE_TOKEN_SECRET], audience });
}

/** An issuer on the test secret signing as `caller`, for clients a test builds the way main.ts does. */
export function testServiceIssuer(caller = 'strata-test'): ServiceTokenIssuer {
  return createServiceTokenIssuer({ secret: TEST_SERVICE_TOKEN_SECRET, service: caller });
}

const testCaller = testServiceIssuer();

/** `{ authorization }` for a test's own call to an API started with the test secret (by `startAppProcess` or a harness). */
export function testServiceHeader(audience: string): { authorization: string } {
  return { authorization: `Bearer ${testCaller.tokenFor(audience)}` };
}

/**
 * Wraps an app so every request arrives as a Strata service would send it (with a
 * valid service token for `audience`) unless the test set its own `authorization`.
 * Harnesses hand this to supertest, so route tests stay about their routes; the
 * refusals are tested against the bare app.
 */
export function asServiceCaller(app: (req: IncomingMessage, res: ServerResponse) => void, audience: string): RequestListener {
  return (req, res) => {
    if (req.headers.authorization === undefined) req.headers.authorization = testServiceHeader(audience).authorization;
    app(req, res);
  };
}
