/**
 * Conditional updates (`If-Unmodified-Since` on sObject Rows PATCH), sent through jsforce
 * as the Salesforce System API sends them: the org checks and writes in one step.
 */
import type { Connection } from 'jsforce';
import { startRestHarness } from './__fixtures__/rest-harness';

type Harness = Awaited<ReturnType<typeof startRestHarness>>;
let h: Harness;
let now = Date.parse('2026-03-01T10:00:00.250Z');

beforeAll(async () => {
  h = await startRestHarness({ clock: () => new Date(now) });
});
afterAll(() => h.close());
afterEach(() => h.faults.clear());

const patchIfUnmodified = (conn: Connection, id: string, body: object, since: string) =>
  conn.request({ method: 'PATCH', url: `/sobjects/Contact/${id}`, body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'if-unmodified-since': since } });

async function contactSavedAt(at: string, email: string) {
  now = Date.parse(at);
  const created = await h.connect().sobject('Contact').create({ LastName: 'Conditional', Email: email });
  const id = (created as { id: string }).id;
  return { id, savedAt: new Date(now).toUTCString() };
}

const emailOf = async (id: string) => (await h.connect().sobject('Contact').retrieve(id))['Email'];

describe('PATCH /sobjects/Contact/:id with If-Unmodified-Since', () => {
  it('updates a record not saved since that time', async () => {
    const { id, savedAt } = await contactSavedAt('2026-03-01T10:00:00.250Z', 'before@example.org');
    now += 3_000;
    await patchIfUnmodified(h.connect(), id, { Email: 'after@example.org' }, savedAt);
    expect(await emailOf(id)).toBe('after@example.org');
  });

  it('refuses with 412 PRECONDITION_FAILED and writes nothing when someone saved the record in a later second', async () => {
    const { id, savedAt } = await contactSavedAt('2026-03-01T11:00:00.000Z', 'mine@example.org');
    now += 2_000;
    await h.connect().sobject('Contact').update({ Id: id, Email: 'crm-user@example.org' });
    await expect(patchIfUnmodified(h.connect(), id, { Email: 'stale@example.org' }, savedAt)).rejects.toMatchObject({ errorCode: 'PRECONDITION_FAILED' });
    expect(await emailOf(id)).toBe('crm-user@example.org');
    const raw = await fetch(`${h.url}/services/data/v58.0/sobjects/Contact/${id}`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer 00D000000000001!test-token', 'content-type': 'application/json', 'if-unmodified-since': savedAt },
      body: JSON.stringify({ Email: 'stale@example.org' }),
    });
    expect(raw.status).toBe(412);
    expect(await raw.json()).toEqual([{ errorCode: 'PRECONDITION_FAILED', message: expect.stringContaining(id), fields: [] }]);
  });

  it('compares whole seconds, as HTTP-dates name them: a save within the same second passes', async () => {
    const { id, savedAt } = await contactSavedAt('2026-03-01T12:00:00.100Z', 'first@example.org');
    now += 500;
    await h.connect().sobject('Contact').update({ Id: id, Email: 'same-second@example.org' });
    await patchIfUnmodified(h.connect(), id, { Email: 'conditional@example.org' }, savedAt);
    expect(await emailOf(id)).toBe('conditional@example.org');
  });

  it('answers 400 for a value that is not an HTTP-date, and writes nothing', async () => {
    const { id } = await contactSavedAt('2026-03-01T13:00:00.000Z', 'kept@example.org');
    await expect(patchIfUnmodified(h.connect(), id, { Email: 'nope@example.org' }, '2026-03-01T13:00:00Z')).rejects.toMatchObject({ errorCode: 'INVALID_HEADER_VALUE' });
    expect(await emailOf(id)).toBe('kept@example.org');
  });

  it('answers 412 for the next conditional updates when the preconditionFailedBurst switch is set, then recovers', async () => {
    const { id, savedAt } = await contactSavedAt('2026-03-01T14:00:00.000Z', 'kept@example.org');
    h.faults.update({ preconditionFailedBurst: 1 });
    await h.connect().sobject('Contact').update({ Id: id, Phone: '+15555550100' });
    await expect(patchIfUnmodified(h.connect(), id, { Email: 'raced@example.org' }, savedAt)).rejects.toMatchObject({ errorCode: 'PRECONDITION_FAILED' });
    expect(await emailOf(id)).toBe('kept@example.org');
    await patchIfUnmodified(h.connect(), id, { Email: 'later@example.org' }, savedAt);
    expect(await emailOf(id)).toBe('later@example.org');
  });
});
