import { NotFoundError, UpstreamError } from '@strata/errors';
import type { HttpClient } from '@strata/http-client';

interface Entry {
  document: unknown;
  fetchedAt: number;
}

/**
 * Each app's `/openapi.json`, fetched through the app's client and kept for `ttlMs`.
 * When an app is down, the last document it served is still shown (a contract does not
 * change because its server restarts); only an app never seen up answers 503.
 */
export class OpenApiCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly clients: ReadonlyMap<string, HttpClient>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The app's document; NotFoundError for an app not configured or serving none. */
  async get(name: string): Promise<unknown> {
    const client = this.clients.get(name);
    if (!client) throw new NotFoundError(`No app named ${name} is configured`);
    const cached = this.entries.get(name);
    if (cached && this.now() - cached.fetchedAt < this.ttlMs) return cached.document;
    try {
      return await this.fetchOnce(name, client);
    } catch (error) {
      if (error instanceof UpstreamError && error.upstreamStatus === 404) throw new NotFoundError(`${name} serves no OpenAPI document`);
      if (cached && !(error instanceof UpstreamError)) return cached.document;
      throw error;
    }
  }

  private fetchOnce(name: string, client: HttpClient): Promise<unknown> {
    let pending = this.inFlight.get(name);
    if (!pending) {
      pending = client
        .request({ method: 'GET', path: '/openapi.json' })
        .then((response) => {
          this.entries.set(name, { document: response.body, fetchedAt: this.now() });
          return response.body;
        })
        .finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, pending);
    }
    return pending;
  }
}
