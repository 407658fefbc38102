import request from 'supertest';
import { createLogger } from '@strata/logging';
import { parseConfig } from '@strata/service-kit';
import { createApp } from './app';
import { configSchema } from './config';

describe('the Salesforce org emulator app', () => {
  it('answers its liveness probe', async () => {
    const { app } = createApp({ logger: createLogger({ service: 'test', silent: true }) });
    const res = await request(app).get('/health/live');
    expect(res.status).toBe(200);
  });

  it('defaults to its own port from the architecture table', () => {
    const result = parseConfig(configSchema, {});
    expect(result.ok && result.config.PORT).toBe(8381);
  });
});
