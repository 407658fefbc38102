import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { systemCardPlatformContract } from './system-card-platform.contract';

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

  it('refuses a card platform id that is not CP- and six digits', () => {
    const result = validateRequest(systemCardPlatformContract.routes.getCustomer, { params: { id: '12345' }, headers: {} });
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path)).toEqual(['params.id']);
  });
});
