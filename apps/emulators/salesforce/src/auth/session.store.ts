import { createHash, randomBytes } from 'node:crypto';
import { migrate, type Database, type Queryable } from '@strata/persistence';
import { authMigrations } from './auth.migrations';
import type { Session, SessionValidator } from './session.types';

/** Milliseconds since the epoch; injectable so tests can move time instead of waiting for it. */
export type Clock = () => number;

/** How the store issues sessions. */
export interface SessionStoreOptions {
  /** How long an access token stays valid after it is issued. */
  lifetimeMs: number;
  /** Defaults to `Date.now`. */
  clock?: Clock;
}

/** Who a new session is for and whether the flow also yields a refresh token. */
export interface IssueRequest {
  clientId: string;
  userId: string;
  orgId: string;
  /** The OAuth grant that produced it, kept for diagnostics. */
  grantType: string;
  /** Only the password flow (and authorization code, not emulated) yields a refresh token. */
  withRefreshToken: boolean;
}

/** A fresh session and, for flows that have one, the refresh token to hand the client once. */
export interface IssuedSession {
  session: Session;
  refreshToken?: string;
}

interface SessionRow {
  client_id: string;
  user_id: string;
  org_id: string;
  issued_at: Date | string;
  expires_at: Date | string;
}

/** sha256 (hex) of a token: the only form in which tokens are stored or compared. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A Salesforce-shaped access token: the 15-character org id, `!`, then 96 random characters. */
function newAccessToken(orgId: string): string {
  return `${orgId.slice(0, 15)}!${randomBytes(72).toString('base64url')}`;
}

/** A Salesforce-shaped refresh token (`5Aep861…`, 87 characters). */
function newRefreshToken(): string {
  return `5Aep861${randomBytes(60).toString('base64url')}`;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The emulated org's sessions, durable in the emulator's database so clients keep their
 * tokens across an emulator restart, with only token hashes at rest. It is the
 * {@link SessionValidator} the REST and CometD endpoints check bearer tokens against,
 * and it carries the "expire all sessions" fault switch that makes every client go
 * through jsforce's refresh-and-replay path.
 */
export class SessionStore implements SessionValidator {
  private readonly clock: Clock;

  private constructor(
    private readonly db: Database,
    private readonly lifetimeMs: number,
    clock: Clock | undefined,
  ) {
    this.clock = clock ?? Date.now;
  }

  /** Applies the `auth-` migrations, then returns a store over `db`. */
  static async open(db: Database, options: SessionStoreOptions): Promise<SessionStore> {
    await migrate(db, authMigrations);
    return new SessionStore(db, options.lifetimeMs, options.clock);
  }

  /** Starts a session (and its refresh token when the flow has one); drops sessions already expired. */
  async issue(request: IssueRequest): Promise<IssuedSession> {
    const now = this.clock();
    const refreshToken = request.withRefreshToken ? newRefreshToken() : undefined;
    const { clientId, userId, orgId } = request;
    return this.db.transaction(async (tx) => {
      await tx.query('DELETE FROM oauth_sessions WHERE expires_at <= $1', [iso(now)]);
      if (refreshToken !== undefined) {
        await tx.query(
          'INSERT INTO oauth_refresh_tokens (token_hash, client_id, user_id, org_id, issued_at) VALUES ($1, $2, $3, $4, $5)',
          [hashToken(refreshToken), clientId, userId, orgId, iso(now)],
        );
      }
      const refreshHash = refreshToken === undefined ? null : hashToken(refreshToken);
      const session = await this.insertSession(tx, request, refreshHash, now);
      return { session, refreshToken };
    });
  }

  /**
   * The refresh token grant: a new access token for a refresh token issued to `clientId`,
   * or undefined when the token is unknown, revoked or belongs to another client. The
   * refresh token itself stays valid (Salesforce's default "valid until revoked" policy).
   */
  async refresh(refreshToken: string, clientId: string): Promise<Session | undefined> {
    const hash = hashToken(refreshToken);
    const { rows } = await this.db.query<{ user_id: string; org_id: string }>(
      'SELECT user_id, org_id FROM oauth_refresh_tokens WHERE token_hash = $1 AND client_id = $2',
      [hash, clientId],
    );
    const owner = rows[0];
    if (owner === undefined) return undefined;
    const request = { clientId, userId: owner.user_id, orgId: owner.org_id, grantType: 'refresh_token' };
    return this.insertSession(this.db, request, hash, this.clock());
  }

  /** The live session a bearer token belongs to, or undefined when unknown, revoked or expired. */
  async validate(accessToken: string): Promise<Session | undefined> {
    const { rows } = await this.db.query<SessionRow>(
      'SELECT client_id, user_id, org_id, issued_at, expires_at FROM oauth_sessions WHERE token_hash = $1 AND expires_at > $2',
      [hashToken(accessToken), iso(this.clock())],
    );
    const row = rows[0];
    return row === undefined ? undefined : toSession(accessToken, row);
  }

  /**
   * Revokes an access token, or a refresh token together with every access token it
   * produced (Salesforce's revoke semantics). Returns false when the token was unknown.
   */
  async revoke(token: string): Promise<boolean> {
    const hash = hashToken(token);
    const refresh = await this.db.query('DELETE FROM oauth_refresh_tokens WHERE token_hash = $1', [hash]);
    if (refresh.rowCount > 0) return true;
    const access = await this.db.query('DELETE FROM oauth_sessions WHERE token_hash = $1', [hash]);
    return access.rowCount > 0;
  }

  /**
   * The admin fault switch "expire all sessions": every live access token stops working
   * at once, refresh tokens keep working, so clients must refresh and replay. Returns how
   * many sessions it ended.
   */
  async expireAll(): Promise<number> {
    const now = iso(this.clock());
    const { rowCount } = await this.db.query('UPDATE oauth_sessions SET expires_at = $1 WHERE expires_at > $1', [now]);
    return rowCount;
  }

  private async insertSession(
    runner: Queryable,
    request: Omit<IssueRequest, 'withRefreshToken'>,
    refreshHash: string | null,
    now: number,
  ): Promise<Session> {
    const accessToken = newAccessToken(request.orgId);
    const expiresAt = now + this.lifetimeMs;
    await runner.query(
      `INSERT INTO oauth_sessions (token_hash, client_id, user_id, org_id, grant_type, refresh_token_hash, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [hashToken(accessToken), request.clientId, request.userId, request.orgId, request.grantType, refreshHash, iso(now), iso(expiresAt)],
    );
    const { clientId, userId, orgId } = request;
    return { accessToken, clientId, userId, orgId, issuedAt: new Date(now), expiresAt: new Date(expiresAt) };
  }
}

function toSession(accessToken: string, row: SessionRow): Session {
  return {
    accessToken,
    clientId: row.client_id,
    userId: row.user_id,
    orgId: row.org_id,
    issuedAt: new Date(row.issued_at),
    expiresAt: new Date(row.expires_at),
  };
}
