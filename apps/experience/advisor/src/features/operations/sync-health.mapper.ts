import type { z } from 'zod';
import { SYNCED_SYSTEMS, type syncHealthSchema } from '@strata/contracts-process-customer-sync';
import type { SyncHealthView } from '@strata/contracts-experience-advisor';

type SyncHealth = z.infer<typeof syncHealthSchema>;

/**
 * customer-sync's status, one row per system as a dashboard shows it: the feed from
 * the system and the outbox to it side by side. Systems customer-sync neither reads
 * nor writes are left out. Healthy means no open breaker, no dead letter, no feed error.
 */
export function toSyncHealthView(health: SyncHealth): SyncHealthView {
  const systems = SYNCED_SYSTEMS.flatMap((system) => {
    const source = health.sources.find((s) => s.system === system);
    const target = health.targets.find((t) => t.system === system);
    if (!source && !target) return [];
    return [
      {
        system,
        feedLagSeconds: source?.lagSeconds ?? null,
        feedConsuming: source?.consuming ?? false,
        lastReadAt: source?.lastReadAt ?? null,
        outboxDepth: target?.outboxDepth ?? 0,
        oldestPendingSeconds: target?.oldestPendingSeconds ?? null,
        deadLetters: target?.deadLetters ?? 0,
        breaker: target?.breaker ?? 'closed',
        lastError: target?.lastError ?? source?.lastError ?? null,
      },
    ];
  });
  const healthy = systems.every((s) => s.breaker !== 'open' && s.deadLetters === 0) && health.sources.every((s) => s.lastError === null);
  return { healthy, systems, openReviews: health.openReviews };
}
