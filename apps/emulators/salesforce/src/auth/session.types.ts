/** Who an access token belongs to; what the REST and CometD endpoints need to serve a call. */
export interface Session {
  accessToken: string;
  userId: string;
  orgId: string;
  /** The OAuth client (connected app) the session was issued to. */
  clientId: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Resolves a bearer token to a live session, or undefined when it is unknown or has
 * expired (which callers answer with 401 INVALID_SESSION_ID, so jsforce refreshes).
 */
export interface SessionValidator {
  validate(accessToken: string): Promise<Session | undefined>;
}
