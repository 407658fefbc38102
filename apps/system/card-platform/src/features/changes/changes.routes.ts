import type { Customer, systemCardPlatformContract } from '@strata/contracts-system-card-platform';
import type { PolledChangeFeed } from '@strata/change-feed';
import type { ContractHandlers } from '@strata/service-kit';
import type { SnapshotPosition } from './snapshot.source';

type Handlers = ContractHandlers<typeof systemCardPlatformContract>;

/** `GET /v1/changes` (long poll) and `GET /v1/changes/status`, served from the feed's store. */
export function changeHandlers(feed: PolledChangeFeed<SnapshotPosition>): Pick<Handlers, 'listChanges' | 'getChangesStatus'> {
  return {
    listChanges: async ({ query }) => ({ status: 200, body: await feed.read<Customer>(query) }),
    getChangesStatus: async () => ({ status: 200, body: await feed.status() }),
  };
}
