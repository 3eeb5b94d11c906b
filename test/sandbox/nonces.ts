/**
 * Replay protection: an (application_id, timestamp, nonce) triple is accepted once. Triples are
 * kept only while their timestamp is near the server clock (older ones could not pass the
 * timestamp window anyway), and the store has a hard size cap, so memory stays bounded.
 */
const RETENTION_SECONDS = 2 * 3600;
const MAX_ENTRIES = 100_000;

export class NonceStore {
  /** key -> the request's timestamp (seconds); a Map keeps insertion order for eviction. */
  private readonly seen = new Map<string, number>();
  private lastPrunedAt = -Infinity;

  /** Records the triple and returns true, or returns false when it was accepted before. */
  accept(applicationId: number, timestamp: number, nonce: number, nowSeconds: number): boolean {
    this.prune(nowSeconds);
    const key = `${applicationId}:${timestamp}:${nonce}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, timestamp);
    if (this.seen.size > MAX_ENTRIES) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Drops triples outside the retention window; a full pass runs at most once a minute. */
  prune(nowSeconds: number): void {
    if (Math.abs(nowSeconds - this.lastPrunedAt) < 60) return;
    this.lastPrunedAt = nowSeconds;
    for (const [key, timestamp] of this.seen) {
      if (Math.abs(nowSeconds - timestamp) > RETENTION_SECONDS) this.seen.delete(key);
    }
  }

  clear(): void {
    this.seen.clear();
    this.lastPrunedAt = -Infinity;
  }
}
