import { randomFillSync } from 'node:crypto';

/** Largest nonce: nonces are positive 31-bit integers. */
export const MAX_NONCE = 2 ** 31 - 1;

/** How long a timestamp's nonces are remembered: longer than the server's ±60-minute window. */
const REMEMBER_SECONDS = 2 * 60 * 60;

/**
 * Hands out cryptographically random nonces and never the same one twice for the same
 * timestamp within this process, which is what the server's replay check asks.
 */
export class NonceSource {
  private readonly used = new Map<number, Set<number>>();
  private newest = -Infinity;

  constructor(private readonly random: (min: number, max: number) => number = pooledRandomInt) {}

  /** A fresh nonce for `timestamp` (Unix seconds). */
  next(timestamp: number): number {
    const seen = this.seenFor(timestamp);
    for (;;) {
      const nonce = this.random(1, MAX_NONCE + 1);
      if (!seen.has(nonce)) {
        seen.add(nonce);
        return nonce;
      }
    }
  }

  /** Records a nonce chosen elsewhere; returns false when the pair was already used. */
  claim(timestamp: number, nonce: number): boolean {
    const seen = this.seenFor(timestamp);
    if (seen.has(nonce)) return false;
    seen.add(nonce);
    return true;
  }

  private seenFor(timestamp: number): Set<number> {
    let seen = this.used.get(timestamp);
    if (!seen) {
      seen = new Set();
      this.used.set(timestamp, seen);
      if (timestamp > this.newest) {
        this.newest = timestamp;
        this.forgetBefore(timestamp - REMEMBER_SECONDS);
      }
    }
    return seen;
  }

  private forgetBefore(oldest: number): void {
    for (const timestamp of this.used.keys()) {
      if (timestamp < oldest) this.used.delete(timestamp);
    }
  }
}

/** The process-wide source every request uses unless a test passes its own nonce. */
export const processNonces = new NonceSource();

/** Random 32-bit words from the system's secure source, drawn 256 at a time. */
const pool = new Uint32Array(256);
let pooled = 0;

/**
 * A cryptographically random integer from `min` up to, not including, `max` (a range of at most
 * 2^32), as `crypto.randomInt` gives, from words drawn ahead: one system call per 256 instead of
 * randomInt's own checks and cache on every call, which cost a request more than its nonce's worth.
 */
export function pooledRandomInt(min: number, max: number): number {
  const range = max - min;
  if (!Number.isSafeInteger(min) || !Number.isInteger(range) || range < 1 || range > 2 ** 32) {
    throw new RangeError(`No random integer from ${min} up to ${max}: the range must hold 1 to 2^32 whole numbers.`);
  }
  // The largest multiple of `range` words can reach: words at or above it are drawn again, so every value is equally likely.
  const limit = 2 ** 32 - (2 ** 32 % range);
  for (;;) {
    if (pooled === 0) {
      randomFillSync(pool);
      pooled = pool.length;
    }
    const word = pool[--pooled];
    if (word < limit) return min + (word % range);
  }
}
