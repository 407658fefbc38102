import request from 'supertest';
import { buildPortal, watched } from '../__fixtures__/portal.harness';
import { startFakeApp, unreachableUrl, type FakeApp } from '../__fixtures__/fake-apps';

const DOCUMENT = { openapi: '3.1.0', info: { title: 'Core banking System API', version: '1.0.0' }, paths: { '/v1/customers': {} } };
const PROBLEM = /application\/problem\+json/;

describe('GET /api/apps/:name/openapi.json', () => {
  let documented: FakeApp;
  let undocumented: FakeApp;

  beforeEach(async () => {
    [documented, undocumented] = await Promise.all([startFakeApp({ openApi: DOCUMENT }), startFakeApp()]);
  });

  afterEach(async () => {
    // One test closes its app early; closing it again is not this test's concern.
    await Promise.all([documented.close(), undocumented.close()].map((closing) => closing.catch(() => undefined)));
  });

  const portalFor = async (cacheMs: number) =>
    buildPortal(
      [
        watched('system-core-banking', 'system', documented.url),
        watched('emulators-core-banking', 'emulator', undocumented.url),
        watched('system-salesforce', 'system', await unreachableUrl()),
      ],
      { openApiCacheMs: cacheMs },
    );

  it("answers the app's own document, fetched once while the cache holds it", async () => {
    const portal = await portalFor(60_000);
    try {
      const first = await request(portal.app).get('/api/apps/system-core-banking/openapi.json').expect(200);
      await request(portal.app).get('/api/apps/system-core-banking/openapi.json').expect(200);
      expect(first.body).toEqual(DOCUMENT);
      expect(documented.requests.filter((r) => r.path === '/openapi.json')).toHaveLength(1);
    } finally {
      await portal.close();
    }
  });

  it('keeps serving the last document while the app is down', async () => {
    const portal = await portalFor(0);
    try {
      await request(portal.app).get('/api/apps/system-core-banking/openapi.json').expect(200);
      await documented.close();
      const res = await request(portal.app).get('/api/apps/system-core-banking/openapi.json').expect(200);
      expect(res.body.info.title).toBe('Core banking System API');
    } finally {
      await portal.close();
    }
  });

  it('answers 404 problem+json for an app that is not configured', async () => {
    const portal = await portalFor(0);
    try {
      const res = await request(portal.app).get('/api/apps/nobody/openapi.json').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.detail).toBe('No app named nobody is configured');
    } finally {
      await portal.close();
    }
  });

  it('answers 404 problem+json for an app that serves no document', async () => {
    const portal = await portalFor(0);
    try {
      const res = await request(portal.app).get('/api/apps/emulators-core-banking/openapi.json').expect(404);
      expect(res.body.detail).toBe('emulators-core-banking serves no OpenAPI document');
    } finally {
      await portal.close();
    }
  });

  it('answers 503 problem+json for an app never seen up', async () => {
    const portal = await portalFor(0);
    try {
      const res = await request(portal.app).get('/api/apps/system-salesforce/openapi.json').expect(503);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.type).toBe('urn:strata:problem:upstream-unavailable');
    } finally {
      await portal.close();
    }
  });
});
