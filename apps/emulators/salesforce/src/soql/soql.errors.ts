import type { Position } from './soql.ast';

/**
 * The error codes the SOQL engine raises. They are Salesforce's own `errorCode` values,
 * so the REST layer can put them into the `[{ message, errorCode }]` body unchanged and
 * jsforce callers branch on them exactly as they would against a real org.
 */
export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE';

/**
 * A query the org refuses. Kept apart from the Strata error family on purpose: these
 * errors belong to the emulated Salesforce surface and are answered as Salesforce error
 * arrays (HTTP 400), never as problem+json.
 *
 * `message` follows Salesforce's layout (the offending line, a caret, `ERROR at
 * Row:r:Column:c`, then the detail) so that logs read like a real org's; `detail` and
 * `position` give tests and callers the parts without string parsing.
 */
export class SoqlError extends Error {
  readonly errorCode: SoqlErrorCode;
  /** The human sentence without the position banner, e.g. `unexpected token: 'FORM'`. */
  readonly detail: string;
  /** Where in the query text the problem starts, when it is tied to a place. */
  readonly position?: Position;

  constructor(errorCode: SoqlErrorCode, detail: string, source?: string, position?: Position) {
    super(source !== undefined && position ? banner(source, position) + detail : detail);
    this.name = 'SoqlError';
    this.errorCode = errorCode;
    this.detail = detail;
    this.position = position;
  }
}

/** True for errors raised by this engine, as opposed to programmer errors around it. */
export function isSoqlError(error: unknown): error is SoqlError {
  return error instanceof SoqlError;
}

function banner(source: string, position: Position): string {
  const lineText = source.split(/\r\n|\r|\n/)[position.line - 1] ?? '';
  const caret = ' '.repeat(Math.max(0, position.column - 1)) + '^';
  return `\n${lineText}\n${caret}\nERROR at Row:${position.line}:Column:${position.column}\n`;
}
