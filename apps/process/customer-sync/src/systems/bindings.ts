import { systemCardPlatformContract, type Customer as CardCustomer } from '@strata/contracts-system-card-platform';
import { systemCoreBankingContract, type CoreBankingCustomer } from '@strata/contracts-system-core-banking';
import { systemLoanMainframeContract, type Customer as LoanCustomer } from '@strata/contracts-system-loan-mainframe';
import { systemSalesforceContract, type Customer as SalesforceCustomer, type SalesforceCustomerUpdate } from '@strata/contracts-system-salesforce';
import type { Contract, RouteDef } from '@strata/contract-kit';
import { UpstreamUnavailableError } from '@strata/errors';
import { createContractClient, errorForAnswer, type HttpClientOptions } from '@strata/http-client';
import { batchItem, outcomesOf } from './batch-updates';
import type { ServiceTokenIssuer } from '@strata/service-auth';
import { countryName, type GoldenUpdate } from './common-customer';
import type { SystemBinding } from './system-api.adapter';

/**
 * How the Customer 360's live reads call a System API: the read's deadline (the
 * socket is aborted then, so a hanging system holds nothing) and a bulkhead, so a slow
 * system cannot take every request slot of customer-sync; reads beyond it are reported
 * unavailable (bulkhead-full) at once.
 */
export interface LiveReadSettings {
  timeoutMs: number;
  maxConcurrent: number;
}

/** Live-read settings when none are given (tests, pacts): customer-sync's configuration defaults. */
export const DEFAULT_LIVE_READS: LiveReadSettings = { timeoutMs: 3000, maxConcurrent: 16 };

/** Client settings shared by every binding: logger, metrics registry, the issuer of the service tokens System APIs require, and live-read bounds. */
export type ClientSettings = Pick<HttpClientOptions, 'logger' | 'registry'> & { serviceTokens: ServiceTokenIssuer; liveReads?: LiveReadSettings };

/** Long polls wait up to this long; the feed client's timeout must outlast it. */
export const FEED_WAIT_MS = 5000;
const PAGE = 200;

/**
 * Three clients per System API: the feed's long polls would otherwise hold sockets and
 * count as slow calls on the breaker that guards writes, whose state decides whether
 * deliveries wait; and the Customer 360's live reads get their own bulkhead, so a slow
 * system answering reads cannot starve deliveries of it, nor deliveries the reads.
 */
function clients<Routes extends Record<string, RouteDef>>(contract: Contract<Routes>, baseUrl: string, { serviceTokens, liveReads = DEFAULT_LIVE_READS, ...options }: ClientSettings) {
  const settings = { ...options, getServiceToken: serviceTokens.sourceFor(contract.name) };
  return {
    feed: createContractClient(contract, { ...settings, name: `${contract.name}-feed`, baseUrl, timeoutMs: FEED_WAIT_MS + 10_000 }),
    api: createContractClient(contract, { ...settings, baseUrl, timeoutMs: 15_000 }),
    read: createContractClient(contract, { ...settings, name: `${contract.name}-read`, baseUrl, timeoutMs: liveReads.timeoutMs, maxConcurrent: liveReads.maxConcurrent }),
  };
}

/** `If-Match` for a record version intake read; none when the system keeps no versions or none was read yet. */
function ifMatch(version: string | null): { 'if-match'?: string } {
  return version === null ? {} : { 'if-match': `"${version}"` };
}

/** The golden record as the CRM takes it: the address as `mailingAddress`, with the country's name. */
function salesforceUpdate(golden: GoldenUpdate): SalesforceCustomerUpdate {
  const { address, ...fields } = golden;
  const mailingAddress = address ? { ...address, country: countryName(address.country ?? null) ?? undefined } : undefined;
  return { ...fields, mailingAddress };
}

export function salesforceBinding(baseUrl: string, settings: ClientSettings): SystemBinding<SalesforceCustomer> {
  const { feed, api, read } = clients(systemSalesforceContract, baseUrl, settings);
  return {
    system: 'salesforce',
    writeClient: api.$client,
    clients: [feed.$client, api.$client, read.$client],
    listChanges: (after, waitMs) => feed.listChanges({ query: { after, waitMs, limit: PAGE } }),
    listPage: (after) => api.listCustomers({ query: { after, limit: PAGE } }),
    getById: (id) => read.getCustomer({ params: { id } }),
    update: async (id, golden, expectedVersion) => {
      const result = await api.updateCustomer({ params: { id }, headers: ifMatch(expectedVersion), body: salesforceUpdate(golden) });
      return result.customer.version;
    },
    // n contacts cost the org n + 2 API calls (one read before, one after) instead of 3n.
    updateMany: async (items) => {
      const { results } = await api.updateCustomers({ body: { items: items.map((item) => batchItem(item, salesforceUpdate(item.update))) } });
      return outcomesOf(systemSalesforceContract.name, results, (result) => result.customer.version);
    },
    view: (c) => ({ ...c, address: c.mailingAddress, phone: c.phone ?? c.mobilePhone, taxIdHash: null }),
    version: (c) => c.version,
  };
}

export function coreBankingBinding(baseUrl: string, settings: ClientSettings): SystemBinding<CoreBankingCustomer> {
  const { feed, api, read } = clients(systemCoreBankingContract, baseUrl, settings);
  return {
    system: 'core-banking',
    writeClient: api.$client,
    clients: [feed.$client, api.$client, read.$client],
    listChanges: (after, waitMs) => feed.listChanges({ query: { after, waitMs, limit: PAGE } }),
    listPage: (after) => api.listCustomers({ query: { after, limit: 100 } }),
    getById: (id) => read.getCustomer({ params: { id } }),
    update: async (id, golden, expectedVersion) => {
      const result = await api.updateCustomer({ params: { id }, headers: ifMatch(expectedVersion), body: golden });
      return String(result.customer.version);
    },
    updateMany: async (items) => {
      const { results } = await api.updateCustomers({ body: { items: items.map((item) => batchItem(item, item.update)) } });
      return outcomesOf(systemCoreBankingContract.name, results, (result) => String(result.customer.version));
    },
    view: (c) => c,
    version: (c) => String(c.version),
  };
}

/** How long a write to the loan mainframe waits for the acknowledgement before it is left pending. */
const LOAN_ACK_WAIT = 'wait=5';

/** A write the mainframe has not acknowledged in time: an outage-like wait, not the delivery's fault (the next attempt writes it again, idempotently). */
function notAcknowledged(requestId: string): UpstreamUnavailableError {
  return new UpstreamUnavailableError(`loan mainframe has not acknowledged request ${requestId} yet`, { upstream: 'system-loan-mainframe', reason: 'timeout' });
}

export function loanMainframeBinding(baseUrl: string, settings: ClientSettings): SystemBinding<LoanCustomer> {
  const { feed, api, read } = clients(systemLoanMainframeContract, baseUrl, settings);
  return {
    system: 'loan-mainframe',
    writeClient: api.$client,
    clients: [feed.$client, api.$client, read.$client],
    listChanges: (after, waitMs) => feed.listChanges({ query: { after, waitMs, limit: PAGE } }),
    listPage: (after) => api.listCustomers({ query: { after, limit: PAGE } }),
    getById: (id) => read.getCustomer({ params: { id } }),
    update: async (id, golden) => {
      // Wait (bounded) for the mainframe's acknowledgement: a rejection then fails this
      // delivery with its return code instead of vanishing after the hand-off.
      const result = await api.$response.updateCustomer({ params: { id }, headers: { prefer: LOAN_ACK_WAIT }, body: golden });
      if (result.status === 202) throw notAcknowledged(result.body.requestId);
      return null;
    },
    // One request file for the whole batch, one acknowledgement wait for all of it.
    updateMany: async (items) => {
      const body = { items: items.map(({ recordId, update }) => ({ id: recordId, update })) };
      const { results } = await api.updateCustomers({ headers: { prefer: LOAN_ACK_WAIT }, body });
      return results.map((item) => {
        if (item.status === 200) return { ok: true as const, recordVersion: null };
        const error = item.status === 202 ? notAcknowledged(item.request.requestId) : errorForAnswer(systemLoanMainframeContract.name, item.status, item.problem);
        return { ok: false as const, error };
      });
    },
    view: (c) => ({ ...c, taxIdHash: null }),
  };
}

/** A card's status (open, blocked, closed) is the card's, not the customer's: never sent to the card platform. */
function withoutStatus(golden: GoldenUpdate): Omit<GoldenUpdate, 'status'> {
  const { status: _status, ...fields } = golden;
  return fields;
}

export function cardPlatformBinding(baseUrl: string, settings: ClientSettings): SystemBinding<CardCustomer> {
  const { feed, api, read } = clients(systemCardPlatformContract, baseUrl, settings);
  return {
    system: 'card-platform',
    writeClient: api.$client,
    clients: [feed.$client, api.$client, read.$client],
    listChanges: (after, waitMs) => feed.listChanges({ query: { after, waitMs, limit: PAGE } }),
    listPage: (after) => api.listCustomers({ query: { after, limit: PAGE } }),
    getById: (id) => read.getCustomer({ params: { id } }),
    update: async (id, golden, expectedVersion) => {
      const fields = withoutStatus(golden);
      const result = await api.updateCustomer({ params: { id }, headers: ifMatch(expectedVersion), body: fields });
      return result.customer.version;
    },
    updateMany: async (items) => {
      const body = { items: items.map((item) => batchItem(item, withoutStatus(item.update))) };
      const { results } = await api.updateCustomers({ body });
      return outcomesOf(systemCardPlatformContract.name, results, (result) => result.customer.version);
    },
    // The platform knows cards, not customers: its status says nothing about the person.
    view: (c) => ({ ...c, status: null, taxIdHash: null }),
    version: (c) => c.version,
  };
}
