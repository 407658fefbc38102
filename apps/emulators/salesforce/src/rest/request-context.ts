import type { Request, Response } from 'express';
import type { Session } from '../auth/session.types';
import type { WriteContext } from '../store/write-context';

/** `v58.0` -> `58.0`; the version segment of every REST path. */
export function apiVersionOf(req: Request): string {
  const raw = String(req.params['version'] ?? 'v58.0');
  return raw.replace(/^v/, '');
}

/**
 * Who writes and through which client: the session's user and the `client=` of
 * `Sforce-Call-Options`, which becomes each change event's `changeOrigin`.
 */
export function writeContextOf(req: Request, res: Response): WriteContext {
  const session = res.locals['session'] as Session | undefined;
  const options = String(req.headers['sforce-call-options'] ?? '');
  const client = /(?:^|[,;\s])client=([^,;\s]+)/i.exec(options)?.[1] ?? '';
  return { userId: session?.userId ?? '005000000000001AAA', client, apiVersion: apiVersionOf(req) };
}

/** `/services/data/v58.0/sobjects/Contact/003...`: the `attributes.url` of a record. */
export function recordUrl(version: string, type: string, id: string): string {
  return `/services/data/v${version}/sobjects/${type}/${id}`;
}
