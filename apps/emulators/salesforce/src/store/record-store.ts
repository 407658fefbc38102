import { Database, migrate } from '@strata/persistence';
import { findObject } from '../schema/org-schema.lookup';
import { SalesforceIdFactory } from '../schema/salesforce-id';
import type { OrgSchema, SObjectRecord } from '../schema/schema.types';
import { buildChangeEvents } from './change-event.builder';
import { PgChangeLog } from './pglite-change-log';
import { RecordMemory } from './record-memory';
import { AppliedWrite, RecordWriter } from './record-writer';
import { storeMigrations } from './store.migrations';
import { WriteContext } from './write-context';
import { WriteOp, WriteRejected, WriteResult } from './write-ops';

export interface RecordStoreOptions {
  /** How long change events stay replayable. Default 72 h, as in a real org. */
  retentionMs?: number;
  clock?: () => Date;
  ids?: SalesforceIdFactory;
}

const ROLLED_BACK = { errorCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] };

/**
 * The org's data: records, the id sequence and the change-event log, durable in PGlite
 * (or PostgreSQL) so a killed emulator loses nothing. Writes are serialized and each
 * is one transaction with its change events; memory and streaming subscribers only
 * see a write after it committed.
 */
export class RecordStore {
  readonly changeLog: PgChangeLog;
  private readonly memory = new RecordMemory();
  private readonly writer: RecordWriter;
  private readonly clock: () => Date;
  private queue: Promise<unknown> = Promise.resolve();
  private commitNumber = 0;

  private constructor(
    private readonly db: Database,
    readonly schema: OrgSchema,
    options: RecordStoreOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.writer = new RecordWriter(schema, this.memory, options.ids ?? new SalesforceIdFactory());
    this.changeLog = new PgChangeLog(db, options.retentionMs ?? 72 * 3600_000, this.clock);
  }

  /** Migrates the database and loads every record into memory. */
  static async open(db: Database, schema: OrgSchema, options: RecordStoreOptions = {}): Promise<RecordStore> {
    await migrate(db, storeMigrations);
    const store = new RecordStore(db, schema, options);
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    this.memory.clear();
    const { rows } = await this.db.query<{ object_name: string; data: SObjectRecord | string }>('SELECT object_name, data FROM sobject_records ORDER BY id');
    for (const row of rows) this.memory.put(row.object_name, typeof row.data === 'string' ? JSON.parse(row.data) : row.data);
    this.commitNumber = await this.changeLog.latestReplayId();
  }

  /** Live and deleted records of an object (SOQL's source). */
  records(objectName: string): Iterable<SObjectRecord> {
    const object = findObject(this.schema, objectName);
    return object ? this.memory.all(object.name) : [];
  }

  /** A record by 15- or 18-char id, deleted ones included. */
  byId(objectName: string, id: string): SObjectRecord | undefined {
    const object = findObject(this.schema, objectName);
    if (!object) return undefined;
    return this.memory.get(object.name, id) ?? [...this.memory.all(object.name)].find((r) => r.Id.slice(0, 15) === id.slice(0, 15));
  }

  count(objectName: string): number {
    return this.memory.count(objectName);
  }

  /**
   * Applies ops as one call. With `allOrNone` they commit together or not at all (the
   * others then report ALL_OR_NONE_OPERATION_ROLLED_BACK); without it each commits or
   * fails on its own, as Salesforce collections do by default.
   */
  write(ops: WriteOp[], context: WriteContext, options: { allOrNone: boolean }): Promise<WriteResult[]> {
    const run = () => (options.allOrNone ? this.writeAll(ops, context) : this.writeEach(ops, context));
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async writeEach(ops: WriteOp[], context: WriteContext): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (const op of ops) results.push((await this.writeAll([op], context))[0] as WriteResult);
    return results;
  }

  private async writeAll(ops: WriteOp[], context: WriteContext): Promise<WriteResult[]> {
    const now = this.clock();
    let failedAt = -1;
    let failure: WriteResult | undefined;
    try {
      const { applied, events } = await this.db.transaction(async (tx) => {
        const done: AppliedWrite[] = [];
        for (const [index, op] of ops.entries()) {
          failedAt = index;
          done.push(await this.writer.apply(tx, op, context.userId, now));
        }
        const payloads = buildChangeEvents(done.map((a) => a.change), context, { number: this.commitNumber + 1, at: now });
        return { applied: done, events: await this.changeLog.append(tx, payloads, now) };
      });
      this.commitNumber += 1;
      for (const { change } of applied) this.memory.put(change.entityName, change.after);
      this.changeLog.published(events);
      return applied.map((a) => a.result);
    } catch (error) {
      if (!(error instanceof WriteRejected)) throw error;
      failure = error.result;
    }
    return ops.map((_op, index) => (index === failedAt ? failure : { ok: false, status: 400, errors: [ROLLED_BACK] }) as WriteResult);
  }

  /** Removes every record and event (admin "reset data"); ids keep increasing. */
  async reset(): Promise<void> {
    const run = async () => {
      await this.db.exec('DELETE FROM sobject_unique_values; DELETE FROM sobject_records; DELETE FROM change_events;');
      this.memory.clear();
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    await result;
  }
}
