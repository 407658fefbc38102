import { acceptOrCreateCorrelationId, currentCorrelationId, runWithContext } from './request-context';

describe('request context', () => {
  it('is visible across awaits inside the request and gone outside it', async () => {
    const seen = await runWithContext({ correlationId: 'abc' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return currentCorrelationId();
    });
    expect(seen).toBe('abc');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('keeps a plain incoming id and replaces one that could inject text into logs', () => {
    expect(acceptOrCreateCorrelationId('req-42.a:b')).toBe('req-42.a:b');
    const replaced = acceptOrCreateCorrelationId('evil\n{"level":"error"}');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(acceptOrCreateCorrelationId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
