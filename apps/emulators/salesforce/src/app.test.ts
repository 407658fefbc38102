/**
 * The assembled org emulator, spoken to only by the real jsforce: login, REST, CDC and
 * the admin switches, end to end.
 */
import { startEmulator } from './__fixtures__/emulator.harness';
import { createStreamingClient, disconnectAll } from './cdc/__fixtures__/jsforce-streaming';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe('the Salesforce org emulator', () => {
  it('lets jsforce log in with the password flow and work with records', async () => {
    const conn = await emulator.login();
    expect(conn.instanceUrl).toBe(emulator.url);
    const created = (await conn.sobject('Contact').create({ LastName: 'Emulated', Email: 'e@example.org' })) as { id: string };
    const result = await conn.query(`SELECT Id, Name FROM Contact WHERE Id = '${created.id}'`);
    expect(result.records).toEqual([expect.objectContaining({ Id: created.id, Name: 'Emulated' })]);
  });

  it('refreshes an expired session without the caller noticing', async () => {
    const conn = await emulator.login();
    const firstToken = conn.accessToken;
    expect((await emulator.admin('/sessions/expire', { method: 'POST' })).status).toBe(204);
    const result = await conn.query('SELECT COUNT() FROM Contact');
    expect(result.totalSize).toBeGreaterThanOrEqual(0);
    expect(conn.accessToken).not.toBe(firstToken);
  });

  it('after the expire switch, the next call with a token that worked answers 401 INVALID_SESSION_ID, as Salesforce does mid-run', async () => {
    const conn = await emulator.login();
    const limits = () => fetch(`${emulator.url}/services/data/v58.0/limits`, { headers: { authorization: `Bearer ${conn.accessToken ?? ''}` } });
    expect((await limits()).status).toBe(200);
    await emulator.admin('/sessions/expire', { method: 'POST' });
    const refused = await limits();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    await expect(conn.request('/limits')).resolves.toMatchObject({ DailyApiRequests: expect.any(Object) });
    expect((await limits()).status).toBe(200);
  });

  it('delivers a change event to a jsforce streaming subscriber within 200 ms of the write, with its origin', async () => {
    const conn = await emulator.login('strata-test');
    const received: { at: number; payload: Record<string, unknown> }[] = [];
    const client = createStreamingClient(conn, []);
    client.subscribe('/data/ContactChangeEvent', (message) => {
      received.push({ at: Date.now(), payload: message.payload });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const writtenAt = Date.now();
    await conn.sobject('Contact').create({ LastName: 'Streamed' });
    const deadline = Date.now() + 3000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await disconnectAll([client]);
    expect(received).toHaveLength(1);
    expect(received[0]!.at - writtenAt).toBeLessThan(200);
    expect(received[0]!.payload).toMatchObject({
      LastName: 'Streamed',
      ChangeEventHeader: { entityName: 'Contact', changeType: 'CREATE', changeOrigin: 'com/salesforce/api/rest/58.0;client=strata-test' },
    });
  });

  it('exposes fault switches outside the Salesforce surface and validates them', async () => {
    const bad = await emulator.admin('/faults', { method: 'PUT', body: JSON.stringify({ latencyMs: -5 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('body.latencyMs');
    const ok = await emulator.admin('/faults', { method: 'PUT', body: JSON.stringify({ unavailableBurst: 1 }) });
    expect(ok.status).toBe(200);
    const conn = await emulator.login();
    await expect(conn.sobject('Contact').create({ LastName: 'During outage' })).rejects.toMatchObject({ errorCode: 'SERVER_UNAVAILABLE' });
    await expect(conn.sobject('Contact').create({ LastName: 'After outage' })).resolves.toMatchObject({ success: true });
  });
});
