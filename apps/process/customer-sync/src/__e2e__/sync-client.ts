import type { CanonicalCustomer, SyncedSystem } from '@strata/contracts-process-customer-sync';
import { eventually } from '@strata/testing';
import { testServiceHeader } from '@strata/service-auth/testing';

/** Test-only: what the e2e tests read from customer-sync's API. */
export interface ReconciliationReport {
  id: string;
  status: 'running' | 'completed' | 'failed';
  goldenRecords: number;
  systems: { system: SyncedSystem; records: number; linked: number; inSync: number; mismatched: number; missing: number; unlinked: number }[];
  mismatches: { customerKey: string; system: SyncedSystem; field: string; golden: unknown; actual: unknown }[];
  error: string | null;
}

export interface SyncHealth {
  sources: { system: SyncedSystem; lagSeconds: number | null; consuming: boolean; lastError: string | null }[];
  targets: { system: SyncedSystem; outboxDepth: number; delivered: number; deadLetters: number; breaker: string }[];
  openReviews: number;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Test-only: a thin client over customer-sync's HTTP API (the e2e tests see it as a consumer would). */
export function syncClient(baseUrl: () => string) {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${baseUrl()}${path}`, { headers: testServiceHeader('process-customer-sync') });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const client = {
    get,
    health: () => get<SyncHealth>('/v1/status'),
    customer: (key: string) => get<CanonicalCustomer>(`/v1/customers/${key}`),
    /** Every golden record, page by page. */
    async customers(): Promise<CanonicalCustomer[]> {
      const all: CanonicalCustomer[] = [];
      let after: string | null = null;
      do {
        const page: { items: CanonicalCustomer[]; nextCursor: string | null } = await get(`/v1/customers?limit=200${after ? `&after=${after}` : ''}`);
        all.push(...page.items);
        after = page.nextCursor;
      } while (after);
      return all;
    },
    /** Open reviews per system of the waiting record. */
    async openReviewsBySystem(): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      let after: string | null = null;
      do {
        const page: { items: { candidate: { system: string } }[]; nextCursor: string | null } = await get(`/v1/reviews?limit=200${after ? `&after=${after}` : ''}`);
        for (const review of page.items) counts[review.candidate.system] = (counts[review.candidate.system] ?? 0) + 1;
        after = page.nextCursor;
      } while (after);
      return counts;
    },
    /** Runs a reconciliation (no repair) and waits for its report. */
    async reconcile(): Promise<ReconciliationReport> {
      const res = await fetch(`${baseUrl()}/v1/reconciliations`, { method: 'POST', headers: { 'content-type': 'application/json', ...testServiceHeader('process-customer-sync') }, body: '{}' });
      if (res.status !== 202) throw new Error(`POST /v1/reconciliations answered ${res.status}`);
      const { id } = (await res.json()) as { id: string };
      for (;;) {
        const report = await get<ReconciliationReport>(`/v1/reconciliations/${id}`);
        if (report.status !== 'running') return report;
        await sleep(500);
      }
    },
    /** Polls `check` until it holds, once a second; fails with `what` and the last value seen. */
    until: <T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs: number): Promise<T> => eventually(what, read, check, timeoutMs, 1000),
  };
  return client;
}

/**
 * Whether a report shows a converged landscape: every linked record agrees with its
 * golden record, none is missing, and every record not linked is one waiting for review.
 */
export function isConverged(report: ReconciliationReport, openReviews: Record<string, number>): boolean {
  return report.status === 'completed' && report.systems.every((s) => s.mismatched === 0 && s.missing === 0 && s.unlinked === (openReviews[s.system] ?? 0));
}
