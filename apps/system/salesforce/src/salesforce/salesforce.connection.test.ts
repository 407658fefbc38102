import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@strata/logging';
import { freePort, freeStablePort, startAppProcess } from '@strata/testing';
import { settingsFor } from '../__fixtures__/system-api.harness';
import { connectWhenReachable } from './salesforce.connection';

const logger = createLogger({ service: 'test', silent: true });

describe('connectWhenReachable', () => {
  it('waits for an org that starts later, then logs in', async () => {
    // Outside the ephemeral range: the retrying client must not self-connect on the org's port.
    const port = await freeStablePort();
    const connecting = connectWhenReachable(settingsFor(`http://127.0.0.1:${port}`), logger, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-late-'));
    const emulator = await startAppProcess('apps/emulators/salesforce', { PORT: String(port), DATA_DIR: dir });
    try {
      const conn = await connecting;
      expect(conn.instanceUrl).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('gives up at once on wrong credentials', async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-badcred-'));
    const emulator = await startAppProcess('apps/emulators/salesforce', { PORT: String(port), DATA_DIR: dir });
    try {
      const started = Date.now();
      await expect(connectWhenReachable({ ...settingsFor(emulator.url), password: 'wrong-password' }, logger)).rejects.toThrow(/authentication failure|invalid_grant/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
