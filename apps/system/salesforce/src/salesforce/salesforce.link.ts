import type { Connection } from 'jsforce';
import { UpstreamUnavailableError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { retryDelay, Sleeper } from './retry-delay';

const UNREACHABLE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_|fetch failed|socket hang up/i;

/**
 * Whether a failed login may succeed later: the org cannot be reached yet, or it answers
 * 5xx (starting, in maintenance, behind a proxy that is up first). A refused login
 * (`invalid_grant`, `invalid_client_id`: wrong credentials or connected app) is not:
 * waiting cannot fix it.
 */
export function isWorthWaitingFor(error: unknown): boolean {
  const { code, name, message, cause } = (error ?? {}) as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  if (/^ERROR_HTTP_5\d\d$/.test(name ?? '')) return true;
  return UNREACHABLE.test(`${code ?? ''} ${cause?.code ?? ''} ${message ?? ''}`);
}

/** What a log line may say about a failed login: its code or a short message, never a body. */
function reasonOf(error: unknown): string {
  const { code, name, message, cause } = (error ?? {}) as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  return cause?.code ?? code ?? (name?.startsWith('ERROR_HTTP_') ? name : (message ?? String(error)).slice(0, 200));
}

export interface SalesforceLinkOptions {
  /** One login attempt, e.g. `openSalesforceConnection` with the configured settings. */
  open: () => Promise<Connection>;
  logger: Logger;
  /** Where it logs in, for the logs (the credentials are never logged). */
  loginUrl: string;
  /** First wait after a failed attempt; doubles up to `maxDelayMs`. Default 250 ms. */
  minDelayMs?: number;
  /** Longest wait between attempts, so an org that comes back is found soon. Default 10 s. */
  maxDelayMs?: number;
}

/**
 * The connection to the org, opened in the background so the API listens at once. An
 * org that is slow to come up (the emulator seeding, a real org behind a network that
 * is not there yet) is waited for as long as it takes; meanwhile `/health/ready` says
 * Salesforce is not connected and the API routes answer 503 with Retry-After. A refused
 * login ends the wait at once: nothing but new credentials can fix it.
 */
export class SalesforceLink {
  private conn: Connection | undefined;
  private nextAttemptAt = 0;
  private stopped = false;
  private readonly sleeper = new Sleeper();

  constructor(private readonly options: SalesforceLinkOptions) {}

  /**
   * Logs in, retrying with capped backoff (each retry logged at warn) while the org is
   * out of reach. Resolves with the open connection, or undefined when `stop()` came
   * first; rejects with the org's answer when it refuses the login.
   */
  async connect(): Promise<Connection | undefined> {
    const { logger, loginUrl, minDelayMs = 250, maxDelayMs = 10_000 } = this.options;
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        const conn = await this.options.open();
        if (!this.stopped) this.conn = conn;
        return this.conn;
      } catch (error) {
        if (this.stopped) return undefined;
        if (!isWorthWaitingFor(error)) throw error;
        const delayMs = retryDelay(attempt, minDelayMs, maxDelayMs);
        this.nextAttemptAt = Date.now() + delayMs;
        logger.warn('salesforce not reachable yet; retrying', { attempt, retryInMs: delayMs, loginUrl, reason: reasonOf(error) });
        await this.sleeper.sleep(delayMs);
      }
    }
    return undefined;
  }

  isConnected(): boolean {
    return this.conn !== undefined;
  }

  /** The open connection; before the login succeeded, the 503 a caller should get. */
  connection(): Connection {
    if (!this.conn) throw this.notConnected();
    return this.conn;
  }

  /** 503 problem+json, Retry-After the time to the next login attempt (at least 1 s). */
  notConnected(): UpstreamUnavailableError {
    const retryAfterSeconds = Math.max(1, Math.ceil((this.nextAttemptAt - Date.now()) / 1000));
    return new UpstreamUnavailableError('Salesforce is not connected yet; this API keeps trying to log in', { upstream: 'salesforce', reason: 'connection', retryAfterSeconds });
  }

  /** Ends the wait (shutdown before the org came up); a login in flight is discarded. */
  stop(): void {
    this.stopped = true;
    this.sleeper.wake();
  }
}
