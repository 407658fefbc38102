import express, { Router } from 'express';
import { toFieldErrors } from '@strata/contract-kit';
import { NotFoundError, ValidationError } from '@strata/errors';
import { validateCardholder } from '../soap/cardholder.validation';
import type { CardholderStore } from '../store/cardholder.store';
import { FaultSwitches, faultSettingsSchema } from './fault-switches';

export interface AdminDeps {
  faults: FaultSwitches;
  store: CardholderStore;
  /** Empties the platform and loads the configured seed again. */
  reseed: () => Promise<number>;
}

/**
 * `/__admin/...`: switches and back doors for tests, never part of the platform's SOAP
 * surface. Changing a record here is what "someone changed it on the platform's own
 * screens" looks like to the System API. Answers in Strata's conventions (problem+json).
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
  router.get('/__admin/cardholders/count', async (_req, res) => {
    res.json({ count: await deps.store.count() });
  });
  router.patch('/__admin/cardholders/:id', async (req, res) => {
    const current = await deps.store.get(req.params['id'] as string);
    if (!current) throw new NotFoundError(`No cardholder ${req.params['id']}`);
    const record = validateCardholder({ ...current, ...(req.body as Record<string, unknown>) }, current.CardholderId);
    await deps.store.save(record);
    res.json(record);
  });
  router.put('/__admin/cardholders/:id', async (req, res) => {
    const id = req.params['id'] as string;
    if (!/^CP-\d{6}$/.test(id)) throw new ValidationError('Invalid cardholder id', [{ path: 'params.id', message: 'CP- and six digits' }]);
    const record = validateCardholder((req.body ?? {}) as Record<string, unknown>, id);
    const { created } = await deps.store.save(record);
    res.status(created ? 201 : 200).json(record);
  });
  router.delete('/__admin/cardholders/:id', async (req, res) => {
    if (!(await deps.store.remove(req.params['id'] as string))) throw new NotFoundError(`No cardholder ${req.params['id']}`);
    res.status(204).end();
  });
  router.post('/__admin/reset', async (_req, res) => {
    deps.faults.clear();
    res.json({ cardholders: await deps.reseed() });
  });
  return router;
}
