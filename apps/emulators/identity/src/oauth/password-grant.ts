import type { UserDirectory, UserProfile } from '../users/user-directory';
import type { OAuthClient } from './clients';
import { OAuthError } from './oauth-error';

/** A grant that checked out: who, for which app, with which scopes. */
export interface Grant {
  user: UserProfile;
  client: OAuthClient;
  scopes: string[];
}

type Form = Record<string, string | undefined>;

function required(form: Form, name: string): string {
  const value = form[name];
  if (!value) throw new OAuthError('invalid_request', `${name} is required`);
  return value;
}

/**
 * The scopes a token gets: the ones asked for, each of which both the user and the
 * client must allow, or, when none are asked for, everything the user may do in
 * this client. Nothing to grant is `invalid_scope`, like an over-reaching request.
 */
function grantedScopes(requested: string | undefined, user: UserProfile, client: OAuthClient): string[] {
  const allowed = user.scopes.filter((scope) => client.scopes.includes(scope));
  if (requested === undefined || requested.trim() === '') {
    if (allowed.length === 0) throw new OAuthError('invalid_scope', `the user has no scope in client ${client.id}`);
    return allowed;
  }
  const asked = [...new Set(requested.split(' ').filter(Boolean))];
  const refused = asked.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) throw new OAuthError('invalid_scope', `scope not allowed: ${refused.join(' ')}`);
  return asked;
}

/**
 * The resource owner password credentials grant (RFC 6749 §4.3), the way the mobile
 * app's and the advisor web's login screens would use a real provider in a test tenant.
 * The client is checked before the user, so an unknown client never costs a password check.
 */
export async function passwordGrant(form: Form, clients: readonly OAuthClient[], users: UserDirectory): Promise<Grant> {
  const clientId = required(form, 'client_id');
  const client = clients.find((c) => c.id === clientId);
  if (!client) throw new OAuthError('invalid_client', 'unknown client');
  const username = required(form, 'username');
  const password = required(form, 'password');
  const user = await users.authenticate(username, password);
  if (!user) throw new OAuthError('invalid_grant', 'wrong username or password');
  return { user, client, scopes: grantedScopes(form['scope'], user, client) };
}
