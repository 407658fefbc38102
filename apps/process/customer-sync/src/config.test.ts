import { parseConfig } from '@strata/service-kit';
import { configSchema } from './config';

const SECRET = 'a-service-token-secret-of-32-chars!!';

describe('customer-sync settings', () => {
  it('reads the outbox retry and outage settings as numbers, with defaults that match the documented ones', () => {
    const defaults = parseConfig(configSchema, { SERVICE_TOKEN_SECRET: SECRET });
    const tuned = parseConfig(configSchema, { SERVICE_TOKEN_SECRET: SECRET, OUTBOX_RETRY_BASE_MS: '250', OUTBOX_MAX_RETRY_MS: '30000', OUTBOX_OUTAGE_RETRY_MS: '5000', OUTBOX_BATCH_SIZE: '1' });

    expect(defaults.ok && defaults.config).toMatchObject({ OUTBOX_RETRY_BASE_MS: 500, OUTBOX_MAX_RETRY_MS: 60_000, OUTBOX_OUTAGE_RETRY_MS: 2000, OUTBOX_BATCH_SIZE: 50 });
    expect(tuned.ok && tuned.config).toMatchObject({ OUTBOX_RETRY_BASE_MS: 250, OUTBOX_MAX_RETRY_MS: 30_000, OUTBOX_OUTAGE_RETRY_MS: 5000, OUTBOX_BATCH_SIZE: 1 });
  });

  it('refuses an outage wait that is not a number of milliseconds, naming the setting', () => {
    const result = parseConfig(configSchema, { SERVICE_TOKEN_SECRET: SECRET, OUTBOX_OUTAGE_RETRY_MS: 'soon' });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('\n')).toContain('OUTBOX_OUTAGE_RETRY_MS');
  });
});
