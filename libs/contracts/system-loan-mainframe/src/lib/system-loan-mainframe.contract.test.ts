import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { MAX_BATCH_UPDATES, systemLoanMainframeContract } from './system-loan-mainframe.contract';

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

  it('takes a batch of updates by loan account, refusing a loan twice, a malformed account and more than the maximum, naming each item', () => {
    const ok = validateRequest(routes.updateCustomers, { headers: { prefer: 'wait=5' }, body: { items: [{ id: 'LN-00000001', update: { email: null, customerKey: 'CK-000001' } }] } });
    expect(ok.ok).toBe(true);
    const bad = validateRequest(routes.updateCustomers, {
      headers: {},
      body: { items: [{ id: 'LN-00000001', update: {} }, { id: 'LN-00000001', update: {} }, { id: 'LN1', update: { customerKey: 'nope' } }] },
    });
    expect(bad.ok ? [] : bad.fieldErrors.map((e) => e.path).sort()).toEqual(['body.items.1.id', 'body.items.2.id', 'body.items.2.update.customerKey']);
    const items = Array.from({ length: MAX_BATCH_UPDATES + 1 }, (_, i) => ({ id: `LN-${String(i).padStart(8, '0')}`, update: {} }));
    const oversized = validateRequest(routes.updateCustomers, { headers: {}, body: { items } });
    expect(oversized.ok ? [] : oversized.fieldErrors.map((e) => e.path)).toEqual(['body.items']);
  });

  it('marks writes as safe to retry', () => {
    expect(routes.upsertCustomerByKey.idempotent).toBe(true);
    expect(routes.updateCustomer.idempotent).toBe(true);
  });
});
