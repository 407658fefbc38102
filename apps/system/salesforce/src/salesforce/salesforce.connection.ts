import { createSign } from 'node:crypto';
import { Connection } from 'jsforce';
import type { Logger } from '@strata/logging';

/** How to reach the org: the emulator by default, a real org with real credentials. */
export interface SalesforceSettings {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password?: string;
  /** PEM private key for the JWT bearer flow; when set, it is used instead of the password. */
  jwtPrivateKey?: string;
  apiVersion: string;
  /** Sent as `Sforce-Call-Options: client=<name>`; it comes back as changeOrigin in CDC. */
  clientName: string;
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Signs the JWT bearer assertion Salesforce expects (jsforce does not sign). */
export function signJwtAssertion(settings: SalesforceSettings, now = Date.now()): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: settings.clientId, sub: settings.username, aud: settings.loginUrl, exp: Math.floor(now / 1000) + 180 }));
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(settings.jwtPrivateKey as string);
  return `${header}.${claims}.${b64url(signature)}`;
}

/**
 * Opens a jsforce connection and keeps it authenticated: the password flow gets a
 * refresh token that jsforce uses on any 401; the JWT flow has none, so a `refreshFn`
 * signs a new assertion. Either way an expired session is invisible to callers.
 */
export async function openSalesforceConnection(settings: SalesforceSettings, logger: Logger): Promise<Connection> {
  const oauth2 = { loginUrl: settings.loginUrl, clientId: settings.clientId, clientSecret: settings.clientSecret };
  const authorizeJwt = async (conn: Connection) => {
    const grant = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signJwtAssertion(settings) };
    await conn.authorize(grant as unknown as Parameters<Connection['authorize']>[0]);
    return conn.accessToken as string;
  };
  const conn: Connection = new Connection({
    oauth2,
    version: settings.apiVersion,
    callOptions: { client: settings.clientName },
    ...(settings.jwtPrivateKey
      ? {
          refreshFn: (c: Connection, callback: (err: Error | null, token?: string) => void) => {
            authorizeJwt(c).then((token) => callback(null, token), (error: Error) => callback(error));
          },
        }
      : {}),
  });
  if (settings.jwtPrivateKey) await authorizeJwt(conn);
  else await conn.login(settings.username, settings.password ?? '');
  conn.on('refresh', () => logger.info('salesforce session refreshed'));
  logger.info('connected to salesforce', { instanceUrl: conn.instanceUrl, flow: settings.jwtPrivateKey ? 'jwt-bearer' : 'password' });
  return conn;
}
