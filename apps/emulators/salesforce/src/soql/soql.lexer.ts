import type { Position } from './soql.ast';
import { parseDateText, parseDateTimeText, scanDateLiteral } from './soql.dates';
import { SoqlError } from './soql.errors';
import { decodeStringLiteral } from './soql.strings';

/**
 * The SOQL tokenizer. Keywords are not special here (they are identifiers the parser
 * recognises case-insensitively), because SOQL lets many words be field names too.
 */
export type Token =
  | { kind: 'ident'; text: string; pos: Position }
  | { kind: 'string'; text: string; value: string; raw: string; pos: Position }
  | { kind: 'number'; text: string; value: number; pos: Position }
  | { kind: 'date' | 'datetime'; text: string; epochMs: number; pos: Position }
  /** Comparison operators; `<>` is normalised to `!=`. */
  | { kind: 'op'; text: '=' | '!=' | '<' | '<=' | '>' | '>='; pos: Position }
  | { kind: 'punct'; text: '(' | ')' | ',' | '.' | ':'; pos: Position }
  | { kind: 'eof'; text: ''; pos: Position };

const TWO_CHAR_OPS: Record<string, '!=' | '<=' | '>='> = { '!=': '!=', '<>': '!=', '<=': '<=', '>=': '>=' };
const ONE_CHAR_OPS: Record<string, '=' | '<' | '>'> = { '=': '=', '<': '<', '>': '>' };
const PUNCTUATION: Record<string, '(' | ')' | ',' | '.' | ':'> = { '(': '(', ')': ')', ',': ',', '.': '.', ':': ':' };

/**
 * Splits query text into tokens, each with its line and column. Throws MALFORMED_QUERY
 * (with the position) for characters SOQL has no use for, unterminated strings, illegal
 * escapes and impossible dates.
 */
export function tokenize(source: string): Token[] {
  const locate = createLocator(source);
  const fail = (detail: string, offset: number): never => {
    throw new SoqlError('MALFORMED_QUERY', detail, source, locate(offset));
  };
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const pos = locate(i);
    if (isSpace(ch)) {
      i++;
    } else if (isIdentStart(ch)) {
      let end = i + 1;
      while (end < source.length && isIdentPart(source[end])) end++;
      tokens.push({ kind: 'ident', text: source.slice(i, end), pos });
      i = end;
    } else if (ch === "'") {
      const end = findClosingQuote(source, i + 1);
      if (end < 0) fail('unterminated string literal', i);
      const raw = source.slice(i + 1, end);
      const decoded = decodeStringLiteral(raw);
      if ('badEscapeAt' in decoded) {
        const at = i + 1 + decoded.badEscapeAt;
        return fail(`Invalid string literal '${raw}'. Illegal character sequence '${source.slice(at, at + 2)}' in string literal.`, at);
      }
      tokens.push({ kind: 'string', text: source.slice(i, end + 1), value: decoded.value, raw, pos });
      i = end + 1;
    } else if (isDigit(ch) || (ch === '-' && isDigit(source[i + 1] ?? ''))) {
      const token = scanNumberOrDate(source, i, pos, fail);
      tokens.push(token);
      i += token.text.length;
    } else if (TWO_CHAR_OPS[source.slice(i, i + 2)]) {
      tokens.push({ kind: 'op', text: TWO_CHAR_OPS[source.slice(i, i + 2)], pos });
      i += 2;
    } else if (ONE_CHAR_OPS[ch]) {
      tokens.push({ kind: 'op', text: ONE_CHAR_OPS[ch], pos });
      i++;
    } else if (PUNCTUATION[ch]) {
      tokens.push({ kind: 'punct', text: PUNCTUATION[ch], pos });
      i++;
    } else {
      fail(`unexpected token: '${ch}'`, i);
    }
  }
  tokens.push({ kind: 'eof', text: '', pos: locate(source.length) });
  return tokens;
}

function scanNumberOrDate(source: string, start: number, pos: Position, fail: (d: string, o: number) => never): Token {
  const dateText = source[start] === '-' ? undefined : scanDateLiteral(source, start);
  if (dateText !== undefined) {
    const isDateTime = dateText.length > 10;
    const epochMs = isDateTime ? parseDateTimeText(dateText) : parseDateText(dateText);
    if (epochMs === undefined) return fail(`invalid ${isDateTime ? 'datetime' : 'date'} literal: '${dateText}'`, start);
    return { kind: isDateTime ? 'datetime' : 'date', text: dateText, epochMs, pos };
  }
  let end = start + 1;
  while (end < source.length && isDigit(source[end])) end++;
  if (source[end] === '.' && isDigit(source[end + 1] ?? '')) {
    end += 2;
    while (end < source.length && isDigit(source[end])) end++;
  }
  const text = source.slice(start, end);
  return { kind: 'number', text, value: Number(text), pos };
}

/** Index of the quote closing a string whose body starts at `from`, or -1. */
function findClosingQuote(source: string, from: number): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === "'") return i;
  }
  return -1;
}

/**
 * Offset-to-position lookup over a table of line starts, so every token gets its
 * line and column without rescanning the text.
 */
export function createLocator(source: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) lineStarts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { offset, line: low + 1, column: offset - lineStarts[low] + 1 };
  };
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function isIdentStart(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch === '_';
}

function isIdentPart(ch: string): boolean {
  return isIdentStart(ch) || isDigit(ch);
}
