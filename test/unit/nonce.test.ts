import * as assert from 'node:assert/strict';
import { MAX_NONCE, NonceSource } from '../../src/core';
import { pooledRandomInt } from '../../src/core/nonce';

describe('nonces', () => {
  it('never repeats under a frozen clock: 100,000 nonces, one timestamp', () => {
    const source = new NonceSource();
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      const nonce = source.next(1_700_000_000);
      assert.ok(Number.isInteger(nonce) && nonce >= 1 && nonce <= MAX_NONCE, `nonce ${nonce} out of range`);
      seen.add(nonce);
    }
    assert.equal(seen.size, 100_000);
  });

  it('draws again when the random source repeats itself', () => {
    const draws = [5, 5, 5, 9];
    const source = new NonceSource(() => draws.shift() ?? 1);
    assert.equal(source.next(10), 5);
    assert.equal(source.next(10), 9);
    assert.equal(source.next(11), 1, 'another timestamp may reuse a nonce');
  });

  it('asks the random source for the positive 31-bit range', () => {
    const ranges: Array<[number, number]> = [];
    const source = new NonceSource((min, max) => {
      ranges.push([min, max]);
      return min;
    });
    source.next(1);
    assert.deepEqual(ranges, [[1, 2 ** 31]]);
    assert.equal(MAX_NONCE, 2147483647);
  });

  it('lets a nonce chosen elsewhere be claimed once', () => {
    const source = new NonceSource(() => 42);
    assert.equal(source.claim(100, 7), true);
    assert.equal(source.claim(100, 7), false);
    assert.equal(source.next(100), 42);
    assert.equal(source.claim(100, 42), false, 'a drawn nonce counts as used');
  });

  it('forgets timestamps far outside the server window, and only those', () => {
    const source = new NonceSource(() => 3);
    source.next(0);
    source.next(3 * 60 * 60); // three hours later: timestamp 0 is forgotten
    assert.equal(source.next(0), 3, 'a forgotten timestamp starts afresh');
    source.next(3 * 60 * 60 + 1);
    assert.equal(source.claim(3 * 60 * 60, 3), false, 'a recent timestamp is remembered');
  });

  it('draws its random integers within the range asked, each value about as often as the others', () => {
    for (let i = 0; i < 10_000; i++) {
      const nonce = pooledRandomInt(1, 2 ** 31);
      assert.ok(Number.isInteger(nonce) && nonce >= 1 && nonce <= MAX_NONCE, `nonce ${nonce} out of range`);
    }
    for (let i = 0; i < 100; i++) assert.equal(pooledRandomInt(7, 8), 7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[pooledRandomInt(5, 8) - 5]++;
    for (const count of counts) assert.ok(count > 9_000 && count < 11_000, `counts ${counts.join(', ')}`);
    const halves = [0, 0];
    for (let i = 0; i < 20_000; i++) halves[pooledRandomInt(0, 2 ** 32) < 2 ** 31 ? 0 : 1]++;
    assert.ok(halves[0] > 9_000 && halves[1] > 9_000, `halves ${halves.join(', ')}`);
    const unservable: Array<[number, number]> = [
      [5, 5],
      [5, 4],
      [0, 2 ** 32 + 1],
      [0.5, 3],
    ];
    for (const [min, max] of unservable) {
      assert.throws(() => pooledRandomInt(min, max), RangeError, `${min} to ${max}`);
    }
  });
});
