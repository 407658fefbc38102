import express from 'express';
import request from 'supertest';
import type { Session, SessionValidator } from './session.types';
import { bearerToken, INVALID_SESSION_BODY, requireSession, sessionOf } from './require-session.middleware';

const LIVE = '00D000000000001!live-token';
const session: Session = {
  accessToken: LIVE,
  userId: '005000000000001AAA',
  orgId: '00D000000000001AAA',
  clientId: 'client',
  issuedAt: new Date(0),
  expiresAt: new Date(3_600_000),
};
const validator: SessionValidator = { validate: async (token) => (token === LIVE ? session : undefined) };

function appWith(options?: { allowQueryToken?: boolean }) {
  const app = express();
  app.get('/guarded', requireSession(validator, options), (_req, res) => {
    res.json({ userId: sessionOf(res).userId });
  });
  return app;
}

describe('requireSession', () => {
  it('answers a missing token with the exact 401 Salesforce REST sends', async () => {
    const res = await request(appWith()).get('/guarded');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).toBe('[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]');
    expect(res.body).toEqual(INVALID_SESSION_BODY);
  });

  it('answers an unknown or expired token with the same 401', async () => {
    const res = await request(appWith()).get('/guarded').set('Authorization', 'Bearer 00D000000000001!expired');
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID_SESSION_BODY);
  });

  it('lets a live Bearer or OAuth token through and hands the session to the route', async () => {
    for (const scheme of ['Bearer', 'OAuth', 'bearer']) {
      const res = await request(appWith()).get('/guarded').set('Authorization', `${scheme} ${LIVE}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ userId: session.userId });
    }
  });

  it('reads ?oauth_token= only where allowed, and prefers the header', async () => {
    await expect(request(appWith()).get('/guarded').query({ oauth_token: LIVE })).resolves.toMatchObject({ status: 401 });
    await expect(request(appWith({ allowQueryToken: true })).get('/guarded').query({ oauth_token: LIVE })).resolves.toMatchObject({ status: 200 });
    const stale = request(appWith({ allowQueryToken: true })).get('/guarded').query({ oauth_token: 'stale' }).set('Authorization', `Bearer ${LIVE}`);
    await expect(stale).resolves.toMatchObject({ status: 200 });
  });
});

describe('bearerToken', () => {
  it('extracts the token after Bearer or OAuth and nothing else', () => {
    const headers = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } });
    expect(bearerToken(headers(`Bearer ${LIVE}`))).toBe(LIVE);
    expect(bearerToken(headers(`OAuth ${LIVE}`))).toBe(LIVE);
    expect(bearerToken(headers('Basic dXNlcjpwYXNz'))).toBeUndefined();
    expect(bearerToken(headers('Bearer'))).toBeUndefined();
    expect(bearerToken(headers())).toBeUndefined();
  });
});
