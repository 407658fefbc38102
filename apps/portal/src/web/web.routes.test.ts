import request from 'supertest';
import { buildPortal, watched } from '../__fixtures__/portal.harness';

describe('the portal page, docs pages and assets', () => {
  const portal = buildPortal([watched('system-core-banking', 'system', 'http://127.0.0.1:9'), watched('emulators-core-banking', 'emulator', 'http://127.0.0.1:9')]);
  afterAll(() => portal.close());

  it('serves the page with its script from the portal itself, under a CSP without inline scripts', async () => {
    const res = await request(portal.app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<script src="/static/portal.js" defer></script>');
    expect(res.text).not.toMatch(/<script>|on(load|click)=/);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('serves the page script and stylesheet', async () => {
    await request(portal.app).get('/static/portal.js').expect(200).expect('content-type', /javascript/);
    await request(portal.app).get('/static/portal.css').expect(200).expect('content-type', /css/);
  });

  it("serves swagger-ui's bundle and stylesheet from its package, and nothing else of it", async () => {
    const bundle = await request(portal.app).get('/vendor/swagger-ui/swagger-ui-bundle.js').expect(200);
    expect(bundle.text).toContain('SwaggerUIBundle');
    await request(portal.app).get('/vendor/swagger-ui/swagger-ui.css').expect(200).expect('content-type', /css/);
    await request(portal.app).get('/vendor/swagger-ui/swagger-initializer.js').expect(404);
  });

  it('serves a docs page for a configured app and 404 problem+json for another', async () => {
    const page = await request(portal.app).get('/docs/system-core-banking').expect(200);
    expect(page.text).toContain('<div id="swagger-ui"></div>');
    const missing = await request(portal.app).get('/docs/nobody').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.detail).toBe('No app named nobody is configured');
  });

  it('serves the layer picture drawn from the configuration', async () => {
    const res = await request(portal.app).get('/api/diagram.svg').responseType('blob').expect(200).expect('content-type', /image\/svg\+xml/);
    const svg = (res.body as Buffer).toString('utf8');
    expect(svg).toContain('data-app="system-core-banking"');
    expect(svg).toContain('data-app="emulators-core-banking"');
  });

  it('keeps the health, metrics and readiness endpoints every app has', async () => {
    await request(portal.app).get('/health/live').expect(200);
    const ready = await request(portal.app).get('/health/ready').expect(200);
    expect(ready.body.breakers.map((b: { name: string }) => b.name)).toEqual(['system-core-banking', 'emulators-core-banking']);
    await request(portal.app).get('/metrics').expect(200);
  });
});
