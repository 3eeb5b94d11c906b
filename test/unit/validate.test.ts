import * as assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { authParameters, isQuickBloxError, normalizeApplicationId, normalizeEndpoint, type QuickBloxError } from '../../src/core';
import { checkCredential, checkKey, MIN_KEY_LENGTH } from '../../src/core/validate';

function rejection(fn: () => unknown): QuickBloxError {
  try {
    fn();
  } catch (error) {
    assert.ok(isQuickBloxError(error), `expected a QuickBloxError, got ${String(error)}`);
    assert.equal(error.kind, 'invalid_input');
    return error;
  }
  assert.fail('expected invalid_input');
}

describe('input validation', () => {
  describe('endpoint', () => {
    it('accepts https origins and tolerates a trailing slash and surrounding spaces', () => {
      assert.equal(normalizeEndpoint('https://api.quickblox.com'), 'https://api.quickblox.com');
      assert.equal(normalizeEndpoint('https://api.quickblox.com/'), 'https://api.quickblox.com');
      assert.equal(normalizeEndpoint('  https://API.example.com:8443/ '), 'https://api.example.com:8443');
      assert.equal(normalizeEndpoint('https://api.quickblox.com/\n'), 'https://api.quickblox.com', 'a pasted line break at the end is dropped');
    });

    it('accepts plain http only for loopback hosts', () => {
      assert.equal(normalizeEndpoint('http://127.0.0.1:3090'), 'http://127.0.0.1:3090');
      assert.equal(normalizeEndpoint('http://localhost:3090/'), 'http://localhost:3090');
      assert.equal(normalizeEndpoint('http://[::1]:3090'), 'http://[::1]:3090');
      assert.match(rejection(() => normalizeEndpoint('http://api.quickblox.com')).message, /https:\/\/.*localhost/);
      assert.match(rejection(() => normalizeEndpoint('http://127.0.0.1.example.com')).message, /https/);
    });

    const refused: Array<[string, RegExp]> = [
      ['', /Enter the API endpoint/],
      ['   ', /Enter the API endpoint/],
      ['api.quickblox.com', /absolute URL/],
      ['ftp://api.quickblox.com', /https/],
      ['javascript:alert(1)', /https/],
      ['file:///etc/passwd', /https/],
      ['https://user:pw@api.quickblox.com', /user name or password/],
      ['https://api.quickblox.com/session.json', /path "\/session.json"/],
      ['https://api.quickblox.com/..', /path/],
      ['https://api.quickblox.com//', /path/],
      ['https://api.quickblox.com?x=1', /query/],
      ['https://api.quickblox.com#top', /fragment/],
      ['https://api.quick blox.com', /spaces/],
      ['https://api.quick\nblox.com', /spaces|control/],
      ['https:\\\\api.quickblox.com', /backslash/],
      [`https://${'a'.repeat(3000)}.com`, /too long/],
    ];
    for (const [input, message] of refused) {
      it(`refuses ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)}`, () => {
        const error = rejection(() => normalizeEndpoint(input));
        assert.equal(error.field, 'endpoint');
        assert.match(error.message, message);
      });
    }
  });

  describe('application id', () => {
    it('accepts digits as text or number', () => {
      assert.equal(normalizeApplicationId('76730'), '76730');
      assert.equal(normalizeApplicationId(' 76730 '), '76730');
      assert.equal(normalizeApplicationId(76730), '76730');
    });
    for (const input of ['', ' ', 'abc', '12a', '-5', '1.5', '0', '1'.repeat(13), '７６７']) {
      it(`refuses ${JSON.stringify(input)}`, () => {
        assert.match(rejection(() => normalizeApplicationId(input)).message, /application id/);
      });
    }
  });

  describe('keys', () => {
    /** What checkKey gives for `raw`: the key, or the message it refuses with. */
    const outcome = (check: () => string): string => {
      try {
        return `ok ${check()}`;
      } catch (error) {
        return `refused ${
          rejection(() => {
            throw error;
          }).message
        }`;
      }
    };
    /** checkKey's answer, with its refusal of a short key written `short`. */
    const ofCheckKey = (raw: unknown): string => {
      const answer = outcome(() => checkKey('authKey', 'auth key', raw));
      return new RegExp(`shorter than ${MIN_KEY_LENGTH} characters`).test(answer) ? 'short' : answer;
    };
    /** The checks checkKey makes, one after the other: a credential, then long enough. */
    const stepByStep = (raw: unknown): string => {
      const answer = outcome(() => checkCredential('authKey', 'auth key', raw));
      return answer.startsWith('ok ') && answer.length - 'ok '.length < MIN_KEY_LENGTH ? 'short' : answer;
    };

    it('answers every key as its checks one after the other do (its one-search path for the usual key included)', () => {
      const alphabet = [
        'a',
        'Z',
        '0',
        '-',
        '_',
        '=',
        ' ',
        '\t',
        '\n',
        '\u00a0',
        '\u2028',
        '\u0085',
        '\ufeff',
        '\u3000',
        '\u200b',
        'é',
        '😀',
        '\u0000',
        '\u007f',
      ];
      const lengths = [0, 1, 7, 8, 9, 16, 40, 1023, 1024, 1025];
      let plain = 0;
      for (let i = 0; i < 3000; i++) {
        const length = i < lengths.length * 20 ? lengths[i % lengths.length] : randomInt(0, 30);
        const raw = Array.from({ length }, () => (randomInt(0, 4) === 0 ? alphabet[randomInt(0, alphabet.length)] : 'k')).join('');
        const answer = ofCheckKey(raw);
        assert.equal(answer, stepByStep(raw), JSON.stringify(raw.slice(0, 40)));
        if (answer.startsWith('ok')) plain++;
      }
      for (const raw of [undefined, null, 12345678, {}]) assert.equal(ofCheckKey(raw), stepByStep(raw));
      assert.ok(plain > 100, `some keys pass (${plain})`);
    });
  });

  describe('sign-in kinds', () => {
    it('builds the reference page parameters for each kind', () => {
      assert.deepEqual(authParameters({ type: 'application' }), {});
      assert.deepEqual(authParameters({ type: 'login', login: 'Mike', password: '!mike123' }), { user: { login: 'Mike', password: '!mike123' } });
      assert.deepEqual(authParameters({ type: 'custom', login: 'Mike', password: 'p' }), { user: { login: 'Mike', password: 'p' } });
      assert.deepEqual(authParameters({ type: 'email', email: 'm@example.com', password: 'p' }), { user: { email: 'm@example.com', password: 'p' } });
      assert.deepEqual(authParameters({ type: 'facebook', token: 'fb' }), { provider: 'facebook', keys: { token: 'fb' } });
      assert.deepEqual(authParameters({ type: 'facebook', token: 'fb', secret: 's' }), { provider: 'facebook', keys: { token: 'fb', secret: 's' } });
      assert.deepEqual(authParameters({ type: 'firebase_phone', projectId: 'p', accessToken: 'jwt' }), {
        provider: 'firebase_phone',
        firebase_phone: { project_id: 'p', access_token: 'jwt' },
      });
    });

    it('sends passwords exactly as typed', () => {
      assert.deepEqual(authParameters({ type: 'login', login: 'a', password: ' pass word ' }), { user: { login: 'a', password: ' pass word ' } });
    });

    const refused: Array<[unknown, string, RegExp]> = [
      [{ type: 'login', login: '  ', password: 'p' }, 'login', /Enter the login/],
      [{ type: 'login', login: 'a', password: '' }, 'password', /Enter the password/],
      [{ type: 'login', login: 'a\nb', password: 'p' }, 'login', /line breaks/],
      [{ type: 'email', email: 'not-an-email', password: 'p' }, 'email', /email address/],
      [{ type: 'facebook', token: '' }, 'token', /Facebook access token/],
      [{ type: 'firebase_phone', projectId: 'p', accessToken: ' ' }, 'accessToken', /Firebase ID token/],
      [{ type: 'custom', login: 'x'.repeat(10_000), password: 'p' }, 'login', /longer than/],
      [{ type: 'oauth' }, 'auth', /Unknown sign-in kind "oauth"/],
      [undefined, 'auth', /Choose a sign-in kind/],
    ];
    for (const [auth, field, message] of refused) {
      it(`refuses ${JSON.stringify(auth)?.slice(0, 60)}`, () => {
        const error = rejection(() => authParameters(auth));
        assert.equal(error.field, field);
        assert.match(error.message, message);
      });
    }

    it('never repeats a secret in its message', () => {
      const error = rejection(() => authParameters({ type: 'login', login: 'Mike', password: 'hunter2\u0000' }));
      assert.doesNotMatch(error.message, /hunter2/);
    });
  });
});
