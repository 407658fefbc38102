import type { PolledChangeFeed } from '@strata/change-feed';
import type { CoreBankingCustomer, systemCoreBankingContract } from '@strata/contracts-system-core-banking';
import type { ContractHandlers } from '@strata/service-kit';
import type { PartyFeedPosition } from './party-feed.source';

type Handlers = ContractHandlers<typeof systemCoreBankingContract>;

/** The standard change feed and its status, served from the feed's database. */
export function changeHandlers(feed: PolledChangeFeed<PartyFeedPosition>): Pick<Handlers, 'listChanges' | 'getChangesStatus'> {
  return {
    listChanges: async ({ query }) => ({ status: 200, body: await feed.read<CoreBankingCustomer>(query) }),
    getChangesStatus: async () => ({ status: 200, body: await feed.status() }),
  };
}
