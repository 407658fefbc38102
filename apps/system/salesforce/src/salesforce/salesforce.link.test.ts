import type { Connection } from 'jsforce';
import { UpstreamUnavailableError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { isWorthWaitingFor, SalesforceLink, type SalesforceLinkOptions } from './salesforce.link';

const LOGIN_URL = 'http://org.example:8381';
const conn = { instanceUrl: LOGIN_URL } as unknown as Connection;

/** What undici throws when nothing listens on the org's port. */
const refusedConnection = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
/** What jsforce throws for an OAuth error answer: `name` is the OAuth error code. */
const oauthError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** An org that fails `failures` login attempts with `error`, then lets the next one in. */
function orgFailing(failures: number, error: () => Error) {
  const org = { attempts: 0 };
  const open = async () => {
    org.attempts += 1;
    if (org.attempts <= failures) throw error();
    return conn;
  };
  return { org, open };
}

/** What `run` throws (undefined when it does not). */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (thrown) {
    return thrown;
  }
}

/** Resolves once the link logged its first retry: the first attempt failed and it waits. */
async function firstRetry(warn: jest.Mock): Promise<void> {
  while (warn.mock.calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
}

function linkFor(open: SalesforceLinkOptions['open'], options: Partial<SalesforceLinkOptions> = {}) {
  const warn = jest.fn();
  const logger = { warn } as unknown as Logger;
  return { link: new SalesforceLink({ open, logger, loginUrl: LOGIN_URL, minDelayMs: 1, maxDelayMs: 4, ...options }), warn };
}

describe('SalesforceLink', () => {
  it('never gives up on an unreachable org: it retries every network failure, then connects', async () => {
    const { org, open } = orgFailing(60, refusedConnection);
    const { link, warn } = linkFor(open);
    expect(link.isConnected()).toBe(false);
    await expect(link.connect()).resolves.toBe(conn);
    expect(org.attempts).toBe(61);
    expect(link.isConnected()).toBe(true);
    expect(link.connection()).toBe(conn);
    expect(warn).toHaveBeenCalledTimes(60);
    expect(warn).toHaveBeenLastCalledWith('salesforce not reachable yet; retrying', { attempt: 60, retryInMs: expect.any(Number), loginUrl: LOGIN_URL, reason: 'ECONNREFUSED' });
  });

  it('waits longer after each failure, up to the cap (with jitter of a quarter either way)', async () => {
    const { open } = orgFailing(12, refusedConnection);
    const { link, warn } = linkFor(open, { minDelayMs: 2, maxDelayMs: 40 });
    await link.connect();
    const waits = warn.mock.calls.map(([, fields]) => (fields as { retryInMs: number }).retryInMs);
    expect(waits[0]).toBeLessThanOrEqual(3);
    expect(Math.max(...waits)).toBeLessThanOrEqual(50);
    expect(waits.slice(-4).every((ms) => ms >= 30)).toBe(true);
  });

  it('waits for an org that answers 5xx while it starts', async () => {
    const { org, open } = orgFailing(3, () => oauthError('ERROR_HTTP_503', '<html>Service Unavailable</html>'));
    const { link, warn } = linkFor(open);
    await expect(link.connect()).resolves.toBe(conn);
    expect(org.attempts).toBe(4);
    expect(warn.mock.calls[0]?.[1]).toMatchObject({ reason: 'ERROR_HTTP_503' });
  });

  it('gives up at once when the org refuses the login: waiting cannot fix credentials', async () => {
    const refused = oauthError('invalid_grant', 'authentication failure');
    const { org, open } = orgFailing(1, () => refused);
    const { link, warn } = linkFor(open);
    await expect(link.connect()).rejects.toBe(refused);
    expect(org.attempts).toBe(1);
    expect(warn).not.toHaveBeenCalled();
    expect(link.isConnected()).toBe(false);
  });

  it('answers callers 503 with Retry-After until the login succeeds', async () => {
    const { open } = orgFailing(1, refusedConnection);
    const { link, warn } = linkFor(open, { minDelayMs: 2500, maxDelayMs: 2500 });
    const connecting = link.connect();
    await firstRetry(warn);
    const error = thrownBy(() => link.connection());
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ upstream: 'salesforce', reason: 'connection' });
    expect((error as UpstreamUnavailableError).retryAfterSeconds).toBeGreaterThanOrEqual(2);
    link.stop();
    await expect(connecting).resolves.toBeUndefined();
  });

  it('stop() ends the wait at once (shutdown before the org came up)', async () => {
    const { org, open } = orgFailing(Infinity, refusedConnection);
    const { link, warn } = linkFor(open, { minDelayMs: 60_000, maxDelayMs: 60_000 });
    const connecting = link.connect();
    await firstRetry(warn);
    const started = Date.now();
    link.stop();
    await expect(connecting).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(org.attempts).toBe(1);
  });

  it('keeps no connection whose login completes after stop()', async () => {
    let letIn: (value: Connection) => void = () => undefined;
    const { link } = linkFor(() => new Promise<Connection>((resolve) => (letIn = resolve)));
    const connecting = link.connect();
    link.stop();
    letIn(conn);
    await expect(connecting).resolves.toBeUndefined();
    expect(link.isConnected()).toBe(false);
  });
});

describe('isWorthWaitingFor', () => {
  it.each([
    ['a refused connection', refusedConnection()],
    ['an unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND org.example'), { code: 'ENOTFOUND' })],
    ['a reset socket', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a 502 from a proxy in front of the org', oauthError('ERROR_HTTP_502', 'Bad Gateway')],
  ])('waits for %s', (_case, error) => {
    expect(isWorthWaitingFor(error)).toBe(true);
  });

  it.each([
    ['wrong credentials', oauthError('invalid_grant', 'authentication failure')],
    ['an unknown connected app', oauthError('invalid_client_id', 'client identifier invalid')],
    ['a login URL that is no org', oauthError('ERROR_HTTP_404', 'Not Found')],
  ])('does not wait for %s', (_case, error) => {
    expect(isWorthWaitingFor(error)).toBe(false);
  });
});
