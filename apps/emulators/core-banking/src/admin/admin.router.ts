import express, { Router } from 'express';
import { toFieldErrors } from '@strata/contract-kit';
import { ValidationError } from '@strata/errors';
import { FaultSwitches, faultSettingsSchema } from './fault-switches';

export interface AdminDeps {
  faults: FaultSwitches;
  /** Empties the bank and seeds it again as at start-up. */
  reset: () => Promise<void>;
}

/**
 * `/__admin/...`: switches for tests, never part of the bank's surface. Answers in
 * Strata's conventions (problem+json on bad input), since only our tests call it.
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  router.get('/__admin/faults', (_req, res) => {
    res.json(deps.faults.settings);
  });
  router.put('/__admin/faults', (req, res) => {
    const parsed = faultSettingsSchema.partial().strict().safeParse(req.body ?? {});
    if (!parsed.success) throw new ValidationError('Invalid fault settings', toFieldErrors('body', parsed.error.issues));
    res.json(deps.faults.update(parsed.data));
  });
  router.delete('/__admin/faults', (_req, res) => {
    deps.faults.clear();
    res.status(204).end();
  });
  router.post('/__admin/reset', async (_req, res) => {
    deps.faults.clear();
    await deps.reset();
    res.status(204).end();
  });
  return router;
}
