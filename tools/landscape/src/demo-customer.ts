import { generatePeople } from '@strata/demo-people';
import type { DemoUser } from './landscape-env';

/** The seeded person the demo customer signs in as, and the record that finds their golden record. */
export interface DemoPerson {
  name: string;
  system: 'core-banking';
  recordId: string;
}

/**
 * The first seeded person with a bank account, a card and a loan, so a contact change
 * made as them reaches every system. Everyone in `@strata/demo-people` has a
 * core-banking party, whose id the core-banking emulator derives from the person's
 * number there (`CB-716137` → `P000716137`, its `partyIdFor`); that record finds them
 * in customer-sync whatever golden key they were given.
 */
export function demoPerson(seed: string): DemoPerson {
  const person = generatePeople(100, seed).find((p) => p.bankIds.cardPlatform && p.bankIds.loanSystem);
  if (!person) throw new Error(`no seeded person with a card and a loan among the first 100 of seed ${seed}`);
  return { name: `${person.firstName} ${person.lastName}`, system: 'core-banking', recordId: `P${person.bankIds.coreBanking.slice(3).padStart(9, '0')}` };
}

/**
 * The golden key customer-sync gave the record `system`/`recordId`, or undefined while it
 * has not linked it yet. The key depends on the order the feeds arrived in (a record
 * without the person's key that comes first starts a new one), so it is looked up, not
 * assumed. This is the only call `npm start` makes to a Process API: when Process APIs
 * require a service token, it goes in `headers` here.
 */
export async function goldenKeyOf(customerSyncUrl: string, system: string, recordId: string, headers: Record<string, string> = {}): Promise<string | undefined> {
  const res = await fetch(`${customerSyncUrl}/v1/customers/by-system/${system}/${encodeURIComponent(recordId)}`, { headers, signal: AbortSignal.timeout(5000) });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`customer-sync answered ${res.status} for the ${system} record ${recordId}`);
  return ((await res.json()) as { customerKey: string }).customerKey;
}

/** Registers (or replaces) the demo customer with the identity emulator, carrying their golden key. */
export async function registerCustomer(identityUrl: string, user: DemoUser, customerKey: string): Promise<void> {
  const res = await fetch(`${identityUrl}/__admin/users/${encodeURIComponent(user.username)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: user.password, subject: user.subject, scopes: user.scopes, customerKey }),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`the identity emulator refused the demo customer: ${res.status} ${await res.text()}`);
}

/** Signs `user` in at the identity emulator's token endpoint, as their app would, and returns the access token. */
export async function fetchUserToken(identityUrl: string, user: DemoUser): Promise<string> {
  const form = new URLSearchParams({ grant_type: 'password', client_id: user.clientId, username: user.username, password: user.password });
  const res = await fetch(`${identityUrl}/oauth/token`, { method: 'POST', body: form, signal: AbortSignal.timeout(5000) });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!res.ok || !body.access_token) throw new Error(`the identity emulator gave ${user.username} no token: ${res.status} ${body.error ?? ''}`);
  return body.access_token;
}
