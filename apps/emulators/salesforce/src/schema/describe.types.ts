/**
 * The JSON shapes of Salesforce's describe calls (`GET /sobjects`, `GET /sobjects/{T}/describe`),
 * property for property as a real org returns them, because jsforce and tools such
 * as schema-driven mappers read fields we cannot predict. Properties the emulator has
 * nothing to say about keep Salesforce's neutral value (null, false or []).
 */

/** One picklist entry; the emulator has no inactive or default values. */
export interface DescribePicklistValue {
  active: boolean;
  defaultValue: boolean;
  label: string;
  validFor: string | null;
  value: string;
}

/** One field in `describe().fields`. */
export interface DescribeField {
  aggregatable: boolean;
  aiPredictionField: boolean;
  autoNumber: boolean;
  byteLength: number;
  calculated: boolean;
  calculatedFormula: string | null;
  cascadeDelete: boolean;
  caseSensitive: boolean;
  compoundFieldName: string | null;
  controllerName: string | null;
  createable: boolean;
  custom: boolean;
  defaultValue: string | number | boolean | null;
  defaultValueFormula: string | null;
  defaultedOnCreate: boolean;
  dependentPicklist: boolean;
  deprecatedAndHidden: boolean;
  digits: number;
  displayLocationInDecimal: boolean;
  encrypted: boolean;
  externalId: boolean;
  extraTypeInfo: string | null;
  filterable: boolean;
  filteredLookupInfo: null;
  formulaTreatNullNumberAsZero: boolean;
  groupable: boolean;
  highScaleNumber: boolean;
  htmlFormatted: boolean;
  idLookup: boolean;
  inlineHelpText: string | null;
  label: string;
  length: number;
  mask: string | null;
  maskType: string | null;
  name: string;
  nameField: boolean;
  namePointing: boolean;
  nillable: boolean;
  permissionable: boolean;
  picklistValues: DescribePicklistValue[];
  polymorphicForeignKey: boolean;
  precision: number;
  queryByDistance: boolean;
  referenceTargetField: string | null;
  referenceTo: string[];
  relationshipName: string | null;
  relationshipOrder: number | null;
  restrictedDelete: boolean;
  restrictedPicklist: boolean;
  scale: number;
  searchPrefilterable: boolean;
  soapType: string;
  sortable: boolean;
  type: string;
  unique: boolean;
  updateable: boolean;
  writeRequiresMasterRead: boolean;
}

/** A child relationship (`Account.Contacts`), which SOQL sub-queries navigate. */
export interface DescribeChildRelationship {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  relationshipName: string | null;
  restrictedDelete: boolean;
}

/** URLs jsforce follows; `rowTemplate` holds the literal `{ID}` placeholder. */
export interface DescribeUrls {
  sobject: string;
  describe: string;
  rowTemplate: string;
  [name: string]: string;
}

/** One entry of `describeGlobal().sobjects`: the object's summary without fields. */
export interface DescribeGlobalSObject {
  activateable: boolean;
  associateEntityType: string | null;
  associateParentEntity: string | null;
  createable: boolean;
  custom: boolean;
  customSetting: boolean;
  deepCloneable: boolean;
  deletable: boolean;
  deprecatedAndHidden: boolean;
  feedEnabled: boolean;
  hasSubtypes: boolean;
  isInterface: boolean;
  isSubtype: boolean;
  keyPrefix: string;
  label: string;
  labelPlural: string;
  layoutable: boolean;
  mergeable: boolean;
  mruEnabled: boolean;
  name: string;
  queryable: boolean;
  replicateable: boolean;
  retrieveable: boolean;
  searchable: boolean;
  triggerable: boolean;
  undeletable: boolean;
  updateable: boolean;
  urls: DescribeUrls;
}

/** `GET /sobjects/{T}/describe`. */
export interface DescribeSObjectResult extends DescribeGlobalSObject {
  actionOverrides: unknown[];
  childRelationships: DescribeChildRelationship[];
  compactLayoutable: boolean;
  defaultImplementation: string | null;
  extendedBy: string | null;
  extendsInterfaces: string | null;
  fields: DescribeField[];
  implementedBy: string | null;
  implementsInterfaces: string | null;
  listviewable: boolean | null;
  lookupLayoutable: boolean | null;
  namedLayoutInfos: unknown[];
  networkScopeFieldName: string | null;
  recordTypeInfos: Record<string, unknown>[];
  searchLayoutable: boolean;
  sobjectDescribeOption: string;
  supportedScopes: { label: string; name: string }[];
}

/** `GET /sobjects`. */
export interface DescribeGlobalResult {
  encoding: string;
  maxBatchSize: number;
  sobjects: DescribeGlobalSObject[];
}
