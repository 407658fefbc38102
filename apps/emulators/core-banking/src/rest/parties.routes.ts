import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from '@strata/logging';
import type { FaultSwitches } from '../admin/fault-switches';
import { isBankTimestamp } from '../party/bank-time';
import { partyBodySchema, type Party } from '../party/party.types';
import type { PartyStore } from '../store/party.store';
import { bankErrorHandler, bankErrors } from './bank-error';
import { faultsMiddleware } from './faults.middleware';
import { malformed } from './malformed-party';

export interface PartyRoutesDeps {
  store: PartyStore;
  faults: FaultSwitches;
  logger: Logger;
  maxPageSize: number;
}

const PARTY_ID = /^P\d{9}$/;

/** The bank's ETag: the party version in quotes. */
export const etagOf = (party: Pick<Party, 'version'>) => `"${party.version}"`;

/** Reads `If-Match` as a version; weak tags are accepted, as the bank's gateway does. */
function versionFrom(ifMatch: string | undefined): number | undefined {
  if (!ifMatch) return undefined;
  const match = /^(W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
  if (!match) throw bankErrors.badRequest(`If-Match ${ifMatch} is not a party ETag`);
  return Number(match[2]);
}

/** The bank names only the first bad field, as its validator stops there. */
function firstIssue(error: z.ZodError, part: string): string {
  const [first] = error.issues;
  return first ? `${part} ${first.path.join('.') || 'body'}: ${first.message}` : `${part} is invalid`;
}

function parseBody(body: unknown) {
  const parsed = partyBodySchema.safeParse(body ?? {});
  if (!parsed.success) throw bankErrors.badRequest(firstIssue(parsed.error, 'Field'));
  return parsed.data;
}

/**
 * The bank's party API: listing by `modifiedSince` with page numbers, lookup by
 * external reference, reads with ETags, creates, and replaces guarded by `If-Match`
 * (428 without it, 412 when stale). Errors use the bank's own `{ errorCode, errorText }`.
 */
export function partyRoutes(deps: PartyRoutesDeps): Router {
  const router = express.Router();
  const { store, faults } = deps;
  /** Every party leaving the bank goes through here, so `malformNext` can break it. */
  const serve = (party: Party) => {
    const kind = faults.takeMalformed(party.partyId);
    return kind ? malformed(party, kind) : party;
  };
  const sendParty = (res: Response, status: number, party: Party) => res.status(status).set('etag', etagOf(party)).json(serve(party));
  const listQuery = z.object({
    modifiedSince: z.string().refine(isBankTimestamp, 'YYYYMMDDhhmmss').optional(),
    externalRef: z.string().regex(/^[A-Z]{1,10}:.+$/, 'SCHEME:value').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(deps.maxPageSize).default(50),
  });

  router.use('/parties', faultsMiddleware(faults));
  router.get('/parties', async (req, res) => {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) throw bankErrors.badRequest(firstIssue(parsed.error, 'Query'));
    const { modifiedSince, externalRef, page, pageSize } = parsed.data;
    if (externalRef) {
      const separator = externalRef.indexOf(':');
      const parties = await store.findByExternalRef(externalRef.slice(0, separator), externalRef.slice(separator + 1));
      res.json({ parties: parties.map(serve), page: 1, pageSize: parties.length, totalCount: parties.length, hasMore: false });
      return;
    }
    const found = await store.list({ modifiedSince, page, pageSize });
    res.json({ parties: found.parties.map(serve), page, pageSize, totalCount: found.totalCount, hasMore: page * pageSize < found.totalCount });
  });
  router.get('/parties/:partyId', async (req, res) => {
    const party = PARTY_ID.test(req.params.partyId) ? await store.get(req.params.partyId) : undefined;
    if (!party) throw bankErrors.notFound(`Party ${req.params.partyId} not found`);
    sendParty(res, 200, party);
  });
  router.post('/parties', async (req, res) => {
    const party = await store.create(parseBody(req.body));
    res.set('location', `/parties/${party.partyId}`);
    sendParty(res, 201, party);
  });
  router.put('/parties/:partyId', async (req, res) => {
    const expected = versionFrom(req.header('if-match'));
    if (expected === undefined) throw bankErrors.ifMatchRequired();
    const body = parseBody(req.body);
    if (faults.takeConcurrentWrite()) await store.touch(req.params.partyId);
    sendParty(res, 200, await store.replace(req.params.partyId, body, expected));
  });
  router.use('/parties', bankErrorHandler(deps.logger));
  return router;
}
