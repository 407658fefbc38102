import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@strata/logging';
import type { OutboundWriter } from '../exchange/outbound.writer';
import type { LoanStore } from '../store/loan.store';
import { buildLoanSeed } from './loan.seed';

export interface SeedSettings {
  people: number;
  seed: string;
  logger: Logger;
}

/**
 * Loads the loan book into an empty mainframe and writes the first full extract, which
 * is where a System API starting from nothing begins reading. A mainframe that already
 * holds loans (a restart) is left alone.
 */
export async function seedMainframeIfEmpty(store: LoanStore, outbound: OutboundWriter, settings: SeedSettings): Promise<void> {
  if ((await store.count()) > 0) return;
  const { borrowers, variations } = buildLoanSeed(settings.people, settings.seed);
  await store.save(borrowers, { unsent: false });
  const file = await outbound.writeExtract();
  settings.logger.info('seeded the loan mainframe', { people: settings.people, loans: borrowers.length, variations: variations.length, extract: file });
}

/** Deletes every file (final or temporary) in the exchange folders, keeping the folders. */
export async function clearExchange(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    for (const name of await readdir(dir)) await rm(path.join(dir, name), { force: true, recursive: true });
  }
}
