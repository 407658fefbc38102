import type { FieldDef, ObjectDef, OrgSchema, SObjectRecord } from '../schema/schema.types';
import type { FieldPath, Position } from './soql.ast';
import { SoqlError } from './soql.errors';

/** One step through a lookup: `AccountId` (relationship `Account`) into Account. */
export interface RelationshipHop {
  reference: FieldDef;
  relationshipName: string;
  target: ObjectDef;
}

/**
 * A field path bound to the schema: the lookups to walk, then the field to read, all
 * in canonical case. Resolved once per query so rows are never matched by name.
 */
export interface ResolvedField {
  hops: RelationshipHop[];
  field: FieldDef;
  /** The object that owns `field` (the last hop's target, or the queried object). */
  owner: ObjectDef;
  path: FieldPath;
}

interface ObjectEntry {
  def: ObjectDef;
  fields: Map<string, FieldDef>;
  relationships: Map<string, FieldDef>;
}

/** Case-insensitive lookup tables over one schema, built once and shared. */
export interface SchemaIndex {
  objects: Map<string, ObjectEntry>;
}

/** Every object gets an `Id`, even when a schema file forgets to list it. */
const IMPLICIT_ID: FieldDef = { name: 'Id', label: 'Record ID', type: 'id', readOnly: true };
const indexes = new WeakMap<OrgSchema, SchemaIndex>();

/** The lookup tables for a schema, cached per schema object. */
export function indexSchema(schema: OrgSchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    index = { objects: new Map(schema.objects.map((def) => [def.name.toLowerCase(), indexObject(def)])) };
    indexes.set(schema, index);
  }
  return index;
}

function indexObject(def: ObjectDef): ObjectEntry {
  const fields = new Map(def.fields.map((f) => [f.name.toLowerCase(), f]));
  if (!fields.has('id')) fields.set('id', IMPLICIT_ID);
  const relationships = new Map<string, FieldDef>();
  for (const f of def.fields) {
    if (f.type === 'reference' && f.relationshipName) relationships.set(f.relationshipName.toLowerCase(), f);
  }
  return { def, fields, relationships };
}

/** The object a FROM names; INVALID_TYPE when the org has no such object. */
export function resolveObject(index: SchemaIndex, name: string, pos: Position, source: string): ObjectDef {
  const entry = index.objects.get(name.toLowerCase());
  if (entry) return entry.def;
  const detail =
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append ` +
    `the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
  throw new SoqlError('INVALID_TYPE', detail, source, pos);
}

/**
 * Binds `Account.Owner.Name` to the schema starting from `root`. Unknown fields and
 * relationships are INVALID_FIELD with Salesforce's wording, pointing at the path.
 */
export function resolveField(index: SchemaIndex, root: ObjectDef, path: FieldPath, source: string): ResolvedField {
  const hops: RelationshipHop[] = [];
  let current = entryOf(index, root);
  for (const part of path.parts.slice(0, -1)) {
    const reference = current.relationships.get(part.toLowerCase());
    const target = reference?.referenceTo ? index.objects.get(reference.referenceTo.toLowerCase()) : undefined;
    if (!reference || !target) {
      const detail =
        `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom ` +
        `relationship, be sure to append the '__r' after the custom relationship name. Please reference your ` +
        `WSDL or the describe call for the appropriate names.`;
      throw new SoqlError('INVALID_FIELD', detail, source, path.pos);
    }
    hops.push({ reference, relationshipName: reference.relationshipName ?? part, target: target.def });
    current = target;
  }
  const name = path.parts[path.parts.length - 1];
  const field = current.fields.get(name.toLowerCase());
  if (!field) {
    const detail =
      `No such column '${name}' on entity '${current.def.name}'. If you are attempting to use a custom field, ` +
      `be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call ` +
      `for the appropriate names.`;
    throw new SoqlError('INVALID_FIELD', detail, source, path.pos);
  }
  return { hops, field, owner: current.def, path };
}

function entryOf(index: SchemaIndex, def: ObjectDef): ObjectEntry {
  const entry = index.objects.get(def.name.toLowerCase());
  if (!entry) throw new Error(`object ${def.name} is not part of this schema`);
  return entry;
}

/** Finds the parent a lookup points at, or undefined when it is empty or gone. */
export type ParentLookup = (hop: RelationshipHop, id: string) => SObjectRecord | undefined;

/** Reads a resolved field from a row, walking lookups; null when any link is empty. */
export function readField(row: SObjectRecord, field: ResolvedField, lookup: ParentLookup): unknown {
  let current: SObjectRecord | undefined = row;
  for (const hop of field.hops) {
    const id: unknown = current[hop.reference.name];
    current = typeof id === 'string' && id !== '' ? lookup(hop, id) : undefined;
    if (!current) return null;
  }
  return current[field.field.name] ?? null;
}
