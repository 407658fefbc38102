import { MatchersV3 } from '@strata/testing';

const { like, regex, integer } = MatchersV3;

/** The provider state every single-record interaction starts from (see customers.pact-verify.test.ts). */
export const GOLDEN_RECORD_STATE = 'golden record CK-900001 exists, linked to core banking';
export const ISO_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
export const VALUE_SOURCE = /^(salesforce|core-banking|card-platform|loan-mainframe|api)$/;
export const JSON_CONTENT = { 'content-type': regex(/application\/json.*/, 'application/json') };
export const PROBLEM_CONTENT = { 'content-type': regex(/application\/problem\+json.*/, 'application/problem+json') };

const at = () => regex(ISO_DATETIME, '2026-03-01T10:00:00.000Z');

/** A field source as customer-sync answers it. */
export const fieldSourceMatcher = () => ({ system: regex(VALUE_SOURCE, 'core-banking'), at: at(), rule: like('only-source') });

/**
 * The golden record as {@link GOLDEN_RECORD_STATE} leaves it (every field known, linked
 * to core banking only), as Pact matchers; consumers override what they pin down.
 */
export function goldenRecordMatcher(overrides: Record<string, unknown> = {}) {
  return {
    customerKey: regex(/^CK-\d{6,}$/, 'CK-900001'),
    firstName: like('Ada'),
    lastName: like('Lovelace'),
    birthDate: regex(/^\d{4}-\d\d-\d\d$/, '1980-02-14'),
    email: like('ada.lovelace@example.org'),
    phone: like('+15555550123'),
    address: { street: like('12 Elm St'), city: like('Springfield'), state: like('IL'), postalCode: like('62701'), country: like('US') },
    status: regex(/^(active|inactive|deceased)$/, 'active'),
    identifiers: { salesforce: null, 'core-banking': like('P9001'), 'card-platform': null, 'loan-mainframe': null },
    version: integer(2),
    createdAt: at(),
    updatedAt: at(),
    sources: like({ lastName: fieldSourceMatcher() }),
    ...overrides,
  };
}

/** The sync status of CK-900001 in that state: core banking has the version, no other system is linked. */
export function syncStatusMatcher(version: number) {
  const notLinked = (system: string) => ({ system, state: 'not-linked', deliveredVersion: null, attempts: integer(0), lastError: null, updatedAt: null });
  return {
    customerKey: 'CK-900001',
    version: integer(version),
    systems: [
      notLinked('salesforce'),
      { system: 'core-banking', state: 'in-sync', deliveredVersion: integer(version), attempts: integer(1), lastError: null, updatedAt: at() },
      notLinked('card-platform'),
      notLinked('loan-mainframe'),
    ],
  };
}

/** customer-sync's refusal of a stale If-Match. */
export const preconditionFailedMatcher = () => ({ type: 'urn:strata:problem:precondition-failed', status: 412, title: like('The resource has changed') });
