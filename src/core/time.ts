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
  const quick = expirationAsSent(value);
  if (quick !== undefined) return quick;
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
  const quick = imfFixdate(value);
  if (quick !== undefined) return quick;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

const ZERO = 0x30;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** The decimal number of `length` digits at `at`, or -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let number = 0;
  for (let i = at; i < at + length; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/**
 * A UTC date from its parts, when each is in range (Date.UTC would roll 31 November over to
 * December) and the year has four digits (Date.UTC reads 0 to 99 as 1900 to 1999); else undefined.
 */
function utcDate(year: number, month: number, day: number, hour: number, minute: number, second: number): Date | undefined {
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return new Date(((daysSinceEpoch(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000);
}

/**
 * Days from 1970-01-01 to a Gregorian date (year 1000 or later), by arithmetic: H. Hinnant's
 * days_from_civil, with years counted from March so that the leap day comes last. Date.UTC gives
 * the same, slower.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const fromMarch = month > 2 ? year : year - 1;
  const era = Math.floor(fromMarch / 400);
  const yearOfEra = fromMarch - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** 28 to 31: the Gregorian calendar's length of `month` (1 to 12) in `year`. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * `Mon, 30 Nov 2026 21:42:19 GMT`, the one form HTTP senders must use for `Date` (RFC 9110's
 * IMF-fixdate), read by position; undefined for any other text, which `Date.parse` then reads.
 */
function imfFixdate(value: string): Date | undefined {
  if (value.length !== 29 || value.charCodeAt(3) !== 0x2c || !value.endsWith(' GMT')) return undefined;
  const month = MONTHS.indexOf(value.slice(8, 11));
  if (month < 0 || month % 3 !== 0 || value[7] !== ' ' || value[11] !== ' ' || value[16] !== ' ' || value[19] !== ':' || value[22] !== ':') return undefined;
  return utcDate(digitsAt(value, 12, 4), month / 3 + 1, digitsAt(value, 5, 2), digitsAt(value, 17, 2), digitsAt(value, 20, 2), digitsAt(value, 23, 2));
}

/** `2017-11-29 07:11:18 UTC`, as QuickBlox sends `QB-Token-ExpirationDate`, read by position; undefined for other forms. */
function expirationAsSent(value: string): Date | undefined {
  if (value.length !== 23 || !value.endsWith(' UTC') || value[4] !== '-' || value[7] !== '-' || value[10] !== ' ' || value[13] !== ':' || value[16] !== ':') {
    return undefined;
  }
  return utcDate(digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2), digitsAt(value, 11, 2), digitsAt(value, 14, 2), digitsAt(value, 17, 2));
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
