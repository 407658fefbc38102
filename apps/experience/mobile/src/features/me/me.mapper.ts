import type { z } from 'zod';
import type { CanonicalCustomer, SyncedSystem, syncStatusSchema } from '@strata/contracts-process-customer-sync';
import type { MobileProfile, MobileSyncStatus } from '@strata/contracts-experience-mobile';

type SyncStatus = z.infer<typeof syncStatusSchema>;
type Account = MobileSyncStatus['accounts'][number];

/** The golden record without per-field sources or any system's ids: what the app shows. */
export function toMobileProfile(customer: CanonicalCustomer): MobileProfile {
  const { customerKey, firstName, lastName, birthDate, email, phone, address, status, version, updatedAt } = customer;
  return { customerKey, firstName, lastName, birthDate, email, phone, address, status, version, updatedAt };
}

/** Each system as the customer knows it: an account of theirs, never a system name. */
const ACCOUNTS: Record<SyncedSystem, { account: Account['account']; label: string }> = {
  salesforce: { account: 'profile', label: 'Your customer service profile' },
  'core-banking': { account: 'bank-account', label: 'Your bank account' },
  'card-platform': { account: 'card-account', label: 'Your card account' },
  'loan-mainframe': { account: 'loan-account', label: 'Your loan account' },
};

function describe(state: string, label: string): Pick<Account, 'state' | 'message'> {
  switch (state) {
    case 'in-sync':
      return { state: 'updated', message: `${label} has the change` };
    case 'dead-lettered':
      return { state: 'delayed', message: `${label} is taking longer than usual to update; we are on it` };
    default:
      // pending, retrying, waiting-for-system: the change is on its way.
      return { state: 'updating', message: `${label} will be updated shortly` };
  }
}

/**
 * Where the latest change stands, in words a customer understands: systems the
 * customer has no record in are left out, and no error text or system name is shown.
 */
export function toMobileSyncStatus(status: SyncStatus): MobileSyncStatus {
  const accounts = status.systems
    .filter((s) => s.state !== 'not-linked')
    .map((s) => ({ account: ACCOUNTS[s.system].account, ...describe(s.state, ACCOUNTS[s.system].label) }));
  return { version: status.version, complete: accounts.every((a) => a.state === 'updated'), accounts };
}
