import { spawnSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  authParameters,
  computeSignature,
  createSession,
  explainSignature,
  maskWhole,
  maskWithPrefix,
  renderSignatureExplanation,
  signatureBaseString,
  type CheckId,
  type CheckStatus,
  type ExplanationHeading,
  type HashAlgorithm,
  type SessionAuth,
  type SignableBody,
  type SignatureExplanation,
  type SignatureInput,
} from '../../src/core';

const CHECK_IDS: CheckId[] = ['secret-as-key', 'secret-in-string', 'url-encoded', 'whitespace', 'hash', 'timestamp-ms', 'clock'];

// The worked example of quickblox-api.md (made-up secret).
const WORKED: SignatureInput = {
  applicationId: '76730',
  authKey: '7quWEh-k6TqghXe',
  authSecret: 's3cr3t',
  hash: 'sha1',
  auth: { type: 'login', login: 'Mike', password: '!mike123' },
  timestamp: 1567349756,
  nonce: 7334,
};
const WORKED_STRING = 'application_id=76730&auth_key=7quWEh-k6TqghXe&nonce=7334&timestamp=1567349756&user[login]=Mike&user[password]=!mike123';

const SECRET = 'Xq7-secret-Z9wPbL2mK';
const KEY = 'Kk4-authkey-Vr8TnQ3';
const PASSWORD = 'pw-Horse-Battery-42';
const FB_TOKEN = 'EAAG-facebook-token-7fG2kLmN0pQ';
const FB_SECRET = 'fb-token-secret-R5tY8u';
const FIREBASE_TOKEN = 'eyJhbGciOi.firebase-id-token.Zx9Wv';

const AUTHS: Record<SessionAuth['type'], SessionAuth> = {
  application: { type: 'application' },
  login: { type: 'login', login: 'mike', password: PASSWORD },
  email: { type: 'email', email: 'mike@example.com', password: PASSWORD },
  facebook: { type: 'facebook', token: FB_TOKEN, secret: FB_SECRET },
  firebase_phone: { type: 'firebase_phone', projectId: 'demo-project', accessToken: FIREBASE_TOKEN },
  custom: { type: 'custom', login: 'mike', password: PASSWORD },
};
const ALL_SECRETS = [SECRET, KEY, PASSWORD, FB_TOKEN, FB_SECRET, FIREBASE_TOKEN];

const HEADING: ExplanationHeading = {
  title: 'Explain signature',
  profileName: 'Demo',
  endpoint: 'https://api.quickblox.com',
  kindLabel: 'Login and password',
};

function input(changes: Partial<SignatureInput> = {}): SignatureInput {
  return {
    applicationId: '76730',
    authKey: KEY,
    authSecret: SECRET,
    hash: 'sha1',
    auth: AUTHS.login,
    timestamp: 1700000000,
    nonce: 424242,
    ...changes,
  };
}

/** The body the client builds for the same input, made with its own sign-in builder. */
function clientBody(from: SignatureInput): SignableBody {
  return {
    application_id: from.applicationId,
    auth_key: from.authKey,
    nonce: String(from.nonce),
    timestamp: String(from.timestamp),
    ...authParameters(from.auth),
  };
}

function check(explanation: SignatureExplanation, id: CheckId): { status: CheckStatus; detail: string } {
  const found = explanation.checks.find((item) => item.id === id);
  assert.ok(found, `no ${id} check`);
  return found;
}

function status(changes: Partial<SignatureInput>, id: CheckId): CheckStatus {
  return check(explainSignature(input(changes)), id).status;
}

function assertNoneOf(text: string, secrets: string[], where: string): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where} holds ${secret.slice(0, 3)}… in full`);
}

/** Puts the real values back where the explanation masked them. */
function unmasked(explanation: SignatureExplanation, real: SignableBody): string {
  const values = new Map(
    explanation.parameters.map((parameter) => {
      const [parent, child] = parameter.name.replace(/\]$/, '').split('[');
      const value = child === undefined ? real[parent] : (real[parent] as Record<string, string>)[child];
      return [parameter.name, String(value)];
    }),
  );
  return explanation.parameters.map((parameter) => `${parameter.name}=${values.get(parameter.name)}`).join('&');
}

describe('signature explanation', () => {
  describe('signing', () => {
    it('reproduces the worked example of quickblox-api.md', () => {
      const explanation = explainSignature(WORKED);
      assert.equal(explanation.signature, '88167327e38536e67e21687255d1767d2aca7d85');
      assert.equal(explanation.algorithm, 'HMAC-SHA1');
      assert.deepEqual(
        explanation.parameters.map((parameter) => parameter.name),
        ['application_id', 'auth_key', 'nonce', 'timestamp', 'user[login]', 'user[password]'],
      );
      const masked = WORKED_STRING.replace('7quWEh-k6TqghXe', maskWithPrefix('7quWEh-k6TqghXe')).replace('!mike123', maskWhole('!mike123'));
      assert.equal(explanation.stringToSign, masked);
      assert.equal(unmasked(explanation, clientBody(WORKED)), WORKED_STRING);
      assert.equal(explanation.otherSignature.algorithm, 'HMAC-SHA256');
      assert.equal(explanation.otherSignature.signature, createHmac('sha256', 's3cr3t').update(WORKED_STRING).digest('hex'));
    });

    for (const [kind, auth] of Object.entries(AUTHS)) {
      it(`signs a ${kind} request exactly as computeSignature does, with either hash`, () => {
        for (const hash of ['sha1', 'sha256'] as HashAlgorithm[]) {
          const from = input({ auth, hash });
          const explanation = explainSignature(from);
          const other: HashAlgorithm = hash === 'sha1' ? 'sha256' : 'sha1';
          assert.equal(explanation.signature, computeSignature(clientBody(from), SECRET, hash));
          assert.equal(explanation.otherSignature.signature, computeSignature(clientBody(from), SECRET, other));
          assert.notEqual(explanation.signature, computeSignature(clientBody(from), `${SECRET}x`, hash));
          assert.equal(unmasked(explanation, clientBody(from)), signatureBaseString(clientBody(from)));
        }
      });
    }

    it('leaves an empty Facebook token secret out, as the client does', () => {
      const from = input({ auth: { type: 'facebook', token: FB_TOKEN, secret: '' } });
      const explanation = explainSignature(from);
      assert.ok(!explanation.parameters.some((parameter) => parameter.name === 'keys[secret]'));
      assert.equal(explanation.signature, computeSignature(clientBody(from), SECRET));
    });

    it('masks secret parameters and keeps the rest as signed', () => {
      const explanation = explainSignature(input({ auth: AUTHS.facebook }));
      const byName = new Map(explanation.parameters.map((parameter) => [parameter.name, parameter]));
      assert.deepEqual(byName.get('auth_key'), { name: 'auth_key', value: maskWithPrefix(KEY), masked: true });
      assert.deepEqual(byName.get('keys[token]'), { name: 'keys[token]', value: maskWithPrefix(FB_TOKEN), masked: true });
      assert.deepEqual(byName.get('keys[secret]'), { name: 'keys[secret]', value: maskWhole(FB_SECRET), masked: true });
      assert.deepEqual(byName.get('provider'), { name: 'provider', value: 'facebook', masked: false });
      assert.deepEqual(byName.get('nonce'), { name: 'nonce', value: '424242', masked: false });
    });

    it('gives the signature createSession sends for the same timestamp and nonce', async () => {
      const bodies: Array<Record<string, unknown>> = [];
      const server = http.createServer((request, response) => {
        let text = '';
        request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        request.on('end', () => {
          bodies.push(JSON.parse(text) as Record<string, unknown>);
          response.writeHead(422, { 'Content-Type': 'application/json' });
          response.end('{"errors":{"base":["Unexpected signature"]}}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        let nonce = 9100;
        for (const auth of Object.values(AUTHS)) {
          for (const hash of ['sha1', 'sha256'] as HashAlgorithm[]) {
            nonce++;
            const timestamp = 1700000123;
            await createSession({
              endpoint: `http://127.0.0.1:${port}`,
              applicationId: '76730',
              authKey: KEY,
              authSecret: SECRET,
              auth,
              hash,
              nonce,
              now: () => timestamp * 1000 + 250,
            }).then(
              () => assert.fail('the test server refuses every signature'),
              () => undefined,
            );
            const sent = bodies[bodies.length - 1];
            const explained = explainSignature(input({ auth, hash, nonce, timestamp }));
            assert.equal(explained.signature, sent.signature, `${auth.type} with ${hash}`);
          }
        }
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });

  describe('checks', () => {
    it('always lists the seven checks in order, whatever the input', () => {
      const inputs = [
        input(),
        input({ authKey: SECRET, hash: 'sha256', timestamp: 1700000000000, clockSkewSeconds: 9000, failure: 'invalid_signature' }),
        input({ auth: AUTHS.firebase_phone, clockSkewSeconds: 0 }),
      ];
      for (const from of inputs) {
        assert.deepEqual(
          explainSignature(from).checks.map((item) => item.id),
          CHECK_IDS,
        );
      }
    });

    it('gives every check a title and a one-sentence detail', () => {
      for (const from of [
        input(),
        input({ authKey: ` ${SECRET}`, hash: 'sha256', timestamp: -1, clockSkewSeconds: -4000, auth: { type: 'email', email: 'a%40b.c', password: 'x%41' } }),
      ]) {
        for (const item of explainSignature(from).checks) {
          assert.ok(item.title.length > 0, item.id);
          assert.match(item.detail, /^[A-Z].*[.]$/, item.id);
          assert.ok(!/[.!?] [A-Z]/.test(item.detail), `${item.id} detail should be one sentence: ${item.detail}`);
        }
      }
    });

    describe('secret-as-key', () => {
      it('fails when the auth key is the auth secret, also after trimming', () => {
        assert.equal(status({ authKey: SECRET }, 'secret-as-key'), 'fail');
        assert.equal(status({ authKey: ` ${SECRET}\n` }, 'secret-as-key'), 'fail');
      });

      it('passes when they differ', () => {
        assert.equal(status({}, 'secret-as-key'), 'pass');
        assert.equal(status({ authKey: `${SECRET}x` }, 'secret-as-key'), 'pass');
      });

      it('points at the auth secret after an Unexpected signature', () => {
        for (const authKey of [SECRET, KEY]) {
          const { detail } = check(explainSignature(input({ authKey, failure: 'invalid_signature' })), 'secret-as-key');
          assert.match(detail, /application id and auth key before the signature/);
          assert.match(detail, /auth secret is the suspect/);
        }
      });

      it('points at the application id or auth key after Unauthorized to an application session', () => {
        for (const authKey of [SECRET, KEY]) {
          const { detail } = check(explainSignature(input({ authKey, failure: 'unauthorized', auth: { type: 'application' } })), 'secret-as-key');
          assert.match(detail, /rejected the application id or auth key, not the signature/);
          assert.match(detail, /swapped/);
        }
      });

      it('says neither without a failure or for an unrelated one', () => {
        for (const failure of [undefined, 'network' as const]) {
          const { status: result, detail } = check(explainSignature(input({ authKey: SECRET, failure })), 'secret-as-key');
          assert.equal(result, 'fail');
          assert.doesNotMatch(detail, /suspect|rejected/);
        }
      });
    });

    describe('secret-in-string', () => {
      it('fails when a signed value holds the auth secret, naming the value', () => {
        const explanation = explainSignature(input({ auth: { type: 'login', login: `mike${SECRET}`, password: PASSWORD } }));
        assert.equal(check(explanation, 'secret-in-string').status, 'fail');
        assert.match(check(explanation, 'secret-in-string').detail, /user\[login\]/);
      });

      it('fails when the auth key is the auth secret', () => {
        assert.equal(status({ authKey: SECRET }, 'secret-in-string'), 'fail');
      });

      it('fails on an auth_secret= or authSecret= pair', () => {
        assert.equal(status({ auth: { type: 'login', login: 'mike&auth_secret=abc', password: PASSWORD } }, 'secret-in-string'), 'fail');
        assert.equal(status({ auth: { type: 'email', email: 'a@b.c', password: 'authSecret=x' } }, 'secret-in-string'), 'fail');
      });

      it('passes when the secret is only the key, and ignores secrets shorter than 4 characters', () => {
        assert.equal(status({}, 'secret-in-string'), 'pass');
        assert.match(check(explainSignature(input()), 'secret-in-string').detail, /only the HMAC key/);
        assert.equal(status({ authSecret: 'ike', auth: { type: 'login', login: 'mike', password: PASSWORD } }, 'secret-in-string'), 'pass');
        assert.equal(status({ authSecret: 'mike', auth: { type: 'login', login: 'mike', password: PASSWORD } }, 'secret-in-string'), 'fail');
      });
    });

    describe('url-encoded', () => {
      it('warns on a percent-encoded email and shows the decoded form', () => {
        const auth: SessionAuth = { type: 'email', email: 'mike%40example.com', password: PASSWORD };
        const { status: result, detail } = check(explainSignature(input({ auth })), 'url-encoded');
        assert.equal(result, 'warn');
        assert.match(detail, /user\[email\]/);
        assert.ok(detail.includes('"mike@example.com"'), detail);
      });

      it('names a secret field without showing its value, encoded or decoded', () => {
        const password = 'pw%40Horse%5BBattery';
        const { status: result, detail } = check(explainSignature(input({ auth: { type: 'login', login: 'mike', password } })), 'url-encoded');
        assert.equal(result, 'warn');
        assert.match(detail, /user\[password\]/);
        assertNoneOf(detail, [password, decodeURIComponent(password), 'Horse'], 'the detail');
      });

      it('warns on an encoded auth key, Firebase project id or Facebook token', () => {
        assert.equal(status({ authKey: 'Kk4%2Bauthkey' }, 'url-encoded'), 'warn');
        assert.equal(status({ auth: { type: 'firebase_phone', projectId: 'demo%2Dproject', accessToken: FIREBASE_TOKEN } }, 'url-encoded'), 'warn');
        assert.equal(status({ auth: { type: 'facebook', token: `${FB_TOKEN}%3D` } }, 'url-encoded'), 'warn');
      });

      it('names the field when the escapes do not decode', () => {
        const { status: result, detail } = check(
          explainSignature(input({ auth: { type: 'login', login: 'mike%E0%A4%A', password: PASSWORD } })),
          'url-encoded',
        );
        assert.equal(result, 'warn');
        assert.match(detail, /user\[login\]/);
      });

      it('passes on raw values, even with a lone percent sign', () => {
        assert.equal(status({}, 'url-encoded'), 'pass');
        assert.equal(status({ auth: { type: 'login', login: 'mike', password: '100%-sure' } }, 'url-encoded'), 'pass');
        assert.match(check(explainSignature(input()), 'url-encoded').detail, /signed raw/);
      });
    });

    describe('whitespace', () => {
      it('fails on spaces around the auth secret and names it', () => {
        const { status: result, detail } = check(explainSignature(input({ authSecret: `${SECRET} ` })), 'whitespace');
        assert.equal(result, 'fail');
        assert.match(detail, /auth secret/);
        assert.doesNotMatch(detail, /user\[password\]|auth key/);
      });

      it('fails on a line break or tab inside a sign-in value, and on a tab before the auth key', () => {
        const { detail } = check(explainSignature(input({ auth: { type: 'login', login: 'mike', password: 'pw\nline' } })), 'whitespace');
        assert.match(detail, /user\[password\]/);
        assert.equal(status({ auth: { type: 'firebase_phone', projectId: 'demo\tproject', accessToken: FIREBASE_TOKEN } }, 'whitespace'), 'fail');
        assert.equal(status({ authKey: `\t${KEY}` }, 'whitespace'), 'fail');
        assert.match(check(explainSignature(input({ authKey: `\t${KEY}` })), 'whitespace').detail, /auth key/);
      });

      it('passes on clean values, including inner spaces the user chose', () => {
        assert.equal(status({}, 'whitespace'), 'pass');
        assert.equal(status({ auth: { type: 'login', login: 'mike', password: 'correct horse' } }, 'whitespace'), 'pass');
      });
    });

    describe('hash', () => {
      it('passes for SHA-1, the default', () => {
        const explanation = explainSignature(input());
        assert.equal(check(explanation, 'hash').status, 'pass');
        assert.match(check(explanation, 'hash').detail, /HMAC-SHA1/);
      });

      it('warns for SHA-256 and names the setting to switch', () => {
        const explanation = explainSignature(input({ hash: 'sha256' }));
        assert.equal(explanation.algorithm, 'HMAC-SHA256');
        assert.equal(explanation.otherSignature.algorithm, 'HMAC-SHA1');
        assert.equal(check(explanation, 'hash').status, 'warn');
        assert.match(check(explanation, 'hash').detail, /SHA-1/);
      });

      it('describes SHA-256 as the reference and the SDK do: documented SHA-1 only, SHA-256 a client setting, unconfirmed', () => {
        for (const failure of [undefined, 'invalid_signature'] as const) {
          const { detail } = check(explainSignature(input({ hash: 'sha256', failure })), 'hash');
          assert.match(detail, /REST reference documents only HMAC-SHA1/);
          assert.match(detail, /JavaScript SDK can sign with HMAC-SHA256 as a client setting/);
          assert.match(detail, /unconfirmed/);
          assert.doesNotMatch(detail, /set up for SHA-256/);
        }
      });

      it('mentions the comparison signature after an Unexpected signature', () => {
        for (const hash of ['sha1', 'sha256'] as HashAlgorithm[]) {
          assert.match(check(explainSignature(input({ hash, failure: 'invalid_signature' })), 'hash').detail, /for comparison/);
          assert.doesNotMatch(check(explainSignature(input({ hash })), 'hash').detail, /for comparison/);
        }
      });
    });

    describe('timestamp-ms', () => {
      it('fails on milliseconds', () => {
        const { status: result, detail } = check(explainSignature(input({ timestamp: 1700000000123 })), 'timestamp-ms');
        assert.equal(result, 'fail');
        assert.match(detail, /milliseconds/);
        assert.match(detail, /1700000000\b/);
      });

      it('fails on values that are not positive whole numbers', () => {
        for (const timestamp of [0, -5, 1700000000.5, Number.NaN, Number.POSITIVE_INFINITY]) {
          assert.equal(status({ timestamp }, 'timestamp-ms'), 'fail', String(timestamp));
        }
      });

      it('passes on Unix seconds and shows the date', () => {
        const { status: result, detail } = check(explainSignature(input({ timestamp: 1567349756 })), 'timestamp-ms');
        assert.equal(result, 'pass');
        assert.ok(detail.includes(new Date(1567349756 * 1000).toISOString().slice(0, 19)), detail);
      });
    });

    describe('clock', () => {
      it('is only information while the server clock is unknown', () => {
        assert.equal(status({}, 'clock'), 'info');
        assert.equal(status({ clockSkewSeconds: Number.NaN }, 'clock'), 'info');
      });

      it('fails beyond 60 minutes, saying which way and what to change', () => {
        const behind = check(explainSignature(input({ clockSkewSeconds: 4500 })), 'clock');
        assert.equal(behind.status, 'fail');
        assert.match(behind.detail, /75 minutes behind/);
        assert.match(behind.detail, /sign with the server's time/);
        assert.ok(!/quickblox\./.test(behind.detail), 'the core names no VS Code setting');
        const ahead = check(explainSignature(input({ clockSkewSeconds: -3601 })), 'clock');
        assert.equal(ahead.status, 'fail');
        assert.match(ahead.detail, /60 minutes 1 second ahead/);
      });

      it('warns beyond 5 minutes and passes within them', () => {
        assert.equal(status({ clockSkewSeconds: 3600 }, 'clock'), 'warn');
        assert.equal(status({ clockSkewSeconds: -301 }, 'clock'), 'warn');
        assert.equal(status({ clockSkewSeconds: 300 }, 'clock'), 'pass');
        assert.equal(status({ clockSkewSeconds: -12 }, 'clock'), 'pass');
        assert.equal(status({ clockSkewSeconds: 0 }, 'clock'), 'pass');
      });
    });
  });

  describe('verdict', () => {
    it('sends the person to the failed checks first', () => {
      assert.match(explainSignature(input({ authKey: SECRET, failure: 'invalid_signature' })).verdict, /^Fix what the 2 failed checks name/);
      assert.match(explainSignature(input({ timestamp: 1700000000000 })).verdict, /^Fix what the failed check names/);
    });

    it('with nothing malformed, blames the auth secret of an "Unexpected signature" and the key of an "Unauthorized"', () => {
      assert.match(explainSignature(input({ failure: 'invalid_signature' })).verdict, /auth secret itself is not this application's/);
      assert.match(explainSignature(input({ failure: 'unauthorized', auth: { type: 'application' } })).verdict, /application id or the auth key/);
    });

    it('after an "Unauthorized" to a user sign-in, names the user credentials too; after "Bad timestamp", the clock', () => {
      const user = explainSignature(input({ failure: 'unauthorized', auth: { type: 'login', login: 'mike', password: 'x-password' } }));
      assert.match(user.verdict, /either the user's credentials or the application id and auth key/);
      assert.match(check(user, 'secret-as-key').detail, /user's credentials/);
      assert.doesNotMatch(explainSignature(input({ failure: 'unauthorized', auth: { type: 'application' } })).verdict, /user's/);
      assert.match(explainSignature(input({ failure: 'bad_timestamp' })).verdict, /timestamp, not its signature/);
      assert.match(
        explainSignature(input({ failure: 'bad_timestamp', clockSkewSeconds: 7200 })).verdict,
        /^Fix what the failed check names/,
        'the clock check fails and says by how much',
      );
    });

    it('without a failure, says whether anything deserves a look, and the document leads with it', () => {
      assert.match(explainSignature(input()).verdict, /^Nothing looks wrong/);
      const warned = explainSignature(input({ hash: 'sha256' }));
      assert.match(warned.verdict, /warnings are worth a look/);
      const markdown = renderSignatureExplanation(warned, HEADING);
      assert.ok(markdown.indexOf('**Verdict:**') < markdown.indexOf('## Checks'), 'the verdict comes before the checks');
      assert.ok(markdown.indexOf('## Checks') < markdown.indexOf('## Parameters'), 'the checks come before the workings');
    });
  });

  describe('secrets', () => {
    const risky: Array<[string, Partial<SignatureInput>]> = [
      ...Object.entries(AUTHS).map(([kind, auth]): [string, Partial<SignatureInput>] => [kind, { auth }]),
      ['key and secret swapped', { authKey: SECRET, authSecret: KEY, failure: 'unauthorized' }],
      ['secret typed into the login', { auth: { type: 'login', login: `me-${SECRET}`, password: PASSWORD } }],
      ['password typed into the email', { auth: { type: 'email', email: `${PASSWORD}@example.com`, password: PASSWORD } }],
      ['encoded password and spaces', { authSecret: ` ${SECRET}\t`, auth: { type: 'login', login: 'mike', password: `${PASSWORD}%40` } }],
      ['token as the project id', { auth: { type: 'firebase_phone', projectId: FIREBASE_TOKEN, accessToken: FIREBASE_TOKEN } }],
    ];
    for (const [name, changes] of risky) {
      it(`keeps every secret out of the explanation and the document: ${name}`, () => {
        const explanation = explainSignature(input({ hash: 'sha256', clockSkewSeconds: 5000, failure: 'invalid_signature', ...changes }));
        assertNoneOf(JSON.stringify(explanation), ALL_SECRETS, 'the explanation');
        assertNoneOf(renderSignatureExplanation(explanation, HEADING), ALL_SECRETS, 'the document');
      });
    }
  });

  describe('raw input', () => {
    const bad: unknown[] = [
      {},
      { applicationId: '', authKey: '', authSecret: '', hash: 'sha1', auth: { type: 'application' }, timestamp: 0, nonce: 0 },
      { applicationId: ' 0076730 ', authKey: 42, authSecret: null, hash: 'md5', auth: { type: 'nope' }, timestamp: '1700000000', nonce: Number.NaN },
      { ...input(), auth: undefined },
      { ...input(), auth: { type: 'login' } },
      { ...input(), auth: { type: 'email', email: { nested: true }, password: ['a'] } },
      { ...input(), auth: { type: 'facebook', token: undefined, secret: 7 } },
      { ...input(), auth: { type: 'firebase_phone', projectId: '\u0000\u2028', accessToken: 'x'.repeat(20000) } },
      { ...input(), authKey: '`|``|\n', authSecret: '%zz\r\n', timestamp: Number.POSITIVE_INFINITY, clockSkewSeconds: Number.NEGATIVE_INFINITY },
    ];
    for (const [index, raw] of bad.entries()) {
      it(`never throws and still gives seven checks (case ${index + 1})`, () => {
        const explanation = explainSignature(raw as SignatureInput);
        assert.deepEqual(
          explanation.checks.map((item) => item.id),
          CHECK_IDS,
        );
        assert.match(explanation.signature, /^[0-9a-f]{40}$|^[0-9a-f]{64}$/);
        assert.equal(typeof renderSignatureExplanation(explanation, HEADING), 'string');
      });
    }

    it('signs the application id the way the client normalizes it', () => {
      const explanation = explainSignature(input({ applicationId: ' 0076730 ' }));
      assert.equal(explanation.parameters[0].value, '76730');
      assert.equal(explanation.signature, explainSignature(input({ applicationId: '76730' })).signature);
    });

    it('signs an unknown hash setting with SHA-1 and fails the hash check', () => {
      const explanation = explainSignature(input({ hash: 'md5' as HashAlgorithm }));
      assert.equal(explanation.algorithm, 'HMAC-SHA1');
      assert.equal(explanation.signature, computeSignature(clientBody(input()), SECRET, 'sha1'));
      assert.equal(check(explanation, 'hash').status, 'fail');
    });
  });

  describe('the document', () => {
    const heading: ExplanationHeading = { ...HEADING, note: 'Explains the request that failed at 12:03 with Unexpected signature' };

    it('has the heading, parameters, string-to-sign, signatures and checks', () => {
      const explanation = explainSignature(WORKED);
      const markdown = renderSignatureExplanation(explanation, heading);
      assert.match(markdown, /^# Explain signature\n/);
      for (const part of ['Demo', 'https://api.quickblox.com', 'Login and password', 'failed at 12:03 with Unexpected signature']) {
        assert.ok(markdown.includes(part), part);
      }
      assert.match(markdown, /\| Parameter \| Value \| Masking \|/);
      assert.match(markdown, /\| `user\[login\]` \| `Mike` \| shown as sent \|/);
      assert.ok(markdown.includes('```text\n' + explanation.stringToSign + '\n```'));
      assert.ok(markdown.includes(explanation.signature));
      assert.ok(markdown.includes(explanation.otherSignature.signature));
      assert.match(markdown, /auth secret, never sent/);
      assert.match(markdown, /HMAC-SHA1/);
    });

    it('marks each check with its status word', () => {
      const explanation = explainSignature(input({ authKey: SECRET, hash: 'sha256', clockSkewSeconds: undefined }));
      const markdown = renderSignatureExplanation(explanation, heading);
      const lines = markdown.split('\n').filter((line) => /^- (✓|✗|⚠|ℹ) /.test(line));
      assert.equal(lines.length, 7);
      const marker: Record<CheckStatus, string> = { pass: '✓ pass', fail: '✗ fail', warn: '⚠ warn', info: 'ℹ info' };
      explanation.checks.forEach((item, index) => assert.ok(lines[index].startsWith(`- ${marker[item.status]}`), lines[index]));
      assert.ok(lines.some((line) => line.startsWith('- ✗ fail')));
      assert.ok(lines.some((line) => line.startsWith('- ⚠ warn')));
      assert.ok(lines.some((line) => line.startsWith('- ℹ info')));
      assert.ok(lines.some((line) => line.startsWith('- ✓ pass')));
    });

    it('gives an openssl command with the right algorithm that reads the secret from stdin and reproduces the signature once unmasked', () => {
      for (const hash of ['sha1', 'sha256'] as HashAlgorithm[]) {
        const from = { ...WORKED, hash };
        const explanation = explainSignature(from);
        const markdown = renderSignatureExplanation(explanation, heading);
        const command = /^read -rs QB_AUTH_SECRET\nprintf '%s' '(.*)' \| openssl dgst -(sha1|sha256) -hmac "\$QB_AUTH_SECRET"$/m.exec(markdown);
        assert.ok(command, markdown);
        assert.equal(command[2], hash);
        assert.equal(command[1], explanation.stringToSign);
        assert.ok(!markdown.includes('s3cr3t'), 'the secret is never part of the command');
        const real = unmasked(explanation, clientBody(from));
        // Run as a person would: the secret typed at the prompt (stdin), the masked values replaced by the real ones.
        const script = command[0].replace(`'${command[1]}'`, `'${real.replace(/'/g, "'\\''")}'`);
        const run = spawnSync('bash', ['-c', script], { input: 's3cr3t\n', encoding: 'utf8', timeout: 10_000 });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, new RegExp(`${explanation.signature}\\s*$`));
        assert.equal(createHmac(hash, 's3cr3t').update(real).digest('hex'), explanation.signature);
        assert.match(markdown, /masked value/);
      }
    });

    it('masks both signatures of a request that was signed only to be explained', () => {
      const explanation = explainSignature(WORKED);
      const markdown = renderSignatureExplanation(explanation, { ...heading, unsent: true });
      assert.ok(!markdown.includes(explanation.signature), 'the signature of an unsent request is not shown whole');
      assert.ok(!markdown.includes(explanation.otherSignature.signature));
      assert.ok(markdown.includes(explanation.signature.slice(0, 6)), 'its first characters are');
      assert.match(markdown, /never sent/);
      assert.ok(renderSignatureExplanation(explanation, heading).includes(explanation.signature), 'a sent request shows what was sent');
    });

    it('escapes | in table cells and keeps each row on one line', () => {
      const explanation = explainSignature(input({ auth: { type: 'login', login: 'a|b\nc', password: PASSWORD } }));
      const markdown = renderSignatureExplanation(explanation, heading);
      const row = markdown.split('\n').find((line) => line.startsWith('| `user[login]`'));
      assert.ok(row, markdown);
      assert.ok(row.includes('a\\|b\\nc'), row);
      assert.equal(row.split(/(?<!\\)\|/).length, 5, row);
    });

    it('quotes a string-to-sign with an apostrophe safely for the shell', () => {
      const explanation = explainSignature(input({ auth: { type: 'login', login: "o'brien", password: PASSWORD } }));
      const markdown = renderSignatureExplanation(explanation, heading);
      assert.ok(markdown.includes(`user[login]=o'\\''brien`), markdown);
    });

    it('gives no shell command for a string-to-sign with a line break, and says why', () => {
      const explanation = explainSignature(input({ auth: { type: 'login', login: 'mike\n', password: PASSWORD } }));
      const markdown = renderSignatureExplanation(explanation, heading);
      assert.doesNotMatch(markdown, /printf/);
      assert.match(markdown, /holds a line break or NUL character, which no one-line shell command can carry/);
    });
  });
});
