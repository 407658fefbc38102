import type { RequestListener } from 'node:http';
import request from 'supertest';
import { createServiceTokenIssuer } from '../lib/service-token-issuer';
import { TEST_SERVICE_TOKEN_SECRET, testServiceHeader } from './service-caller';

/**
 * Asserts an API (built with the test secret) answers `path` only to a Strata service
 * holding a token minted for it: no token, a token for another API, or one signed with
 * another secret each get 401 problem+json with `WWW-Authenticate`; a good token gets
 * past authentication (whatever the route then answers, it is not 401).
 */
export async function expectServiceTokenRequired(app: RequestListener | string, audience: string, path: string): Promise<void> {
  const forged = createServiceTokenIssuer({ secret: `${TEST_SERVICE_TOKEN_SECRET}-but-not-the-same`, service: 'strata-test' });
  const refusals = [
    await request(app).get(path),
    await request(app).get(path).set(testServiceHeader(`${audience}-elsewhere`)),
    await request(app).get(path).set('authorization', `Bearer ${forged.tokenFor(audience)}`),
  ];
  for (const res of refusals) {
    if (res.status !== 401 || !/application\/problem\+json/.test(String(res.headers['content-type'])) || !res.headers['www-authenticate']) {
      throw new Error(`expected 401 problem+json with WWW-Authenticate from GET ${path}, got ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  const accepted = await request(app).get(path).set(testServiceHeader(audience));
  if (accepted.status === 401) throw new Error(`a valid service token for ${audience} was refused: ${JSON.stringify(accepted.body)}`);
}
