import { createHash } from 'node:crypto';
import type { StoredChangeEvent } from './change-event.types';
import type { BayeuxReply } from './cometd.messages';

/** The standard channel that carries the change events of every enabled entity. */
export const ALL_CHANGE_EVENTS_CHANNEL = '/data/ChangeEvents';

/** What a subscribable CDC channel selects: one entity, or all of them when `entityName` is undefined. */
export interface ChangeEventChannel {
  channel: string;
  entityName: string | undefined;
}

/** `/data/ContactChangeEvent` -> Contact; `/data/Invoice__ChangeEvent` -> Invoice__c (custom objects drop the `c`). */
const ENTITY_CHANNEL = /^\/data\/([A-Za-z][A-Za-z0-9_]*?)(__)?ChangeEvent$/;

/**
 * Reads a subscription channel the way Salesforce names CDC channels, so a typo in a
 * subscriber's channel fails at subscribe time (as it does against a real org)
 * instead of silently receiving nothing. Returns undefined for anything else.
 */
export function parseChangeEventChannel(channel: string): ChangeEventChannel | undefined {
  if (channel === ALL_CHANGE_EVENTS_CHANNEL) return { channel, entityName: undefined };
  const match = ENTITY_CHANNEL.exec(channel);
  if (!match?.[1]) return undefined;
  const entityName = match[2] ? `${match[1]}__c` : match[1];
  return { channel, entityName };
}

/**
 * A stable schema id per entity. Real orgs send an opaque id of the event's Avro
 * schema, which subscribers may cache by; the same entity must always give the same
 * id, even across emulator restarts, so it is derived from the name.
 */
export function schemaIdFor(entityName: string): string {
  return createHash('sha256').update(`ChangeEvent:${entityName}`).digest('base64url').slice(0, 22);
}

/** The Bayeux message that delivers one stored event on a subscription's channel. */
export function toEventMessage(channel: string, event: StoredChangeEvent): BayeuxReply {
  return {
    channel,
    data: { schema: schemaIdFor(event.entityName), payload: event.payload, event: { replayId: event.replayId } },
  };
}
