import * as assert from 'node:assert/strict';
import { computeSignature, joinPairs, maskParameter, signatureBaseString, signaturePairs, type SignableBody } from '../../src/core';

// Known answers computed outside this code base with `openssl dgst -sha1|-sha256 -hmac <key>`.
const VECTOR_BODY = {
  application_id: '76730',
  auth_key: '7quWEh-k6TqghXe',
  nonce: '7334',
  timestamp: '1567349756',
  user: { login: 'Mike', password: '!mike123' },
};
const VECTOR_STRING = 'application_id=76730&auth_key=7quWEh-k6TqghXe&nonce=7334&timestamp=1567349756&user[login]=Mike&user[password]=!mike123';

describe('signature', () => {
  it('reproduces the worked vector of quickblox-api.md', () => {
    assert.equal(signatureBaseString(VECTOR_BODY), VECTOR_STRING);
    assert.equal(computeSignature(VECTOR_BODY, 's3cr3t'), '88167327e38536e67e21687255d1767d2aca7d85');
  });

  it('signs with HMAC-SHA256 when asked', () => {
    assert.equal(computeSignature(VECTOR_BODY, 's3cr3t', 'sha256'), '1dd16fb13409d3236cf2d1ebcd6e159da3f15f9c101435a69ec11f7f88d7e708');
  });

  it('gives the same text whatever order the body was written in', () => {
    const shuffled = {
      user: { password: '!mike123', login: 'Mike' },
      timestamp: '1567349756',
      nonce: '7334',
      auth_key: '7quWEh-k6TqghXe',
      application_id: '76730',
    };
    assert.equal(signatureBaseString(shuffled), VECTOR_STRING);
  });

  it('sorts by the whole name=value text, not by name alone', () => {
    // By name "a" < "a-b"; by text "a-b=2" < "a=1" because "-" (0x2D) sorts before "=" (0x3D).
    assert.equal(signatureBaseString({ a: '1', 'a-b': '2' }), 'a-b=2&a=1');
    assert.equal(signatureBaseString({ b: '1', a_b: '2', a: '3' }), 'a=3&a_b=2&b=1');
  });

  it('sorts in code-unit order, capitals before lower case', () => {
    assert.equal(signatureBaseString({ b: '1', B: '2', a: '3' }), 'B=2&a=3&b=1');
  });

  it('writes nested objects as parent[child], at any depth', () => {
    assert.equal(signatureBaseString({ a: { b: { c: 'x' } }, z: '1' }), 'a[b][c]=x&z=1');
    assert.equal(
      signatureBaseString({ provider: 'firebase_phone', firebase_phone: { project_id: 'p1', access_token: 'tok' } }),
      'firebase_phone[access_token]=tok&firebase_phone[project_id]=p1&provider=firebase_phone',
    );
  });

  it('keeps values raw: no URL-encoding of &, =, %, + or spaces', () => {
    const text = signatureBaseString({ user: { login: 'a b', password: 'x&y=z%20+' } });
    assert.equal(text, 'user[login]=a b&user[password]=x&y=z%20+');
  });

  it('hashes unicode as UTF-8 (SHA1 and SHA256)', () => {
    const body = { ...VECTOR_BODY, nonce: 12, user: { login: 'Zoë 日本 🚀', password: 'a&b=c%20+d' } };
    assert.equal(
      signatureBaseString(body),
      'application_id=76730&auth_key=7quWEh-k6TqghXe&nonce=12&timestamp=1567349756&user[login]=Zoë 日本 🚀&user[password]=a&b=c%20+d',
    );
    assert.equal(computeSignature(body, 'sëcret'), 'ea64e35b128c8bc9490842c451708786d70595fa');
    assert.equal(computeSignature(body, 'sëcret', 'sha256'), 'e7df9a448d5f5c49bcb303f22ac23c372b554e5b9f01e4158ce0c8144f36492d');
  });

  it('leaves out the signature itself and absent values', () => {
    assert.equal(
      signatureBaseString({ ...VECTOR_BODY, signature: 'abc', keys: { token: 't', secret: undefined }, x: null }),
      'application_id=76730&auth_key=7quWEh-k6TqghXe&keys[token]=t&nonce=7334&timestamp=1567349756&user[login]=Mike&user[password]=!mike123',
    );
  });

  it('writes numbers and booleans as their text', () => {
    assert.deepEqual(signaturePairs({ n: 7334, t: true, f: false }), [
      ['f', 'false'],
      ['n', '7334'],
      ['t', 'true'],
    ]);
  });

  it('refuses values a create-session body never has', () => {
    assert.throws(() => signatureBaseString({ list: ['a'] } as never), /list/);
    assert.throws(() => signatureBaseString({ n: Number.NaN }), /finite/);
    assert.throws(() => computeSignature(VECTOR_BODY, 's3cr3t', 'md5' as never), /sha1.*sha256/);
  });

  it('uses the auth secret as the key: another secret gives another signature', () => {
    assert.notEqual(computeSignature(VECTOR_BODY, 's3cr3t'), computeSignature(VECTOR_BODY, 's3cr3t '));
    assert.match(computeSignature(VECTOR_BODY, 'x'), /^[0-9a-f]{40}$/);
    assert.match(computeSignature(VECTOR_BODY, 'x', 'sha256'), /^[0-9a-f]{64}$/);
  });

  describe('one order for the pairs shown and the string signed', () => {
    /** The rule as written: every `name=value` text, sorted by code units, joined with `&`. */
    const byTheRule = (texts: string[]): string => [...texts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join('&');

    it('orders names that begin other names, names holding "=", and one name written twice, by the whole text', () => {
      const cases: Array<[SignableBody, string[]]> = [
        [{ a: '1', 'a-b': '2', 'a=': '3', 'a=b': '0', ab: '4' }, ['a=1', 'a-b=2', 'a==3', 'a=b=0', 'ab=4']],
        [{ 'a=b': '1', a: 'b=0' }, ['a=b=1', 'a=b=0']],
        [{ 'a=b': '1', a: 'b=2' }, ['a=b=1', 'a=b=2']],
        [{ 'user[login]': 'b', user: { login: 'a' } }, ['user[login]=b', 'user[login]=a']],
        [{ x: '', 'x=': '', y: '=' }, ['x=', 'x==', 'y==']],
      ];
      for (const [body, texts] of cases) {
        assert.equal(signatureBaseString(body), byTheRule(texts), JSON.stringify(body));
        assert.equal(joinPairs(signaturePairs(body)), signatureBaseString(body));
      }
    });

    it('agrees with the rule past the insertion-sort size, on many generated bodies', () => {
      let state = 7;
      const random = (): number => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
      const pieces = ['a', 'b', '=', '-', '[', ']', 'é', '_'];
      const text = (length: number): string => Array.from({ length }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      for (let round = 0; round < 300; round++) {
        const body: Record<string, SignableBody[string]> = {};
        const count = 1 + Math.floor(random() * 40);
        for (let i = 0; i < count; i++) body[text(1 + Math.floor(random() * 4))] = random() < 0.2 ? { [text(2)]: text(3) } : text(Math.floor(random() * 4));
        const texts = signaturePairs(body).map(([name, value]) => `${name}=${value}`);
        assert.equal(signatureBaseString(body), byTheRule(texts), JSON.stringify(body));
        assert.equal(joinPairs(signaturePairs(body)), signatureBaseString(body));
      }
    });

    it('shows values masked in the order of the real values', () => {
      const body = { ...VECTOR_BODY, keys: { token: 'c56f382b402fb482086db956064592d3', secret: 'zz-secret' } };
      const shown = signatureBaseString(body, maskParameter);
      assert.equal(
        shown,
        'application_id=76730&auth_key=7qu…&keys[secret]=••••••••&keys[token]=c56f38…&nonce=7334&timestamp=1567349756&user[login]=Mike&user[password]=••••••••',
      );
      assert.equal(shown, joinPairs(signaturePairs(body), maskParameter));
    });
  });
});
