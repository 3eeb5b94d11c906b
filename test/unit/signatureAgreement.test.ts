import * as assert from 'node:assert/strict';
import { computeSignature, signatureBaseString, type HashAlgorithm, type SignableBody } from '../../src/core';
import { stringToSign, verifySignature } from '../sandbox/signature';

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NAME_CHARS = 'abcXYZ_-09.';
const VALUE_PIECES = ['a', 'Z', '0', ' ', '&', '=', '%20', '+', '[', ']', 'é', '日', '🚀', '"', '\\', '/', '?'];

function text(random: () => number, pieces: string | string[], max: number): string {
  const source = typeof pieces === 'string' ? [...pieces] : pieces;
  let out = '';
  const length = 1 + Math.floor(random() * max);
  for (let i = 0; i < length; i++) out += source[Math.floor(random() * source.length)];
  return out;
}

function body(random: () => number, depth = 0): SignableBody {
  const out: Record<string, SignableBody[string]> = {};
  const count = 1 + Math.floor(random() * (depth === 0 ? 20 : 4));
  for (let i = 0; i < count; i++) {
    const name = text(random, NAME_CHARS, 6);
    const pick = random();
    out[name] = depth < 2 && pick < 0.2 ? body(random, depth + 1) : pick < 0.3 ? Math.floor(random() * 1e9) : text(random, VALUE_PIECES, 12);
  }
  return out;
}

describe('the core and the sandbox agree on signatures', () => {
  it('on 1,000 random bodies: nested names, odd characters, both hashes', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const random = generator(seed);
      const params = body(random);
      const hash: HashAlgorithm = seed % 2 ? 'sha1' : 'sha256';
      const secret = text(random, VALUE_PIECES, 16);
      assert.equal(signatureBaseString(params), stringToSign(params as never), `string-to-sign differs for seed ${seed}`);
      const signature = computeSignature(params, secret, hash);
      assert.ok(verifySignature(params as never, signature, secret), `sandbox refused the signature for seed ${seed}`);
      assert.ok(!verifySignature(params as never, signature, `${secret}x`), `a wrong secret passed for seed ${seed}`);
    }
  });
});
