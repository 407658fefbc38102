import type { SObjectRecord } from '../schema/schema.types';
import type { ComparisonOperator, Condition, FieldPath, Literal } from './soql.ast';
import { relativeDateRange } from './soql.dates';
import { SoqlError } from './soql.errors';
import type { ResolvedField } from './soql.resolver';
import { likePatternToRegExp } from './soql.strings';
import {
  categoryOf, compareKeys, isQuoted, Key, literalFits, multipicklistValues, soapTypeName, ValueCategory, valueKey,
} from './soql.values';

/** What compiling a WHERE clause needs from the query plan. */
export interface FilterContext {
  source: string;
  now: Date;
  resolve(path: FieldPath): ResolvedField;
  read(row: SObjectRecord, field: ResolvedField): unknown;
}

/** A compiled WHERE clause: all names, types and literals are settled before any row. */
export type RowPredicate = (row: SObjectRecord) => boolean;

/** The right-hand side of a comparison once bound to a field's type. */
type Operand = { kind: 'null' } | { kind: 'point'; key: Key } | { kind: 'range'; start: number; end: number };

/**
 * Compiles a condition tree into a predicate, raising INVALID_FIELD for unknown fields,
 * literals of the wrong type and operators a field type does not support. Logic is
 * two-valued as in SOQL: `!=` and `NOT IN` match rows whose value is null.
 */
export function compileCondition(condition: Condition, ctx: FilterContext): RowPredicate {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.operands.map((c) => compileCondition(c, ctx));
      return (row) => parts.every((part) => part(row));
    }
    case 'or': {
      const parts = condition.operands.map((c) => compileCondition(c, ctx));
      return (row) => parts.some((part) => part(row));
    }
    case 'not': {
      const inner = compileCondition(condition.operand, ctx);
      return (row) => !inner(row);
    }
    case 'compare':
      return condition.operator === 'LIKE'
        ? compileLike(condition.field, condition.value, ctx)
        : compileComparison(condition.field, condition.operator, condition.value, ctx);
    case 'in':
      return compileIn(condition.field, condition.values, condition.negated, ctx);
    case 'includes':
      return compileIncludes(condition.field, condition.values, condition.excludes, ctx);
  }
}

function compileComparison(path: FieldPath, op: Exclude<ComparisonOperator, 'LIKE'>, literal: Literal, ctx: FilterContext): RowPredicate {
  const field = ctx.resolve(path);
  const category = categoryOf(field.field.type);
  if (op !== '=' && op !== '!=' && (category === 'boolean' || category === 'multipicklist')) {
    invalidOperator(op, field, ctx);
  }
  const operand = toOperand(literal, field, category, ctx);
  return (row) => matches(op, valueKey(category, ctx.read(row, field)), operand);
}

function compileLike(path: FieldPath, literal: Literal, ctx: FilterContext): RowPredicate {
  const field = ctx.resolve(path);
  if (categoryOf(field.field.type) !== 'text') invalidOperator('LIKE', field, ctx);
  if (literal.kind !== 'string') return typeMismatch(field, literal, ctx);
  const pattern = likePatternToRegExp(literal.raw);
  return (row) => {
    const value = ctx.read(row, field);
    return value !== null && value !== undefined && value !== '' && pattern.test(String(value));
  };
}

function compileIn(path: FieldPath, literals: Literal[], negated: boolean, ctx: FilterContext): RowPredicate {
  const field = ctx.resolve(path);
  const category = categoryOf(field.field.type);
  const operands = literals.map((literal) => toOperand(literal, field, category, ctx));
  return (row) => {
    const value = valueKey(category, ctx.read(row, field));
    return operands.some((operand) => matches('=', value, operand)) !== negated;
  };
}

/** `INCLUDES ('a;b', 'c')` means "has both a and b, or has c"; EXCLUDES is its negation. */
function compileIncludes(path: FieldPath, literals: Literal[], excludes: boolean, ctx: FilterContext): RowPredicate {
  const field = ctx.resolve(path);
  if (field.field.type !== 'multipicklist') invalidOperator(excludes ? 'EXCLUDES' : 'INCLUDES', field, ctx);
  const groups = literals.map((literal) =>
    literal.kind === 'string' ? multipicklistValues(literal.value) : typeMismatch(field, literal, ctx),
  );
  return (row) => {
    const value = ctx.read(row, field);
    const selected = new Set(typeof value === 'string' ? multipicklistValues(value) : []);
    const hit = groups.some((group) => group.every((item) => selected.has(item)));
    return hit !== excludes;
  };
}

function toOperand(literal: Literal, field: ResolvedField, category: ValueCategory, ctx: FilterContext): Operand {
  if (!literalFits(category, literal)) return typeMismatch(field, literal, ctx);
  switch (literal.kind) {
    case 'null':
      return { kind: 'null' };
    case 'relativeDate':
      return { kind: 'range', ...relativeDateRange(literal.name, literal.n, ctx.now) };
    case 'date':
    case 'datetime':
      return { kind: 'point', key: literal.epochMs };
    case 'string': {
      const key = valueKey(category, literal.value);
      return key === null ? { kind: 'null' } : { kind: 'point', key };
    }
    case 'number':
    case 'boolean':
      return { kind: 'point', key: literal.value };
  }
}

function matches(op: Exclude<ComparisonOperator, 'LIKE'>, value: Key | null, operand: Operand): boolean {
  if (operand.kind === 'null') return op === '=' ? value === null : op === '!=' && value !== null;
  if (value === null) return op === '!=';
  if (operand.kind === 'range') {
    const v = Number(value);
    const inside = v >= operand.start && v < operand.end;
    if (op === '=' || op === '!=') return inside === (op === '=');
    if (op === '<') return v < operand.start;
    if (op === '<=') return v < operand.end;
    return op === '>' ? v >= operand.end : v >= operand.start;
  }
  const c = compareKeys(value, operand.key);
  if (op === '=') return c === 0;
  if (op === '!=') return c !== 0;
  if (op === '<') return c < 0;
  if (op === '<=') return c <= 0;
  return op === '>' ? c > 0 : c >= 0;
}

function typeMismatch(field: ResolvedField, literal: Literal, ctx: FilterContext): never {
  const quoted = isQuoted(categoryOf(field.field.type));
  const detail =
    `value of filter criterion for field '${field.path.text}' must be of type ${soapTypeName(field.field.type)} ` +
    `and should ${quoted ? '' : 'not '}be enclosed in quotes`;
  throw new SoqlError('INVALID_FIELD', detail, ctx.source, literal.pos);
}

function invalidOperator(op: string, field: ResolvedField, ctx: FilterContext): never {
  const detail = `invalid operator ${op} on field '${field.path.text}' of type ${field.field.type}`;
  throw new SoqlError('INVALID_FIELD', detail, ctx.source, field.path.pos);
}
