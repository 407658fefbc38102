import express, { Request, Router } from 'express';
import { describeGlobal, describeSObject } from '../schema/describe';
import { findField, findObject } from '../schema/org-schema.lookup';
import type { ObjectDef } from '../schema/schema.types';
import { modifiedSince, type WriteResult } from '../store/write-ops';
import { unmodifiedSinceOf } from './conditional-request';
import { fieldsParam, shapeRecord } from './record-shape';
import { apiVersionOf, recordUrl, writeContextOf } from './request-context';
import type { RestDeps } from './rest.deps';
import { invalidTypeError, notFoundError, SalesforceApiError } from './salesforce-api-error';

/** Turns a failed single-record write into Salesforce's REST answer. */
export function throwIfFailed(result: WriteResult | undefined, version: string, type: string): asserts result is Extract<WriteResult, { ok: true }> {
  if (!result) throw notFoundError();
  if (result.ok) return;
  if (result.status === 300) {
    throw new SalesforceApiError(300, result.errors, {}, (result.matches ?? []).map((id) => recordUrl(version, type, id)));
  }
  throw new SalesforceApiError(result.status, result.errors);
}

/**
 * sObject REST: describeGlobal, describe, create, retrieve (all or `?fields=`),
 * update (conditional with `If-Unmodified-Since`: 412 when saved later), delete, upsert by external id (201/200/300/404) and retrieve by external id.
 */
export function sobjectRoutes(deps: RestDeps): Router {
  const router = express.Router({ mergeParams: true });
  const objectOf = (req: Request): ObjectDef => {
    const object = findObject(deps.store.schema, String(req.params['type']));
    if (!object) throw invalidTypeError(String(req.params['type']));
    return object;
  };
  const write = (req: Request, res: express.Response, op: Parameters<RestDeps['store']['write']>[0][number]) =>
    deps.store.write([op], writeContextOf(req, res), { allOrNone: true }).then((results) => results[0]);

  router.get('/sobjects', (req, res) => {
    res.json(describeGlobal(deps.store.schema, { apiVersion: apiVersionOf(req) }));
  });
  router.get('/sobjects/:type/describe', (req, res) => {
    res.json(describeSObject(objectOf(req), { apiVersion: apiVersionOf(req), schema: deps.store.schema }));
  });
  router.post('/sobjects/:type', async (req, res) => {
    const object = objectOf(req);
    const result = await write(req, res, { kind: 'create', objectName: object.name, input: req.body });
    throwIfFailed(result, apiVersionOf(req), object.name);
    res.status(201).json({ id: result.id, success: true, errors: [] });
  });
  router.get('/sobjects/:type/:id', (req, res) => {
    const object = objectOf(req);
    const record = deps.store.byId(object.name, String(req.params['id']));
    if (!record || record['IsDeleted']) throw notFoundError();
    res.json(shapeRecord(object, record, apiVersionOf(req), fieldsParam(req.query['fields'])));
  });
  router.patch('/sobjects/:type/:id', async (req, res) => {
    const object = objectOf(req);
    const unmodifiedSince = unmodifiedSinceOf(req);
    if (unmodifiedSince && deps.faults.takePreconditionFailure()) throw new SalesforceApiError(412, modifiedSince(String(req.params['id']), unmodifiedSince).errors);
    const result = await write(req, res, { kind: 'update', objectName: object.name, id: String(req.params['id']), input: req.body, unmodifiedSince });
    throwIfFailed(result, apiVersionOf(req), object.name);
    res.status(204).end();
  });
  router.delete('/sobjects/:type/:id', async (req, res) => {
    const object = objectOf(req);
    const result = await write(req, res, { kind: 'delete', objectName: object.name, id: String(req.params['id']) });
    throwIfFailed(result, apiVersionOf(req), object.name);
    res.status(204).end();
  });
  router.patch('/sobjects/:type/:field/:value', async (req, res) => {
    const object = objectOf(req);
    const op = { kind: 'upsert' as const, objectName: object.name, field: String(req.params['field']), value: String(req.params['value']), input: req.body };
    const result = await write(req, res, op);
    throwIfFailed(result, apiVersionOf(req), object.name);
    res.status(result.created ? 201 : 200).json({ id: result.id, success: true, errors: [], created: result.created });
  });
  router.get('/sobjects/:type/:field/:value', (req, res) => {
    const object = objectOf(req);
    const field = findField(object, String(req.params['field']));
    if (!field?.externalId && field?.name !== 'Id') throw notFoundError();
    const wanted = String(req.params['value']).toLowerCase();
    const matches = [...deps.store.records(object.name)].filter((r) => !r['IsDeleted'] && String(r[field.name] ?? '').toLowerCase() === wanted);
    const [only] = matches;
    if (!only) throw notFoundError();
    if (matches.length > 1) {
      res.status(300).json(matches.map((m) => recordUrl(apiVersionOf(req), object.name, m.Id)));
      return;
    }
    res.json(shapeRecord(object, only, apiVersionOf(req), fieldsParam(req.query['fields'])));
  });
  return router;
}
