import { encodeCursor } from '@strata/contract-kit';
import { NotFoundError } from '@strata/errors';
import { runWithoutDeadline, type Logger } from '@strata/logging';
import type { Database } from '@strata/persistence';
import type { IntakePolicy } from '../intake/apply-record';
import { cursorValue } from '../features/customer-queries';
import { reconcile, type ReconciliationResult } from './reconcile';
import type { SystemSnapshot } from './system-snapshot';

interface RunRow {
  id: string;
  status: 'running' | 'completed' | 'failed';
  trigger: 'manual' | 'schedule';
  repair: boolean;
  started_at: Date;
  finished_at: Date | null;
  report: ReconciliationResult | null;
  error: string | null;
}

function toReport(row: RunRow) {
  return {
    id: String(row.id),
    status: row.status,
    trigger: row.trigger,
    repair: row.repair,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    goldenRecords: row.report?.goldenRecords ?? 0,
    systems: row.report?.systems ?? [],
    mismatches: row.report?.mismatches ?? [],
    error: row.error,
  };
}

/**
 * Reconciliation runs: started on demand (the API answers 202 with the running report)
 * or on a schedule, carried out in the background, and kept in the database so reports
 * survive restarts and can be compared over time.
 */
export class ReconciliationRuns {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly snapshots: SystemSnapshot[],
    private readonly policy: IntakePolicy,
    private readonly logger: Logger,
  ) {}

  async start(options: { repair: boolean; trigger: 'manual' | 'schedule' }) {
    const { rows } = await this.db.query<RunRow>('INSERT INTO reconciliations (trigger, repair) VALUES ($1, $2) RETURNING *', [options.trigger, options.repair]);
    const row = rows[0] as RunRow;
    // The run outlives the request that started it: it must not inherit that caller's deadline.
    const run = runWithoutDeadline(() => this.carryOut(row.id, options.repair)).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return toReport(row);
  }

  /** Resolves when every run started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  async get(id: string) {
    if (!/^\d+$/.test(id)) throw new NotFoundError(`No reconciliation ${id}`);
    const { rows } = await this.db.query<RunRow>('SELECT * FROM reconciliations WHERE id = $1', [id]);
    if (!rows[0]) throw new NotFoundError(`No reconciliation ${id}`);
    return toReport(rows[0]);
  }

  async list(query: { after?: string; limit: number }) {
    const before = Number(cursorValue(query.after, 'id') ?? Number.MAX_SAFE_INTEGER);
    const { rows } = await this.db.query<RunRow>('SELECT * FROM reconciliations WHERE id < $1 ORDER BY id DESC LIMIT $2', [before, query.limit + 1]);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toReport), nextCursor: rows.length > query.limit && last ? encodeCursor({ id: Number(last.id) }) : null };
  }

  private async carryOut(id: string, repair: boolean): Promise<void> {
    try {
      const result = await reconcile(this.db, this.snapshots, { repair, policy: this.policy });
      await this.db.query("UPDATE reconciliations SET status = 'completed', finished_at = now(), report = $2::jsonb WHERE id = $1", [id, JSON.stringify(result)]);
      this.logger.info('reconciliation completed', { id, repair, systems: result.systems });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.db.query("UPDATE reconciliations SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1", [id, message.slice(0, 500)]).catch(() => undefined);
      this.logger.error('reconciliation failed', { id, error });
    }
  }
}
