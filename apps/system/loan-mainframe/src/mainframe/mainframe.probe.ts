import { UpstreamUnavailableError } from '@strata/errors';

/**
 * Asks the mainframe's status endpoint whether it is processing files (the emulator's
 * readiness; the scheduler's status in production). Throws UpstreamUnavailableError when
 * it says no or does not answer within `timeoutMs`; never includes the URL's credentials.
 */
export function mainframeProbe(statusUrl: string | undefined, timeoutMs = 2000): () => Promise<void> {
  if (!statusUrl) return async () => undefined;
  const url = new URL('/health/ready', statusUrl);
  return async () => {
    let status: number;
    try {
      status = (await fetch(url, { signal: AbortSignal.timeout(timeoutMs) })).status;
    } catch (error) {
      throw new UpstreamUnavailableError('The loan mainframe status endpoint does not answer', { upstream: 'loan-mainframe', reason: 'connection', retryAfterSeconds: 5, cause: error });
    }
    if (status !== 200) {
      throw new UpstreamUnavailableError(`The loan mainframe reports it is not processing files (status ${status})`, { upstream: 'loan-mainframe', reason: 'server-error', retryAfterSeconds: 5 });
    }
  };
}
