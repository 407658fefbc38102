import { errorOf } from './__fixtures__/soql-org.fixture';
import { Token, tokenize } from './soql.lexer';

const kinds = (tokens: Token[]) => tokens.map((t) => `${t.kind}:${t.text}`);

describe('the SOQL lexer', () => {
  it('splits a query into identifiers, operators and punctuation, ending with eof', () => {
    const tokens = tokenize("SELECT Account.Name FROM Contact WHERE Score__c>=5");
    expect(kinds(tokens)).toEqual([
      'ident:SELECT', 'ident:Account', 'punct:.', 'ident:Name', 'ident:FROM', 'ident:Contact',
      'ident:WHERE', 'ident:Score__c', 'op:>=', 'number:5', 'eof:',
    ]);
  });

  it('normalises <> to != and keeps every comparison operator', () => {
    const ops = tokenize('= != <> < > <= >=').filter((t) => t.kind === 'op').map((t) => t.text);
    expect(ops).toEqual(['=', '!=', '!=', '<', '>', '<=', '>=']);
  });

  it('gives every token its 1-based line and column across newlines', () => {
    const tokens = tokenize('SELECT Id\n  FROM Contact\r\nWHERE');
    const from = tokens.find((t) => t.text === 'FROM');
    const where = tokens.find((t) => t.text === 'WHERE');
    expect(from?.pos).toEqual({ offset: 12, line: 2, column: 3 });
    expect(where?.pos).toEqual({ offset: 26, line: 3, column: 1 });
  });

  it('decodes string escapes and keeps the raw text for LIKE', () => {
    const [token] = tokenize(String.raw`'O\'Brien \\ line\nnext 50\%'`);
    expect(token).toMatchObject({ kind: 'string', value: "O'Brien \\ line\nnext 50%", raw: String.raw`O\'Brien \\ line\nnext 50\%` });
  });

  it('reads integers, decimals and negative numbers', () => {
    const values = tokenize('42 3.25 -7 -0.5').filter((t) => t.kind === 'number').map((t) => (t.kind === 'number' ? t.value : NaN));
    expect(values).toEqual([42, 3.25, -7, -0.5]);
  });

  it('reads date and datetime literals as single tokens with their instants', () => {
    const tokens = tokenize('2024-01-31 2024-01-31T10:00:00Z 2024-01-31T10:00:00+02:00 2024-01-31T10:00:00.250-05:30');
    expect(tokens.slice(0, 4).map((t) => [t.kind, 'epochMs' in t ? new Date(t.epochMs).toISOString() : '']))
      .toEqual([
        ['date', '2024-01-31T00:00:00.000Z'],
        ['datetime', '2024-01-31T10:00:00.000Z'],
        ['datetime', '2024-01-31T08:00:00.000Z'],
        ['datetime', '2024-01-31T15:30:00.250Z'],
      ]);
  });

  it('rejects an unterminated string at the opening quote', () => {
    const error = errorOf(() => tokenize("SELECT Id FROM Contact WHERE Name = 'abc"));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.position).toMatchObject({ line: 1, column: 37 });
    expect(error.message).toContain('ERROR at Row:1:Column:37');
  });

  it('rejects an illegal escape sequence, pointing at the backslash', () => {
    const error = errorOf(() => tokenize(String.raw`Name = 'a\qb'`));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
    expect(error.detail).toContain(String.raw`Illegal character sequence '\q'`);
    expect(error.position?.column).toBe(10);
  });

  it('rejects impossible dates and datetimes without a zone', () => {
    expect(errorOf(() => tokenize('X = 2024-02-30')).detail).toBe("invalid date literal: '2024-02-30'");
    expect(errorOf(() => tokenize('X = 2024-02-03T10:00:00')).detail).toBe("invalid datetime literal: '2024-02-03T10:00:00'");
  });

  it('rejects characters SOQL has no use for, with their position', () => {
    const error = errorOf(() => tokenize('SELECT Id\nFROM Contact WHERE Name = "x"'));
    expect(error.detail).toBe(`unexpected token: '"'`);
    expect(error.position).toMatchObject({ line: 2, column: 27 });
  });
});
