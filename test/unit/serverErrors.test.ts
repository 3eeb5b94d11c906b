import * as assert from 'node:assert/strict';
import { errorMessagesOf, kindOfFailure, parseExpirationDate, parseRetryAfter } from '../../src/core';

describe('server answers', () => {
  it('flattens both error body shapes', () => {
    assert.deepEqual(errorMessagesOf({ errors: ['Unauthorized'] }), ['Unauthorized']);
    assert.deepEqual(errorMessagesOf({ errors: { base: ['Unexpected signature'] } }), ['Unexpected signature']);
    assert.deepEqual(errorMessagesOf({ errors: { login: ['is missing', 'is too short'], base: ['x'] } }), ['login is missing', 'login is too short', 'x']);
    assert.deepEqual(errorMessagesOf({ errors: 'Plain' }), ['Plain']);
    assert.equal(errorMessagesOf({ session: {} }), undefined);
    assert.equal(errorMessagesOf('<html>'), undefined);
  });

  it('classifies by body first, then status', () => {
    assert.equal(kindOfFailure(422, ['Bad timestamp']), 'bad_timestamp');
    assert.equal(kindOfFailure(401, ['bad TIMESTAMP', 'Unexpected signature']), 'bad_timestamp', 'before every other rule');
    assert.equal(kindOfFailure(500, ['Bad timestamp']), 'bad_timestamp');
    assert.equal(kindOfFailure(422, ['Unexpected signature']), 'invalid_signature');
    assert.equal(kindOfFailure(401, ['Unexpected signature']), 'invalid_signature');
    assert.equal(kindOfFailure(401, ['Required session does not exist']), 'session_missing');
    assert.equal(kindOfFailure(401, ['Unauthorized']), 'unauthorized');
    assert.equal(kindOfFailure(403, ['Forbidden. Need user.']), 'user_required', 'an application token used for a write');
    assert.equal(kindOfFailure(403, ['Forbidden']), 'unauthorized');
    assert.equal(kindOfFailure(422, ['login is missing']), 'validation');
    assert.equal(kindOfFailure(404, ['Not found']), 'validation');
    assert.equal(kindOfFailure(404, undefined), 'bad_response');
    assert.equal(kindOfFailure(429, undefined), 'rate_limited');
    assert.equal(kindOfFailure(500, undefined), 'server');
    assert.equal(kindOfFailure(503, ['Service Unavailable']), 'server');
  });

  it('reads QB-Token-ExpirationDate as UTC', () => {
    assert.equal(parseExpirationDate('2017-11-29 07:11:18 UTC')?.toISOString(), '2017-11-29T07:11:18.000Z');
    assert.equal(parseExpirationDate('2017-11-29T07:11:18Z')?.toISOString(), '2017-11-29T07:11:18.000Z');
    assert.equal(parseExpirationDate('2017-11-29 07:11:18')?.toISOString(), '2017-11-29T07:11:18.000Z');
    assert.equal(parseExpirationDate('soon'), undefined);
    assert.equal(parseExpirationDate(undefined), undefined);
  });

  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter(new Date(now + 30_000).toUTCString(), now), 30);
    assert.equal(parseRetryAfter(new Date(now - 30_000).toUTCString(), now), 0);
    assert.equal(parseRetryAfter('later', now), undefined);
  });
});
