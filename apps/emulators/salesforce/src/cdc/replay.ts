import type { ChangeEventLog } from './change-event.types';
import type { BayeuxRequest } from './cometd.messages';

/** `ext.replay` value asking for events committed after the subscription only (Salesforce's default). */
export const REPLAY_NEW_EVENTS = -1;
/** `ext.replay` value asking for every event still inside the retention window. */
export const REPLAY_ALL_RETAINED = -2;

/** Where a subscription starts: deliver events with `replayId > after`; or why it cannot. */
export type ReplayStart = { ok: true; after: number } | { ok: false; error: string };

/** Salesforce's wording, which subscribers match on to fall back to -1 or -2. */
export function invalidReplayIdError(replayId: unknown): string {
  return `400::The replayId ${String(replayId)} you provided was invalid or out of the retention window.`;
}

/**
 * The replay option a subscribe message carries for its channel:
 * `ext: { replay: { '/data/ContactChangeEvent': 123 } }`, as jsforce's Replay extension
 * writes it. Without one Salesforce streams new events only, and so does the emulator.
 */
export function requestedReplayId(message: BayeuxRequest, channel: string): unknown {
  const replay = message.ext?.['replay'];
  if (typeof replay !== 'object' || replay === null) return REPLAY_NEW_EVENTS;
  const value = (replay as Record<string, unknown>)[channel];
  return value === undefined || value === null ? REPLAY_NEW_EVENTS : value;
}

/**
 * Decides the cursor of a new subscription against the log's retention window.
 *
 * A replay id N resumes after N, so it is valid while every event after it is still
 * retained: from `oldest retained - 1` (or the latest id when nothing is retained) up
 * to the latest id. Anything else would silently skip purged events, so it is refused
 * with Salesforce's 400, which is the signal a subscriber needs to resync.
 */
export async function resolveReplayStart(log: ChangeEventLog, requested: unknown): Promise<ReplayStart> {
  const replayId = toInteger(requested);
  if (replayId === undefined) return { ok: false, error: invalidReplayIdError(requested) };
  const latest = await log.latestReplayId();
  if (replayId === REPLAY_NEW_EVENTS) return { ok: true, after: latest };
  const oldest = await log.oldestRetainedReplayId();
  const firstResumable = (oldest ?? latest + 1) - 1;
  if (replayId === REPLAY_ALL_RETAINED) return { ok: true, after: firstResumable };
  if (replayId < firstResumable || replayId > latest) return { ok: false, error: invalidReplayIdError(replayId) };
  return { ok: true, after: replayId };
}

/** Integers as numbers or digit strings (jsforce's `setReplay` parses strings); -1 and -2 included. */
function toInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) return undefined;
  return number >= REPLAY_ALL_RETAINED ? number : undefined;
}
