import { generatePeople } from '@strata/demo-people';
import type { Logger } from '@strata/logging';
import type { PartyStore } from '../store/party.store';
import { seedCoreBanking } from './core-banking.seed';

/**
 * Loads the seeded people into an empty bank. A bank that already holds parties is
 * left alone, so a restart over the same data folder keeps everything written since.
 */
export async function seedBankIfEmpty(store: PartyStore, options: { people: number; seed: string; logger: Logger }): Promise<number> {
  if (options.people === 0 || (await store.count()) > 0) return 0;
  const { parties, variations } = seedCoreBanking(generatePeople(options.people, options.seed), options.seed);
  for (const party of parties) await store.create(party.body, party.partyId, party.modifiedAt);
  options.logger.info('seeded the bank', { parties: parties.length, variations: variations.length });
  return parties.length;
}
