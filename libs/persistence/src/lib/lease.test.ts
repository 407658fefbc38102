import { backends, uniqueName, type TestDatabase } from './backends.testing';
import type { Database } from './database';
import { tryAcquireLease } from './lease';

describe.each(backends)('tryAcquireLease on $kind', (backend) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await backend.setup();
    db = testDb.db;
  });
  afterAll(async () => testDb?.teardown());

  it('lets one holder have a name until it releases it', async () => {
    const name = uniqueName('feed');
    const first = await tryAcquireLease(db, name);

    const whileHeld = await tryAcquireLease(db, name);
    await first!.release();
    const afterRelease = await tryAcquireLease(db, name);

    expect(first).toBeDefined();
    expect(whileHeld).toBeUndefined();
    expect(afterRelease).toBeDefined();
    await afterRelease!.release();
  });

  it('holds different names independently', async () => {
    const a = await tryAcquireLease(db, uniqueName('feed'));
    const b = await tryAcquireLease(db, uniqueName('feed'));

    expect(a).toBeDefined();
    expect(b).toBeDefined();
    await Promise.all([a!.release(), b!.release()]);
  });

  it('aborts the lease signal on release, and a second release is harmless', async () => {
    const lease = (await tryAcquireLease(db, uniqueName('feed')))!;
    expect(lease.signal.aborted).toBe(false);

    await lease.release();
    await lease.release();

    expect(lease.signal.aborted).toBe(true);
  });

  if (backend.kind === 'postgres') {
    it('is exclusive across processes: another instance gets it only after release', async () => {
      const name = uniqueName('feed');
      const otherProcess = await testDb.openPeer();
      const held = await tryAcquireLease(db, name);

      const refused = await tryAcquireLease(otherProcess, name);
      await held!.release();
      const granted = await tryAcquireLease(otherProcess, name);

      expect(held).toBeDefined();
      expect(refused).toBeUndefined();
      expect(granted).toBeDefined();
      await granted!.release();
    });

    it('is freed when the holding database is closed', async () => {
      const name = uniqueName('feed');
      const holder = await testDb.openPeer();
      const lease = await tryAcquireLease(holder, name);
      expect(await tryAcquireLease(db, name)).toBeUndefined();

      await holder.close();
      const taken = await tryAcquireLease(db, name);

      expect(lease!.signal.aborted).toBe(true);
      expect(taken).toBeDefined();
      await taken!.release();
    });

    it('is freed by PostgreSQL when the holder connection dies, and the holder is told', async () => {
      const name = uniqueName('feed');
      const holder = await testDb.openPeer();
      const lease = (await tryAcquireLease(holder, name))!;
      const lost = new Promise<unknown>((resolve) =>
        lease.signal.addEventListener('abort', () => resolve(lease.signal.reason), { once: true }),
      );

      const killed = await db.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [`strata-lease:${name}`],
      );
      await lost;
      const taken = await tryAcquireLease(db, name);

      expect(killed.rowCount).toBe(1);
      expect(taken).toBeDefined();
      await taken!.release();
      await lease.release();
    });
  }
});
