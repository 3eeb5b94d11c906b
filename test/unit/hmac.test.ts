import * as assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { HASH_ALGORITHMS, hmacHex } from '../../src/core';
import { hmacHexByObject } from '../../src/core/hmac';

/** Text of `length` characters drawn from ASCII, Latin-1, CJK and an astral emoji, so UTF-8 runs 1 to 4 bytes a character. */
function mixedText(length: number): string {
  const alphabet = ['a', 'Z', '0', '&', '=', '[', ']', 'é', 'ß', 'ж', '漢', '😀', ' ', '\u0000', '\u007f', '\u0080'];
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}

describe('hmacHex (RFC 2104 over one-shot hashes)', () => {
  for (const hash of HASH_ALGORITHMS) {
    it(`${hash}: the RFC 2202 / 4231 style cases agree with createHmac`, () => {
      const cases: Array<[string, string]> = [
        ['', ''],
        ['key', ''],
        ['', 'text'],
        ['s3cr3t', 'application_id=76730&auth_key=7quWEh-k6TqghXe&nonce=7334&timestamp=1567349756'],
        ['Jefe', 'what do ya want for nothing?'],
      ];
      for (const [key, text] of cases) assert.equal(hmacHex(text, key, hash), hmacHexByObject(text, key, hash), `key ${JSON.stringify(key)}`);
    });

    it(`${hash}: keys of every length around the 64-byte block, ASCII and multi-byte`, () => {
      for (let length = 0; length <= 140; length++) {
        const ascii = 'k'.repeat(length);
        assert.equal(hmacHex('user[login]=Mike', ascii, hash), hmacHexByObject('user[login]=Mike', ascii, hash), `ASCII key of ${length}`);
        const wide = mixedText(length);
        assert.equal(hmacHex('user[login]=Mike', wide, hash), hmacHexByObject('user[login]=Mike', wide, hash), `mixed key of ${length} characters`);
      }
    });

    it(`${hash}: 500 random keys and texts, including lone surrogates and long texts`, () => {
      for (let i = 0; i < 500; i++) {
        const key = i % 7 === 0 ? randomBytes(randomInt(1, 100)).toString('latin1') : mixedText(randomInt(0, 90));
        const text = i % 11 === 0 ? mixedText(randomInt(1000, 5000)) : mixedText(randomInt(0, 200)) + (i % 13 === 0 ? '\ud800' : '');
        assert.equal(hmacHex(text, key, hash), hmacHexByObject(text, key, hash), `case ${i}`);
      }
    });
  }

  it('refuses a hash it does not know, as before', () => {
    assert.throws(() => hmacHex('x', 'y', 'md5' as never), /Unsupported signature hash "md5"/);
  });

  it('leaves the shared buffer pool without the padded key', () => {
    const key = 'A'.repeat(40);
    hmacHex('probe', key, 'sha1');
    const pool = Buffer.allocUnsafe(1).buffer;
    const bytes = Buffer.from(pool);
    for (const pad of [0x36, 0x5c]) {
      const padded = Buffer.alloc(40, 0x41 ^ pad);
      assert.equal(bytes.indexOf(padded), -1, `the key XOR 0x${pad.toString(16)} is still in the pool`);
    }
  });
});
