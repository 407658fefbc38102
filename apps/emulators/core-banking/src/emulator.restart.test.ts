/**
 * Durability of the bank emulator as a real process: kill -9 loses no committed write,
 * on PGlite (the default) and on PostgreSQL (DATABASE_URL, for load tests).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppProcess, createScratchDatabase, freeStablePort, startAppProcess, type ScratchDatabase } from '@strata/testing';
import { partyBody } from './__fixtures__/emulator.harness';

describe.each(['pglite', 'postgres'] as const)('on %s', (store) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cb-emulator-'));
  let database: ScratchDatabase | undefined;
  let port: number;
  let emulator: AppProcess | undefined;

  const start = async () =>
    (emulator = await startAppProcess(
      'apps/emulators/core-banking',
      { PORT: String(port), DATA_DIR: dataDir, SEED_PEOPLE: '20', ...(database ? { DATABASE_URL: database.url } : {}) },
      { timeoutMs: 60_000 },
    ));
  const bank = (pathname: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${port}${pathname}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });

  beforeAll(async () => {
    if (store === 'postgres') database = await createScratchDatabase('strata_cb_emulator');
    port = await freeStablePort();
    await start();
  }, 60_000);
  afterAll(async () => {
    await emulator?.stop('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps seeded and written parties, with their versions, across kill -9, and does not seed twice', async () => {
    const seeded = (await (await bank('/parties?pageSize=100')).json()) as { totalCount: number };
    expect(seeded.totalCount).toBe(20);
    const created = (await (await bank('/parties', { method: 'POST', body: JSON.stringify(partyBody('Durable', 'CK-DUR-1')) })).json()) as { partyId: string };
    const updated = await bank(`/parties/${created.partyId}`, { method: 'PUT', headers: { 'if-match': '"1"' }, body: JSON.stringify(partyBody('Durable', 'CK-DUR-1')) });
    expect(updated.status).toBe(200);

    expect(await emulator!.stop('SIGKILL')).toBeNull();
    await start();

    const after = await bank(`/parties/${created.partyId}`);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).toBe('"2"');
    expect(((await (await bank('/parties?pageSize=100')).json()) as { totalCount: number }).totalCount).toBe(21);
    // On PostgreSQL the parties live in the server: nothing was written under DATA_DIR.
    expect(readdirSync(dataDir).length === 0).toBe(store === 'postgres');
  }, 90_000);
});
