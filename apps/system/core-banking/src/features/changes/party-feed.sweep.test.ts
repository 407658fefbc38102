/**
 * How far back each scan of the party feed reads: one second before the watermark
 * (same-second collisions) on ordinary scans, the whole overlap on a sweep at most every
 * `sweepEveryMs`, so a late commit carrying an older timestamp is still delivered while
 * the polls between sweeps no longer re-read the whole overlap. A fake bank answers
 * `modifiedSince` as the real one does (inclusive, oldest first) and records what it was asked.
 */
import type { FeedStore, PollContext } from '@strata/change-feed';
import type { CoreBankingClient } from '../../core-banking/core-banking.client';
import { tellerParty } from '../../__fixtures__/system-api.harness';
import { PartyFeedSource, type PartyFeedPosition } from './party-feed.source';

type BankRow = ReturnType<typeof tellerParty> & { partyId: string; modifiedAt: string; version: number; taxIdHash: null };

const row = (partyId: string, modifiedAt: string): BankRow => ({ ...tellerParty(`Name${partyId.slice(-1)}`), partyId, modifiedAt, version: 1, taxIdHash: null });

function fakeBank(rows: BankRow[]) {
  const asked: (string | undefined)[] = [];
  const bank = {
    listParties: async ({ modifiedSince }: { modifiedSince?: string }) => {
      asked.push(modifiedSince);
      const found = rows.filter((r) => modifiedSince === undefined || r.modifiedAt >= modifiedSince);
      return { parties: found.sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt) || a.partyId.localeCompare(b.partyId)), hasMore: false };
    },
  } as unknown as CoreBankingClient;
  return { bank, asked };
}

it('re-reads one second on ordinary scans and the whole overlap on a sweep, which finds a late commit', async () => {
  const rows = [row('P000000001', '20260301100000'), row('P000000002', '20260301100030')];
  const { bank, asked } = fakeBank(rows);
  let now = 1_000_000;
  const source = new PartyFeedSource({ bank, overlapSeconds: 10, sweepEveryMs: 2000, pageSize: 100, now: () => now });
  let position: PartyFeedPosition | null = null;
  const poll = async () => {
    const outcome = await source.poll({ position, store: {} as FeedStore } as PollContext<PartyFeedPosition>);
    position = outcome.position;
    return outcome.observations.map((o) => o.entityId);
  };

  expect(await poll()).toEqual(['P000000001', 'P000000002']); // the first scan reads everything
  expect(asked).toEqual([undefined]);

  // A commit that became visible late, stamped 5 s before the watermark (10:00:30).
  rows.push(row('P000000003', '20260301100025'));
  now += 500;
  expect(await poll()).toEqual(['P000000002']); // an ordinary scan: one second back, P3 not seen yet
  now += 1000;
  await poll();
  expect(asked.slice(1)).toEqual(['20260301100029', '20260301100029']);

  now += 600; // 2.1 s since the first scan: a sweep
  expect(await poll()).toEqual(['P000000003', 'P000000002']);
  expect(asked.at(-1)).toBe('20260301100020');

  now += 100; // and the next scan is an ordinary one again
  await poll();
  expect(asked.at(-1)).toBe('20260301100029');
});

it('sweeps on every scan with sweepEveryMs 0, as before sweeps existed', async () => {
  const { bank, asked } = fakeBank([row('P000000001', '20260301100000')]);
  const source = new PartyFeedSource({ bank, overlapSeconds: 10, sweepEveryMs: 0, pageSize: 100, now: () => 5 });
  let position: PartyFeedPosition | null = null;
  for (let i = 0; i < 3; i += 1) position = (await source.poll({ position, store: {} as FeedStore } as PollContext<PartyFeedPosition>)).position;
  expect(asked).toEqual([undefined, '20260301095950', '20260301095950']);
});
