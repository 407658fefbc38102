import { describeField } from './describe-field';
import {
  DescribeChildRelationship,
  DescribeGlobalResult,
  DescribeGlobalSObject,
  DescribeSObjectResult,
  DescribeUrls,
} from './describe.types';
import { isCustomName } from './org-schema.lookup';
import { ObjectDef, OrgSchema } from './schema.types';

/** The version jsforce uses when a connection names none; describe URLs need one. */
export const DEFAULT_API_VERSION = '50.0';

/** Every object gets Salesforce's built-in "Master" record type, as objects without record types do. */
const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** Options for describe output; `apiVersion` is the one in the request path (`58.0`, `v58.0` or `58`). */
export interface DescribeOptions {
  apiVersion: string;
  /** With the whole schema, an object's describe lists the relationships other objects have to it. */
  schema?: OrgSchema;
}

/** `v58`, `58` and `58.0` all become `58.0`, the form Salesforce puts in URLs. */
function normalizeVersion(apiVersion: string): string {
  const bare = apiVersion.replace(/^v/i, '');
  return bare.includes('.') ? bare : `${bare}.0`;
}

function urlsOf(object: ObjectDef, version: string): DescribeUrls {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    approvalLayouts: `${base}/describe/approvalLayouts`,
    defaultValues: `${base}/defaultValues?recordTypeId&fields`,
    listviews: `${base}/listviews`,
    describe: `${base}/describe`,
    quickActions: `${base}/quickActions`,
    layouts: `${base}/describe/layouts`,
    sobject: base,
  };
}

function summaryOf(object: ObjectDef, version: string): DescribeGlobalSObject {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: true,
    custom: isCustomName(object.name),
    customSetting: false,
    deepCloneable: false,
    deletable: true,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.keyPrefix,
    label: object.label,
    labelPlural: object.labelPlural,
    layoutable: true,
    mergeable: false,
    mruEnabled: true,
    name: object.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: true,
    updateable: true,
    urls: urlsOf(object, version),
  };
}

/**
 * Relationships from other objects to this one. Salesforce names a standard lookup's
 * child relationship after the child's plural (`Contacts`) and a custom one with
 * `__r`; the schema file carries no such name, so it is derived the same way.
 */
function childRelationshipsOf(object: ObjectDef, schema: OrgSchema | undefined): DescribeChildRelationship[] {
  if (!schema) return [];
  return schema.objects.flatMap((child) =>
    child.fields
      .filter((f) => f.type === 'reference' && f.referenceTo?.toLowerCase() === object.name.toLowerCase())
      .map((f) => {
        const plural = child.labelPlural.replace(/[^A-Za-z0-9]/g, '');
        const named = !f.readOnly;
        return {
          cascadeDelete: false,
          childSObject: child.name,
          deprecatedAndHidden: false,
          field: f.name,
          junctionIdListNames: [],
          junctionReferenceTo: [],
          relationshipName: named ? (isCustomName(f.name) ? `${plural}__r` : plural) : null,
          restrictedDelete: false,
        };
      }),
  );
}

/**
 * `GET /sobjects/{T}/describe` for one object. jsforce calls it before a retrieve of
 * several records without a field list, and generic tools read much more of it, so
 * the whole Salesforce shape is returned, with URLs under the caller's API version.
 */
export function describeSObject(object: ObjectDef, options: DescribeOptions): DescribeSObjectResult {
  const version = normalizeVersion(options.apiVersion);
  return {
    ...summaryOf(object, version),
    actionOverrides: [],
    childRelationships: childRelationshipsOf(object, options.schema),
    compactLayoutable: true,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: object.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: MASTER_RECORD_TYPE_ID,
        urls: { layout: `/services/data/v${version}/sobjects/${object.name}/describe/layouts/${MASTER_RECORD_TYPE_ID}` },
      },
    ],
    searchLayoutable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All records', name: 'everything' }],
  };
}

/**
 * `GET /sobjects`: every object of the org in summary. `maxBatchSize` is the 200
 * records that one sObject Collections call accepts.
 */
export function describeGlobal(schema: OrgSchema, options: Pick<DescribeOptions, 'apiVersion'> = { apiVersion: DEFAULT_API_VERSION }): DescribeGlobalResult {
  const version = normalizeVersion(options.apiVersion);
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: schema.objects.map((object) => summaryOf(object, version)) };
}
