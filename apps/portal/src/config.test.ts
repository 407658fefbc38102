import { parseConfig } from '@strata/service-kit';
import { configSchema } from './config';

const apps = (list: unknown[]) => JSON.stringify(list);
/** The one setting without a default: the portal reads customer-sync's status with a service token. */
const SECRET = { SERVICE_TOKEN_SECRET: 's'.repeat(32) };
const problems = (env: Record<string, string>) => {
  const result = parseConfig(configSchema, { ...SECRET, ...env });
  return result.ok ? [] : result.problems;
};

describe('portal config', () => {
  it('watches the local landscape on the ports of the architecture by default', () => {
    const result = parseConfig(configSchema, SECRET);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const { config } = result;
    expect(config.PORT).toBe(8080);
    const urls = Object.fromEntries(config.apps.map((app) => [app.name, app.url]));
    expect(urls).toMatchObject({
      'experience-mobile': 'http://127.0.0.1:8081',
      'experience-advisor': 'http://127.0.0.1:8082',
      'process-customer-sync': 'http://127.0.0.1:8181',
      'system-salesforce': 'http://127.0.0.1:8281',
      'system-loan-mainframe': 'http://127.0.0.1:8284',
      'emulators-salesforce': 'http://127.0.0.1:8381',
      'emulators-loan-mainframe': 'http://127.0.0.1:8384',
      'emulators-identity': 'http://127.0.0.1:8385',
    });
    expect(config.apps.find((app) => app.name === 'process-customer-sync')).toMatchObject({ syncStatus: true, calls: ['system-salesforce', 'system-core-banking', 'system-card-platform', 'system-loan-mainframe'] });
  });

  it('watches exactly the apps PORTAL_APPS names, filling in defaults', () => {
    const result = parseConfig(configSchema, { ...SECRET, PORTAL_APPS: apps([{ name: 'system-erp', layer: 'system', url: 'http://erp:8285' }]) });
    expect(result.ok && result.config.apps).toEqual([{ name: 'system-erp', layer: 'system', url: 'http://erp:8285', calls: [], syncStatus: false }]);
  });

  it('moves one app with PORTAL_URL_<NAME> and leaves the others', () => {
    const result = parseConfig(configSchema, { ...SECRET, PORTAL_URL_SYSTEM_CORE_BANKING: 'http://system-core-banking:8282' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.apps.find((app) => app.name === 'system-core-banking')?.url).toBe('http://system-core-banking:8282');
    expect(result.config.apps.find((app) => app.name === 'system-salesforce')?.url).toBe('http://127.0.0.1:8281');
  });

  it('names the field of a bad app entry', () => {
    expect(problems({ PORTAL_APPS: apps([{ name: 'system-erp', layer: 'mainframe', url: 'ftp://erp' }]) })).toEqual([
      expect.stringMatching(/^PORTAL_APPS\.0\.layer: /),
      'PORTAL_APPS.0.url: an http(s) URL',
    ]);
  });

  it('refuses JSON that does not parse', () => {
    expect(problems({ PORTAL_APPS: '[{' })).toEqual(['PORTAL_APPS: not valid JSON']);
  });

  it('refuses calls to apps not configured and calls up the layers', () => {
    const list = [
      { name: 'process-sync', layer: 'process', url: 'http://a:1', calls: ['experience-web'] },
      { name: 'experience-web', layer: 'experience', url: 'http://b:1', calls: ['process-ghost'] },
    ];
    expect(problems({ PORTAL_APPS: apps(list) })).toEqual([
      'PORTAL_APPS.0.calls.0: process-sync (process) cannot call experience-web (experience): calls go down the layers',
      'PORTAL_APPS.1.calls.0: experience-web calls process-ghost, which is not configured',
    ]);
  });

  it('refuses an app listed twice', () => {
    const entry = { name: 'system-erp', layer: 'system', url: 'http://erp:1' };
    expect(problems({ PORTAL_APPS: apps([entry, entry]) })).toEqual(['PORTAL_APPS.1.name: system-erp is listed twice']);
  });

  it('names a URL override for an app that is not configured, or that is not a URL', () => {
    expect(problems({ PORTAL_URL_SYSTEM_ERP: 'http://erp:1', PORTAL_URL_SYSTEM_SALESFORCE: 'salesforce' })).toEqual([
      'PORTAL_URL_SYSTEM_ERP: names no configured app',
      'PORTAL_URL_SYSTEM_SALESFORCE: an http(s) URL',
    ]);
  });

  it('wants a probe timeout shorter than the poll interval', () => {
    expect(problems({ POLL_INTERVAL_MS: '1000', PROBE_TIMEOUT_MS: '1000' })).toEqual(['PROBE_TIMEOUT_MS: must be shorter than POLL_INTERVAL_MS']);
  });
});
