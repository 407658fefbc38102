import type { Session, SessionValidator } from '../../auth/session.types';

/** A session validator that knows the tokens a test gives it, and can revoke them mid-test. */
export class FakeSessionValidator implements SessionValidator {
  private readonly tokens = new Set<string>();

  constructor(...tokens: string[]) {
    for (const token of tokens) this.tokens.add(token);
  }

  async validate(accessToken: string): Promise<Session | undefined> {
    if (!this.tokens.has(accessToken)) return undefined;
    const issuedAt = new Date();
    return {
      accessToken,
      userId: '005000000000001AAA',
      orgId: '00D000000000001AAA',
      clientId: 'test-connected-app',
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + 3_600_000),
    };
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }
}
