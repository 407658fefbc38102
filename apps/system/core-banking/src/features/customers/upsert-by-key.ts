import type { CoreBankingCustomer, CoreBankingCustomerInput, CoreBankingCustomerUpdate } from '@strata/contracts-system-core-banking';
import { ConflictError, PreconditionFailedError, ValidationError } from '@strata/errors';
import type { Logger } from '@strata/logging';
import { markOf } from '@strata/change-feed';
import type { BankParty } from '../../core-banking/bank-party.schema';
import type { CoreBankingClient, TaggedParty } from '../../core-banking/core-banking.client';
import type { OwnWrites } from '../../core-banking/own-writes';
import { toCustomer, toPartyBody } from '../../core-banking/party.mapper';
import type { CustomersService } from './customers.service';

export interface UpsertOutcome {
  id: string;
  created: boolean;
  customer: CoreBankingCustomer;
}

export interface UpsertDeps {
  bank: CoreBankingClient;
  customers: CustomersService;
  ownWrites: OwnWrites;
  logger: Logger;
  /** Reads and writes tried before a busy party is reported as a conflict. Default 3. */
  maxAttempts?: number;
}

/**
 * Create or update the party linked to a golden key. Updates use the bank's optimistic
 * concurrency: read (with ETag), merge, replace with `If-Match`; when someone else saved
 * the party in between (412), read again and re-apply, up to `maxAttempts`, then 409.
 * A create that loses a race to another create (409 duplicate reference) becomes an
 * update the same way. An input that changes nothing writes nothing, so repeating an
 * upsert is free and adds nothing to the change feed.
 */
export async function upsertByKey(deps: UpsertDeps, customerKey: string, input: CoreBankingCustomerInput): Promise<UpsertOutcome> {
  const attempts = deps.maxAttempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const current = await deps.customers.findByKey(customerKey);
      return current ? await update(deps, customerKey, input, current.partyId) : await create(deps, customerKey, input);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError || error instanceof ConflictError)) throw error;
      deps.logger.info('the party changed while upserting; reading it again', { customerKey, attempt, error: error.message });
    }
  }
  throw new ConflictError(`The core-banking party for ${customerKey} kept changing during ${attempts} attempts to update it; retry later`);
}

/**
 * Update the party with this id, stamping `customerKey` on it when given (a party linked
 * by matching gets its golden key this way); the same read-merge-If-Match loop as the
 * upsert. 404 when the bank has no such party (the read fails): this never creates one.
 * With `expectedVersion` (the caller's If-Match) a party that moved on since the caller
 * read it is refused with 412 instead of merged: the caller has a change to see first.
 */
export async function updateById(deps: UpsertDeps, partyId: string, input: CoreBankingCustomerUpdate, expectedVersion?: number): Promise<UpsertOutcome> {
  const { customerKey, ...fields } = input;
  const attempts = deps.maxAttempts ?? 3;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await update(deps, customerKey ?? null, fields, partyId, expectedVersion);
    } catch (error) {
      // With the caller's own If-Match a stale version is the caller's news, not ours to retry.
      if (!(error instanceof PreconditionFailedError) || expectedVersion !== undefined) throw error;
      deps.logger.info('the party changed while updating; reading it again', { partyId, attempt, error: error.message });
    }
  }
  throw new ConflictError(`The core-banking party ${partyId} kept changing during ${attempts} attempts to update it; retry later`);
}

async function create(deps: UpsertDeps, customerKey: string, input: CoreBankingCustomerInput): Promise<UpsertOutcome> {
  if (input.lastName === undefined) {
    throw new ValidationError(`No party carries ${customerKey} yet, and creating one needs a last name`, [{ path: 'body.lastName', message: 'Required to create a customer' }]);
  }
  return outcome(deps, await deps.bank.createParty(toPartyBody(customerKey, input)), true);
}

async function update(deps: UpsertDeps, customerKey: string | null, input: CoreBankingCustomerInput, partyId: string, expectedVersion?: number): Promise<UpsertOutcome> {
  const read = await deps.bank.getParty(partyId);
  const current = deps.customers.checked(read.raw);
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new PreconditionFailedError(`Party ${partyId} is at version ${current.version}, not ${expectedVersion}: read its change first`);
  }
  const body = toPartyBody(customerKey, input, current);
  if (markOf(body) === markOf(bodyOf(current))) return { id: partyId, created: false, customer: toCustomer(current) };
  return outcome(deps, await deps.bank.replaceParty(partyId, body, read.etag), false);
}

function outcome(deps: UpsertDeps, written: TaggedParty, created: boolean): UpsertOutcome {
  const party = deps.customers.checked(written.raw);
  deps.ownWrites.remember(party.partyId, party.version);
  return { id: party.partyId, created, customer: toCustomer(party) };
}

function bodyOf(party: BankParty) {
  const { partyId: _id, modifiedAt: _at, version: _v, ...body } = party;
  return body;
}
