/**
 * The portal in a real browser: Debian's headless Chromium driven by playwright-core
 * (no browser download), against real processes: the core-banking emulator, its System
 * API and the portal, plus a configured Process API that is not running. The page must
 * show every configured app in its layer, show the System API down once it is killed,
 * and ready again once it is back, and render an app's OpenAPI document with swagger-ui,
 * all without a CSP violation or any other browser error.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freeStablePort, startAppProcess, type AppProcess } from '@strata/testing';

jest.setTimeout(60_000);

/** Debian's `chromium` package; `.ci/run` installs it when missing. Absent, the test fails. */
const CHROMIUM = '/usr/bin/chromium';
const SEEN_WITHIN_MS = 15_000;
/** tsx compiles each app at start; on a busy two-core machine that takes a while. */
const STARTUP = { timeoutMs: 50_000 };

let dataDir: string;
let emulator: AppProcess;
let system: AppProcess;
let portal: AppProcess;
let browser: Browser;
let page: Page;
/** Console errors (CSP violations among them) and uncaught script errors of every page opened. */
const browserErrors: string[] = [];
let systemEnv: Record<string, string>;

const configured = (emulatorUrl: string, systemUrl: string, unreachableUrl: string) => [
  { name: 'process-customer-sync', layer: 'process', url: unreachableUrl, calls: ['system-core-banking'], syncStatus: true },
  { name: 'system-core-banking', layer: 'system', url: systemUrl, calls: ['emulators-core-banking'] },
  { name: 'emulators-core-banking', layer: 'emulator', url: emulatorUrl },
];

const LAYER_HEADINGS: Record<string, string> = { process: 'Process APIs', system: 'System APIs', emulator: 'Emulators (stand-in backends)' };

const card = (name: string) => page.locator(`li.app[data-app="${name}"]`);

/** Waits until the page shows the app in that state, as text in its card and its box of the picture. */
async function expectShown(name: string, status: string): Promise<void> {
  await page.waitForSelector(`li.app[data-app="${name}"][data-status="${status}"]`, { timeout: SEEN_WITHIN_MS });
  expect(await card(name).locator('.status .badge').textContent()).toMatch(new RegExp(`^${status}`));
  expect(await page.locator(`#diagram g.node[data-app="${name}"] .node-status`).textContent()).toBe(status);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium (.ci/run does)`);
  dataDir = mkdtempSync(path.join(tmpdir(), 'portal-e2e-'));
  const [emulatorPort, systemPort, portalPort, nobodyPort] = await Promise.all([freeStablePort(), freeStablePort(), freeStablePort(), freeStablePort()]);
  const apps = configured(`http://127.0.0.1:${emulatorPort}`, `http://127.0.0.1:${systemPort}`, `http://127.0.0.1:${nobodyPort}`);
  systemEnv = { PORT: String(systemPort), CORE_BANKING_URL: `http://127.0.0.1:${emulatorPort}`, DATA_DIR: path.join(dataDir, 'system') };
  // Settled one by one, so afterAll stops whatever did start when another part failed.
  const started = await Promise.allSettled([
    startAppProcess('apps/emulators/core-banking', { PORT: String(emulatorPort), DATA_DIR: path.join(dataDir, 'emulator') }, STARTUP).then((app) => (emulator = app)),
    startAppProcess('apps/portal', { PORT: String(portalPort), PORTAL_APPS: JSON.stringify(apps), POLL_INTERVAL_MS: '500', PROBE_TIMEOUT_MS: '400' }, STARTUP).then((app) => (portal = app)),
    startAppProcess('apps/system/core-banking', systemEnv, STARTUP).then((app) => (system = app)),
    chromium.launch({ executablePath: CHROMIUM }).then((launched) => (browser = launched)),
  ]);
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') browserErrors.push(message.text());
  });
  page.on('pageerror', (error) => browserErrors.push(error.message));
  await page.goto(portal.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([portal, system, emulator].map((app) => app?.stop()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('shows every configured app in its layer, and the layer picture', async () => {
  await page.waitForSelector('li.app[data-app="emulators-core-banking"]', { timeout: SEEN_WITHIN_MS });
  for (const app of configured('', '', '')) {
    const section = page.locator(`section.layer[data-layer="${app.layer}"]`);
    expect(await section.locator('h2').textContent()).toBe(LAYER_HEADINGS[app.layer]);
    expect(await section.locator(`li.app[data-app="${app.name}"] h3`).textContent()).toBe(app.name);
    expect(await page.locator(`#diagram g.node[data-app="${app.name}"]`).count()).toBe(1);
  }
  expect(await page.locator('#diagram path.call').count()).toBe(2);
  await expectShown('system-core-banking', 'ready');
  await expectShown('emulators-core-banking', 'ready');
  await expectShown('process-customer-sync', 'unreachable');
  expect(await page.locator('#sync .sync[data-app="process-customer-sync"] .error').textContent()).toMatch(/^Sync status unavailable/);
});

it('shows the System API down once it is killed, and ready again once it is back', async () => {
  await system.stop('SIGKILL');
  await expectShown('system-core-banking', 'unreachable');
  // Refused (the port is closed) or reset (a kept-alive socket died with the process),
  // whichever the round that saw it go met first; or the breaker's own words afterwards.
  expect(await card('system-core-banking').locator('.error').textContent()).toMatch(/ECONNREFUSED|ECONNRESET|no answer in the last rounds/);

  system = await startAppProcess('apps/system/core-banking', systemEnv, STARTUP);
  await expectShown('system-core-banking', 'ready');
  expect(await page.locator('#summary').textContent()).toMatch(/^2 of 3 apps ready/);
});

it('keeps the keyboard focus on a link across refreshes', async () => {
  const link = card('emulators-core-banking').locator('a[data-focus-key]');
  await link.focus();
  const polledAt = await page.locator('body').getAttribute('data-polled-at');
  // The page sets data-polled-at right after it redrew the apps from a new round.
  await page.waitForSelector(`body:not([data-polled-at="${polledAt}"])`, { timeout: SEEN_WITHIN_MS });
  expect(await page.locator('a[data-focus-key="docs-emulators-core-banking"]:focus').count()).toBe(1);
});

it("renders an app's OpenAPI document with swagger-ui", async () => {
  await page.goto(`${portal.url}/docs/system-core-banking`);
  await page.waitForSelector('.swagger-ui .info .title', { timeout: SEEN_WITHIN_MS });
  expect(await page.locator('.swagger-ui .info .title').textContent()).toMatch(/core banking/i);
  expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(0);
});

it('runs under the CSP without a violation, a failed load or a script error', () => {
  expect(browserErrors).toEqual([]);
});
