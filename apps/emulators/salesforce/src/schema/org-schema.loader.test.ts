import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrgSchema, OrgSchemaError, parseOrgSchema } from './org-schema.loader';
import { externalIdFieldsOf, findField, findObject, findObjectByKeyPrefix, uniqueFieldsOf } from './org-schema.lookup';
import { ObjectDef, OrgSchema } from './schema.types';

const SYSTEM_FIELDS = ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];

function objectOf(schema: OrgSchema, name: string): ObjectDef {
  const object = findObject(schema, name);
  if (!object) throw new Error(`no ${name} in schema`);
  return object;
}

/** A valid minimal schema each test can break in its own way. */
function minimalSchema(): { objects: Record<string, unknown>[] } {
  return {
    objects: [
      { name: 'Thing__c', label: 'Thing', labelPlural: 'Things', keyPrefix: 'a00', fields: [{ name: 'Id', label: 'Thing ID', type: 'id', readOnly: true }] },
    ],
  };
}

function problemsOf(raw: unknown): string[] {
  try {
    parseOrgSchema(raw);
  } catch (error) {
    if (error instanceof OrgSchemaError) return error.problems;
    throw error;
  }
  throw new Error('schema was accepted');
}

describe('the built-in org schema', () => {
  const schema = loadOrgSchema();

  it('models Account, Contact and User with their real key prefixes', () => {
    expect(schema.objects.map((o) => [o.name, o.keyPrefix])).toEqual([
      ['Account', '001'],
      ['Contact', '003'],
      ['User', '005'],
    ]);
    expect(findObjectByKeyPrefix(schema, '003')?.name).toBe('Contact');
  });

  it('gives Account and Contact every system field, all read-only', () => {
    for (const name of ['Account', 'Contact']) {
      const object = objectOf(schema, name);
      for (const field of SYSTEM_FIELDS) expect([name, field, findField(object, field)?.readOnly]).toEqual([name, field, true]);
    }
  });

  it('requires Account.Name and Contact.LastName (80 chars)', () => {
    expect(findField(objectOf(schema, 'Account'), 'Name')?.required).toBe(true);
    expect(findField(objectOf(schema, 'Contact'), 'LastName')).toMatchObject({ required: true, length: 80, type: 'string' });
  });

  it('carries the golden key and the three bank ids as unique external ids on Contact, and one non-unique legacy id', () => {
    const contact = objectOf(schema, 'Contact');
    const keys = ['Customer_Key__c', 'Core_Banking_Id__c', 'Card_Platform_Id__c', 'Loan_System_Id__c'];
    expect(externalIdFieldsOf(contact).map((f) => f.name).sort()).toEqual([...keys, 'Legacy_Ref__c'].sort());
    expect(uniqueFieldsOf(contact).map((f) => f.name).sort()).toEqual([...keys].sort());
    expect(uniqueFieldsOf(objectOf(schema, 'Account'))).toEqual([]);
  });

  it('defines the channel multipicklist, the status picklist and the account lookup', () => {
    const contact = objectOf(schema, 'Contact');
    expect(findField(contact, 'Preferred_Channels__c')).toMatchObject({ type: 'multipicklist', picklistValues: ['Email', 'Phone', 'SMS', 'Post'] });
    expect(findField(contact, 'Customer_Status__c')?.picklistValues).toEqual(['Active', 'Inactive', 'Deceased']);
    expect(findField(contact, 'AccountId')).toMatchObject({ type: 'reference', referenceTo: 'Account', relationshipName: 'Account' });
    expect(findField(contact, 'Email')?.type).toBe('email');
    expect(findField(contact, 'Birthdate')?.type).toBe('date');
    expect(findField(objectOf(schema, 'Account'), 'NumberOfEmployees')?.type).toBe('int');
    expect(findField(objectOf(schema, 'Account'), 'AnnualRevenue')?.type).toBe('currency');
  });

  it('finds objects and fields whatever the case the caller uses', () => {
    expect(findObject(schema, 'contact')?.name).toBe('Contact');
    expect(findField(objectOf(schema, 'Contact'), 'core_banking_id__C')?.name).toBe('Core_Banking_Id__c');
    expect(findObject(schema, 'Opportunity')).toBeUndefined();
  });

  it('is the same whether imported or read from the file next to the loader', () => {
    expect(loadOrgSchema(path.join(__dirname, 'org-schema.json'))).toEqual(schema);
  });
});

describe('loading a schema file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'org-schema-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a customised org from disk', () => {
    const file = path.join(dir, 'custom.json');
    writeFileSync(file, JSON.stringify(minimalSchema()));
    expect(loadOrgSchema(file).objects[0].name).toBe('Thing__c');
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "objects": [');
    expect(() => loadOrgSchema(file)).toThrow(OrgSchemaError);
    expect(() => loadOrgSchema(file)).toThrow(/cannot read org schema .*broken\.json/);
  });

  it('refuses a file that does not exist', () => {
    expect(() => loadOrgSchema(path.join(dir, 'missing.json'))).toThrow(/cannot read org schema/);
  });
});

describe('validating a schema', () => {
  it('reports every problem at once, with where it is', () => {
    const raw = minimalSchema();
    raw.objects[0].fields = [
      { name: 'Id', label: 'Id', type: 'id' },
      { name: 'Code__c', label: 'Code', type: 'string' },
      { name: 'code__c', label: 'Code again', type: 'string', length: 10 },
      { name: 'Kind__c', label: 'Kind', type: 'picklist' },
      { name: 'Owner__c', label: 'Owner', type: 'reference', referenceTo: 'Nobody__c' },
    ];
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Thing__c.code__c is defined twice'),
        expect.stringMatching(/objects\.0\.fields\.1: Thing__c\.Code__c needs a length/),
        expect.stringContaining('Thing__c.Kind__c needs picklistValues'),
        expect.stringContaining('Thing__c.Owner__c references unknown object Nobody__c'),
        expect.stringContaining('Thing__c.Owner__c needs a relationshipName'),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('rejects unknown keys, so a typo such as "lenght" is not silently ignored', () => {
    const raw = minimalSchema();
    raw.objects[0].fields = [{ name: 'Id', label: 'Id', type: 'id', lenght: 18 }];
    expect(problemsOf(raw).join('\n')).toMatch(/lenght/);
  });

  it('rejects unsupported types, bad key prefixes and duplicate objects', () => {
    const raw = minimalSchema();
    raw.objects.push({ ...raw.objects[0], keyPrefix: 'toolong' });
    raw.objects.push({ ...raw.objects[0], name: 'Other__c', fields: [{ name: 'Id', label: 'Id', type: 'geolocation' }] });
    const problems = problemsOf(raw).join('\n');
    expect(problems).toMatch(/objects\.1\.keyPrefix: must be three letters or digits/);
    expect(problems).toMatch(/objects\.2\.fields\.0\.type/);
  });

  it('catches duplicate objects and key prefixes, and objects without an Id', () => {
    const raw = minimalSchema();
    raw.objects.push({ ...raw.objects[0], fields: [{ name: 'Name', label: 'Name', type: 'string', length: 80 }] });
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('object thing__c is defined twice'),
        expect.stringContaining('key prefix a00 is used twice'),
        expect.stringContaining('Thing__c needs an Id field of type id'),
      ]),
    );
  });

  it('refuses a field that is both required and read-only', () => {
    const raw = minimalSchema();
    raw.objects[0].fields = [{ name: 'Id', label: 'Id', type: 'id' }, { name: 'X__c', label: 'X', type: 'date', required: true, readOnly: true }];
    expect(problemsOf(raw)).toEqual([expect.stringContaining('X__c cannot be both required and readOnly')]);
  });
});
