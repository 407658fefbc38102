import { PassThrough } from 'node:stream';
import { createLogger, flushLogger, logAccess } from './logger';
import { runWithContext } from './request-context';

function captureLogger(options: { level?: 'info' | 'debug'; personalDataFields?: string[] } = {}) {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  const logger = createLogger({ service: 'test-service', stream, ...options });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with service, level, timestamp and the request correlation id', async () => {
    const { logger, lines } = captureLogger();
    runWithContext({ correlationId: 'corr-123' }, () => logger.info('customer synced', { customerKey: 'C-1' }));
    await flushLogger(logger);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'customer synced',
      service: 'test-service',
      correlationId: 'corr-123',
      customerKey: 'C-1',
    });
    expect(typeof lines[0]['timestamp']).toBe('string');
  });

  it('omits the correlation id outside a request instead of inventing one', async () => {
    const { logger, lines } = captureLogger();
    logger.info('starting');
    await flushLogger(logger);
    expect(lines[0]).not.toHaveProperty('correlationId');
  });

  it('respects the configured level', async () => {
    const { logger, lines } = captureLogger({ level: 'info' });
    logger.debug('noise');
    logger.warn('signal');
    await flushLogger(logger);
    expect(lines.map((l) => l['message'])).toEqual(['signal']);
  });

  it('never writes secrets, at any depth or spelling', async () => {
    const { logger, lines } = captureLogger();
    logger.info('calling upstream', {
      headers: { Authorization: 'Bearer abc.def.ghi', 'x-api-key': 'k-123' },
      body: { client_secret: 's3cr3t', password: 'hunter2', nested: [{ refreshToken: 'r-1' }] },
      note: 'sent header Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig',
      url: '/services/oauth2/token?client_secret=abc&grant_type=password',
    });
    await flushLogger(logger);
    const text = JSON.stringify(lines[0]);
    for (const secret of ['abc.def.ghi', 'k-123', 's3cr3t', 'hunter2', 'r-1', 'eyJhbGciOiJSUzI1NiJ9', 'client_secret=abc']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('grant_type=password');
  });

  it('redacts the personal-data fields the app declares, and only those', async () => {
    const { logger, lines } = captureLogger({ personalDataFields: ['email', 'birthDate', 'phone'] });
    logger.info('golden record updated', {
      customer: { email: 'ana@example.com', birth_date: '1980-01-02', phone: '+3161234', customerKey: 'C-9' },
    });
    await flushLogger(logger);
    const customer = lines[0]['customer'] as Record<string, unknown>;
    expect(customer).toEqual({ email: '[PERSONAL]', birth_date: '[PERSONAL]', phone: '[PERSONAL]', customerKey: 'C-9' });
  });
});

describe('logAccess', () => {
  it('writes one access line with method, route, status and duration, at a level matching the outcome', async () => {
    const { logger, lines } = captureLogger();
    logAccess(logger, { method: 'GET', route: '/v1/customers/:id', status: 200, durationMs: 3.14159 });
    logAccess(logger, { method: 'POST', route: '/v1/customers', status: 503, durationMs: 12 });
    await flushLogger(logger);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'GET', route: '/v1/customers/:id', status: 200, durationMs: 3.14 });
    expect(lines[1]).toMatchObject({ level: 'error', status: 503 });
  });
});

describe('redaction of free text', () => {
  it('masks key=value secrets inside messages and error stacks', async () => {
    const { logger, lines } = captureLogger();
    logger.error('connect failed', { error: new Error('login failed for password=hunter2 (token: abc123)') });
    await flushLogger(logger);
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc123');
    expect(text).toContain('login failed for password=[REDACTED]');
  });
});
