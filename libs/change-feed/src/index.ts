/**
 * @strata/change-feed: the standard `GET /v1/changes` feed for System APIs whose
 * backends cannot push (REST polling, SOAP snapshots, files). A source turns one poll
 * into observations; the store de-duplicates them against what it saw last, derives
 * created/updated/deleted and `changedFields`, and commits them with the source's new
 * position in one transaction. See README.md.
 */
export * from './lib/change-feed.types';
export { changedFields } from './lib/changed-fields';
export { ENTITY_STATE_TABLE } from './lib/change-feed.migrations';
export { markOf } from './lib/mark';
export { FeedStore, type CommitResult, type PollCommit, type QuarantineEntry, type SourceState, type StoredChange } from './lib/feed.store';
export { CommitSignal, cursorSeq, readChanges, type ReadOptions } from './lib/feed.reader';
export { PolledChangeFeed, type FeedSource, type FeedStatus, type PollContext, type PollOutcome, type PolledChangeFeedOptions } from './lib/polled-change-feed';
export { registerFeedMetrics, type FeedMetrics } from './lib/feed.metrics';
