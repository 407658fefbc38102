/**
 * The org's daily API request count, as reported in `Sforce-Limit-Info` and `/limits`.
 * Kept in memory: losing today's count on a crash is harmless for an emulator, while
 * writing it per request would cost a transaction per call.
 */
export class ApiUsage {
  private day = '';
  private used = 0;

  constructor(
    /** Read on each check so the admin switch can lower it mid-run. */
    private readonly dailyLimit: () => number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get limit(): number {
    return this.dailyLimit();
  }

  /** Counts one request; returns the count after it. */
  record(): number {
    this.rollOver();
    this.used += 1;
    return this.used;
  }

  get count(): number {
    this.rollOver();
    return this.used;
  }

  /** Whether the daily allowance is spent (REQUEST_LIMIT_EXCEEDED from now on). */
  exceeded(): boolean {
    return this.count > this.dailyLimit();
  }

  header(): string {
    return `api-usage=${this.count}/${this.dailyLimit()}`;
  }

  reset(): void {
    this.used = 0;
  }

  private rollOver(): void {
    const today = this.clock().toISOString().slice(0, 10);
    if (today !== this.day) {
      this.day = today;
      this.used = 0;
    }
  }
}
