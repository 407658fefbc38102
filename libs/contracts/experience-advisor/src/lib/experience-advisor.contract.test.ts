import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { experienceAdvisorContract } from './experience-advisor.contract';

const { routes } = experienceAdvisorContract;
const pathsOf = (result: ReturnType<typeof validateRequest>) => (result.ok ? [] : result.fieldErrors.map((e) => e.path).sort());

describe('experience-advisor contract', () => {
  it('produces a valid OpenAPI 3.1 document with every staff route', async () => {
    const document = JSON.parse(JSON.stringify(toOpenApiDocument(experienceAdvisorContract)));
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/audit-events',
      '/v1/customers',
      '/v1/customers/{customerKey}',
      '/v1/customers/{customerKey}/history',
      '/v1/reconciliations',
      '/v1/reconciliations/{id}',
      '/v1/reviews',
      '/v1/reviews/{id}/decision',
      '/v1/sync-health',
    ]);
  });

  it('names a malformed golden key and a too-short search', () => {
    expect(pathsOf(validateRequest(routes.getCustomer360, { params: { customerKey: 'bob' } }))).toEqual(['params.customerKey']);
    expect(pathsOf(validateRequest(routes.searchCustomers, { query: { q: 'a', limit: '500' } }))).toEqual(['query.limit', 'query.q']);
  });

  it('takes a repair flag (default off) and a decision of accept or reject only', () => {
    const start = validateRequest(routes.startReconciliation, { body: {} });
    expect(start.ok && start.value.body).toEqual({ repair: false });
    expect(pathsOf(validateRequest(routes.startReconciliation, { body: { repair: 'yes' } }))).toEqual(['body.repair']);
    expect(pathsOf(validateRequest(routes.decideReview, { params: { id: '1' }, body: { decision: 'maybe' } }))).toEqual(['body.decision']);
  });
});
