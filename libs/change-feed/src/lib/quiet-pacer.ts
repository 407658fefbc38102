/**
 * The pause after each round of polls (polls up to one that says the backend has
 * nothing more): `intervalMs` while rounds find changes made by others, doubling after
 * each round that finds none, up to `quietMs`. A busy backend is followed closely; an
 * idle one, or one that only echoes this API's own writes, is not read at full speed,
 * which matters when a round is a full snapshot of the backend.
 */
export class QuietPacer {
  private pauseMs: number;
  private foundInRound = false;

  constructor(
    private readonly intervalMs: number,
    private readonly quietMs: number,
  ) {
    this.pauseMs = intervalMs;
  }

  /** Notes what one poll of the current round wrote that others made. */
  saw(writtenByOthers: number): void {
    if (writtenByOthers > 0) this.foundInRound = true;
  }

  /** Ends the round; returns the pause before the next one. */
  roundEnded(): number {
    this.pauseMs = this.foundInRound ? this.intervalMs : Math.min(this.quietMs, this.pauseMs * 2);
    this.foundInRound = false;
    return this.pauseMs;
  }
}
