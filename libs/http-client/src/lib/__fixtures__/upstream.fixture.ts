import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@strata/logging';

/** One request as the fake upstream saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** `performance.now()` at arrival. */
  at: number;
}

/** A tiny upstream on 127.0.0.1, counting what reaches it. */
export interface TestUpstream {
  url: string;
  requests: SeenRequest[];
  /** TCP connections accepted so far. */
  connections: () => number;
  /** TCP connections currently open. */
  openConnections: () => number;
  /** Times (`performance.now()`) at which a request's connection closed before it was answered. */
  abandoned: number[];
  close(): Promise<void>;
}

/** Answers with `status` and a JSON body (problem+json for 4xx/5xx unless told). */
export function sendJson(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/**
 * Starts an upstream whose behaviour is `handler`; the body is read before the handler
 * runs. A handler that never answers makes a hanging upstream.
 */
export async function startUpstream(handler: (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void): Promise<TestUpstream> {
  const requests: SeenRequest[] = [];
  const abandoned: number[] = [];
  let connections = 0;
  let open = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '', at: performance.now() };
    requests.push(seen);
    res.on('close', () => {
      if (!res.writableEnded) abandoned.push(performance.now());
    });
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.body = Buffer.concat(chunks).toString('utf8');
      handler(req, res, seen);
    });
  });
  server.on('connection', (socket) => {
    connections += 1;
    open += 1;
    socket.on('close', () => {
      open -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    openConnections: () => open,
    abandoned,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A logger that writes nowhere, and one whose JSON lines a test can read back. */
export function silentLogger(): Logger {
  return createLogger({ service: 'http-client-test', silent: true });
}

/** A logger capturing its parsed JSON lines into `lines`. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ service: 'http-client-test', stream }), lines };
}

/** Resolves after `ms` milliseconds. */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
