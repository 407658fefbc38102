import type { Session, SessionValidator } from '../auth/session.types';
import { BayeuxReply, BayeuxRequest, META, replyTo } from './cometd.messages';

/** Salesforce's two reasons for refusing a CometD request. */
export type CometdAuthFailure = '401::Request requires authentication' | '401::Authentication invalid';

/** The session behind a CometD POST, or why there is none. */
export type CometdAuth = { ok: true; session: Session } | { ok: false; failureReason: CometdAuthFailure };

const AUTHORIZATION = /^(?:OAuth|Bearer)\s+(\S+)\s*$/i;

/**
 * Checks the `Authorization: OAuth <token>` header jsforce puts on every CometD
 * request. The token is validated on every POST, not only at handshake, because
 * Salesforce ends a stream as soon as its session is revoked or expires.
 */
export async function authenticateCometd(header: string | undefined, sessions: SessionValidator): Promise<CometdAuth> {
  const token = header ? AUTHORIZATION.exec(header)?.[1] : undefined;
  if (!token) return { ok: false, failureReason: '401::Request requires authentication' };
  const session = await sessions.validate(token);
  return session ? { ok: true, session } : { ok: false, failureReason: '401::Authentication invalid' };
}

/**
 * The body sent with HTTP 401, one reply per message, worded as Salesforce documents
 * (Streaming API "Handling Errors"): a handshake fails with `403::Handshake denied`
 * and the reason in `ext.sfdc.failureReason`; any other message fails with the
 * reason itself. Both advise `reconnect: 'none'`.
 *
 * faye ignores the HTTP status and reads the body, so the body is what matters:
 * the echoed `id` lets faye settle the request instead of timing out and retrying
 * forever, `reconnect: 'none'` stops it polling with a dead token, and jsforce's
 * `StreamingExtension.AuthFailure` fires on exactly this shape.
 */
export function authFailureReplies(messages: BayeuxRequest[], failureReason: CometdAuthFailure): BayeuxReply[] {
  return messages.map((message) =>
    message.channel === META.handshake
      ? replyTo(message, {
          successful: false,
          error: '403::Handshake denied',
          advice: { reconnect: 'none' },
          ext: { sfdc: { failureReason }, replay: true },
        })
      : replyTo(message, { successful: false, error: failureReason, advice: { reconnect: 'none', interval: 0 } }),
  );
}
