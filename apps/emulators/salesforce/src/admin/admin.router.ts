import express, { Router } from 'express';
import { ValidationError } from '@strata/errors';
import { toFieldErrors } from '@strata/contract-kit';
import type { ApiUsage } from '../rest/api-usage';
import type { RecordStore } from '../store/record-store';
import { FaultSwitches, faultSettingsSchema } from './fault-switches';

export interface AdminDeps {
  faults: FaultSwitches;
  usage: ApiUsage;
  store: RecordStore;
  expireAllSessions: () => Promise<void>;
  dropStreamingClients: () => void;
}

/**
 * `/__admin/...`: switches for tests, never part of the Salesforce surface. Answers in
 * Strata's own conventions (problem+json on bad input), since only our tests call it.
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  router.get('/__admin/faults', (_req, res) => {
    res.json({ ...deps.faults.settings, apiUsage: deps.usage.count });
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
  router.post('/__admin/sessions/expire', async (_req, res) => {
    await deps.expireAllSessions();
    res.status(204).end();
  });
  router.post('/__admin/streaming/drop', (_req, res) => {
    deps.dropStreamingClients();
    res.status(204).end();
  });
  router.post('/__admin/api-usage/reset', (_req, res) => {
    deps.usage.reset();
    res.status(204).end();
  });
  router.post('/__admin/reset', async (_req, res) => {
    await deps.store.reset();
    deps.usage.reset();
    deps.faults.clear();
    res.status(204).end();
  });
  return router;
}
