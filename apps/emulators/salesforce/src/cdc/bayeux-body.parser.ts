import type { BayeuxRequest } from './cometd.messages';

/**
 * Turns a CometD POST body into Bayeux messages, whatever parsed it first.
 *
 * faye's Node transport posts `application/json` (an array, sometimes a single
 * object); its browser long-polling fallback posts `message=<json>` form-encoded. The
 * service app's global `express.json()` may already have parsed the JSON case, so
 * the body arrives either as a value or as the raw text the router read itself.
 * Returns undefined when the body is not a list of messages with a channel each.
 */
export function parseBayeuxBody(body: unknown, contentType: string | undefined): BayeuxRequest[] | undefined {
  const value = typeof body === 'string' ? decodeText(body, contentType) : unwrapForm(body);
  const messages = Array.isArray(value) ? value : value === undefined ? [] : [value];
  if (messages.length === 0) return undefined;
  return messages.every(isBayeuxRequest) ? messages : undefined;
}

function decodeText(text: string, contentType: string | undefined): unknown {
  const trimmed = text.trim();
  const formEncoded = contentType?.includes('application/x-www-form-urlencoded') || trimmed.startsWith('message=');
  const json = formEncoded ? new URLSearchParams(trimmed).get('message') : trimmed;
  if (json === null || json === '') return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** A `{ message: '<json>' }` left by a urlencoded parser mounted before the router. */
function unwrapForm(body: unknown): unknown {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? decodeText(message, 'application/json') : body;
}

function isBayeuxRequest(value: unknown): value is BayeuxRequest {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as { channel?: unknown }).channel === 'string';
}
