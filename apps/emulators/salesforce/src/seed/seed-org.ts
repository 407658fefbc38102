import type { Logger } from '@strata/logging';
import type { RecordStore } from '../store/record-store';
import type { WriteOp } from '../store/write-ops';
import { generatePeople } from '@strata/demo-people';
import { seedSalesforce } from './salesforce.seed';

const SEED_CONTEXT = { userId: '005000000000001AAA', client: 'strata-seed', apiVersion: '58.0' };
const CHUNK = 200;

/**
 * Loads deterministic demo data into an empty org: the same people every bank
 * emulator seeds from the same seed, spelled the CRM's way. Does nothing when the org
 * already has contacts, so restarts never duplicate.
 */
export async function seedOrgIfEmpty(store: RecordStore, options: { people: number; seed: string; logger: Logger }): Promise<number> {
  if (options.people === 0 || store.count('Contact') > 0) return 0;
  const plan = seedSalesforce(generatePeople(options.people, options.seed), options.seed);
  const accountIds = new Map<string, string>();
  for (let i = 0; i < plan.accounts.length; i += CHUNK) {
    const chunk = plan.accounts.slice(i, i + CHUNK);
    const results = await store.write(chunk.map((a): WriteOp => ({ kind: 'create', objectName: 'Account', input: a.values })), SEED_CONTEXT, { allOrNone: true });
    results.forEach((r, index) => r.ok && accountIds.set((chunk[index] as { ref: string }).ref, r.id));
  }
  let created = 0;
  for (let i = 0; i < plan.contacts.length; i += CHUNK) {
    const ops = plan.contacts.slice(i, i + CHUNK).map((c): WriteOp => ({
      kind: 'create',
      objectName: 'Contact',
      input: { ...c.values, ...(accountIds.has(c.accountRef) ? { AccountId: accountIds.get(c.accountRef) } : {}) },
    }));
    created += (await store.write(ops, SEED_CONTEXT, { allOrNone: false })).filter((r) => r.ok).length;
  }
  options.logger.info('seeded org', { accounts: accountIds.size, contacts: created, seed: options.seed });
  return created;
}
