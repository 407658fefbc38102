/**
 * The change feed over the real emulator's files: changes arrive once with what
 * changed, bad records and cut-off files are quarantined without stopping the feed,
 * and a file still being written is never read.
 */
import { readdir } from 'node:fs/promises';
import request from 'supertest';
import { startSystemApi, waitFor } from '../../__fixtures__/system-api.harness';

jest.setTimeout(60_000);
type Api = Awaited<ReturnType<typeof startSystemApi>>;
let api: Api;
let cursor: string;
let nextLoan = 90_000_000;

interface Change {
  changeType: string;
  entityId: string;
  changedFields: string[];
  data: { lastName: string; firstName: string | null } | null;
}

beforeAll(async () => {
  api = await startSystemApi({ people: 10 });
  cursor = (await request(api.app).get('/v1/changes').query({ limit: 1000 })).body.nextCursor;
});
afterAll(() => api?.close());
afterEach(() => api.admin('/faults', 'DELETE'));

/** A new loan on the mainframe: the emulator writes a change file for it. */
async function newLoan(surname: string): Promise<string> {
  nextLoan += 1;
  await api.admin(`/loans/LN-${nextLoan}`, 'PUT', { surname, givenNames: 'Test', statusCode: 'A' });
  return `LN-${nextLoan}`;
}

/** Changes after the last read; moves the cursor. */
async function newChanges(): Promise<Change[]> {
  await api.feed.drain();
  const page = await request(api.app).get('/v1/changes').query({ after: cursor, limit: 1000 });
  cursor = page.body.nextCursor;
  return page.body.changes;
}

const status = async () => (await request(api.app).get('/v1/changes/status')).body;

it('serves the seeded extract as created customers, then a mainframe change once, with its changed fields', async () => {
  const all = await request(api.app).get('/v1/changes').query({ limit: 1000 });
  expect(all.body.changes.length).toBeGreaterThan(0);
  expect(new Set(all.body.changes.map((c: Change) => c.changeType))).toEqual(new Set(['created']));

  const id = await newLoan('FEEDTEST');
  await api.admin(`/loans/${id}`, 'PUT', { givenNames: 'Renamed' });
  const changes = await newChanges();
  expect(changes.map((c) => [c.changeType, c.entityId, c.changedFields])).toEqual([
    ['created', id, []],
    ['updated', id, expect.arrayContaining(['firstName'])],
  ]);
  expect(changes[1]!.data?.firstName).toBe('Renamed');
  await api.admin('/extract');
  expect(await newChanges()).toEqual([]);
});

it('quarantines a malformed record with where it came from, and carries on past it', async () => {
  await api.admin('/faults', 'PUT', { corruptNextChangeFile: 'malformed' });
  const broken = await newLoan('BROKEN');
  const fine = await newLoan('FINE');
  expect((await newChanges()).map((c) => c.entityId)).toEqual([fine]);
  const quarantine = (await status()).quarantine;
  expect(quarantine.recent[0]).toMatchObject({ entityId: broken, reason: expect.stringMatching(/birthDate: impossible date 19800231/), source: expect.stringMatching(/^file LNCHG\.\d{6}\.dat record 1$/) });
});

it('waits for a file without its trailer, and quarantines it as truncated once a newer file exists', async () => {
  const before = (await status()).quarantine.total;
  await api.admin('/faults', 'PUT', { corruptNextChangeFile: 'truncated' });
  const cut = await newLoan('CUTOFF');
  expect(await newChanges()).toEqual([]);
  expect((await status()).quarantine.total).toBe(before);
  expect((await status()).position).toMatchObject({ complete: true });

  const after = await newLoan('AFTERCUT');
  expect((await newChanges()).map((c) => c.entityId)).toEqual([after]);
  const latest = (await status()).quarantine;
  expect(latest.total).toBe(before + 1);
  expect(latest.recent[0].reason).toMatch(/truncated: no trailer/);
  expect(cut).not.toBe(after);
});

it('never reads a file that is still being written under its temporary name', async () => {
  await api.admin('/faults', 'PUT', { slowWriteMs: 1500 });
  const pending = api.admin('/loans/LN-99999990', 'PUT', { surname: 'SLOWWRITE' });
  await waitFor('the temporary file', async () => (await readdir(api.dirs.outbound)).some((n) => n.endsWith('.tmp')));
  expect(await newChanges()).toEqual([]);
  await pending;
  expect((await newChanges()).map((c) => c.entityId)).toEqual(['LN-99999990']);
});
