import type { CanonicalCustomer, ContactChange, GoldenField } from '@strata/contracts-process-customer-sync';
import { NotFoundError, PreconditionFailedError } from '@strata/errors';
import type { Database } from '@strata/persistence';
import { loadCanonicalCustomer } from './canonical-customer';
import { linkedSystems, lockGoldenIfAny, writeVersion } from './golden-versions';
import type { FieldDecision, SourcedValue, SurvivorshipOutcome } from './survivorship';

/** The rule name a customer's own change carries in `sources` and history. */
export const CUSTOMER_REQUEST_RULE = 'customer-request';

/**
 * A consumer's change to contact details (the mobile app's `PATCH /v1/me`). It wins
 * over survivorship: the customer just told us. `expectedVersion` is the If-Match
 * version: a stale one is refused (412), so two devices never overwrite each other
 * blindly. The new version is queued for every linked system in the same transaction.
 */
export async function changeContactDetails(db: Database, customerKey: string, expectedVersion: number, change: ContactChange, now = Date.now()): Promise<CanonicalCustomer> {
  await db.transaction(async (tx) => {
    const golden = await lockGoldenIfAny(tx, customerKey);
    if (!golden || golden.version === 0) throw new NotFoundError(`No customer ${customerKey}`);
    if (golden.version !== expectedVersion) {
      throw new PreconditionFailedError(`Customer ${customerKey} is at version ${golden.version}, not ${expectedVersion}: read it again and reapply the change`);
    }
    const values = { ...golden.sources };
    const changes: FieldDecision[] = [];
    for (const [field, value] of requested(change, golden.sources.address?.value)) {
      const to: SourcedValue = { value, system: 'api', at: now, rule: CUSTOMER_REQUEST_RULE };
      changes.push({ field, from: values[field]?.value ?? null, to });
      values[field] = to;
    }
    const outcome: SurvivorshipOutcome = { values, changes, rejected: [] };
    await writeVersion(tx, customerKey, golden.version + 1, 'api', outcome, await linkedSystems(tx, customerKey));
  });
  const customer = await loadCanonicalCustomer(db, customerKey);
  if (!customer) throw new NotFoundError(`No customer ${customerKey}`);
  return customer;
}

/** The fields the change sets; a partial address is merged into the current one. */
function requested(change: ContactChange, currentAddress: unknown): [GoldenField, unknown][] {
  const fields: [GoldenField, unknown][] = [];
  if (change.email !== undefined) fields.push(['email', change.email]);
  if (change.phone !== undefined) fields.push(['phone', change.phone]);
  if (change.address !== undefined) fields.push(['address', { ...(currentAddress as object | undefined), ...change.address }]);
  return fields;
}
