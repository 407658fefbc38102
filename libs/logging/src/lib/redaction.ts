/**
 * Redaction of secrets and personal data from anything about to be logged.
 *
 * Secrets (credentials, tokens) are always removed; personal-data fields are the ones
 * an app declares in config (emails, phones, birth dates...). Matching is by key name,
 * case- and separator-insensitive, at any depth, so `Authorization`, `client_secret`
 * and `clientSecret` are all caught. Bearer tokens inside free text are masked too.
 */

/** Keys whose values are credentials and must never reach a log. */
export const SECRET_KEYS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'password',
  'passwd',
  'secret',
  'client-secret',
  'token',
  'access-token',
  'refresh-token',
  'id-token',
  'api-key',
  'x-api-key',
  'assertion',
  'private-key',
  'session-id',
  'x-service-token',
];

/** Compound names such as `db-password` or `salesforce-client-secret`. */
const SECRET_SUFFIXES = ['-password', '-secret', '-access-token', '-refresh-token', '-api-key', '-private-key'];

export const REDACTED = '[REDACTED]';
export const PERSONAL = '[PERSONAL]';

const camelToKebab = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[_\s]/g, '-');

const BEARER = /\b(Bearer|OAuth|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const INLINE_SECRET = /((?:^|[?&\s,;({])(?:access_token|refresh_token|client_secret|password|passwd|secret|token|api_key)\s*[=:]\s*)[^&\s",;)}]+/gi;

export interface RedactorOptions {
  /** Field names holding personal data (e.g. `email`, `phone`, `birthDate`). */
  personalDataFields?: readonly string[];
  /** Extra secret field names beyond SECRET_KEYS. */
  extraSecretFields?: readonly string[];
}

export type Redactor = (value: unknown) => unknown;

/** Key decisions a redactor remembers; keys beyond it are decided every time. */
const MAX_REMEMBERED_KEYS = 2000;

/** Builds a function that returns a redacted deep copy of a value; input is not mutated. */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  const secrets = new Set([...SECRET_KEYS, ...(options.extraSecretFields ?? [])].map(camelToKebab));
  const personal = new Set((options.personalDataFields ?? []).map(camelToKebab));

  const decide = (key: string): string | undefined => {
    const k = camelToKebab(key);
    if (secrets.has(k)) return REDACTED;
    if (SECRET_SUFFIXES.some((suffix) => k.endsWith(suffix))) return REDACTED;
    if (personal.has(k)) return PERSONAL;
    return undefined;
  };
  // Every log line asks about the same few keys: decide each once (bounded, so odd keys cannot grow it).
  const decided = new Map<string, string | undefined>();
  const classify = (key: string): string | undefined => {
    if (decided.has(key)) return decided.get(key);
    const decision = decide(key);
    if (decided.size < MAX_REMEMBERED_KEYS) decided.set(key, decision);
    return decision;
  };

  const visit = (value: unknown, seen: WeakSet<object>, depth: number): unknown => {
    if (typeof value === 'string') return value.replace(BEARER, `$1 ${REDACTED}`).replace(INLINE_SECRET, `$1${REDACTED}`);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 12 || seen.has(value)) return '[Circular]';
    seen.add(value);
    if (value instanceof Error) {
      return { name: value.name, message: visit(value.message, seen, depth + 1), stack: visit(value.stack, seen, depth + 1) };
    }
    if (Array.isArray(value)) return value.map((item) => visit(item, seen, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const replacement = inner === undefined || inner === null ? undefined : classify(key);
      out[key] = replacement ?? visit(inner, seen, depth + 1);
    }
    return out;
  };

  return (value) => visit(value, new WeakSet(), 0);
}
