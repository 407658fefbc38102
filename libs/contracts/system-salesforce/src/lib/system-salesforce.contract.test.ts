import SwaggerParser from '@apidevtools/swagger-parser';
import { toOpenApiDocument, validateRequest } from '@strata/contract-kit';
import { systemSalesforceContract } from './system-salesforce.contract';

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

  it('marks upserts as safe to retry', () => {
    expect(systemSalesforceContract.routes.upsertCustomerByKey.idempotent).toBe(true);
    expect('idempotent' in systemSalesforceContract.routes.deleteCustomer).toBe(false);
  });
});
