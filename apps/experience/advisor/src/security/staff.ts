import type { RequestHandler, Response } from 'express';
import { Router } from 'express';
import { experienceAdvisorContract } from '@strata/contracts-experience-advisor';
import { principalOf, requireScope } from '@strata/edge-security';

type RouteName = keyof (typeof experienceAdvisorContract)['routes'];

/** The staff member behind the request: the token's subject, as the identity provider names them. */
export function staffIdOf(res: Response): string {
  return principalOf(res).subject;
}

/**
 * The scope each route needs: reading is `advisor:read`; acting on the sync (starting
 * a reconciliation, deciding a review) `advisor:reconcile`; the audit trail, which shows
 * what colleagues looked at, `advisor:audit`.
 */
export const ROUTE_SCOPES: Record<RouteName, string> = {
  searchCustomers: 'advisor:read',
  getCustomer360: 'advisor:read',
  getCustomerHistory: 'advisor:read',
  getSyncHealth: 'advisor:read',
  listReconciliations: 'advisor:read',
  getReconciliation: 'advisor:read',
  listReviews: 'advisor:read',
  startReconciliation: 'advisor:reconcile',
  decideReview: 'advisor:reconcile',
  listAuditEvents: 'advisor:audit',
};

/**
 * Checks each contract route's scope before its input is validated, so a staff member
 * without the grant learns nothing about the route's inputs and no upstream is called.
 */
export function requireRouteScopes(): RequestHandler {
  const router = Router();
  for (const [name, route] of Object.entries(experienceAdvisorContract.routes)) {
    router[route.method](route.path, requireScope(ROUTE_SCOPES[name as RouteName]));
  }
  return router;
}
