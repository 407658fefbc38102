import { Agent, get, type IncomingHttpHeaders } from 'node:http';
import type { RequestListener } from 'node:http';

/** What a probe request saw; `error` is set when the exchange broke off. */
export interface ProbeResult {
  status?: number;
  headers?: IncomingHttpHeaders;
  body: string;
  bodyBytes: number;
  complete: boolean;
  error?: NodeJS.ErrnoException;
}

/**
 * A GET that never throws, so tests can assert on partial results (a truncated body,
 * the error code). No pooling unless an agent is given.
 */
export function probe(url: string, options: { agent?: Agent; timeoutMs?: number } = {}): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const result: ProbeResult = { body: '', bodyBytes: 0, complete: false };
    let settled = false;
    const settle = (error?: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      const body = Buffer.concat(chunks);
      resolve({ ...result, error, body: body.toString('utf8'), bodyBytes: body.length });
    };
    const req = get(url, { agent: options.agent ?? false, timeout: options.timeoutMs }, (res) => {
      result.status = res.statusCode;
      result.headers = res.headers;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => settle(error));
      res.on('end', () => {
        result.complete = true;
        settle();
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('client timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error) => settle(error));
  });
}

/** Size of the `/big` body: large enough to span many TCP chunks. */
export const BIG_BODY_BYTES = 1024 * 1024;

/** A tiny upstream: `/big` sends 1 MiB, anything else a small JSON echo of the path. */
export function upstreamHandler(hits: { count: number }): RequestListener {
  return (req, res) => {
    hits.count += 1;
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': BIG_BODY_BYTES });
      res.end(Buffer.alloc(BIG_BODY_BYTES, 'x'));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path: req.url }));
  };
}

/** Polls until `condition` holds, failing the test after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
