import { Connection } from 'jsforce';

/**
 * Changes made directly in each emulated backend, the way a user of that
 * system would (a CRM user, a bank teller, a card operator, a mainframe batch), never
 * through the System APIs, so customer-sync sees them as someone else's changes.
 */
export interface BackendWriters {
  setEmail(system: 'salesforce' | 'core-banking' | 'card-platform' | 'loan-mainframe', recordId: string, email: string): Promise<void>;
  setPhone(system: 'salesforce' | 'core-banking', recordId: string, phone: string): Promise<void>;
}

const CREDENTIALS = { clientId: 'strata-local-client', clientSecret: 'strata-local-secret', username: 'integration@strata.local', password: 'strata-local-password' };

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`);
  return res;
}

export async function backendWriters(urls: Record<'salesforce' | 'core-banking' | 'card-platform' | 'loan-mainframe', string>): Promise<BackendWriters> {
  const crm = new Connection({ oauth2: { loginUrl: urls.salesforce, clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret }, version: '58.0' });
  await crm.login(CREDENTIALS.username, CREDENTIALS.password);
  /** A teller's edit: read the party with its ETag, change it, write it back with If-Match (retrying a 412). */
  const editParty = async (partyId: string, edit: (party: Record<string, unknown>) => void) => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const res = await call(`${urls['core-banking']}/parties/${partyId}`);
      const { partyId: _id, modifiedAt: _at, version: _v, ...party } = (await res.json()) as Record<string, unknown>;
      edit(party);
      const put = await fetch(`${urls['core-banking']}/parties/${partyId}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': res.headers.get('etag') ?? '' }, body: JSON.stringify(party) });
      if (put.ok) return;
      if (put.status !== 412) throw new Error(`PUT party ${partyId} answered ${put.status}: ${await put.text()}`);
    }
    throw new Error(`party ${partyId} kept changing`);
  };
  return {
    async setEmail(system, recordId, email) {
      if (system === 'salesforce') await crm.sobject('Contact').update({ Id: recordId, Email: email });
      else if (system === 'core-banking') await editParty(recordId, (p) => ((p['contact'] as Record<string, unknown>)['email'] = email));
      else if (system === 'card-platform') await call(`${urls['card-platform']}/__admin/cardholders/${recordId}`, { method: 'PATCH', body: JSON.stringify({ EmailAddress: email }) });
      else await call(`${urls['loan-mainframe']}/__admin/loans/${recordId}`, { method: 'PUT', body: JSON.stringify({ email }) });
    },
    async setPhone(system, recordId, phone) {
      if (system === 'salesforce') await crm.sobject('Contact').update({ Id: recordId, Phone: phone });
      else await editParty(recordId, (p) => ((p['contact'] as Record<string, unknown>)['phone'] = phone));
    },
  };
}
