/**
 * The sandbox's own clock: an injectable time source plus an offset, so tests can play a
 * server whose clock differs from the client's.
 */
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  /** Server time, epoch milliseconds. */
  nowMs(): number {
    return this.source() + this.offsetMs;
  }

  /** Server time, whole epoch seconds. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  get offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  setOffsetSeconds(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new TypeError('clock offset must be a finite number of seconds');
    this.offsetMs = Math.round(seconds * 1000);
  }
}

/** RFC 1123 date, as in the HTTP `Date` header. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** 'YYYY-MM-DDTHH:MM:SSZ', the form QuickBlox uses for created_at / updated_at. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 'YYYY-MM-DD HH:MM:SS UTC', the form of the QB-Token-ExpirationDate header. */
export function tokenExpirationText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
