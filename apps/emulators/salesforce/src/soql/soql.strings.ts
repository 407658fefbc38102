/**
 * SOQL string literal escapes, shared by the lexer (which decodes values) and LIKE
 * (which must still tell an escaped `\%` from a wildcard `%`, so it reads the raw text).
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  _: '_',
  '%': '%',
};

/** The character an escape sequence `\x` stands for, or undefined when SOQL forbids it. */
export function escapeValue(letter: string): string | undefined {
  return SIMPLE_ESCAPES[letter] ?? SIMPLE_ESCAPES[letter.toLowerCase()];
}

/**
 * Decodes the text between the quotes. Returns the offset (within `raw`) of the first
 * illegal escape instead of a value, so the lexer can point at it.
 */
export function decodeStringLiteral(raw: string): { value: string } | { badEscapeAt: number } {
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') {
      value += raw[i];
      continue;
    }
    const decoded = escapeValue(raw[i + 1] ?? '');
    if (decoded === undefined) return { badEscapeAt: i };
    value += decoded;
    i++;
  }
  return { value };
}

/**
 * Compiles a LIKE pattern (raw literal text) into a case-insensitive, anchored RegExp:
 * `%` is any run of characters, `_` exactly one, `\%` and `\_` the characters themselves.
 * Built once per query, then tested against every row.
 */
export function likePatternToRegExp(raw: string): RegExp {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else if (ch === '\\') {
      source += escapeRegExp(escapeValue(raw[i + 1] ?? '') ?? '');
      i++;
    } else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, 'i');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
