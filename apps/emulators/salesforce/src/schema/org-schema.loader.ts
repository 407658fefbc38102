import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { StrataError } from '@strata/errors';
import defaultOrgSchemaJson from './org-schema.json';
import { FieldDef, FieldType, ObjectDef, OrgSchema } from './schema.types';

/**
 * The schema file is unusable. Thrown at startup, before the emulator listens, with
 * every problem found (`problems`), so a bad edit is fixed in one round rather than
 * discovered one field at a time by a confused jsforce client. Shape problems (types,
 * unknown keys) are reported first; rules across fields and objects (duplicates,
 * references) are checked once the shape is right.
 */
export class OrgSchemaError extends StrataError {
  readonly problems: string[];

  constructor(message: string, problems: string[], options: { cause?: unknown } = {}) {
    super(`${message}${problems.length ? `:\n  - ${problems.join('\n  - ')}` : ''}`, options);
    this.problems = problems;
  }
}

/** Every supported type, as a record so adding a `FieldType` without listing it here fails typecheck. */
const FIELD_TYPES: Record<FieldType, true> = {
  id: true, string: true, textarea: true, email: true, phone: true, url: true, picklist: true,
  multipicklist: true, boolean: true, int: true, double: true, currency: true, percent: true,
  date: true, datetime: true, reference: true,
};
const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'email', 'phone', 'url']);
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const fieldSchema = z.strictObject({
  name: z.string().regex(API_NAME, 'must be an API name'),
  label: z.string().min(1),
  type: z.enum(Object.keys(FIELD_TYPES) as [FieldType, ...FieldType[]]),
  length: z.number().int().positive().optional(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  externalId: z.boolean().optional(),
  picklistValues: z.array(z.string().min(1)).min(1).optional(),
  referenceTo: z.string().optional(),
  relationshipName: z.string().regex(API_NAME, 'must be an API name').optional(),
  readOnly: z.boolean().optional(),
  precision: z.number().int().positive().optional(),
  scale: z.number().int().nonnegative().optional(),
  defaultValue: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});

const objectSchema = z.strictObject({
  name: z.string().regex(API_NAME, 'must be an API name'),
  label: z.string().min(1),
  labelPlural: z.string().min(1),
  keyPrefix: z.string().regex(/^[0-9A-Za-z]{3}$/, 'must be three letters or digits'),
  fields: z.array(fieldSchema).min(1),
});

const orgSchemaSchema = z
  .strictObject({ objects: z.array(objectSchema).min(1) })
  .superRefine((schema, ctx) => {
    for (const problem of crossCheck(schema)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });

interface Problem {
  path: (string | number)[];
  message: string;
}

/** Names and prefixes that must be unique, case-insensitively, as Salesforce treats API names. */
function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const value of values.map((v) => v.toLowerCase())) (seen.has(value) ? dupes : seen).add(value);
  return dupes;
}

/** Rules that span fields and objects, which per-field zod shapes cannot express. */
function crossCheck(schema: OrgSchema): Problem[] {
  const problems: Problem[] = [];
  const objectNames = new Set(schema.objects.map((o) => o.name.toLowerCase()));
  for (const name of duplicates(schema.objects.map((o) => o.name))) {
    problems.push({ path: ['objects'], message: `object ${name} is defined twice` });
  }
  for (const prefix of duplicates(schema.objects.map((o) => o.keyPrefix))) {
    problems.push({ path: ['objects'], message: `key prefix ${prefix} is used twice` });
  }
  schema.objects.forEach((object, o) => {
    for (const problem of checkObject(object, objectNames)) problems.push({ ...problem, path: ['objects', o, ...problem.path] });
  });
  return problems;
}

function checkObject(object: ObjectDef, objectNames: Set<string>): Problem[] {
  const problems: Problem[] = [];
  for (const name of duplicates(object.fields.map((f) => f.name))) {
    problems.push({ path: ['fields'], message: `${object.name}.${name} is defined twice` });
  }
  const id = object.fields.find((f) => f.name === 'Id');
  if (!id || id.type !== 'id') problems.push({ path: ['fields'], message: `${object.name} needs an Id field of type id` });
  object.fields.forEach((field, f) => {
    for (const message of checkField(field, objectNames)) {
      problems.push({ path: ['fields', f], message: `${object.name}.${field.name} ${message}` });
    }
  });
  return problems;
}

function checkField(field: FieldDef, objectNames: Set<string>): string[] {
  const problems: string[] = [];
  const isPicklist = field.type === 'picklist' || field.type === 'multipicklist';
  if (TEXT_TYPES.has(field.type) && field.length === undefined) problems.push(`needs a length (type ${field.type})`);
  if (isPicklist && !field.picklistValues) problems.push(`needs picklistValues (type ${field.type})`);
  if (!isPicklist && field.picklistValues) problems.push(`has picklistValues but is of type ${field.type}`);
  if (field.type === 'reference') {
    const target = field.referenceTo;
    if (!target || !objectNames.has(target.toLowerCase())) problems.push(`references unknown object ${target ?? '(none)'}`);
    if (!field.relationshipName) problems.push('needs a relationshipName');
  } else if (field.referenceTo || field.relationshipName) {
    problems.push(`has referenceTo/relationshipName but is of type ${field.type}`);
  }
  if (field.required && field.readOnly) problems.push('cannot be both required and readOnly');
  if ((field.scale ?? 0) > (field.precision ?? Infinity)) problems.push('has a scale larger than its precision');
  return problems;
}

/**
 * Validates an already-parsed schema document. Exposed so tests and tools can check a
 * schema object without writing it to disk.
 */
export function parseOrgSchema(raw: unknown, source = 'org schema'): OrgSchema {
  const result = orgSchemaSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new OrgSchemaError(`${source} is invalid`, problems);
}

/**
 * Loads the org's metadata once at startup and refuses a bad file (throws
 * {@link OrgSchemaError}) so the emulator never answers with half a schema.
 *
 * Without `path`, returns the schema that ships with the emulator. That file is a
 * static JSON import, so esbuild inlines it into the bundle, ts-jest and tsx read it
 * from source, and there is one copy to edit with no asset to copy at build time.
 * With `path` (a customised org), the file is read from disk.
 */
export function loadOrgSchema(path?: string): OrgSchema {
  if (path === undefined) return parseOrgSchema(defaultOrgSchemaJson, 'built-in org-schema.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new OrgSchemaError(`cannot read org schema ${path}`, [cause instanceof Error ? cause.message : String(cause)], { cause });
  }
  return parseOrgSchema(raw, path);
}
