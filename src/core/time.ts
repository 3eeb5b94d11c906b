/** Epoch milliseconds; injected so tests decide what "now" is. */
export type Clock = () => number;

/** How far a request's timestamp may be from the server's clock, either way. */
export const TIMESTAMP_WINDOW_SECONDS = 3600;

/** A clock skew beyond this is worth telling the person about (and reading expiries through). */
export const SKEW_NOTICE_SECONDS = 300;

/** How long a token lives after its last use when the server does not say. */
export const SESSION_LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * `QB-Token-ExpirationDate`, seen as `2017-11-29 07:11:18 UTC`; ISO forms are accepted too.
 * Undefined when absent or unreadable.
 */
export function parseExpirationDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(UTC|GMT|Z)?$/i.exec(value.trim());
  if (match) {
    const [, y, mo, d, h, mi, s] = match.map(Number);
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

/** The `Date` header as a Date, if present and readable. */
export function parseHttpDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

/** `Retry-After` in whole seconds: either delta-seconds or an HTTP date measured from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Server clock minus local clock, in whole seconds, with the local time taken half way through
 * the exchange. Positive when the local clock is behind.
 */
export function clockSkewSeconds(serverDate: Date, sentAt: number, receivedAt: number): number {
  return Math.round((serverDate.getTime() - (sentAt + receivedAt) / 2) / 1000);
}

/**
 * A duration in words for the core's documents (the signature explanation and diagnosis):
 * "42 seconds", "60 minutes 1 second", "3 hours", "3 days". The one formatter the core has.
 */
export function durationWords(seconds: number): string {
  const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const whole = Math.round(Math.abs(seconds));
  if (whole < 60) return plural(whole, 'second');
  if (whole < 7200) {
    const rest = whole % 60;
    const minutes = plural(Math.floor(whole / 60), 'minute');
    return rest === 0 ? minutes : `${minutes} ${plural(rest, 'second')}`;
  }
  if (whole < 172_800) return plural(Math.round(whole / 3600), 'hour');
  return plural(Math.round(whole / 86_400), 'day');
}
