/**
 * The emulator's SOQL engine: pure functions, no I/O. The REST layer parses `q`,
 * executes it against the store through a `QuerySource`, pages the ordered result and
 * maps `SoqlError` to Salesforce's `[{ message, errorCode }]` body.
 */
export { parseSoql } from './soql.parser';
export type { ParseOptions } from './soql.parser';
export { executeSoql } from './soql.evaluator';
export type { ExecuteOptions, QueryResult, QuerySource } from './soql.evaluator';
export type { ResultRecord } from './soql.shaper';
export { SoqlError, isSoqlError } from './soql.errors';
export type { SoqlErrorCode } from './soql.errors';
export type * from './soql.ast';
