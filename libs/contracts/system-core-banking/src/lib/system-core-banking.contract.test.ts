import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { MAX_BATCH_UPDATES, systemCoreBankingContract } from './system-core-banking.contract';

describe('the core-banking System API contract', () => {
  it('produces a valid OpenAPI 3.1 document with every route', async () => {
    const document = JSON.parse(JSON.stringify(toOpenApiDocument(systemCoreBankingContract)));
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(Object.keys(document.paths).sort()).toEqual(
      ['/v1/changes', '/v1/changes/status', '/v1/customers', '/v1/customers/by-key/{customerKey}', '/v1/customers/{id}'].sort(),
    );
  });

  it('rejects an upsert with a bad golden key, an impossible date and a malformed email, naming each', () => {
    const result = validateRequest(systemCoreBankingContract.routes.upsertCustomerByKey, {
      params: { customerKey: 'not-a-key' },
      headers: {},
      body: { lastName: 'Doe', birthDate: '2023-13-45', email: 'nope' },
    });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path).sort()).toEqual(['body.birthDate', 'body.email', 'params.customerKey']);
  });

  it('accepts null to clear a field and rejects a party id in the wrong shape', () => {
    const upsert = validateRequest(systemCoreBankingContract.routes.upsertCustomerByKey, { params: { customerKey: 'CK-000001' }, headers: {}, body: { email: null, phone: null } });
    expect(upsert.ok).toBe(true);
    const get = validateRequest(systemCoreBankingContract.routes.getCustomer, { params: { id: 'CB-000001' }, headers: {} });
    expect(get.ok ? [] : get.fieldErrors.map((e) => e.path)).toEqual(['params.id']);
  });

  it('takes a batch of updates, refusing a party twice in one batch, a bad id and an empty or oversized batch, naming each item', () => {
    const route = systemCoreBankingContract.routes.updateCustomers;
    const ok = validateRequest(route, { headers: {}, body: { items: [{ id: 'P000000001', ifMatch: '"3"', update: { email: null } }, { id: 'P000000002', update: { lastName: 'Doe' } }] } });
    expect(ok.ok).toBe(true);
    const bad = validateRequest(route, {
      headers: {},
      body: { items: [{ id: 'P000000001', update: {} }, { id: 'P000000001', update: {} }, { id: 'CB-1', ifMatch: 'seven', update: { email: 'nope' } }] },
    });
    expect(bad.ok ? [] : bad.fieldErrors.map((e) => e.path).sort()).toEqual(['body.items.1.id', 'body.items.2.id', 'body.items.2.ifMatch', 'body.items.2.update.email']);
    const empty = validateRequest(route, { headers: {}, body: { items: [] } });
    expect(empty.ok ? [] : empty.fieldErrors.map((e) => e.path)).toEqual(['body.items']);
    const items = Array.from({ length: MAX_BATCH_UPDATES + 1 }, (_, i) => ({ id: `P${String(i).padStart(9, '0')}`, update: {} }));
    const oversized = validateRequest(route, { headers: {}, body: { items } });
    expect(oversized.ok ? [] : oversized.fieldErrors.map((e) => e.path)).toEqual(['body.items']);
  });

  it('marks the upsert as safe to retry', () => {
    expect(systemCoreBankingContract.routes.upsertCustomerByKey.idempotent).toBe(true);
  });
});
