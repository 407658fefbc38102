import type { Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from './soql.ast';
import { SoqlError } from './soql.errors';
import { Token, tokenize } from './soql.lexer';
import { parseLiteral } from './soql.literal-parser';
import { TokenCursor } from './soql.token-cursor';

/** Parser switches; the defaults reproduce what a real org accepts. */
export interface ParseOptions {
  /**
   * Salesforce rejects `a AND b OR c` (parentheses are required when AND and OR are
   * mixed). Set this to accept such input and read it with the usual precedence
   * (NOT over AND over OR), e.g. for tooling that is not standing in for an org.
   */
  allowMixedAndOr?: boolean;
}

/**
 * Parses one SOQL query into a position-carrying AST without looking at any schema,
 * so the result can be cached and executed many times. Throws `SoqlError`
 * (MALFORMED_QUERY, with line and column) on anything outside the supported grammar:
 *
 *   SELECT item {, item} FROM object [WHERE cond] [ORDER BY key {, key}] [LIMIT n] [OFFSET n]
 */
export function parseSoql(text: string, options: ParseOptions = {}): SoqlQuery {
  return new SoqlParser(text, options).parseQuery();
}

class SoqlParser {
  private readonly cursor: TokenCursor;

  constructor(
    private readonly source: string,
    private readonly options: ParseOptions,
  ) {
    this.cursor = new TokenCursor(source, tokenize(source));
  }

  parseQuery(): SoqlQuery {
    const c = this.cursor;
    c.expectKeyword('SELECT');
    const select = this.parseSelectList();
    c.expectKeyword('FROM');
    const fromToken = c.expectName();
    const where = c.acceptKeyword('WHERE') ? this.parseOr() : undefined;
    let orderBy: OrderItem[] = [];
    if (c.acceptKeyword('ORDER')) {
      c.expectKeyword('BY');
      orderBy = this.parseOrderList();
    }
    const limit = c.acceptKeyword('LIMIT') ? c.expectCount() : undefined;
    const offset = c.acceptKeyword('OFFSET') ? c.expectCount() : undefined;
    if (c.peek().kind !== 'eof') c.unexpected(c.peek());
    return { source: this.source, select, from: { name: fromToken.text, pos: fromToken.pos }, where, orderBy, limit, offset };
  }

  private parseSelectList(): SelectItem[] {
    const items: SelectItem[] = [];
    do {
      const start = this.cursor.peek();
      const item = this.parseSelectItem();
      if (items.length > 0 && (item.kind === 'count' || items[0].kind === 'count')) {
        throw new SoqlError('MALFORMED_QUERY', 'COUNT() cannot be combined with other fields', this.source, start.pos);
      }
      items.push(item);
    } while (this.cursor.acceptPunct(','));
    return items;
  }

  private parseSelectItem(): SelectItem {
    const c = this.cursor;
    if (c.isKeyword('COUNT') && c.peek(1).text === '(') {
      const countToken = c.next();
      c.expectPunct('(');
      c.expectPunct(')');
      return { kind: 'count', pos: countToken.pos };
    }
    return this.parseFieldPath();
  }

  private parseFieldPath(): FieldPath {
    const first = this.cursor.expectName();
    const parts = [first.text];
    while (this.cursor.acceptPunct('.')) parts.push(this.cursor.expectName().text);
    return { kind: 'field', parts, text: parts.join('.'), pos: first.pos };
  }

  /** OR binds loosest; in strict mode an AND on either side of an OR is an error. */
  private parseOr(): Condition {
    let previous = this.parseAnd();
    const operands = [previous.node];
    while (this.cursor.isKeyword('OR')) {
      const orToken = this.cursor.next();
      if (previous.andToken && !this.options.allowMixedAndOr) this.cursor.unexpected(orToken);
      previous = this.parseAnd();
      if (previous.andToken && !this.options.allowMixedAndOr) this.cursor.unexpected(previous.andToken);
      operands.push(previous.node);
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands, pos: operands[0].pos };
  }

  private parseAnd(): { node: Condition; andToken?: Token } {
    const operands = [this.parseNot()];
    let andToken: Token | undefined;
    while (this.cursor.isKeyword('AND')) {
      andToken ??= this.cursor.peek();
      this.cursor.next();
      operands.push(this.parseNot());
    }
    const node: Condition = operands.length === 1 ? operands[0] : { kind: 'and', operands, pos: operands[0].pos };
    return { node, andToken };
  }

  private parseNot(): Condition {
    if (!this.cursor.isKeyword('NOT')) return this.parsePrimary();
    const notToken = this.cursor.next();
    return { kind: 'not', operand: this.parseNot(), pos: notToken.pos };
  }

  private parsePrimary(): Condition {
    if (!this.cursor.acceptPunct('(')) return this.parseFieldExpression();
    const inner = this.parseOr();
    this.cursor.expectPunct(')');
    return inner;
  }

  private parseFieldExpression(): Condition {
    const c = this.cursor;
    const field = this.parseFieldPath();
    const token = c.peek();
    const pos = field.pos;
    if (token.kind === 'op') {
      c.next();
      return { kind: 'compare', field, operator: token.text, value: parseLiteral(c), pos };
    }
    if (c.acceptKeyword('LIKE')) return { kind: 'compare', field, operator: 'LIKE', value: parseLiteral(c), pos };
    if (c.acceptKeyword('IN')) return { kind: 'in', field, negated: false, values: this.parseValueList(), pos };
    if (c.acceptKeyword('NOT')) {
      c.expectKeyword('IN');
      return { kind: 'in', field, negated: true, values: this.parseValueList(), pos };
    }
    if (c.isKeyword('INCLUDES') || c.isKeyword('EXCLUDES')) {
      const excludes = c.next().text.toUpperCase() === 'EXCLUDES';
      return { kind: 'includes', field, excludes, values: this.parseValueList(), pos };
    }
    return c.unexpected(token);
  }

  private parseValueList(): Literal[] {
    this.cursor.expectPunct('(');
    const values = [parseLiteral(this.cursor)];
    while (this.cursor.acceptPunct(',')) values.push(parseLiteral(this.cursor));
    this.cursor.expectPunct(')');
    return values;
  }

  private parseOrderList(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.parseFieldPath();
      let direction: OrderItem['direction'] = 'ASC';
      if (this.cursor.acceptKeyword('DESC')) direction = 'DESC';
      else this.cursor.acceptKeyword('ASC');
      let nulls: OrderItem['nulls'] = direction === 'ASC' ? 'FIRST' : 'LAST';
      if (this.cursor.acceptKeyword('NULLS')) {
        if (this.cursor.acceptKeyword('FIRST')) nulls = 'FIRST';
        else {
          this.cursor.expectKeyword('LAST');
          nulls = 'LAST';
        }
      }
      items.push({ field, direction, nulls });
    } while (this.cursor.acceptPunct(','));
    return items;
  }
}
