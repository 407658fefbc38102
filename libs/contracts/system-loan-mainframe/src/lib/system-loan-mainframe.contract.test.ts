import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { systemLoanMainframeContract } from './system-loan-mainframe.contract';

const routes = systemLoanMainframeContract.routes;

describe('the loan mainframe System API contract', () => {
  it('produces a valid OpenAPI 3.1 document with every route', async () => {
    const document = JSON.parse(JSON.stringify(toOpenApiDocument(systemLoanMainframeContract)));
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(Object.keys(document.paths).sort()).toEqual(
      ['/v1/changes', '/v1/changes/status', '/v1/customers', '/v1/customers/by-key/{customerKey}', '/v1/customers/{id}', '/v1/requests/{requestId}'].sort(),
    );
  });

  it('refuses text longer than the record layout allows, naming each field', () => {
    const result = validateRequest(routes.upsertCustomerByKey, {
      params: { customerKey: 'CK-000001' },
      headers: {},
      body: { lastName: 'X'.repeat(31), address: { city: 'C'.repeat(26), country: 'USA' } },
    });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path).sort()).toEqual(['body.address.city', 'body.address.country', 'body.lastName']);
  });

  it('accepts Prefer: wait and refuses other preferences and malformed keys', () => {
    const ok = validateRequest(routes.upsertCustomerByKey, { params: { customerKey: 'CK-000001' }, headers: { prefer: 'respond-async, wait=5' }, body: {} });
    expect(ok.ok).toBe(true);
    const bad = validateRequest(routes.upsertCustomerByKey, { params: { customerKey: 'CK-1' }, headers: { prefer: 'return=minimal' }, body: {} });
    expect(bad.ok ? [] : bad.fieldErrors.map((e) => e.path).sort()).toEqual(['headers.prefer', 'params.customerKey']);
  });

  it('marks writes as safe to retry', () => {
    expect(routes.upsertCustomerByKey.idempotent).toBe(true);
    expect(routes.updateCustomer.idempotent).toBe(true);
  });
});
