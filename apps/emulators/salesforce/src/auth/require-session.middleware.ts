import type { Request, RequestHandler, Response } from 'express';
import type { Session, SessionValidator } from './session.types';

/**
 * Salesforce REST's answer to a missing, unknown or expired token. jsforce treats any
 * 401 as "session expired": it refreshes (refresh token, re-login or `refreshFn`) and
 * replays the request, so this exact shape is what makes expiry invisible to callers.
 */
export const INVALID_SESSION_BODY: ReadonlyArray<{ message: string; errorCode: string }> = [
  { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
];

const AUTHORIZATION = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i;

/**
 * The access token of a request: `Authorization: Bearer <token>` (REST, jsforce) or
 * `Authorization: OAuth <token>` (CometD clients and older tools), as Salesforce accepts
 * both. Undefined when there is none.
 */
export function bearerToken(req: Pick<Request, 'headers'>): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return AUTHORIZATION.exec(header)?.[1];
}

/** Options of {@link requireSession}. */
export interface RequireSessionOptions {
  /**
   * Also accept `?oauth_token=` when there is no header, as the identity service does
   * (jsforce's `conn.identity()` sends both; the header wins, so a replay after a
   * refresh uses the new token even though the URL still carries the old one).
   */
  allowQueryToken?: boolean;
}

/**
 * Guards a Salesforce endpoint: answers 401 INVALID_SESSION_ID exactly as a real org
 * does when the token is missing, unknown or expired, and otherwise leaves the
 * {@link Session} on `res.locals.session` (read it with {@link sessionOf}).
 */
export function requireSession(sessions: SessionValidator, options: RequireSessionOptions = {}): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req) ?? (options.allowQueryToken ? queryToken(req) : undefined);
    const session = token === undefined ? undefined : await sessions.validate(token);
    if (session === undefined) {
      res.status(401).json(INVALID_SESSION_BODY);
      return;
    }
    res.locals['session'] = session;
    next();
  };
}

/**
 * The session {@link requireSession} established for this request. Throws if the route
 * was mounted without it, which is a wiring mistake, not a client error.
 */
export function sessionOf(res: Response): Session {
  const session: unknown = res.locals['session'];
  if (session === undefined) throw new Error('sessionOf() called on a route not guarded by requireSession()');
  return session as Session;
}

function queryToken(req: Request): string | undefined {
  const value: unknown = req.query['oauth_token'];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
