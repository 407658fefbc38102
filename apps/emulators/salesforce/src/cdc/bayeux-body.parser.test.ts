import { parseBayeuxBody } from './bayeux-body.parser';

const handshake = { channel: '/meta/handshake', id: '1' };

describe('reading a CometD POST body', () => {
  it.each([
    ['an array already parsed by express.json()', [handshake], undefined],
    ['a single message already parsed', handshake, undefined],
    ['raw JSON text', JSON.stringify([handshake]), 'application/json'],
    ['a message= form (faye long-polling fallback)', `message=${encodeURIComponent(JSON.stringify([handshake]))}`, 'application/x-www-form-urlencoded'],
    ['a form already parsed by a urlencoded parser', { message: JSON.stringify([handshake]) }, undefined],
  ])('accepts %s', (_case, body, contentType) => {
    expect(parseBayeuxBody(body, contentType)).toEqual([handshake]);
  });

  it.each([
    ['an empty body', undefined],
    ['an empty array', []],
    ['a message without a channel', [{ id: '1' }]],
    ['text that is not JSON', 'hello'],
    ['a form without message', 'foo=bar'],
  ])('refuses %s', (_case, body) => {
    expect(parseBayeuxBody(body, typeof body === 'string' ? 'text/plain' : undefined)).toBeUndefined();
  });
});
