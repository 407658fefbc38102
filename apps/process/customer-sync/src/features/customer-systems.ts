import { SYNCED_SYSTEMS, type CanonicalCustomer, type CustomerSystem, type CustomerSystems, type SyncedSystem, type SystemView } from '@strata/contracts-process-customer-sync';
import { UpstreamError, UpstreamUnavailableError } from '@strata/errors';
import { DEFAULT_DEADLINE_MARGIN_MS } from '@strata/http-client';
import { remainingDeadlineMs, type Logger } from '@strata/logging';
import type { Database } from '@strata/persistence';
import { differencesOf } from '../golden/field-equivalence';
import type { SystemRecord } from '../intake/system-record';
import type { SystemReader } from '../systems/system-reader';
import { getCustomer } from './customer-queries';

/** How the live reads are made: the readers of the synced systems, each bounded by `timeoutMs`. */
export interface LiveReadOptions {
  readers: SystemReader[];
  timeoutMs: number;
  logger: Logger;
}

class ReadDeadlineError extends Error {}

/**
 * How long a live read may take: customer-sync's own read deadline, or less when the
 * caller (the advisor) stops waiting sooner, less the margin every hop keeps to compose
 * its answer: the 360 still answers, the slow system shown unavailable, while the
 * caller listens.
 */
function readDeadlineMs(ownMs: number): number {
  const left = remainingDeadlineMs();
  return left === undefined ? ownMs : Math.max(0, Math.min(ownMs, left - DEFAULT_DEADLINE_MARGIN_MS));
}

/** The read, or a rejection once `ms` have passed: one hanging system must not hold the whole answer. */
function withDeadline<T>(read: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadDeadlineError(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([read, deadline]).finally(() => clearTimeout(timer));
}

/** Why a system could not be read, in words an operator can act on (never the upstream's body). */
function reasonOf(error: unknown): string {
  if (error instanceof ReadDeadlineError) return 'timeout';
  if (error instanceof UpstreamUnavailableError) return error.reason;
  if (error instanceof UpstreamError) return `answered ${error.upstreamStatus}`;
  return 'read failed';
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The system's values under canonical names, null where it holds nothing. */
function toView(values: SystemRecord['values']): SystemView {
  const address = (values.address ?? {}) as Record<string, unknown>;
  const status = values.status;
  return {
    firstName: text(values.firstName),
    lastName: text(values.lastName),
    birthDate: text(values.birthDate),
    email: text(values.email),
    phone: text(values.phone),
    address: { street: text(address['street']), city: text(address['city']), state: text(address['state']), postalCode: text(address['postalCode']), country: text(address['country']) },
    status: status === 'active' || status === 'inactive' || status === 'deceased' ? status : null,
  };
}

async function compare(customer: CanonicalCustomer, system: SyncedSystem, recordId: string, reader: SystemReader | undefined, options: LiveReadOptions): Promise<CustomerSystem> {
  const base = { system, recordId };
  if (!reader) return { ...base, status: 'unavailable', view: null, differences: [], reason: 'not synced by this deployment' };
  try {
    const record = await withDeadline(reader.readRecord(recordId), readDeadlineMs(options.timeoutMs));
    if (!record) return { ...base, status: 'missing', view: null, differences: [], reason: null };
    const differences = differencesOf(customer, record.values).map((field) => ({ field, golden: customer[field], system: record.values[field] ?? null }));
    return { ...base, status: differences.length > 0 ? 'differs' : 'in-step', view: toView(record.values), differences, reason: null };
  } catch (error) {
    const reason = reasonOf(error);
    options.logger.warn('a linked system could not be read for the customer 360', { system, reason });
    return { ...base, status: 'unavailable', view: null, differences: [], reason };
  }
}

/**
 * Every linked system's own record of the customer, read live and side by side, and
 * how each differs from the golden record (by the same equivalence reconciliation
 * uses, so spelling or format conventions are not differences). A system that cannot
 * be read is reported unavailable with its reason; the others still answer.
 */
export async function customerSystems(db: Database, customerKey: string, options: LiveReadOptions): Promise<CustomerSystems> {
  const customer = await getCustomer(db, customerKey);
  const readers = new Map(options.readers.map((reader) => [reader.system, reader]));
  const linked = SYNCED_SYSTEMS.flatMap((system) => {
    const recordId = customer.identifiers[system];
    return recordId === null ? [] : [{ system, recordId }];
  });
  const systems = await Promise.all(linked.map(({ system, recordId }) => compare(customer, system, recordId, readers.get(system), options)));
  return { customerKey, version: customer.version, readAt: new Date().toISOString(), systems };
}
