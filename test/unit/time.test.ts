import * as assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { parseExpirationDate } from '../../src/core';
import { parseHttpDate } from '../../src/core/time';

/** What the readers answered before they read the usual forms by position: the reference they are held to. */
function byDateParse(value: string): number | undefined {
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function expirationText(date: Date): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}

describe('reading dates from headers', () => {
  it('reads 3,000 random IMF-fixdate Date headers as Date.parse does', () => {
    for (let i = 0; i < 3000; i++) {
      const date = new Date(randomInt(0, 2 ** 40) * 1000 - 2 ** 39 * 1000 * (i % 2));
      if (date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999) continue;
      const text = date.toUTCString();
      assert.equal(parseHttpDate(text)?.getTime(), byDateParse(text), text);
    }
  });

  it('reads every day from 1600 to 2400, leap days and century years included, as the same instant', () => {
    const day = 24 * 60 * 60 * 1000;
    for (let at = Date.UTC(1600, 0, 1, 23, 59, 58); at < Date.UTC(2401, 0, 1); at += day) {
      const date = new Date(at);
      assert.equal(parseExpirationDate(expirationText(date))?.getTime(), at, expirationText(date));
      assert.equal(parseHttpDate(date.toUTCString())?.getTime(), at, date.toUTCString());
    }
  });

  it('reads 3,000 random QB-Token-ExpirationDate values as the same instant', () => {
    for (let i = 0; i < 3000; i++) {
      const date = new Date(randomInt(0, 2 ** 40) * 1000);
      if (date.getUTCFullYear() > 9999) continue;
      assert.equal(parseExpirationDate(expirationText(date))?.getTime(), date.getTime(), expirationText(date));
    }
  });

  it('answers for near misses as it did before: Date.parse for the Date header, the pattern for the expiry', () => {
    const headers = [
      'Mon, 31 Nov 2026 21:42:19 GMT',
      'Mon, 30 Xyz 2026 21:42:19 GMT',
      'Mon, 30 Nov 2026 24:00:00 GMT',
      'Mon, 30 Nov 2026 21:42:60 GMT',
      'Mon, 3O Nov 2026 21:42:19 GMT',
      'Mon, 30 Nov 2026 21:42:19 UTC',
      'Monday, 30-Nov-26 21:42:19 GMT',
      'Mon Nov 30 21:42:19 2026',
      'Mon, 30 Nov 2026 21:42:19 GMT ',
      'Mon, 30 Nov -026 21:42:19 GMT',
      'Fri, 17 Nov 0034 13:20:28 GMT',
      'Mon, 29 Feb 2025 00:00:00 GMT',
      'Sat, 29 Feb 2028 00:00:00 GMT',
      'Mon, 29 Feb 2100 00:00:00 GMT',
      'Tue, 29 Feb 2000 00:00:00 GMT',
      'Thu, 31 Apr 2026 00:00:00 GMT',
      'Fri, 30 Apr 2026 00:00:00 GMT',
      '',
      'soon',
    ];
    for (const text of headers) assert.equal(parseHttpDate(text)?.getTime(), byDateParse(text), JSON.stringify(text));
    const expiries: Array<[string, string | undefined]> = [
      ['2017-11-29 07:11:18 UTC', '2017-11-29T07:11:18.000Z'],
      ['2028-02-29 23:59:59 UTC', '2028-02-29T23:59:59.000Z'],
      // Out of range: not read by position; the pattern reads it as it always has (Date.UTC rolls over).
      ['2017-11-31 07:11:18 UTC', '2017-12-01T07:11:18.000Z'],
      ['2017-11-29 07:11:18 GMT', '2017-11-29T07:11:18.000Z'],
      ['2017-11-29 7:11:18 UTC', '2017-11-29T07:11:18.000Z'],
      ['2017-11-29 07:11:18 utc', '2017-11-29T07:11:18.000Z'],
      ['2017-1a-29 07:11:18 UTC', undefined],
    ];
    for (const [text, iso] of expiries) assert.equal(parseExpirationDate(text)?.toISOString(), iso, text);
  });
});
