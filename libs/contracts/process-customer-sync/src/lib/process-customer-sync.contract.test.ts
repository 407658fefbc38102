import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { canonicalCustomerSchema } from './canonical-customer.schema';
import { customerSystemsSchema } from './customer-systems.schema';
import { processCustomerSyncContract } from './process-customer-sync.contract';

describe('the customer-sync Process API contract', () => {
  it('produces a valid OpenAPI 3.1 document with the customer, review, reconciliation and status routes', async () => {
    const document = JSON.parse(JSON.stringify(toOpenApiDocument(processCustomerSyncContract)));
    await expect(SwaggerParser.validate(document)).resolves.toBeDefined();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/customers/{customerKey}', '/v1/customers/{customerKey}/history', '/v1/customers/{customerKey}/systems', '/v1/reviews/{id}/decision', '/v1/reconciliations', '/v1/status']),
    );
  });

  it('refuses a contact change without If-Match, with a bad email and an unknown field type, naming each', () => {
    const result = validateRequest(processCustomerSyncContract.routes.changeContactDetails, {
      params: { customerKey: 'CK-000001' },
      headers: {},
      body: { email: 'nope', phone: '0044 20' },
    });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path).sort()).toEqual(['body.email', 'body.phone', 'headers.if-match']);
  });

  it('refuses an empty contact change and a malformed golden key', () => {
    const result = validateRequest(processCustomerSyncContract.routes.changeContactDetails, {
      params: { customerKey: 'customer-1' },
      headers: { 'if-match': '"3"' },
      body: {},
    });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path).sort()).toEqual(['body', 'params.customerKey']);
  });

  it('keeps where each golden field came from, and refuses a source from an unknown system', () => {
    const base = {
      customerKey: 'CK-000001',
      firstName: 'Ann',
      lastName: 'Lee',
      birthDate: '1980-02-03',
      email: null,
      phone: null,
      address: { street: null, city: null, state: null, postalCode: null, country: null },
      status: 'active',
      identifiers: { salesforce: null, 'core-banking': 'P1', 'card-platform': null, 'loan-mainframe': null },
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const good = canonicalCustomerSchema.safeParse({ ...base, sources: { lastName: { system: 'core-banking', at: '2026-01-01T00:00:00Z', rule: 'source-priority' } } });
    const bad = canonicalCustomerSchema.safeParse({ ...base, sources: { lastName: { system: 'erp', at: '2026-01-01T00:00:00Z', rule: 'x' } } });
    expect(good.success).toBe(true);
    expect(bad.success).toBe(false);
  });

  it("reports each system's live view with a status from a closed set, and an unavailable system without a view", () => {
    const address = { street: null, city: null, state: null, postalCode: null, country: null };
    const view = { firstName: 'Ann', lastName: 'Lee', birthDate: null, email: null, phone: '+15555550123', address, status: null };
    const answer = (status: string) => ({
      customerKey: 'CK-000001',
      version: 2,
      readAt: '2026-01-01T00:00:00Z',
      systems: [
        { system: 'core-banking', recordId: 'P1', status, view, differences: [{ field: 'phone', golden: '+15555550100', system: '+15555550123' }], reason: null },
        { system: 'salesforce', recordId: '003A', status: 'unavailable', view: null, differences: [], reason: 'breaker-open' },
      ],
    });
    expect(customerSystemsSchema.safeParse(answer('differs')).success).toBe(true);
    expect(customerSystemsSchema.safeParse(answer('broken')).success).toBe(false);
  });
});
