import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { experienceMobileContract } from './experience-mobile.contract';

const { changeMe } = experienceMobileContract.routes;

describe('experience-mobile contract', () => {
  it('accepts a contact change and names a bad email as body.email', () => {
    expect(validateRequest(changeMe, { body: { phone: '+15555550123' }, headers: {} }).ok).toBe(true);
    const bad = validateRequest(changeMe, { body: { email: 'not-an-email' }, headers: {} });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.fieldErrors.map((e) => e.path)).toEqual(['body.email']);
  });

  it('refuses an empty change', () => {
    expect(validateRequest(changeMe, { body: {}, headers: {} }).ok).toBe(false);
  });

  it('documents the three routes in OpenAPI', () => {
    const doc = toOpenApiDocument(experienceMobileContract) as { paths: Record<string, object> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/me', '/v1/me/sync-status']);
  });
});
