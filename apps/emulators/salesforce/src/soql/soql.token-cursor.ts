import type { Position } from './soql.ast';
import { SoqlError } from './soql.errors';
import type { Token } from './soql.lexer';

/**
 * Words SOQL reserves: they can never name an object, field or relationship, which is
 * how `SELECT FROM Account` fails at `FROM` rather than at `Account`.
 */
const RESERVED = new Set([
  'AND', 'ASC', 'DESC', 'EXCLUDES', 'FIRST', 'FROM', 'GROUP', 'HAVING', 'IN', 'INCLUDES',
  'LAST', 'LIKE', 'LIMIT', 'NOT', 'NULL', 'NULLS', 'OR', 'SELECT', 'WHERE', 'WITH',
]);

/**
 * A read position over the token list with the small vocabulary a recursive-descent
 * parser needs (peek, accept, expect). Every failure is a MALFORMED_QUERY naming the
 * offending token and its line and column.
 */
export class TokenCursor {
  private index = 0;

  constructor(
    readonly source: string,
    private readonly tokens: Token[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** Keywords are case-insensitive identifiers. */
  isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  acceptKeyword(word: string): Token | undefined {
    return this.isKeyword(word) ? this.next() : undefined;
  }

  expectKeyword(word: string): Token {
    return this.acceptKeyword(word) ?? this.unexpected(this.peek());
  }

  acceptPunct(text: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== text) return false;
    this.next();
    return true;
  }

  expectPunct(text: string): void {
    if (!this.acceptPunct(text)) this.unexpected(this.peek());
  }

  /** An object, field or relationship name: any identifier that is not reserved. */
  expectName(): Token {
    const token = this.peek();
    if (token.kind !== 'ident' || RESERVED.has(token.text.toUpperCase())) return this.unexpected(token);
    return this.next();
  }

  /** A non-negative integer, as LIMIT, OFFSET and N_DAYS take. */
  expectCount(): number {
    const token = this.peek();
    if (token.kind !== 'number' || !Number.isInteger(token.value) || token.value < 0) return this.unexpected(token);
    this.next();
    return token.value;
  }

  unexpected(token: Token): never {
    return this.fail(`unexpected token: '${token.kind === 'eof' ? '<EOF>' : token.text}'`, token.pos);
  }

  fail(detail: string, pos: Position): never {
    throw new SoqlError('MALFORMED_QUERY', detail, this.source, pos);
  }
}
