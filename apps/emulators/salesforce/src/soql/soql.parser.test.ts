import { errorOf } from './__fixtures__/soql-org.fixture';
import type { Condition } from './soql.ast';
import { parseSoql } from './soql.parser';

/** A compact rendering of a condition tree, to assert grouping without position noise. */
function shape(c: Condition | undefined): string {
  if (!c) return '';
  switch (c.kind) {
    case 'and':
    case 'or':
      return `(${c.operands.map(shape).join(` ${c.kind.toUpperCase()} `)})`;
    case 'not':
      return `NOT ${shape(c.operand)}`;
    case 'compare':
      return `${c.field.text}${c.operator}`;
    case 'in':
      return `${c.field.text} ${c.negated ? 'NOT IN' : 'IN'}[${c.values.length}]`;
    case 'includes':
      return `${c.field.text} ${c.excludes ? 'EXCLUDES' : 'INCLUDES'}[${c.values.length}]`;
  }
}

const where = (text: string, allowMixedAndOr = false) =>
  shape(parseSoql(`SELECT Id FROM Contact WHERE ${text}`, { allowMixedAndOr }).where);

describe('parseSoql', () => {
  describe('SELECT and FROM', () => {
    it('reads plain and relationship field paths with their positions', () => {
      const query = parseSoql('SELECT Id, Account.Owner.Name FROM Contact');
      expect(query.select).toEqual([
        { kind: 'field', parts: ['Id'], text: 'Id', pos: { offset: 7, line: 1, column: 8 } },
        { kind: 'field', parts: ['Account', 'Owner', 'Name'], text: 'Account.Owner.Name', pos: { offset: 11, line: 1, column: 12 } },
      ]);
      expect(query.from).toEqual({ name: 'Contact', pos: { offset: 35, line: 1, column: 36 } });
    });

    it('reads COUNT() as a select item of its own', () => {
      expect(parseSoql('select count() from Contact').select).toEqual([{ kind: 'count', pos: expect.objectContaining({ column: 8 }) }]);
    });

    it('accepts keywords in any case and whitespace or newlines anywhere', () => {
      const query = parseSoql('\n  sElEcT\tName ,\n Email\r\n fRoM   Contact\n wHeRe Name = \'x\'\n oRdEr  bY Name dEsC nUlLs fIrSt\n lImIt 5 oFfSeT 2 ');
      expect(query.select.map((s) => (s.kind === 'field' ? s.text : 'COUNT'))).toEqual(['Name', 'Email']);
      expect(query.orderBy).toEqual([expect.objectContaining({ direction: 'DESC', nulls: 'FIRST' })]);
      expect([query.limit, query.offset]).toEqual([5, 2]);
    });

    it('lets non-reserved words such as Order name objects and fields', () => {
      expect(parseSoql('SELECT Order.Name FROM OrderItem').from.name).toBe('OrderItem');
    });
  });

  describe('WHERE', () => {
    it('reads every comparison operator, LIKE, IN, NOT IN, INCLUDES and EXCLUDES', () => {
      expect(where("A = 1 AND B != 1 AND C <> 1 AND D < 1 AND E > 1 AND F <= 1 AND G >= 1 AND H LIKE 'x%'")).toBe(
        '(A= AND B!= AND C!= AND D< AND E> AND F<= AND G>= AND HLIKE)',
      );
      expect(where("A IN ('x','y') AND B NOT IN (1) AND C INCLUDES ('a;b','c') AND D EXCLUDES ('d')")).toBe(
        '(A IN[2] AND B NOT IN[1] AND C INCLUDES[2] AND D EXCLUDES[1])',
      );
    });

    it('binds NOT tighter than AND, and parentheses group explicitly', () => {
      expect(where('NOT A = 1 AND B = 2')).toBe('(NOT A= AND B=)');
      expect(where('NOT (A = 1 AND B = 2)')).toBe('NOT (A= AND B=)');
      expect(where('A = 1 AND (B = 2 OR C = 3)')).toBe('(A= AND (B= OR C=))');
      expect(where('(A = 1 AND B = 2) OR C = 3')).toBe('((A= AND B=) OR C=)');
    });

    it('chains one kind of operator without parentheses', () => {
      expect(where('A = 1 OR B = 2 OR C = 3')).toBe('(A= OR B= OR C=)');
    });

    it('rejects AND mixed with OR without parentheses, as Salesforce does', () => {
      const andThenOr = errorOf(() => parseSoql('SELECT Id FROM Contact WHERE A = 1 AND B = 2 OR C = 3'));
      expect(andThenOr.errorCode).toBe('MALFORMED_QUERY');
      expect(andThenOr.detail).toBe("unexpected token: 'OR'");
      expect(andThenOr.position?.column).toBe(46);
      const orThenAnd = errorOf(() => parseSoql('SELECT Id FROM Contact WHERE A = 1 OR B = 2 AND C = 3'));
      expect(orThenAnd.detail).toBe("unexpected token: 'AND'");
      expect(orThenAnd.position?.column).toBe(45);
    });

    it('reads mixed AND/OR with AND binding tighter when asked to', () => {
      expect(where('A = 1 OR B = 2 AND C = 3', true)).toBe('(A= OR (B= AND C=))');
      expect(where('A = 1 AND NOT B = 2 OR C = 3', true)).toBe('((A= AND NOT B=) OR C=)');
    });

    it('reads every literal kind', () => {
      const query = parseSoql(
        "SELECT Id FROM Contact WHERE A IN ('it\\'s', 12, -3.5, true, FALSE, null, 2024-01-31, 2024-01-31T10:00:00+02:00, " +
          'today, YESTERDAY, Tomorrow, LAST_N_DAYS:7, NEXT_N_DAYS:3, LAST_90_DAYS)',
      );
      const values = query.where?.kind === 'in' ? query.where.values : [];
      expect(values.map(({ pos: _pos, ...rest }) => rest)).toEqual([
        { kind: 'string', value: "it's", raw: "it\\'s" },
        { kind: 'number', value: 12 },
        { kind: 'number', value: -3.5 },
        { kind: 'boolean', value: true },
        { kind: 'boolean', value: false },
        { kind: 'null' },
        { kind: 'date', text: '2024-01-31', epochMs: Date.UTC(2024, 0, 31) },
        { kind: 'datetime', text: '2024-01-31T10:00:00+02:00', epochMs: Date.UTC(2024, 0, 31, 8) },
        { kind: 'relativeDate', name: 'TODAY', n: 0, text: 'today' },
        { kind: 'relativeDate', name: 'YESTERDAY', n: 0, text: 'YESTERDAY' },
        { kind: 'relativeDate', name: 'TOMORROW', n: 0, text: 'Tomorrow' },
        { kind: 'relativeDate', name: 'LAST_N_DAYS', n: 7, text: 'LAST_N_DAYS:7' },
        { kind: 'relativeDate', name: 'NEXT_N_DAYS', n: 3, text: 'NEXT_N_DAYS:3' },
        { kind: 'relativeDate', name: 'LAST_N_DAYS', n: 90, text: 'LAST_90_DAYS' },
      ]);
    });
  });

  describe('ORDER BY, LIMIT and OFFSET', () => {
    it('defaults NULLS FIRST for ascending and NULLS LAST for descending keys', () => {
      const { orderBy } = parseSoql('SELECT Id FROM Contact ORDER BY LastName, Score__c DESC, Email ASC NULLS LAST, Account.Name DESC NULLS FIRST');
      expect(orderBy.map((o) => [o.field.text, o.direction, o.nulls])).toEqual([
        ['LastName', 'ASC', 'FIRST'],
        ['Score__c', 'DESC', 'LAST'],
        ['Email', 'ASC', 'LAST'],
        ['Account.Name', 'DESC', 'FIRST'],
      ]);
    });

    it('reads LIMIT and OFFSET as counts', () => {
      expect(parseSoql('SELECT Id FROM Contact LIMIT 10 OFFSET 20')).toMatchObject({ limit: 10, offset: 20 });
      expect(parseSoql('SELECT Id FROM Contact')).toMatchObject({ limit: undefined, offset: undefined, orderBy: [] });
    });
  });

  describe('malformed queries', () => {
    it.each([
      ['SELECT Id FORM Contact', "unexpected token: 'FORM'", 1, 11],
      ['SELECT Id FROM', "unexpected token: '<EOF>'", 1, 15],
      ['SELECT FROM Contact', "unexpected token: 'FROM'", 1, 8],
      ['SELECT Id,\nName\nFROM Contact\nWHERE Name = ', "unexpected token: '<EOF>'", 4, 14],
      ['SELECT Id FROM Contact WHERE Name', "unexpected token: '<EOF>'", 1, 34],
      ['SELECT Id FROM Contact WHERE Name IN ()', "unexpected token: ')'", 1, 39],
      ['SELECT Id FROM Contact LIMIT -1', "unexpected token: '-1'", 1, 30],
      ['SELECT Id FROM Contact LIMIT 2.5', "unexpected token: '2.5'", 1, 30],
      ['SELECT Id FROM Contact OFFSET 5 LIMIT 2', "unexpected token: 'LIMIT'", 1, 33],
      ['SELECT Id FROM Contact GROUP BY Name', "unexpected token: 'GROUP'", 1, 24],
      ['SELECT Id FROM Contact c', "unexpected token: 'c'", 1, 24],
      ['SELECT Id FROM Contact ORDER BY Name NULLS', "unexpected token: '<EOF>'", 1, 43],
      ['SELECT Id FROM Contact WHERE Name = Acme', "unexpected token: 'Acme'", 1, 37],
      ['SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS', "unexpected token: '<EOF>'", 1, 55],
      ['SELECT COUNT(), Name FROM Contact', 'COUNT() cannot be combined with other fields', 1, 17],
      ['SELECT Id FROM Contact WHERE CreatedDate = THIS_MONTH', "date literal 'THIS_MONTH' is not supported by the emulator", 1, 44],
    ])('%j fails with %j at %i:%i', (text, detail, line, column) => {
      const error = errorOf(() => parseSoql(text));
      expect(error.errorCode).toBe('MALFORMED_QUERY');
      expect(error.detail).toBe(detail);
      expect(error.position).toMatchObject({ line, column });
      expect(error.message).toContain(`ERROR at Row:${line}:Column:${column}\n${detail}`);
    });

    it('frames the message like Salesforce: the line, a caret under the column, then the detail', () => {
      const error = errorOf(() => parseSoql('SELECT Id FORM Contact'));
      expect(error.message).toBe("\nSELECT Id FORM Contact\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'");
      expect(error.name).toBe('SoqlError');
    });
  });
});
