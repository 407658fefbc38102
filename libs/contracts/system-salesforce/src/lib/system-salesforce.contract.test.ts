import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { MAX_BATCH_UPDATES, systemSalesforceContract } from './system-salesforce.contract';

describe('the Salesforce System API contract', () => {
  it('produces a valid OpenAPI 3.1 document', async () => {
    const document = JSON.parse(JSON.stringify(toOpenApiDocument(systemSalesforceContract)));
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/customers', '/v1/customers/{id}', '/v1/customers/by-key/{customerKey}', '/v1/changes']),
    );
  });

  it('rejects an upsert with a malformed email and an unknown bank system, naming both', () => {
    const result = validateRequest(systemSalesforceContract.routes.upsertCustomerByExternalId, {
      params: { system: 'mainframe', externalId: 'X-1' },
      headers: {},
      body: { lastName: 'Doe', email: 'not-an-email' },
    });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path).sort()).toEqual(['body.email', 'params.system']);
  });

  it('takes a batch of updates, refusing a contact twice in one batch, a bad id or version and an empty or oversized batch, naming each item', () => {
    const route = systemSalesforceContract.routes.updateCustomers;
    const ok = validateRequest(route, {
      headers: {},
      body: { items: [{ id: '0035g0000000001AAA', ifMatch: '"1767261600123-9f86d081"', update: { email: null, customerKey: 'CK-1' } }, { id: '0035g0000000002', update: { lastName: 'Doe' } }] },
    });
    expect(ok.ok).toBe(true);
    const bad = validateRequest(route, {
      headers: {},
      body: { items: [{ id: '0035g0000000001AAA', update: {} }, { id: '0035g0000000001AAA', update: {} }, { id: 'P000000001', ifMatch: '"7"', update: { email: 'nope' } }] },
    });
    expect(bad.ok ? [] : bad.fieldErrors.map((e) => e.path).sort()).toEqual(['body.items.1.id', 'body.items.2.id', 'body.items.2.ifMatch', 'body.items.2.update.email']);
    const empty = validateRequest(route, { headers: {}, body: { items: [] } });
    expect(empty.ok ? [] : empty.fieldErrors.map((e) => e.path)).toEqual(['body.items']);
    const items = Array.from({ length: MAX_BATCH_UPDATES + 1 }, (_, i) => ({ id: `0035g${String(i).padStart(10, '0')}`, update: {} }));
    const oversized = validateRequest(route, { headers: {}, body: { items } });
    expect(oversized.ok ? [] : oversized.fieldErrors.map((e) => e.path)).toEqual(['body.items']);
  });

  it('marks upserts as safe to retry', () => {
    expect(systemSalesforceContract.routes.upsertCustomerByKey.idempotent).toBe(true);
    expect('idempotent' in systemSalesforceContract.routes.deleteCustomer).toBe(false);
  });
});
