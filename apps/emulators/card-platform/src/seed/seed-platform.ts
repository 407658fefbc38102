import { generatePeople } from '@strata/demo-people';
import type { Logger } from '@strata/logging';
import type { CardholderStore } from '../store/cardholder.store';
import { seedCardPlatform } from './card-platform.seed';

export interface SeedSettings {
  people: number;
  seed: string;
  logger: Logger;
}

/**
 * Loads the seed into an empty platform only: a restart (even after `kill -9`) keeps
 * whatever tests and users changed.
 */
export async function seedPlatformIfEmpty(store: CardholderStore, settings: SeedSettings): Promise<number> {
  if (settings.people <= 0 || (await store.count()) > 0) return 0;
  return seedPlatform(store, settings);
}

/** Loads the seed unconditionally (after `/__admin/reset` emptied the table). */
export async function seedPlatform(store: CardholderStore, settings: SeedSettings): Promise<number> {
  if (settings.people <= 0) return 0;
  const { cardholders } = seedCardPlatform(generatePeople(settings.people, settings.seed), settings.seed);
  await store.insertMany(cardholders);
  settings.logger.info('seeded the card platform', { people: settings.people, cardholders: cardholders.length });
  return cardholders.length;
}
