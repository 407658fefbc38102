import { checkResponse, validateRequest } from './validation';
import { greetingContract } from './__fixtures__/greeting.contract';

const { getGreeting, putGreeting, listGreetings } = greetingContract.routes;

describe('validateRequest', () => {
  it('returns parsed values with defaults and coercion applied', () => {
    const result = validateRequest(listGreetings, { query: { limit: '10' } });
    expect(result).toEqual({ ok: true, value: { params: {}, query: { limit: 10 }, headers: {}, body: undefined } });
  });

  it('names every bad field across params, headers and body in one report', () => {
    const result = validateRequest(putGreeting, {
      params: {},
      headers: { 'idempotency-key': 'short' },
      body: { text: '', language: 'fr' },
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.fieldErrors.map((e) => e.path).sort();
    expect(paths).toEqual(['body.language', 'body.text', 'headers.idempotency-key', 'params.id']);
  });

  it('reports a missing body as a body error rather than crashing', () => {
    const result = validateRequest(putGreeting, { params: { id: 'g-1' } });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.fieldErrors.map((e) => e.path)).toEqual(['body']);
  });

  it('ignores headers the route does not declare', () => {
    const result = validateRequest(putGreeting, {
      params: { id: 'g-1' },
      headers: { host: 'x', 'idempotency-key': 'key-12345' },
      body: { text: 'hi' },
    });
    expect(result.ok && result.value.headers).toEqual({ 'idempotency-key': 'key-12345' });
  });
});

describe('checkResponse', () => {
  it('accepts a body matching the declared status', () => {
    expect(checkResponse(getGreeting, 200, { id: 'g-1', text: 'hello', language: 'en' })).toEqual([]);
    expect(checkResponse(getGreeting, 304, undefined)).toEqual([]);
  });

  it('reports an undeclared status and a body that breaks the schema', () => {
    expect(checkResponse(getGreeting, 201, {})[0]?.path).toBe('status');
    expect(checkResponse(getGreeting, 200, { id: 'g-1', text: 42 }).map((e) => e.path)).toEqual(['response.text']);
  });
});
