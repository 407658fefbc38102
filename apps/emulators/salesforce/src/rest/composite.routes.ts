import express, { Request, Response, Router } from 'express';
import { findObject } from '../schema/org-schema.lookup';
import type { WriteOp, WriteResult } from '../store/write-ops';
import { fieldsParam, shapeRecord } from './record-shape';
import { apiVersionOf, writeContextOf } from './request-context';
import type { RestDeps } from './rest.deps';
import { invalidTypeError, SalesforceApiError } from './salesforce-api-error';

const MAX_RECORDS = 200;

interface CollectionBody {
  allOrNone?: boolean;
  records?: Array<Record<string, unknown> & { attributes?: { type?: string } }>;
}

/** Collections answer per record, with `statusCode` where single-record errors say `errorCode`. */
function toCollectionResult(result: WriteResult, withCreated: boolean) {
  if (result.ok) return { id: result.id, success: true, errors: [], ...(withCreated ? { created: result.created } : {}) };
  return {
    ...(result.id ? { id: result.id } : {}),
    success: false,
    errors: result.errors.map((e) => ({ statusCode: e.errorCode, message: e.message, fields: e.fields })),
  };
}

function recordsOf(body: CollectionBody): NonNullable<CollectionBody['records']> {
  const records = body?.records;
  if (!Array.isArray(records)) throw new SalesforceApiError(400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'records is required' }]);
  if (records.length > MAX_RECORDS) {
    throw new SalesforceApiError(400, [{ errorCode: 'EXCEEDED_ID_LIMIT', message: `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call` }]);
  }
  return records;
}

const typeOf = (record: { attributes?: { type?: string } }, fallback?: string) => record.attributes?.type ?? fallback ?? '';
const withoutAttributes = ({ attributes: _attributes, ...rest }: Record<string, unknown>) => rest;

/**
 * sObject Collections: create, update, upsert and delete up to 200 records per call
 * (allOrNone false by default, as in Salesforce), and retrieve by ids.
 */
export function compositeRoutes(deps: RestDeps): Router {
  const router = express.Router({ mergeParams: true });
  const run = async (req: Request, res: Response, ops: WriteOp[], allOrNone: boolean, withCreated = false) => {
    const results = await deps.store.write(ops, writeContextOf(req, res), { allOrNone });
    res.json(results.map((r) => toCollectionResult(r, withCreated)));
  };

  router.post('/composite/sobjects', (req, res) => {
    const body = req.body as CollectionBody;
    const ops = recordsOf(body).map((r): WriteOp => ({ kind: 'create', objectName: typeOf(r), input: withoutAttributes(r) }));
    return run(req, res, ops, body.allOrNone === true);
  });
  router.patch('/composite/sobjects', (req, res) => {
    const body = req.body as CollectionBody;
    const ops = recordsOf(body).map((r): WriteOp => {
      const { id, Id, ...rest } = withoutAttributes(r);
      return { kind: 'update', objectName: typeOf(r), id: String(id ?? Id ?? ''), input: rest };
    });
    return run(req, res, ops, body.allOrNone === true);
  });
  router.delete('/composite/sobjects', (req, res) => {
    const ids = String(req.query['ids'] ?? '').split(',').filter(Boolean);
    if (ids.length > MAX_RECORDS) throw new SalesforceApiError(400, [{ errorCode: 'EXCEEDED_ID_LIMIT', message: 'too many ids' }]);
    const ops = ids.map((id): WriteOp => {
      const object = deps.store.schema.objects.find((o) => id.startsWith(o.keyPrefix));
      return { kind: 'delete', objectName: object?.name ?? 'Unknown', id };
    });
    return run(req, res, ops, String(req.query['allOrNone']) === 'true');
  });
  router.patch('/composite/sobjects/:type/:field', (req, res) => {
    const body = req.body as CollectionBody;
    const type = String(req.params['type']);
    const field = String(req.params['field']);
    const ops = recordsOf(body).map((r): WriteOp => {
      const input = withoutAttributes(r);
      const key = Object.keys(input).find((k) => k.toLowerCase() === field.toLowerCase());
      return { kind: 'upsert', objectName: typeOf(r, type), field, value: String(key ? input[key] : ''), input };
    });
    return run(req, res, ops, body.allOrNone === true, true);
  });
  const retrieve = (req: Request, res: Response, ids: string[], fields: string[] | undefined) => {
    const object = findObject(deps.store.schema, String(req.params['type']));
    if (!object) throw invalidTypeError(String(req.params['type']));
    res.json(ids.map((id) => {
      const record = deps.store.byId(object.name, id);
      return record && !record['IsDeleted'] ? shapeRecord(object, record, apiVersionOf(req), fields) : null;
    }));
  };
  router.post('/composite/sobjects/:type', (req, res) => {
    const body = req.body as { ids?: string[]; fields?: string[] };
    retrieve(req, res, body.ids ?? [], body.fields);
  });
  router.get('/composite/sobjects/:type', (req, res) => {
    retrieve(req, res, String(req.query['ids'] ?? '').split(',').filter(Boolean), fieldsParam(req.query['fields']));
  });
  return router;
}
