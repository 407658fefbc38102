import type { FieldDef, OrgSchema, SObjectRecord } from '../../schema/schema.types';
import type { ExecuteOptions, QueryResult, QuerySource } from '../soql.evaluator';
import { SoqlError } from '../soql.errors';
import { executeSoql } from '../soql.evaluator';
import { parseSoql } from '../soql.parser';

/**
 * A small org for SOQL tests: User <- Account.Owner, Account <- Contact.Account, with
 * one field of every type the engine treats differently.
 */
const systemFields: FieldDef[] = [
  { name: 'Id', label: 'Record ID', type: 'id', readOnly: true },
  { name: 'IsDeleted', label: 'Deleted', type: 'boolean', readOnly: true },
  { name: 'CreatedDate', label: 'Created Date', type: 'datetime', readOnly: true },
];

export const testSchema: OrgSchema = {
  objects: [
    {
      name: 'User',
      label: 'User',
      labelPlural: 'Users',
      keyPrefix: '005',
      fields: [...systemFields, { name: 'Name', label: 'Full Name', type: 'string' }],
    },
    {
      name: 'Account',
      label: 'Account',
      labelPlural: 'Accounts',
      keyPrefix: '001',
      fields: [
        ...systemFields,
        { name: 'Name', label: 'Account Name', type: 'string', required: true },
        { name: 'Industry', label: 'Industry', type: 'picklist', picklistValues: ['Banking', 'Retail'] },
        { name: 'AnnualRevenue', label: 'Annual Revenue', type: 'currency', precision: 18, scale: 2 },
        { name: 'NumberOfEmployees', label: 'Employees', type: 'int' },
        { name: 'Customer_Key__c', label: 'Customer Key', type: 'string', externalId: true, unique: true },
        { name: 'Founded__c', label: 'Founded', type: 'date' },
        { name: 'OwnerId', label: 'Owner ID', type: 'reference', referenceTo: 'User', relationshipName: 'Owner' },
      ],
    },
    {
      name: 'Contact',
      label: 'Contact',
      labelPlural: 'Contacts',
      keyPrefix: '003',
      fields: [
        ...systemFields,
        { name: 'FirstName', label: 'First Name', type: 'string' },
        { name: 'LastName', label: 'Last Name', type: 'string', required: true },
        { name: 'Email', label: 'Email', type: 'email' },
        { name: 'Description', label: 'Description', type: 'textarea' },
        { name: 'AccountId', label: 'Account ID', type: 'reference', referenceTo: 'Account', relationshipName: 'Account' },
        { name: 'Interests__c', label: 'Interests', type: 'multipicklist', picklistValues: ['Golf', 'Sailing', 'Chess'] },
        { name: 'Score__c', label: 'Score', type: 'double' },
        { name: 'Birthdate', label: 'Birthdate', type: 'date' },
        { name: 'Do_Not_Call__c', label: 'Do Not Call', type: 'boolean' },
        { name: 'Customer_Key__c', label: 'Customer Key', type: 'string', externalId: true },
      ],
    },
  ],
};

/** The fixed "now" of SOQL tests: relative date literals are measured from it. */
export const NOW = new Date('2024-03-15T12:00:00Z');

/** A valid-looking 18-character id: key prefix, counter, checksum-like suffix. */
export function fakeId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(12, '0')}AAA`;
}

type Rows = Partial<Record<'User' | 'Account' | 'Contact', Array<Partial<SObjectRecord> & { Id: string }>>>;

/** An in-memory QuerySource over the given rows (which keep their insertion order). */
export function memorySource(rows: Rows): QuerySource {
  const byObject = new Map<string, SObjectRecord[]>();
  const byId = new Map<string, SObjectRecord>();
  for (const [objectName, list] of Object.entries(rows)) {
    byObject.set(objectName, list as SObjectRecord[]);
    for (const row of list) byId.set(`${objectName}/${row.Id}`, row as SObjectRecord);
  }
  return {
    schema: testSchema,
    records: (objectName) => byObject.get(objectName) ?? [],
    byId: (objectName, id) => byId.get(`${objectName}/${id}`),
  };
}

/** Parses and runs a query against `source` at `NOW`. */
export function runQuery(soql: string, source: QuerySource, options: Partial<ExecuteOptions> = {}): QueryResult {
  return executeSoql(parseSoql(soql), source, { now: NOW, ...options });
}

/** The values of one field across a result, for compact assertions. */
export function column(result: QueryResult, field: string): unknown[] {
  return result.records.map((record) => record[field]);
}

/** The SoqlError `action` throws; fails the test when it throws nothing or something else. */
export function errorOf(action: () => unknown): SoqlError {
  try {
    action();
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error('expected the query to be rejected');
}
