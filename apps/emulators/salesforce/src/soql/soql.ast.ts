/**
 * The syntax tree `parseSoql` produces. It is schema-free (names are kept as written)
 * so a query can be parsed once and executed against any org; every node keeps its
 * source position so schema errors found later can still point at the right column.
 */

/** A place in the query text; line and column are 1-based like Salesforce's messages. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** `Name`, `Account.Name`, `Account.Owner.Email`: relationship names then a field. */
export interface FieldPath {
  kind: 'field';
  parts: string[];
  /** The path as written, for error messages (`Account.Nmae`). */
  text: string;
  pos: Position;
}

/** `COUNT()`: the query answers only a number (`totalSize`), never rows. */
export interface CountItem {
  kind: 'count';
  pos: Position;
}

/** One entry of the SELECT list. */
export type SelectItem = FieldPath | CountItem;

/** The relative date literals the emulator understands; each names a range of UTC days. */
export type RelativeDateName = 'TODAY' | 'YESTERDAY' | 'TOMORROW' | 'LAST_N_DAYS' | 'NEXT_N_DAYS';

/** A value in a filter, already decoded (escapes applied, dates turned into instants). */
export type Literal =
  /** `raw` is the text between the quotes, kept so LIKE can tell `\%` from `%`. */
  | { kind: 'string'; value: string; raw: string; pos: Position }
  | { kind: 'number'; value: number; pos: Position }
  | { kind: 'boolean'; value: boolean; pos: Position }
  | { kind: 'null'; pos: Position }
  /** A calendar day, as epoch milliseconds of its UTC midnight. */
  | { kind: 'date'; text: string; epochMs: number; pos: Position }
  /** An instant; the offset in the text is already applied. */
  | { kind: 'datetime'; text: string; epochMs: number; pos: Position }
  | { kind: 'relativeDate'; name: RelativeDateName; n: number; text: string; pos: Position };

/** `<>` is normalised to `!=` by the parser. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

/** A WHERE clause tree; AND and OR are n-ary so long chains stay flat. */
export type Condition =
  | { kind: 'and'; operands: Condition[]; pos: Position }
  | { kind: 'or'; operands: Condition[]; pos: Position }
  | { kind: 'not'; operand: Condition; pos: Position }
  | { kind: 'compare'; field: FieldPath; operator: ComparisonOperator; value: Literal; pos: Position }
  | { kind: 'in'; field: FieldPath; negated: boolean; values: Literal[]; pos: Position }
  /** INCLUDES / EXCLUDES on a multi-select picklist. */
  | { kind: 'includes'; field: FieldPath; excludes: boolean; values: Literal[]; pos: Position };

/** One ORDER BY key. */
export interface OrderItem {
  field: FieldPath;
  direction: 'ASC' | 'DESC';
  /** Already defaulted the Salesforce way: FIRST for ASC, LAST for DESC. */
  nulls: 'FIRST' | 'LAST';
}

/** One parsed SOQL query; `source` is the original text, for error banners. */
export interface SoqlQuery {
  source: string;
  select: SelectItem[];
  from: { name: string; pos: Position };
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
