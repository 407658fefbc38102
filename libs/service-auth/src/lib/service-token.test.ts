import { createHmac } from 'node:crypto';
import { createServiceTokenIssuer } from './service-token-issuer';
import { createServiceTokenVerifier, ServiceTokenRejected } from './service-token-verifier';

const SECRET = 'a-secret-that-is-long-enough-for-hs256-0123';
const OTHER = 'another-secret-that-is-long-enough-for-hs256';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const forge = (header: unknown, claims: unknown, secret = SECRET) => {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('service tokens', () => {
  let clock = 1_800_000_000_000;
  const now = () => clock;
  const issuer = createServiceTokenIssuer({ secret: SECRET, service: 'process-customer-sync', now });
  const verifier = createServiceTokenVerifier({ secrets: [SECRET], audience: 'system-salesforce', now });
  const refusal = (token: string) => {
    try {
      verifier.verify(token);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceTokenRejected);
      return (error as Error).message;
    }
  };

  beforeEach(() => {
    clock = 1_800_000_000_000;
  });

  it('names the calling service when the token was minted for this one', () => {
    expect(verifier.verify(issuer.tokenFor('system-salesforce'))).toEqual({ service: 'process-customer-sync', expiresAt: 1_800_000_120 });
  });

  it('refuses a token minted for another service', () => {
    expect(refusal(issuer.tokenFor('system-core-banking'))).toMatch(/another service/);
  });

  it('refuses a token signed with another secret, and one whose claims were edited', () => {
    const foreign = createServiceTokenIssuer({ secret: OTHER, service: 'process-customer-sync', now }).tokenFor('system-salesforce');
    expect(refusal(foreign)).toMatch(/signature/);
    const [header, , sig] = issuer.tokenFor('system-salesforce').split('.');
    const edited = `${header}.${b64({ iss: 'attacker', aud: 'system-salesforce', iat: 1_800_000_000, exp: 1_800_000_100 })}.${sig}`;
    expect(refusal(edited)).toMatch(/signature/);
  });

  it('refuses other headers: alg none, another typ (an end-user JWT), garbage', () => {
    const claims = { iss: 'x', aud: 'system-salesforce', iat: 1_800_000_000, exp: 1_800_000_060 };
    expect(refusal(`${b64({ alg: 'none', typ: 'strata-service+jwt' })}.${b64(claims)}.`)).toMatch(/not a Strata service token/);
    expect(refusal(forge({ alg: 'HS256', typ: 'JWT' }, claims))).toMatch(/not a Strata service token/);
    expect(refusal('not-a-token')).toMatch(/not a Strata service token/);
  });

  it('refuses an expired token (after the clock tolerance) and one issued in the future', () => {
    const token = issuer.tokenFor('system-salesforce');
    clock += 124_000;
    expect(refusal(token)).toBe('accepted');
    clock += 2_000;
    expect(refusal(token)).toBe('expired');
    clock = 1_800_000_000_000;
    const header = { alg: 'HS256', typ: 'strata-service+jwt' };
    expect(refusal(forge(header, { iss: 'x', aud: 'system-salesforce', iat: 1_800_000_060, exp: 1_800_000_120 }))).toMatch(/future/);
  });

  it('refuses a long-lived token even when correctly signed', () => {
    const header = { alg: 'HS256', typ: 'strata-service+jwt' };
    expect(refusal(forge(header, { iss: 'x', aud: 'system-salesforce', iat: 1_800_000_000, exp: 1_800_086_400 }))).toMatch(/longer than 600/);
  });

  it('accepts the previous secret during a rotation, and signs only with the current one', () => {
    const rotating = createServiceTokenVerifier({ secrets: [OTHER, SECRET], audience: 'system-salesforce', now });
    expect(rotating.verify(issuer.tokenFor('system-salesforce')).service).toBe('process-customer-sync');
    const rotated = createServiceTokenVerifier({ secrets: [OTHER], audience: 'system-salesforce', now });
    expect(() => rotated.verify(issuer.tokenFor('system-salesforce'))).toThrow(/signature/);
  });

  it('reuses a token until half its life, then mints a new one', () => {
    const first = issuer.tokenFor('system-salesforce');
    clock += 59_000;
    expect(issuer.tokenFor('system-salesforce')).toBe(first);
    clock += 2_000;
    const second = issuer.tokenFor('system-salesforce');
    expect(second).not.toBe(first);
    expect(verifier.verify(second).expiresAt).toBe(1_800_000_181);
  });

  const freshToken = () => createServiceTokenIssuer({ secret: SECRET, service: 'process-customer-sync', now }).tokenFor('system-salesforce');

  it('keeps refusing a token after it expires, although it verified before', () => {
    const token = freshToken();
    expect(refusal(token)).toBe('accepted');
    expect(refusal(token)).toBe('accepted');
    clock += 126_000;
    expect(refusal(token)).toBe('expired');
    expect(refusal(token)).toBe('expired');
  });

  it('gives each caller its own copy of the verified caller', () => {
    const token = freshToken();
    const first = verifier.verify(token);
    first.service = 'tampered';
    expect(verifier.verify(token).service).toBe('process-customer-sync');
  });

  it('refuses to start with a short secret', () => {
    expect(() => createServiceTokenIssuer({ secret: 'short', service: 'x' })).toThrow(/at least 32/);
    expect(() => createServiceTokenVerifier({ secrets: [''], audience: 'x' })).toThrow(/at least one secret/);
  });
});
