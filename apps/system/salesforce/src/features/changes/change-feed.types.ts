import type { z } from 'zod';
import type { systemSalesforceContract } from '@strata/contracts-system-salesforce';

type ListChanges = (typeof systemSalesforceContract)['routes']['listChanges'];

/** The validated query of `GET /v1/changes`. */
export type ChangeFeedQuery = z.output<NonNullable<ListChanges['query']>>;

/** A page of the change feed as the contract defines it. */
export type ChangeFeedPage = z.output<ListChanges['responses'][200]>;

/**
 * The durable change feed: CDC events from Salesforce, persisted with their replay id
 * before anyone can read them, served by cursor with long polling.
 */
export interface ChangeFeed {
  read(query: ChangeFeedQuery): Promise<ChangeFeedPage>;
  /** Subscribes to CDC, resuming after the stored replay id. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For readiness: is the CDC subscription live? */
  isStreaming(): boolean;
}

/** One change as served, with its cursor. */
export type FeedChange = ChangeFeedPage['changes'][number];

/** One change as stored: the cursor is derived from its sequence number when read. */
export type ChangeRecord = Omit<FeedChange, 'cursor'>;
