import { STATUS_CODES } from 'node:http';

const REQUEST_LINE_START = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE) /;

/** Largest request head the proxy buffers while waiting for its end. */
export const MAX_SNIFF_BYTES = 64 * 1024;

/**
 * True when a chunk from the client starts a new HTTP/1.x request. HTTP/1.1 clients
 * (without pipelining) send the next request only after the previous response, so on
 * a keep-alive connection this marks a request boundary.
 */
export function looksLikeRequestStart(chunk: Buffer): boolean {
  return REQUEST_LINE_START.test(chunk.subarray(0, 8).toString('latin1'));
}

/** True once the buffered bytes hold the whole request head (ends with a blank line). */
export function hasEndOfHeaders(buffered: Buffer): boolean {
  return buffered.includes('\r\n\r\n');
}

/**
 * A complete HTTP/1.1 response in our problem+json error shape (RFC 9457), closing the
 * connection so the client never reuses a socket the proxy is done with.
 */
export function cannedProblemResponse(status: number): Buffer {
  const title = STATUS_CODES[status] ?? 'Injected Error';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail: 'injected by the fault proxy' });
  const head = [
    `HTTP/1.1 ${status} ${title}`,
    'content-type: application/problem+json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.from(head + body);
}
