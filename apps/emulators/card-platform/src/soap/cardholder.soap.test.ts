/** The SOAP surface through a real `soap` client built from the served WSDL. */
import { cardFaultOf, startEmulator } from '../__fixtures__/emulator.harness';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ people: 60 });
}, 30_000);
afterAll(() => emulator.close());
afterEach(() => emulator.faults.clear());

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

it('serves the WSDL at ?wsdl', async () => {
  const res = await fetch(`${emulator.url}/cardholders/v1?wsdl`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<wsdl:operation name="ListCardholders">');
});

it('lists every cardholder exactly once across keyset pages, with no timestamps', async () => {
  const seen: string[] = [];
  let startAfter: string | undefined;
  do {
    const [page] = await emulator.client.ListCardholdersAsync({ PageSize: 7, ...(startAfter ? { StartAfter: startAfter } : {}) });
    seen.push(...asList<{ CardholderId: string }>(page?.Cardholder).map((c) => c.CardholderId));
    startAfter = page?.NextStartAfter;
  } while (startAfter);
  expect(seen).toHaveLength(await emulator.store.count());
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort()).toEqual(seen);
  const [first] = await emulator.client.GetCardholderAsync({ CardholderId: seen[0] });
  expect(Object.keys(first.Cardholder).join(',')).not.toMatch(/Date(?!OfBirth)|Modified|Updated|Time/);
});

it('lists what every kind of write left, at once: upserts, admin deletes and a reset', async () => {
  const listAll = async () => {
    const all: { CardholderId: string; EmailAddress?: string }[] = [];
    let startAfter: string | undefined;
    do {
      const [page] = await emulator.client.ListCardholdersAsync({ PageSize: 25, ...(startAfter ? { StartAfter: startAfter } : {}) });
      all.push(...asList<{ CardholderId: string; EmailAddress?: string }>(page?.Cardholder));
      startAfter = page?.NextStartAfter;
    } while (startAfter);
    return all;
  };
  const before = await listAll();
  const someone = before[3] as { CardholderId: string };
  const [{ Cardholder: current }] = await emulator.client.GetCardholderAsync({ CardholderId: someone.CardholderId });
  await emulator.client.UpsertCardholderAsync({ Cardholder: { ...current, EmailAddress: 'listed.at.once@example.org' } });
  expect((await listAll()).find((c) => c.CardholderId === someone.CardholderId)?.EmailAddress?.toLowerCase()).toBe('listed.at.once@example.org');

  const [created] = await emulator.client.UpsertCardholderAsync({ Cardholder: { CustomerRef: 'CK-900077', FullName: 'LISTED, NEW', Status: 'OPEN' } });
  expect((await listAll()).map((c) => c.CardholderId)).toEqual([...before.map((c) => c.CardholderId), created.Cardholder.CardholderId].sort());

  await fetch(`${emulator.url}/__admin/cardholders/${created.Cardholder.CardholderId}`, { method: 'DELETE' });
  expect((await listAll()).map((c) => c.CardholderId)).toEqual(before.map((c) => c.CardholderId));

  await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
  expect((await listAll()).find((c) => c.CardholderId === someone.CardholderId)?.EmailAddress).not.toMatch(/listed\.at\.once/i);
});

it('answers a soap:Client CP-1002 fault for an unknown cardholder', async () => {
  const error = await emulator.client.GetCardholderAsync({ CardholderId: 'CP-000000' }).catch((e: unknown) => e);
  expect(cardFaultOf(error)).toMatchObject({ faultcode: 'soap:Client', Code: 'CP-1002', status: 500 });
});

it('creates a cardholder, then updates it in place, and refuses a second one for the same golden key', async () => {
  const [created] = await emulator.client.UpsertCardholderAsync({ Cardholder: { CustomerRef: 'CK-900001', FullName: 'Núñez, José', Status: 'OPEN' } });
  expect(created).toMatchObject({ Created: true, Cardholder: { FullName: 'NUNEZ, JOSE', CustomerRef: 'CK-900001' } });
  const id = created.Cardholder.CardholderId;
  const [updated] = await emulator.client.UpsertCardholderAsync({ Cardholder: { CardholderId: id, CustomerRef: 'CK-900001', FullName: 'NUNEZ, JOSE', Status: 'BLOCKED' } });
  expect(updated).toMatchObject({ Created: false, Cardholder: { CardholderId: id, Status: 'BLOCKED' } });
  const duplicate = await emulator.client.UpsertCardholderAsync({ Cardholder: { CustomerRef: 'CK-900001', FullName: 'OTHER, ONE', Status: 'OPEN' } }).catch((e: unknown) => e);
  expect(cardFaultOf(duplicate)).toMatchObject({ faultcode: 'soap:Client', Code: 'CP-1009', Field: 'CustomerRef' });
});

it('names the offending element in a CP-1001 validation fault', async () => {
  const error = await emulator.client.UpsertCardholderAsync({ Cardholder: { FullName: 'DOE, JOHN', DateOfBirth: '31/02/1980', Status: 'OPEN' } }).catch((e: unknown) => e);
  expect(cardFaultOf(error)).toMatchObject({ faultcode: 'soap:Client', Code: 'CP-1001', Field: 'DateOfBirth' });
});

it('goes down, fails a burst with soap:Server faults, and serves malformed records on demand', async () => {
  emulator.faults.update({ down: true });
  const down = await emulator.client.ListCardholdersAsync({ PageSize: 1 }).catch((e: unknown) => e);
  expect(cardFaultOf(down).status).toBe(503);
  emulator.faults.update({ down: false, errorBurst: 1 });
  expect(cardFaultOf(await emulator.client.ListCardholdersAsync({ PageSize: 1 }).catch((e: unknown) => e))).toMatchObject({ faultcode: 'soap:Server', Code: 'CP-5000' });
  emulator.faults.update({ malformedNext: 1 });
  const [page] = await emulator.client.ListCardholdersAsync({ PageSize: 2 });
  const [bad, good] = asList<{ DateOfBirth?: string }>(page.Cardholder);
  expect(bad?.DateOfBirth).toMatch(/^31\/02\//);
  expect(good?.DateOfBirth).not.toMatch(/^31\/02\//);
});

it('puts the seed back on /__admin/reset, dropping what tests added', async () => {
  await emulator.client.UpsertCardholderAsync({ Cardholder: { FullName: 'EXTRA, ONE', Status: 'OPEN' } });
  const res = await fetch(`${emulator.url}/__admin/reset`, { method: 'POST' });
  const { cardholders } = (await res.json()) as { cardholders: number };
  expect(await emulator.store.count()).toBe(cardholders);
  expect(await emulator.store.search({ FamilyName: 'EXTRA' }, 10)).toEqual([]);
});
