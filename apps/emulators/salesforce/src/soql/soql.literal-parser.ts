import type { Literal, RelativeDateName } from './soql.ast';
import type { Token } from './soql.lexer';
import type { TokenCursor } from './soql.token-cursor';

/** Relative date words that take no argument, with the range they stand for. */
const FIXED_RELATIVE: Record<string, { name: RelativeDateName; n: number }> = {
  TODAY: { name: 'TODAY', n: 0 },
  YESTERDAY: { name: 'YESTERDAY', n: 0 },
  TOMORROW: { name: 'TOMORROW', n: 0 },
  LAST_90_DAYS: { name: 'LAST_N_DAYS', n: 90 },
  NEXT_90_DAYS: { name: 'NEXT_N_DAYS', n: 90 },
};

const PARAMETRISED_RELATIVE: Record<string, RelativeDateName> = {
  LAST_N_DAYS: 'LAST_N_DAYS',
  NEXT_N_DAYS: 'NEXT_N_DAYS',
};

/** Salesforce's other relative date literals (THIS_MONTH, LAST_N_WEEKS:n...): known, not emulated. */
const OTHER_RELATIVE = /^(THIS|LAST|NEXT)_[A-Z0-9_]+$|^N_[A-Z_]+_AGO$/;

/**
 * Reads one value from a filter: a string, number, boolean, null, date, datetime or
 * relative date literal (`TODAY`, `LAST_N_DAYS:7`). Anything else is a MALFORMED_QUERY
 * at the token, including relative literals the emulator does not implement, which
 * are named as such so nobody mistakes them for typos.
 */
export function parseLiteral(cursor: TokenCursor): Literal {
  const token = cursor.next();
  const pos = token.pos;
  switch (token.kind) {
    case 'string':
      return { kind: 'string', value: token.value, raw: token.raw, pos };
    case 'number':
      return { kind: 'number', value: token.value, pos };
    case 'date':
    case 'datetime':
      return { kind: token.kind, text: token.text, epochMs: token.epochMs, pos };
    case 'ident':
      return parseWordLiteral(cursor, token);
    default:
      return cursor.unexpected(token);
  }
}

function parseWordLiteral(cursor: TokenCursor, token: Token): Literal {
  const word = token.text.toUpperCase();
  const pos = token.pos;
  if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', pos };
  if (word === 'NULL') return { kind: 'null', pos };
  const fixed = FIXED_RELATIVE[word];
  if (fixed) return { kind: 'relativeDate', ...fixed, text: token.text, pos };
  const parametrised = PARAMETRISED_RELATIVE[word];
  if (parametrised) {
    cursor.expectPunct(':');
    const n = cursor.expectCount();
    return { kind: 'relativeDate', name: parametrised, n, text: `${token.text}:${n}`, pos };
  }
  if (OTHER_RELATIVE.test(word)) return cursor.fail(`date literal '${token.text}' is not supported by the emulator`, pos);
  return cursor.unexpected(token);
}
