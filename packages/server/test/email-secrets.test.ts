/**
 * The secrets of the email channel without a database: the AES-GCM secret box, reply tokens
 * (HMAC, verified in constant time) and the CP949 decoder checked against every UHC syllable.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeCp949 } from '../src/modules/email/cp949-decoder.ts';
import {
  plusTagsOf,
  replyAddressFor,
  replyTokenFor,
  verifyReplyToken,
} from '../src/modules/email/reply-token.ts';
import { requireSecretBox, secretBox, secretKeyOf } from '../src/platform/secret-box.ts';

describe('secret box', () => {
  const key = Buffer.alloc(32, 7);
  test('round-trips, with a fresh IV each time', () => {
    const box = secretBox(key);
    const a = box.encrypt('비밀번호 hunter2');
    const b = box.encrypt('비밀번호 hunter2');
    assert.notEqual(a, b);
    assert.equal(box.decrypt(a), '비밀번호 hunter2');
    assert.doesNotMatch(a, /hunter2/);
  });
  test('a tampered ciphertext or another key fails', () => {
    const sealed = secretBox(key).encrypt('secret');
    const parts = sealed.split(':');
    const data = Buffer.from(parts[3] as string, 'base64');
    data[0] = (data[0] as number) ^ 1;
    parts[3] = data.toString('base64');
    assert.throws(() => secretBox(key).decrypt(parts.join(':')));
    assert.throws(() => secretBox(Buffer.alloc(32, 8)).decrypt(sealed));
  });
  test('keys as hex or base64; none → a problem naming the variable', () => {
    assert.deepEqual(secretKeyOf({ SWITCHBOARD_SECRET_KEY: '07'.repeat(32) }), key);
    assert.deepEqual(secretKeyOf({ SWITCHBOARD_SECRET_KEY: key.toString('base64') }), key);
    assert.equal(secretKeyOf({ SWITCHBOARD_SECRET_KEY: undefined }), null);
    assert.throws(
      () => requireSecretBox({ SWITCHBOARD_SECRET_KEY: undefined }, '/imap/password'),
      (e: Error & { code?: string }) =>
        e.code === 'VALIDATION_FAILED' && /SWITCHBOARD_SECRET_KEY/.test(e.message),
    );
  });
});

describe('reply tokens', () => {
  const key = Buffer.alloc(32, 1);
  const ticketId = '0193a1c4-5b6e-7c8d-9e0f-a1b2c3d4e5f6';
  test('a token names its ticket and nothing else verifies', () => {
    const token = replyTokenFor(key, ticketId);
    assert.match(token, /^[0-9a-f]{42}$/);
    assert.equal(verifyReplyToken(key, token), ticketId);
    assert.equal(verifyReplyToken(key, token.toUpperCase()), ticketId, 'servers that upper-case local parts');
    assert.equal(verifyReplyToken(Buffer.alloc(32, 2), token), null, 'another workspace key');
    const otherTicket = `${'0'.repeat(32)}${token.slice(32)}`;
    assert.equal(verifyReplyToken(key, otherTicket), null, 'a MAC moved to another ticket');
    assert.equal(verifyReplyToken(key, 'short'), null);
  });
  test('plus addresses', () => {
    const address = replyAddressFor('support@acme.test', 'abc');
    assert.equal(address, 'support+abc@acme.test');
    assert.deepEqual(plusTagsOf([address, 'plain@acme.test', ' x+y@z.test ']), ['abc', 'y']);
  });
});

describe('CP949 decoding', () => {
  test('UHC extension syllables and KS X 1001 text', () => {
    // 똠 = 8C 63, 힣 = C6 52 (the last UHC code), 방 = B9 E6, € = A2 E6.
    assert.equal(
      decodeCp949(Buffer.from([0x8c, 0x63, 0xb9, 0xe6, 0xc6, 0x52, 0x20, 0xa2, 0xe6])),
      '똠방힣 €',
    );
  });
  test('every Hangul syllable is reachable exactly once', () => {
    const seen = new Set<string>();
    const trails = [
      ...Array.from({ length: 26 }, (_, i) => 0x41 + i),
      ...Array.from({ length: 26 }, (_, i) => 0x61 + i),
      ...Array.from({ length: 126 }, (_, i) => 0x81 + i),
    ];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (const trail of trails) {
        const s = decodeCp949(Buffer.from([lead, trail]));
        if (s.length === 1 && s >= '\uac00' && s <= '\ud7a3') {
          assert.ok(!seen.has(s), `${s} twice`);
          seen.add(s);
        }
      }
    }
    assert.equal(seen.size, 11172);
  });
  test('invalid bytes become U+FFFD and keep a following ASCII byte', () => {
    assert.equal(decodeCp949(Buffer.from([0xc7, 0x41, 0x42])), '\ufffdAB');
    assert.equal(decodeCp949(Buffer.from([0xff, 0x42])), '\ufffdB');
    assert.equal(decodeCp949(Buffer.from([0x41, 0xb0])), 'A\ufffd', 'a lead byte at the end');
  });
});
