import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { generateSecret, signMessage } from './signature.ts';

describe('Standard Webhooks signing', () => {
  it('makes secrets of whsec_ and the base64 of 32 random bytes, never the same twice', () => {
    const secret = generateSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(secret.slice('whsec_'.length), 'base64').length, 32);
    assert.notEqual(generateSecret(), secret);
  });

  it('signs so that the reference library verifies the message, and only with its secret', () => {
    const secret = generateSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const body = '{"type":"webhook_test","timestamp":"2026-12-02T06:00:00.000Z","data":{}}';
    const headers = {
      'webhook-id': 'msg_42',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signMessage(secret, { id: 'msg_42', timestamp, body }),
    };
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
    assert.throws(() => new Webhook(generateSecret()).verify(body, headers));
    assert.throws(() => new Webhook(secret).verify(`${body} `, headers));
    assert.throws(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_43' }));
  });
});
