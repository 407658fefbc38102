import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { helmetDefaultHeaders, securityHeadersMiddleware } from './security-headers.middleware';

function headersOf(middleware: express.RequestHandler) {
  const app = express();
  app.disable('x-powered-by');
  app.use(middleware);
  app.get('/x', (_req, res) => {
    res.json({ ok: true });
  });
  return request(app).get('/x');
}

describe('security headers', () => {
  it('answers with exactly the headers helmet sets, values included', async () => {
    const viaHelmet = await headersOf(helmet());
    const precomputed = await headersOf(securityHeadersMiddleware());
    const names = helmetDefaultHeaders().map(([name]) => name.toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['content-security-policy', 'strict-transport-security', 'x-content-type-options']));
    for (const name of names) expect(precomputed.headers[name]).toBe(viaHelmet.headers[name]);
    const withoutVolatile = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => !['date', 'etag'].includes(h)).sort();
    expect(withoutVolatile(precomputed.headers)).toEqual(withoutVolatile(viaHelmet.headers));
  });
});
