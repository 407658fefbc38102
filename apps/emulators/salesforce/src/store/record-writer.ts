import type { Queryable } from '@strata/persistence';
import { isUniqueViolation } from '@strata/persistence';
import { formatSalesforceDateTime } from '../schema/field-value.normalizer';
import { findField, findObject, uniqueFieldsOf } from '../schema/org-schema.lookup';
import { SalesforceIdFactory } from '../schema/salesforce-id';
import type { ObjectDef, OrgSchema, SObjectRecord } from '../schema/schema.types';
import { validateWrite } from '../schema/write-validation';
import { dateTimeValueMs } from '../soql/soql.dates';
import type { PendingChange } from './change-event.builder';
import type { RecordMemory } from './record-memory';
import { invalidType, modifiedSince, notFound, WriteOp, WriteRejected, WriteResult } from './write-ops';

/** What one op wrote, kept until its transaction commits. */
export interface AppliedWrite {
  result: Extract<WriteResult, { ok: true }>;
  change: PendingChange;
}

/**
 * Applies one write op inside a transaction: resolves the record, validates the body
 * with Salesforce's rules, assigns the id and system fields, claims unique values
 * (PostgreSQL rejects duplicates), and stores the row. Throws `WriteRejected` to roll
 * the transaction back with the op's Salesforce errors.
 */
export class RecordWriter {
  constructor(
    private readonly schema: OrgSchema,
    private readonly memory: RecordMemory,
    private readonly ids: SalesforceIdFactory,
  ) {}

  async apply(tx: Queryable, op: WriteOp, userId: string, now: Date): Promise<AppliedWrite> {
    const object = findObject(this.schema, op.objectName);
    if (!object) throw new WriteRejected(invalidType(op.objectName));
    const stamp = formatSalesforceDateTime(now);
    if (op.kind === 'delete') return this.remove(tx, object, op.id, userId, now);
    let existing: SObjectRecord | undefined;
    let input = op.input;
    if (op.kind === 'update') {
      existing = this.live(object, op.id);
      if (op.unmodifiedSince && savedAfter(existing, op.unmodifiedSince)) throw new WriteRejected(modifiedSince(existing.Id, op.unmodifiedSince));
    }
    if (op.kind === 'upsert') {
      const field = findField(object, op.field);
      if (!field || !(field.externalId || field.name === 'Id')) {
        throw new WriteRejected({ ok: false, status: 404, errors: [{ errorCode: 'NOT_FOUND', message: `Provided external ID field does not exist or is not accessible: ${op.field}`, fields: [] }] });
      }
      const matches = field.name === 'Id' ? [this.live(object, op.value)] : this.memory.findBy(object.name, field.name, op.value);
      if (matches.length > 1) {
        throw new WriteRejected({ ok: false, status: 300, matches: matches.map((m) => m.Id), errors: [{ errorCode: 'MULTIPLE_CHOICES', message: `Multiple records found with ${field.name} = ${op.value}`, fields: [field.name] }] });
      }
      existing = matches[0];
      if (!existing && input && typeof input === 'object') input = { ...(input as object), [field.name]: op.value };
    }
    const mode = existing ? 'update' : 'create';
    const validated = validateWrite(object, input, { mode, existing, schema: this.schema });
    if (!validated.ok) throw new WriteRejected({ ok: false, status: 400, errors: validated.errors });
    const id = existing?.Id ?? this.ids.create(object.keyPrefix, await this.nextSequence(tx, object.keyPrefix));
    const record = withFormula(object, {
      ...(existing ?? { Id: id, IsDeleted: false, CreatedDate: stamp, CreatedById: userId }),
      ...validated.values,
      LastModifiedDate: stamp,
      LastModifiedById: userId,
      SystemModstamp: stamp,
    } as SObjectRecord);
    await this.claimUniqueValues(tx, object, record, existing);
    await this.saveRow(tx, object.name, record, now);
    const created = !existing;
    const status = created ? 201 : op.kind === 'upsert' ? 200 : 204;
    return { result: { ok: true, id, created, status }, change: { entityName: object.name, changeType: created ? 'CREATE' : 'UPDATE', before: existing, after: record } };
  }

  private live(object: ObjectDef, id: string): SObjectRecord {
    const record = this.memory.get(object.name, id) ?? [...this.memory.all(object.name)].find((r) => r.Id.slice(0, 15) === id.slice(0, 15));
    if (!record || record['IsDeleted']) throw new WriteRejected(notFound(id));
    return record;
  }

  private async remove(tx: Queryable, object: ObjectDef, id: string, userId: string, now: Date): Promise<AppliedWrite> {
    const existing = this.live(object, id);
    const record = { ...existing, IsDeleted: true, LastModifiedById: userId, SystemModstamp: formatSalesforceDateTime(now) } as SObjectRecord;
    await tx.query('DELETE FROM sobject_unique_values WHERE record_id = $1', [existing.Id]);
    await this.saveRow(tx, object.name, record, now);
    return { result: { ok: true, id: existing.Id, created: false, status: 204 }, change: { entityName: object.name, changeType: 'DELETE', before: existing, after: record } };
  }

  private async nextSequence(tx: Queryable, keyPrefix: string): Promise<number> {
    const { rows } = await tx.query<{ next_value: string }>(
      `INSERT INTO id_sequences (key_prefix, next_value) VALUES ($1, 1)
       ON CONFLICT (key_prefix) DO UPDATE SET next_value = id_sequences.next_value + 1 RETURNING next_value`,
      [keyPrefix],
    );
    return Number(rows[0]?.next_value);
  }

  private async claimUniqueValues(tx: Queryable, object: ObjectDef, record: SObjectRecord, existing?: SObjectRecord): Promise<void> {
    for (const field of uniqueFieldsOf(object)) {
      const value = record[field.name];
      const previous = existing?.[field.name];
      if (value === previous) continue;
      if (typeof previous === 'string') {
        await tx.query('DELETE FROM sobject_unique_values WHERE object_name = $1 AND field_name = $2 AND value_key = $3', [object.name, field.name, previous.toLowerCase()]);
      }
      if (typeof value !== 'string') continue;
      try {
        await tx.query('SAVEPOINT unique_claim');
        await tx.query('INSERT INTO sobject_unique_values VALUES ($1, $2, $3, $4)', [object.name, field.name, value.toLowerCase(), record.Id]);
        await tx.query('RELEASE SAVEPOINT unique_claim');
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT unique_claim');
        const holder = this.memory.findBy(object.name, field.name, value)[0]?.Id ?? 'unknown';
        throw new WriteRejected({ ok: false, status: 400, errors: [{ errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: ${field.name} duplicates value on record with id: ${holder}`, fields: [field.name] }] });
      }
    }
  }

  private async saveRow(tx: Queryable, objectName: string, record: SObjectRecord, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO sobject_records (id, object_name, data, is_deleted, modstamp) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, is_deleted = EXCLUDED.is_deleted, modstamp = EXCLUDED.modstamp`,
      [record.Id, objectName, JSON.stringify(record), record['IsDeleted'] === true, now],
    );
  }
}

/** Contact and User `Name` is a formula over first and last name, as in a real org. */
function withFormula(object: ObjectDef, record: SObjectRecord): SObjectRecord {
  const name = findField(object, 'Name');
  if (!name?.readOnly || !findField(object, 'LastName')) return record;
  return { ...record, Name: [record['FirstName'], record['LastName']].filter(Boolean).join(' ') };
}

/**
 * HTTP's If-Unmodified-Since test (RFC 9110 13.1.4): the record's last save, in the
 * whole seconds an HTTP-date can name, is later than the given time. Checked inside the
 * serialized write, so nothing can save the record between the check and the update.
 */
function savedAfter(record: SObjectRecord, since: Date): boolean {
  const saved = dateTimeValueMs(record['LastModifiedDate']) ?? 0;
  return Math.floor(saved / 1000) > Math.floor(since.getTime() / 1000);
}
