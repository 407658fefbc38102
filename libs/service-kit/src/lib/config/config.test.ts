import { z } from 'zod';
import { baseConfigSchema, jsonSetting, parseConfig, portSetting } from './config';
import { spawnService } from '../__fixtures__/spawn-service';

const schema = baseConfigSchema.extend({ PORT: portSetting(8281), SALESFORCE_LOGIN_URL: z.url() });

describe('parseConfig', () => {
  it('applies defaults, including the app own port', () => {
    const result = parseConfig(schema, { SALESFORCE_LOGIN_URL: 'http://127.0.0.1:8381' });
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({ PORT: 8281, NODE_ENV: 'development', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: 10_000 }),
    });
  });

  it('lists every problem at once', () => {
    const result = parseConfig(schema, { PORT: 'eighty', LOG_LEVEL: 'loud', SALESFORCE_LOGIN_URL: 'not a url' });
    expect(result.ok).toBe(false);
    const names = result.ok ? [] : result.problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(['LOG_LEVEL', 'PORT', 'SALESFORCE_LOGIN_URL']);
  });
});

describe('jsonSetting', () => {
  const listSchema = baseConfigSchema.extend({ CLIENTS: jsonSetting(z.array(z.object({ id: z.string() }))).default([]) });

  it('parses the JSON and checks it against the schema', () => {
    expect(parseConfig(listSchema, { CLIENTS: '[{"id":"a"}]' })).toMatchObject({ ok: true, config: { CLIENTS: [{ id: 'a' }] } });
  });

  it('names the setting when it is not JSON or does not fit the schema', () => {
    for (const CLIENTS of ['[{"id":', '[{"name":"a"}]']) {
      const result = parseConfig(listSchema, { CLIENTS });
      expect(result.ok ? [] : result.problems).toEqual([expect.stringMatching(/^CLIENTS/)]);
    }
  });
});

describe('loadConfig in a real process', () => {
  it('exits non-zero before listening and prints every problem', async () => {
    const service = spawnService('widgets.main.ts', { PORT: '-1', WIDGETS_MAX_SIZE: 'lots' });
    const code = await service.exited;
    expect(code).toBe(78);
    const stderr = service.stderr();
    expect(stderr).toContain('invalid configuration');
    for (const name of ['PORT', 'WIDGETS_REGION', 'WIDGETS_MAX_SIZE']) expect(stderr).toContain(`${name}:`);
    expect(service.stdout()).not.toContain('listening');
  }, 20_000);
});
