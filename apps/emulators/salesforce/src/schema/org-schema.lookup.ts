import { FieldDef, ObjectDef, OrgSchema } from './schema.types';

/**
 * Finds an object by API name, ignoring case as Salesforce does (`/sobjects/contact`
 * and `FROM CONTACT` both work against a real org).
 */
export function findObject(schema: OrgSchema, name: string): ObjectDef | undefined {
  const wanted = name.toLowerCase();
  return schema.objects.find((o) => o.name.toLowerCase() === wanted);
}

/** Finds an object by the key prefix of its ids, to tell which object an id belongs to. */
export function findObjectByKeyPrefix(schema: OrgSchema, keyPrefix: string): ObjectDef | undefined {
  return schema.objects.find((o) => o.keyPrefix === keyPrefix);
}

/**
 * Finds a field by API name, ignoring case: callers may send `lastname`, and the
 * emulator must answer with the canonical `LastName` as a real org does.
 */
export function findField(object: ObjectDef, name: string): FieldDef | undefined {
  const wanted = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === wanted);
}

/**
 * The fields whose values must be unique across live records of the object. Write
 * validation does not see other records, so the store checks these and reports
 * `DUPLICATE_VALUE`. Salesforce compares unique text case-insensitively by default.
 */
export function uniqueFieldsOf(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => f.unique === true);
}

/** The fields an upsert may match on (`PATCH /sobjects/{T}/{field}/{value}`): Id and external ids. */
export function externalIdFieldsOf(object: ObjectDef): FieldDef[] {
  return object.fields.filter((f) => f.externalId === true);
}

/** Custom objects and fields end in `__c`; describe reports `custom` from that, as Salesforce does. */
export function isCustomName(apiName: string): boolean {
  return /__c$/i.test(apiName);
}
