import express, { Router } from 'express';
import { toFieldErrors } from '@strata/contract-kit';
import { ValidationError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import type { SigningKeys } from '../keys/signing-keys';
import { registrationSchema } from '../users/user.schema';
import type { UserDirectory } from '../users/user-directory';

/**
 * `/__admin/...`: what a provider's admin console does, for the landscape and tests.
 * Answers in Strata's conventions (problem+json naming the field), never part of the
 * OAuth surface; like every emulator's admin switches it has no authentication.
 */
export function adminRouter(deps: { keys: SigningKeys; users: UserDirectory; logger: Logger }): Router {
  const router = express.Router();
  router.post('/__admin/signing-keys', async (_req, res) => {
    const kid = await deps.keys.rotate();
    deps.logger.info('signing key rotated', { kid });
    res.status(201).json({ kid, published: deps.keys.jwks().keys.map((key) => key.kid) });
  });
  router.get('/__admin/users', (_req, res) => {
    res.json({ users: deps.users.list() });
  });
  router.put('/__admin/users/:username', async (req, res) => {
    const username = String(req.params['username']);
    const parsed = registrationSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new ValidationError('Invalid user', toFieldErrors('body', parsed.error.issues));
    const { created, user } = await deps.users.register(username, parsed.data);
    deps.logger.info('user registered', { subject: user.subject, scopes: user.scopes, created });
    res.status(created ? 201 : 200).json(user);
  });
  return router;
}
