/**
 * Figures every benchmark reads the same way: a process's CPU time from /proc, and the
 * median over rounds (so one round disturbed by another process does not decide).
 */
import { existsSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) a process has used so far, from /proc; undefined where
 * there is no such process. With `withExitedChildren` the times of its reaped children
 * count too (a PostgreSQL postmaster holds those of its exited backends).
 */
export function processCpuSeconds(pid: number | undefined, withExitedChildren = false): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (!pid || !existsSync(stat)) return undefined;
  // After "pid (comm) ": state is field 0, utime 11, stime 12, cutime 13, cstime 14; in clock ticks of 10 ms.
  const fields = (readFileSync(stat, 'utf8').split(') ')[1]?.split(' ') ?? []).map(Number);
  const ticks = (fields[11] ?? 0) + (fields[12] ?? 0) + (withExitedChildren ? (fields[13] ?? 0) + (fields[14] ?? 0) : 0);
  return ticks / 100;
}

/** The median of the finite values; NaN when there is none. */
export const median = (values: number[]) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
