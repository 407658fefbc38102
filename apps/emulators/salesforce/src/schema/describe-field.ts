import { DescribeField } from './describe.types';
import { isCustomName } from './org-schema.lookup';
import { FieldDef, FieldType } from './schema.types';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', email: 'xsd:string',
  phone: 'xsd:string', url: 'xsd:string', picklist: 'xsd:string', multipicklist: 'xsd:string',
  boolean: 'xsd:boolean', int: 'xsd:int', double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double',
  date: 'xsd:date', datetime: 'xsd:dateTime',
};
const TEXT_LIKE: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);
const DECIMAL: ReadonlySet<FieldType> = new Set(['double', 'currency', 'percent']);
const NOT_GROUPABLE: ReadonlySet<FieldType> = new Set(['double', 'currency', 'percent', 'datetime', 'multipicklist']);
/** Salesforce's default lengths where the schema gives none. */
const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = { picklist: 255, multipicklist: 4099, id: 18, reference: 18 };
const ADDRESS_PART = /^(Mailing|Billing|Shipping|Other)(Street|City|State|PostalCode|Country)$/;
const NAME_PART = new Set(['FirstName', 'LastName', 'Salutation']);

function lengthOf(field: FieldDef): number {
  if (TEXT_LIKE.has(field.type)) return field.length ?? DEFAULT_LENGTH[field.type] ?? 255;
  return DEFAULT_LENGTH[field.type] ?? 0;
}

/** Address and name parts report the compound field they belong to (`MailingAddress`, `Name`). */
function compoundFieldName(field: FieldDef): string | null {
  const address = ADDRESS_PART.exec(field.name);
  if (address) return `${address[1]}Address`;
  return NAME_PART.has(field.name) ? 'Name' : null;
}

/** Values that the schema alone decides; the rest of `describeField` is constant. */
function derived(field: FieldDef) {
  const length = lengthOf(field);
  const longText = field.type === 'textarea' && length > 255;
  const writable = !field.readOnly;
  const nillable = !field.required && field.type !== 'boolean' && field.type !== 'id';
  const defaultValue = field.defaultValue ?? (field.type === 'boolean' ? false : null);
  const isPicklist = field.type === 'picklist' || field.type === 'multipicklist';
  return {
    aggregatable: !longText,
    byteLength: TEXT_LIKE.has(field.type) ? length * 3 : length,
    compoundFieldName: compoundFieldName(field),
    createable: writable,
    custom: isCustomName(field.name),
    defaultValue,
    defaultedOnCreate: Boolean(field.readOnly) || field.type === 'boolean' || defaultValue !== null,
    digits: field.type === 'int' ? (field.precision ?? 9) : 0,
    externalId: Boolean(field.externalId),
    extraTypeInfo: field.type === 'textarea' ? 'plaintextarea' : null,
    filterable: !longText,
    groupable: !longText && !NOT_GROUPABLE.has(field.type),
    idLookup: field.type === 'id' || Boolean(field.externalId) || field.name === 'Name' || field.type === 'email',
    label: field.label,
    length,
    name: field.name,
    nameField: field.name === 'Name',
    nillable,
    permissionable: isCustomName(field.name) && nillable && writable,
    picklistValues: (field.picklistValues ?? []).map((value) => ({ active: true, defaultValue: false, label: value, validFor: null, value })),
    precision: DECIMAL.has(field.type) ? (field.precision ?? 18) : 0,
    referenceTo: field.referenceTo ? [field.referenceTo] : [],
    relationshipName: field.relationshipName ?? null,
    restrictedPicklist: isPicklist,
    scale: DECIMAL.has(field.type) ? (field.scale ?? 0) : 0,
    soapType: SOAP_TYPES[field.type],
    sortable: !longText && field.type !== 'multipicklist',
    type: field.type,
    unique: Boolean(field.unique),
    updateable: writable,
  };
}

/**
 * One field as `describe` reports it. jsforce reads `name`, `type`, `externalId` and
 * friends; generic tools read the rest, so every property is present. The emulator
 * treats all picklists as restricted (it rejects unknown values), and says so.
 */
export function describeField(field: FieldDef): DescribeField {
  return {
    aiPredictionField: false,
    autoNumber: false,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    controllerName: null,
    defaultValueFormula: null,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    displayLocationInDecimal: false,
    encrypted: false,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    highScaleNumber: false,
    htmlFormatted: false,
    inlineHelpText: null,
    mask: null,
    maskType: null,
    namePointing: false,
    polymorphicForeignKey: false,
    queryByDistance: false,
    referenceTargetField: null,
    relationshipOrder: null,
    restrictedDelete: false,
    searchPrefilterable: false,
    writeRequiresMasterRead: false,
    ...derived(field),
  };
}
