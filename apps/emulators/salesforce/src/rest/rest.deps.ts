import type { RequestHandler } from 'express';
import type { FaultSwitches } from '../admin/fault-switches';
import type { RecordStore } from '../store/record-store';
import type { ApiUsage } from './api-usage';

/** What the Salesforce REST surface needs; built once in `app.ts`. */
export interface RestDeps {
  store: RecordStore;
  usage: ApiUsage;
  faults: FaultSwitches;
  /** Answers 401 INVALID_SESSION_ID for a missing or expired token; sets `res.locals.session`. */
  requireSession: RequestHandler;
  clock?: () => Date;
}
