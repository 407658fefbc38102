import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { flushLogger } from '@strata/logging';
import type { ServiceApp } from './create-service-app';

/** Something to release on shutdown, after requests drained: breakers, pools, stores. */
export interface Closeable {
  name: string;
  close(): Promise<void> | void;
}

export interface StartOptions {
  port: number;
  host?: string;
  shutdownTimeoutMs?: number;
  /** Released in order after the server drained. */
  closeables?: Closeable[];
  /**
   * Run as soon as draining starts, before waiting for in-flight requests: answer held
   * long polls (CometD, change-feed waits) now, or they would hold the drain to its deadline.
   */
  onDrainStart?: Array<() => void>;
  /** Install SIGTERM/SIGINT handlers that shut down and exit (main.ts: yes; tests: no). */
  handleSignals?: boolean;
  /** Called instead of process.exit when shutdown completes; tests observe the code. */
  exit?: (code: number) => void;
}

export interface RunningService {
  server: Server;
  url: string;
  port: number;
  /** Graceful shutdown; resolves with the exit code it would use (0 drained, 1 forced). */
  shutdown(reason?: string): Promise<number>;
}

/**
 * Listens and owns the shutdown sequence, in the order that loses no request:
 * not ready -> stop accepting -> drain in-flight within the deadline -> close clients
 * and stores -> flush logs -> exit. A second signal does not restart the sequence.
 */
export async function startService(service: ServiceApp, options: StartOptions): Promise<RunningService> {
  const { logger, lifecycle } = service;
  const server = createServer(service.app);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info('listening', { port, host: options.host ?? '0.0.0.0' });

  let shuttingDown: Promise<number> | undefined;
  const shutdown = (reason = 'shutdown requested') => (shuttingDown ??= drainAndClose(reason));

  async function drainAndClose(reason: string): Promise<number> {
    const deadline = options.shutdownTimeoutMs ?? 10_000;
    logger.info('shutting down', { reason, deadlineMs: deadline });
    lifecycle.startDraining();
    for (const hook of options.onDrainStart ?? []) hook();
    const drained = await closeServer(server, deadline);
    if (!drained) logger.warn('shutdown deadline passed; cutting remaining connections', { deadlineMs: deadline });
    for (const closeable of options.closeables ?? []) {
      try {
        await closeable.close();
      } catch (error) {
        logger.error('failed to close', { closeable: closeable.name, error });
      }
    }
    logger.info('stopped', { drained });
    await flushLogger(logger);
    return drained ? 0 : 1;
  }

  if (options.handleSignals) {
    const exit = options.exit ?? ((code: number) => process.exit(code));
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => void shutdown(signal).then(exit));
    }
  }
  return { server, url, port, shutdown };
}

/** Stops accepting, lets in-flight requests finish, and cuts what is left at the deadline. */
function closeServer(server: Server, deadlineMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Keep-alive connections become idle as their last response ends; close them as they do.
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    const timer = setTimeout(() => {
      clearInterval(sweeper);
      server.closeAllConnections();
      resolve(false);
    }, deadlineMs);
    server.close(() => {
      clearTimeout(timer);
      clearInterval(sweeper);
      resolve(true);
    });
    server.closeIdleConnections();
  });
}
