import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@strata/logging';
import { freePort, freeStablePort, startAppProcess } from '@strata/testing';
import { settingsFor } from '../__fixtures__/system-api.harness';
import { openSalesforceConnection, type SalesforceSettings } from './salesforce.connection';
import { SalesforceLink } from './salesforce.link';

const logger = createLogger({ service: 'test', silent: true });
const linkTo = (settings: SalesforceSettings) => new SalesforceLink({ open: () => openSalesforceConnection(settings, logger), logger, loginUrl: settings.loginUrl, maxDelayMs: 500 });

describe('logging in to the org emulator through SalesforceLink', () => {
  it('waits for an org that starts later, then logs in', async () => {
    // Outside the ephemeral range: the retrying client must not self-connect on the org's port.
    const port = await freeStablePort();
    const link = linkTo(settingsFor(`http://127.0.0.1:${port}`));
    const connecting = link.connect();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(link.isConnected()).toBe(false);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-late-'));
    const emulator = await startAppProcess('apps/emulators/salesforce', { PORT: String(port), DATA_DIR: dir });
    try {
      const conn = await connecting;
      expect(conn?.instanceUrl).toBe(`http://127.0.0.1:${port}`);
      expect(link.isConnected()).toBe(true);
    } finally {
      link.stop();
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
      await expect(linkTo({ ...settingsFor(emulator.url), password: 'wrong-password' }).connect()).rejects.toThrow(/authentication failure|invalid_grant/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
