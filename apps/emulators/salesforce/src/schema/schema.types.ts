/**
 * The org's metadata as the emulator models it: enough of Salesforce's describe to
 * validate writes, evaluate SOQL and answer `describe` the way jsforce expects.
 * Loaded from a schema file (JSON) at startup; see `org-schema.json`.
 */

/** Salesforce field types the emulator supports (describe's `type` values). */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

export interface FieldDef {
  /** API name, e.g. `LastName`, `Core_Banking_Id__c`. Matching is case-insensitive, as in Salesforce. */
  name: string;
  label: string;
  type: FieldType;
  /** Max length for text types. */
  length?: number;
  /** Required on create (describe: `nillable: false` and not defaulted). */
  required?: boolean;
  unique?: boolean;
  externalId?: boolean;
  /** Picklist / multipicklist values. */
  picklistValues?: string[];
  /** For `reference` fields: the object it points to, and the relationship name (`AccountId` -> `Account`). */
  referenceTo?: string;
  relationshipName?: string;
  /** System fields (Id, CreatedDate, SystemModstamp...) cannot be written by callers. */
  readOnly?: boolean;
  /** Numeric precision/scale for double, currency, percent. */
  precision?: number;
  scale?: number;
  defaultValue?: string | number | boolean | null;
}

export interface ObjectDef {
  /** API name: `Account`, `Contact`. */
  name: string;
  label: string;
  labelPlural: string;
  /** The three-character key prefix of this object's ids (`001` Account, `003` Contact). */
  keyPrefix: string;
  fields: FieldDef[];
}

export interface OrgSchema {
  objects: ObjectDef[];
}

/** A stored record: field API names (canonical case) to values; dates as ISO strings. */
export type SObjectRecord = Record<string, unknown> & { Id: string };

/**
 * One error as Salesforce's REST API reports it (`[{ message, errorCode, fields }]`).
 * Shared by write validation and the store (which adds `DUPLICATE_VALUE`) so every
 * failure reaches jsforce in the one shape it parses; collection results rename
 * `errorCode` to `statusCode`, which is the route's job.
 */
export interface SalesforceError {
  errorCode: string;
  message: string;
  fields: string[];
}
