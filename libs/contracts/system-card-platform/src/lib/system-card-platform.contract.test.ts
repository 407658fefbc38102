import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { MAX_BATCH_UPDATES, systemCardPlatformContract } from './system-card-platform.contract';

describe('the card platform System API contract', () => {
  it('produces a valid OpenAPI 3.1 document with the customer routes and the change feed', async () => {
    const document = JSON.parse(JSON.stringify(toOpenApiDocument(systemCardPlatformContract)));
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/customers', '/v1/customers/{id}', '/v1/customers/by-key/{customerKey}', '/v1/changes', '/v1/changes/status']),
    );
  });

  it('rejects an upsert with a malformed golden key, email and birth date, naming each', () => {
    const result = validateRequest(systemCardPlatformContract.routes.upsertCustomerByKey, {
      params: { customerKey: 'customer-1' },
      headers: {},
      body: { lastName: 'Doe', email: 'not-an-email', birthDate: '31/12/1980' },
    });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path).sort()).toEqual(['body.birthDate', 'body.email', 'params.customerKey']);
  });

  it('accepts null to clear a field and marks the upsert as safe to retry', () => {
    const result = validateRequest(systemCardPlatformContract.routes.upsertCustomerByKey, {
      params: { customerKey: 'CK-000001' },
      headers: {},
      body: { email: null, address: { street: null } },
    });
    expect(result.ok).toBe(true);
    expect(systemCardPlatformContract.routes.upsertCustomerByKey.idempotent).toBe(true);
  });

  it('takes a batch of updates by platform id, refusing a cardholder twice, a malformed version and more than the maximum, naming each item', () => {
    const route = systemCardPlatformContract.routes.updateCustomers;
    const ok = validateRequest(route, { headers: {}, body: { items: [{ id: 'CP-000001', ifMatch: `"${'a'.repeat(64)}"`, update: { email: null, customerKey: 'CK-000001' } }] } });
    expect(ok.ok).toBe(true);
    const bad = validateRequest(route, { headers: {}, body: { items: [{ id: 'CP-000001', update: {} }, { id: 'CP-000001', ifMatch: '"7"', update: { email: 'nope' } }] } });
    expect(bad.ok ? [] : bad.fieldErrors.map((e) => e.path).sort()).toEqual(['body.items.1.id', 'body.items.1.ifMatch', 'body.items.1.update.email']);
    const items = Array.from({ length: MAX_BATCH_UPDATES + 1 }, (_, i) => ({ id: `CP-${String(i).padStart(6, '0')}`, update: {} }));
    const oversized = validateRequest(route, { headers: {}, body: { items } });
    expect(oversized.ok ? [] : oversized.fieldErrors.map((e) => e.path)).toEqual(['body.items']);
  });

  it('refuses a card platform id that is not CP- and six digits', () => {
    const result = validateRequest(systemCardPlatformContract.routes.getCustomer, { params: { id: '12345' }, headers: {} });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path)).toEqual(['params.id']);
  });
});
