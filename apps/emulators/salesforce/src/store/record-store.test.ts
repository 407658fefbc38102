import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database, openDatabase } from '@strata/persistence';
import { loadOrgSchema } from '../schema/org-schema.loader';
import { isValidId } from '../schema/salesforce-id';
import { RecordStore } from './record-store';
import type { WriteContext } from './write-context';

const schema = loadOrgSchema();
const ctx: WriteContext = { userId: '005000000000001AAA', client: 'strata-sync', apiVersion: '58.0' };
const anonymous: WriteContext = { ...ctx, client: '' };
let keySeq = 0;
const key = () => `CK-T${process.pid}-${++keySeq}`;

describe('RecordStore', () => {
  let db: Database;
  let store: RecordStore;

  beforeAll(async () => {
    db = await openDatabase();
    store = await RecordStore.open(db, schema);
  });
  afterAll(() => db.close());

  it('creates a record with a valid id, system fields, the Name formula and a CREATE event', async () => {
    const before = await store.changeLog.latestReplayId();
    const [result] = await store.write([{ kind: 'create', objectName: 'contact', input: { firstname: 'Ada', LastName: 'Lovelace', Customer_Key__c: key() } }], ctx, { allOrNone: true });
    expect(result).toMatchObject({ ok: true, created: true, status: 201 });
    const id = result?.ok ? result.id : '';
    expect(id).toHaveLength(18);
    expect(id.startsWith('003')).toBe(true);
    expect(isValidId(id)).toBe(true);
    const record = store.byId('Contact', id);
    expect(record).toMatchObject({ FirstName: 'Ada', LastName: 'Lovelace', Name: 'Ada Lovelace', IsDeleted: false, CreatedById: ctx.userId });
    expect(record?.['CreatedDate']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const [event] = await store.changeLog.readAfter(before, 10);
    expect(event?.payload.ChangeEventHeader).toMatchObject({ entityName: 'Contact', changeType: 'CREATE', recordIds: [id], changeOrigin: 'com/salesforce/api/rest/58.0;client=strata-sync' });
    expect(event?.payload['LastName']).toBe('Lovelace');
  });

  it('updates only what changed and says so in the event, with no origin for an anonymous client', async () => {
    const [created] = await store.write([{ kind: 'create', objectName: 'Contact', input: { LastName: 'Hopper', Email: 'grace@example.com' } }], ctx, { allOrNone: true });
    const id = created?.ok ? created.id : '';
    const before = await store.changeLog.latestReplayId();
    const [updated] = await store.write([{ kind: 'update', objectName: 'Contact', id, input: { Email: 'grace@navy.mil' } }], anonymous, { allOrNone: true });
    expect(updated).toMatchObject({ ok: true, status: 204, created: false });
    const [event] = await store.changeLog.readAfter(before, 10);
    expect(event?.payload.ChangeEventHeader.changeType).toBe('UPDATE');
    expect(event?.payload.ChangeEventHeader.changedFields.sort()).toEqual(['Email', 'LastModifiedDate']);
    expect(event?.payload.ChangeEventHeader.changeOrigin).toBe('');
    expect(store.byId('Contact', id)?.['Email']).toBe('grace@navy.mil');
  });

  it('rejects an invalid body with Salesforce errors and writes nothing', async () => {
    const before = await store.changeLog.latestReplayId();
    const count = store.count('Contact');
    const [result] = await store.write([{ kind: 'create', objectName: 'Contact', input: { FirstName: 'No last name' } }], ctx, { allOrNone: true });
    expect(result).toMatchObject({ ok: false, status: 400, errors: [{ errorCode: 'REQUIRED_FIELD_MISSING' }] });
    expect(store.count('Contact')).toBe(count);
    expect(await store.changeLog.latestReplayId()).toBe(before);
  });

  it('refuses a duplicate unique value, naming the record that holds it', async () => {
    const shared = key();
    const [first] = await store.write([{ kind: 'create', objectName: 'Contact', input: { LastName: 'One', Customer_Key__c: shared } }], ctx, { allOrNone: true });
    const [second] = await store.write([{ kind: 'create', objectName: 'Contact', input: { LastName: 'Two', Customer_Key__c: shared.toLowerCase() } }], ctx, { allOrNone: true });
    expect(second).toMatchObject({ ok: false, errors: [{ errorCode: 'DUPLICATE_VALUE', fields: ['Customer_Key__c'] }] });
    expect(second?.ok === false && second.errors[0]?.message).toContain(first?.ok ? first.id : 'x');
  });

  it('upserts by external id: 201 when new, 200 when it exists, same record both times', async () => {
    const value = key();
    const op = { kind: 'upsert' as const, objectName: 'Contact', field: 'Customer_Key__c', value };
    const [created] = await store.write([{ ...op, input: { LastName: 'Turing' } }], ctx, { allOrNone: true });
    const [updated] = await store.write([{ ...op, input: { LastName: 'Turing', Phone: '+441234' } }], ctx, { allOrNone: true });
    expect(created).toMatchObject({ ok: true, status: 201, created: true });
    expect(updated).toMatchObject({ ok: true, status: 200, created: false });
    expect(created?.ok && updated?.ok && created.id === updated.id).toBe(true);
    expect(store.byId('Contact', created?.ok ? created.id : '')).toMatchObject({ Customer_Key__c: value, Phone: '+441234' });
  });

  it('answers 404 for an upsert on a field that is not an external id', async () => {
    const [result] = await store.write([{ kind: 'upsert', objectName: 'Contact', field: 'LastName', value: 'x', input: {} }], ctx, { allOrNone: true });
    expect(result).toMatchObject({ ok: false, status: 404 });
  });

  it('deletes softly: queryAll still sees it, the event says DELETE, and its unique key is free again', async () => {
    const value = key();
    const [created] = await store.write([{ kind: 'create', objectName: 'Contact', input: { LastName: 'Gone', Customer_Key__c: value } }], ctx, { allOrNone: true });
    const id = created?.ok ? created.id : '';
    const before = await store.changeLog.latestReplayId();
    const [deleted] = await store.write([{ kind: 'delete', objectName: 'Contact', id }], ctx, { allOrNone: true });
    expect(deleted).toMatchObject({ ok: true, status: 204 });
    expect(store.byId('Contact', id)?.['IsDeleted']).toBe(true);
    expect((await store.changeLog.readAfter(before, 5))[0]?.payload.ChangeEventHeader.changeType).toBe('DELETE');
    const [again] = await store.write([{ kind: 'delete', objectName: 'Contact', id }], ctx, { allOrNone: true });
    expect(again).toMatchObject({ ok: false, status: 404 });
    const [reused] = await store.write([{ kind: 'create', objectName: 'Contact', input: { LastName: 'New', Customer_Key__c: value } }], ctx, { allOrNone: true });
    expect(reused?.ok).toBe(true);
  });

  it('with allOrNone commits nothing when one record fails, and without it commits the valid ones', async () => {
    const count = store.count('Contact');
    const ops = [
      { kind: 'create' as const, objectName: 'Contact', input: { LastName: 'Valid' } },
      { kind: 'create' as const, objectName: 'Contact', input: { LastName: 'Bad', Email: 'not-an-email' } },
    ];
    const all = await store.write(ops, ctx, { allOrNone: true });
    expect(all.map((r) => (r.ok ? 'ok' : r.errors[0]?.errorCode))).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_EMAIL_ADDRESS']);
    expect(store.count('Contact')).toBe(count);
    const each = await store.write(ops, ctx, { allOrNone: false });
    expect(each.map((r) => r.ok)).toEqual([true, false]);
    expect(store.count('Contact')).toBe(count + 1);
  });
});

describe('RecordStore durability', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps records, events and the id sequence across a restart', async () => {
    const first = await openDatabase({ dataDir });
    const store = await RecordStore.open(first, schema);
    const [a] = await store.write([{ kind: 'create', objectName: 'Account', input: { Name: 'Acme' } }], ctx, { allOrNone: true });
    const latest = await store.changeLog.latestReplayId();
    await first.close();

    const second = await openDatabase({ dataDir });
    const reopened = await RecordStore.open(second, schema);
    expect(reopened.byId('Account', a?.ok ? a.id : '')).toMatchObject({ Name: 'Acme' });
    expect(await reopened.changeLog.latestReplayId()).toBe(latest);
    const [b] = await reopened.write([{ kind: 'create', objectName: 'Account', input: { Name: 'Beta' } }], ctx, { allOrNone: true });
    expect(b?.ok && a?.ok && b.id !== a.id).toBe(true);
    expect(await reopened.changeLog.latestReplayId()).toBe(latest + 1);
    await second.close();
  }, 30_000);
});

describe('change-event retention', () => {
  it('stops replaying events older than the window', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const db = await openDatabase();
    const store = await RecordStore.open(db, schema, { retentionMs: 3600_000, clock: () => now });
    await store.write([{ kind: 'create', objectName: 'Account', input: { Name: 'Old' } }], ctx, { allOrNone: true });
    now = new Date('2026-01-01T02:00:00Z');
    await store.write([{ kind: 'create', objectName: 'Account', input: { Name: 'New' } }], ctx, { allOrNone: true });
    const retained = await store.changeLog.readAfter(0, 10);
    expect(retained.map((e) => e.payload['Name'])).toEqual(['New']);
    expect(await store.changeLog.oldestRetainedReplayId()).toBe(retained[0]?.replayId);
    await db.close();
  }, 30_000);
});
