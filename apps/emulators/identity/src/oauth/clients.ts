import { z } from 'zod';
import { scopeSchema } from '../users/user.schema';

/**
 * An app users sign in to: its id is the token's audience, and its scopes bound what a
 * token for it may carry, whatever the user may do elsewhere. Public clients (a phone
 * app, a browser app) hold no secret, so none is configured.
 */
export const clientSchema = z.object({ id: z.string().min(1).max(64), scopes: z.array(scopeSchema).min(1) });

export const clientsSchema = z.array(clientSchema).min(1);

export type OAuthClient = z.output<typeof clientSchema>;

/** The two Experience APIs' audiences and the scopes their routes ask for. */
export const DEFAULT_CLIENTS: OAuthClient[] = [
  { id: 'strata-mobile', scopes: ['customer:read', 'customer:write'] },
  { id: 'strata-advisor', scopes: ['advisor:read', 'advisor:reconcile', 'advisor:audit'] },
];
