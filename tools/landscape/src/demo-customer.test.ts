import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { startAppProcess, type AppProcess } from '@strata/testing';
import { demoPerson, fetchUserToken, goldenKeyOf, registerCustomer } from './demo-customer';
import { demoUsers } from './landscape-env';

jest.setTimeout(60_000);

const DEMO_PERSON = demoPerson('strata');

describe('demoPerson', () => {
  it('is the first seeded person with a card and a loan, found by their core-banking party', () => {
    expect(DEMO_PERSON).toEqual({ name: 'Lucía Rodríguez', system: 'core-banking', recordId: 'P000097620' });
  });

  it('follows the seed the emulators use', () => {
    expect(demoPerson('another-seed').recordId).not.toBe(DEMO_PERSON.recordId);
  });
});

describe('goldenKeyOf (the one call npm start makes to customer-sync)', () => {
  let server: Server;
  let url: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      const linked = req.url === `/v1/customers/by-system/${DEMO_PERSON.system}/${DEMO_PERSON.recordId}`;
      res.writeHead(linked ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(linked ? { customerKey: 'CK-000007' } : { status: 404 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers the golden key of a linked record, and undefined while it is not linked', async () => {
    expect(await goldenKeyOf(url, DEMO_PERSON.system, DEMO_PERSON.recordId)).toBe('CK-000007');
    expect(await goldenKeyOf(url, DEMO_PERSON.system, 'P000000002')).toBeUndefined();
    expect(seen).toContain('/v1/customers/by-system/core-banking/P000097620');
  });
});

describe('registering the demo customer with the identity emulator and signing users in', () => {
  let identity: AppProcess;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'landscape-identity-'));
  beforeAll(async () => {
    identity = await startAppProcess('apps/emulators/identity', { DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await identity?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the customer a strata-mobile token carrying the golden key they were registered with', async () => {
    const { customer } = demoUsers();
    await registerCustomer(identity.url, customer, 'CK-000042');
    const claims = decodeJwt(await fetchUserToken(identity.url, customer));
    expect(claims).toMatchObject({ aud: 'strata-mobile', sub: 'usr-demo-customer', customer_key: 'CK-000042', scope: 'customer:read customer:write' });
  });

  it('fails naming the user when the identity emulator refuses them', async () => {
    const { advisor } = demoUsers();
    await expect(fetchUserToken(identity.url, advisor)).rejects.toThrow(/gave demo.advisor no token: 400 invalid_grant/);
  });
});
