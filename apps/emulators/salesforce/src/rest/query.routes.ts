import { randomBytes } from 'node:crypto';
import express, { Request, Router } from 'express';
import { executeSoql, parseSoql } from '../soql';
import type { ResultRecord } from '../soql';
import { apiVersionOf } from './request-context';
import type { RestDeps } from './rest.deps';
import { SalesforceApiError } from './salesforce-api-error';

const DEFAULT_BATCH = 2000;
const CURSOR_TTL_MS = 15 * 60_000;

interface Cursor {
  records: ResultRecord[];
  totalSize: number;
  expiresAt: number;
}

/** `Sforce-Query-Options: batchSize=N` (200..2000), as the real API honours it. */
function batchSizeOf(req: Request): number {
  const match = /batchSize=(\d+)/i.exec(String(req.headers['sforce-query-options'] ?? ''));
  const size = match ? Number(match[1]) : DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(200, size));
}

/**
 * SOQL over REST: `query`, `queryAll` (deleted records too) and `query/{locator}`
 * (queryMore). Results come in pages of 2,000 with `nextRecordsUrl`; locators live 15
 * minutes, like server-side cursors, and an unknown one is INVALID_QUERY_LOCATOR.
 */
export function queryRoutes(deps: RestDeps): Router {
  const router = express.Router({ mergeParams: true });
  const cursors = new Map<string, Cursor>();
  const clock = deps.clock ?? (() => new Date());

  const page = (req: Request, cursorId: string, cursor: Cursor, offset: number) => {
    const size = batchSizeOf(req);
    const records = cursor.records.slice(offset, offset + size);
    const next = offset + size;
    const done = next >= cursor.records.length;
    if (done) cursors.delete(cursorId);
    return {
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${apiVersionOf(req)}/query/${cursorId}-${next}` }),
      records,
    };
  };

  const run = (includeDeleted: boolean) => (req: Request, res: express.Response) => {
    const text = req.query['q'];
    if (typeof text !== 'string' || text.trim() === '') {
      throw new SalesforceApiError(400, [{ errorCode: 'MALFORMED_QUERY', message: 'A query string (q) is required' }]);
    }
    const result = executeSoql(parseSoql(text), deps.store, { now: clock(), includeDeleted, apiVersion: apiVersionOf(req) });
    for (const [id, cursor] of cursors) if (cursor.expiresAt < Date.now()) cursors.delete(id);
    const cursorId = `01g5g${randomBytes(6).toString('hex').slice(0, 10)}`;
    const cursor = { records: result.records, totalSize: result.totalSize, expiresAt: Date.now() + CURSOR_TTL_MS };
    cursors.set(cursorId, cursor);
    res.json(page(req, cursorId, cursor, 0));
  };

  router.get('/query', run(false));
  router.get('/queryAll', run(true));
  router.get(['/query/:locator', '/queryAll/:locator'], (req, res) => {
    const match = /^(.+)-(\d+)$/.exec(String(req.params['locator']));
    const cursor = match ? cursors.get(match[1] as string) : undefined;
    if (!match || !cursor) {
      throw new SalesforceApiError(400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
    }
    res.json(page(req, match[1] as string, cursor, Number(match[2])));
  });
  return router;
}
