import { Connection } from 'jsforce';
import { testServiceHeader } from '@strata/service-auth/testing';

/** Test-only: the org emulator's fault switches (`/__admin`, outside the Salesforce surface). */
export function orgFaults(emulatorUrl: string) {
  const admin = async (pathname: string, method: string, body?: unknown) => {
    const res = await fetch(`${emulatorUrl}/__admin${pathname}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} /__admin${pathname} answered ${res.status}: ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
  };
  return {
    set: (settings: Record<string, number>) => admin('/faults', 'PUT', settings),
    /** Every live access token stops working at once; the next call with one gets 401 INVALID_SESSION_ID. */
    expireSessions: () => admin('/sessions/expire', 'POST'),
  };
}

/**
 * Repeats a direct CRM save the org refused with UNABLE_TO_LOCK_ROW, as a CRM user
 * presses Save again: the test's own edits meet the same 5% lock failures as the sync.
 */
export async function saveAgainWhileLocked(save: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await save();
    } catch (error) {
      if ((error as { errorCode?: string }).errorCode !== 'UNABLE_TO_LOCK_ROW' || attempt >= 10) throw error;
    }
  }
}

/** The first 15 characters of a Salesforce id, the part both of its spellings share. */
const id15 = (id: string) => id.slice(0, 15);

/**
 * Test-only: reads back what the Salesforce System API wrote, from its change feed:
 * every change there marked `origin.self` is one save the API made in the org. Counting
 * them per contact is how the test sees that nothing was applied twice.
 */
export function salesforceFeed(systemApiUrl: string) {
  const page = async (after: string | undefined) => {
    const query = new URLSearchParams({ limit: '200', ...(after ? { after } : {}) });
    const res = await fetch(`${systemApiUrl}/v1/changes?${query.toString()}`, { headers: testServiceHeader('system-salesforce') });
    if (!res.ok) throw new Error(`GET /v1/changes answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { changes: { entityId: string; origin: { self: boolean } }[]; nextCursor: string };
  };
  return {
    /** Reads to the end of the feed; returns where it ended and the API's own saves per contact (15-character id) on the way. */
    async drain(after?: string): Promise<{ cursor: string | undefined; selfWrites: Map<string, number> }> {
      const selfWrites = new Map<string, number>();
      let cursor = after;
      for (;;) {
        const { changes, nextCursor } = await page(cursor);
        for (const change of changes.filter((c) => c.origin.self)) selfWrites.set(id15(change.entityId), (selfWrites.get(id15(change.entityId)) ?? 0) + 1);
        if (changes.length === 0) return { cursor, selfWrites };
        cursor = nextCursor;
      }
    },
  };
}

/** Contacts' emails read straight from the org with jsforce, by 15-character id: what a CRM user sees. */
export async function crmEmails(emulatorUrl: string, ids: string[]): Promise<Map<string, string | null>> {
  const conn = new Connection({ oauth2: { loginUrl: emulatorUrl, clientId: 'strata-local-client', clientSecret: 'strata-local-secret' }, version: '58.0' });
  await conn.login('integration@strata.local', 'strata-local-password');
  const quoted = ids.map((id) => `'${id}'`).join(', ');
  const { records } = await conn.query<{ Id: string; Email: string | null }>(`SELECT Id, Email FROM Contact WHERE Id IN (${quoted})`);
  return new Map(records.map((r) => [id15(r.Id), r.Email]));
}
