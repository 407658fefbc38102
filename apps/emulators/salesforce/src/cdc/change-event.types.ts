/**
 * Change Data Capture as the emulator records and streams it. Shapes follow what
 * Salesforce sends over CometD (see shared/design/SALESFORCE.md), so jsforce's
 * streaming subscriber receives exactly what it would from a real org.
 */

export type ChangeType = 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';

export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: ChangeType;
  /** `com/salesforce/api/rest/58.0;client=<name>` when the writer sent `Sforce-Call-Options: client=<name>`, else ''. */
  changeOrigin: string;
  transactionKey: string;
  sequenceNumber: number;
  /** Epoch milliseconds of the commit. */
  commitTimestamp: number;
  commitNumber: number;
  commitUser: string;
  changedFields: string[];
  diffFields: string[];
  nulledFields: string[];
}

/** The `payload` of an event: the header plus the changed fields' new values. */
export type ChangeEventPayload = { ChangeEventHeader: ChangeEventHeader } & Record<string, unknown>;

/** One event in the durable log; `replayId` increases by commit order and is never reused. */
export interface StoredChangeEvent {
  replayId: number;
  entityName: string;
  payload: ChangeEventPayload;
  /** When it was appended; events older than the retention window are no longer replayable. */
  createdAt: Date;
}

/**
 * The durable change-event log the CometD endpoint streams from. Implemented over
 * PGlite by the record store; an in-memory version serves the CometD tests.
 */
export interface ChangeEventLog {
  /** Events with `replayId > after`, oldest first, at most `limit`. */
  readAfter(after: number, limit: number): Promise<StoredChangeEvent[]>;
  /** The newest replay id, 0 when the log is empty. */
  latestReplayId(): Promise<number>;
  /** The oldest replay id still inside the retention window, or undefined when none is retained. */
  oldestRetainedReplayId(): Promise<number | undefined>;
  /** Called after each commit with the events it appended; returns an unsubscribe function. */
  onAppend(listener: (events: StoredChangeEvent[]) => void): () => void;
}
