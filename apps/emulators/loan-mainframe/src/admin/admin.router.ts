import express, { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ServiceUnavailableError, ValidationError } from '@strata/errors';
import { toFieldErrors } from '@strata/contract-kit';
import type { MainframeJob } from '../exchange/mainframe.job';
import type { OutboundWriter } from '../exchange/outbound.writer';
import { toMainframeAccount, type BorrowerRecord, type LoanStore } from '../store/loan.store';
import { FaultSwitches, faultSettingsSchema } from './fault-switches';

export interface AdminDeps {
  faults: FaultSwitches;
  store: LoanStore;
  job: MainframeJob;
  outbound: OutboundWriter;
  /** Empties the mainframe and its exchange folders and seeds it again. */
  reset: () => Promise<void>;
}

const text = (max: number) => z.string().max(max).regex(/^[\x20-\x7E]*$/, 'printable ASCII');
/** A loan change as an operator keys it in: the record's own fields, upper-cased on save. */
const loanPatchSchema = z
  .object({
    customerKey: text(10),
    surname: text(30),
    givenNames: text(30),
    birthDate: z.iso.date().nullable(),
    email: text(60),
    phone: text(20),
    street: text(40),
    city: text(25),
    state: text(20),
    postalCode: text(10),
    country: text(2),
    statusCode: z.enum(['A', 'C', 'D']),
    balance: z.number().min(-999_999_999.99).max(999_999_999.99),
    interestRate: z.number().min(0).max(99.9999),
  })
  .partial()
  .strict();

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new ValidationError('Invalid admin request', toFieldErrors('body', parsed.error.issues));
  return parsed.data;
}

/**
 * `/__admin/...`: switches and levers for tests and demos, never part of the mainframe's
 * surface (which is only files). Changing a loan here is how tests make the mainframe
 * produce a change file.
 */
export function adminRouter(deps: AdminDeps): Router {
  const router = express.Router();
  router.get('/__admin/faults', (_req, res) => void res.json(deps.faults.settings));
  router.put('/__admin/faults', (req, res) => void res.json(deps.faults.update(parseBody(faultSettingsSchema.partial().strict(), req.body))));
  router.delete('/__admin/faults', (_req, res) => {
    deps.faults.clear();
    res.status(204).end();
  });
  router.post('/__admin/cycle', async (_req, res) => void res.json(await deps.job.runCycle()));
  router.post('/__admin/extract', async (_req, res) => {
    if (deps.job.isDown()) throw new ServiceUnavailableError('The mainframe is down (admin switch)');
    res.json({ file: await deps.job.serial(() => deps.outbound.writeExtract()) });
  });
  router.get('/__admin/loans/:loanAccount', async (req, res) => {
    const record = await deps.store.get(toMainframeAccount(req.params.loanAccount));
    if (!record) throw new NotFoundError(`No loan ${req.params.loanAccount}`);
    res.json(record);
  });
  router.put('/__admin/loans/:loanAccount', async (req, res) => {
    const loanAccount = toMainframeAccount(req.params.loanAccount);
    if (!/^LN\d{8}$/.test(loanAccount)) throw new ValidationError('Invalid loan account', [{ path: 'params.loanAccount', message: 'like LN-00001234' }]);
    const patch = parseBody(loanPatchSchema, req.body);
    const result = await deps.job.serial(async () => {
      const current = (await deps.store.get(loanAccount)) ?? newLoan(loanAccount);
      const record = stamp(upperCased({ ...current, ...patch }));
      if (!record.surname) throw new ValidationError('A loan needs a surname', [{ path: 'body.surname', message: 'Required for a new loan' }]);
      await deps.store.save([record], { unsent: true });
      return { created: current.surname === '', record };
    });
    const file = await deps.job.flushChanges();
    res.status(result.created ? 201 : 200).json({ ...result, file });
  });
  router.post('/__admin/reset', async (_req, res) => {
    await deps.reset();
    res.status(204).end();
  });
  return router;
}

function newLoan(loanAccount: string): BorrowerRecord {
  return {
    loanAccount, customerKey: '', surname: '', givenNames: '', birthDate: null, email: '', phone: '', street: '', city: '', state: '',
    postalCode: '', country: '', statusCode: 'A', balance: 0, interestRate: 0, changeDate: null, changeTime: null,
  };
}

function upperCased(record: BorrowerRecord): BorrowerRecord {
  const out = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) if (typeof value === 'string' && key !== 'birthDate') out[key] = value.toUpperCase();
  return out as BorrowerRecord;
}

function stamp(record: BorrowerRecord, now = new Date()): BorrowerRecord {
  const iso = now.toISOString();
  return { ...record, changeDate: iso.slice(0, 10), changeTime: iso.slice(11, 19) };
}
