/**
 * The core against answers the real QuickBlox gives (quickblox-api.md: its error table, the
 * session's drifted shape, `POST /login.json` with providers, `GET /account_settings.json`),
 * served by small loopback servers so that each test decides the answer exactly.
 */
import * as assert from 'node:assert/strict';
import {
  ACCOUNT_SETTINGS_BASE_URL,
  createSession,
  destroySession,
  ERROR_KINDS,
  getSession,
  isQuickBloxError,
  lookupAccountSettings,
  readSession,
  upgradeSession,
  type ErrorKind,
  type QuickBloxError,
  type SessionAuth,
  type UserSignIn,
} from '../../src/core';
import { startLoopbackServer, type Asked, type LoopbackServer, type Reply } from '../harness/loopbackServer';

const APP = { applicationId: '4242', authKey: 'real-Key-7qW3ePx', authSecret: 'real-Secret-K9r2mTz' };
const TOKEN = 'c56f38a1'.repeat(5);
/** A JWT-shaped token of several hundred characters, as QuickBlox has issued since about 2022. */
const JWT = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${'eyJzdWIiOjQyNDJ9'.repeat(40)}.${'Sf_lKxwRJSMeKKF2QT4fwpMeJf36POk6yJV-adQssw5c'.repeat(2)}`;
const UNAUTHORIZED: Reply = { status: 401, reason: 'Unauthorized', body: '{"errors":["Unauthorized"]}' };

async function failure(promise: Promise<unknown>, kind: ErrorKind): Promise<QuickBloxError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isQuickBloxError(error), `expected a QuickBloxError, got ${error instanceof Error ? error.stack : String(error)}`);
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
  return assert.fail(`expected a ${kind} error, the call succeeded`);
}

function assertNoneOf(value: unknown, secrets: string[]): void {
  const text = JSON.stringify(value);
  for (const secret of secrets) assert.ok(!text.includes(secret), `${secret.slice(0, 4)}… leaked into ${text.slice(0, 300)}`);
}

/** Runs `test` against a loopback server answering with `reply`, and closes it. */
async function withServer(reply: (asked: Asked) => Reply, test: (server: LoopbackServer) => Promise<void>): Promise<void> {
  const server = await startLoopbackServer(reply);
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

const created = (session: Record<string, unknown>): Reply => ({ status: 201, reason: 'Created', body: JSON.stringify({ session }) });

describe('the real QuickBlox, as the reference and its users report it', () => {
  describe('Bad timestamp', () => {
    it('is one of the error kinds', () => {
      assert.ok((ERROR_KINDS as readonly string[]).includes('bad_timestamp'));
    });

    it('carries the measured skew and says how far the clock is off', async () => {
      await withServer(
        () => ({ status: 422, reason: 'Unprocessable Entity', body: '{"errors":{"base":["Bad timestamp"]}}' }),
        async (server) => {
          const error = await failure(
            createSession({ ...APP, endpoint: server.url, auth: { type: 'application' }, now: () => Date.now() - 2 * 3600_000 }),
            'bad_timestamp',
          );
          assert.equal(error.status, 422);
          assert.deepEqual(error.messages, ['Bad timestamp']);
          assert.ok(Math.abs((error.clockSkewSeconds ?? 0) - 7200) <= 5, `skew ${error.clockSkewSeconds}`);
          assert.equal(
            error.message,
            "QuickBlox refused the request's timestamp (422 Unprocessable Entity: Bad timestamp): this computer's clock differs from the server's by 120 minutes (it is behind).",
          );
          const ahead = await failure(
            createSession({ ...APP, endpoint: server.url, auth: { type: 'application' }, now: () => Date.now() + 90 * 60_000 }),
            'bad_timestamp',
          );
          assert.match(ahead.message, /by 90 minutes \(it is ahead\)\.$/);
        },
      );
    });

    it('says the skew is unknown when the answer has no readable Date header', async () => {
      await withServer(
        () => ({ status: 422, reason: 'Unprocessable Entity', body: '{"errors":{"base":["Bad timestamp"]}}', headers: { date: 'not a date' } }),
        async (server) => {
          const error = await failure(createSession({ ...APP, endpoint: server.url, auth: { type: 'application' } }), 'bad_timestamp');
          assert.equal(error.clockSkewSeconds, undefined);
          assert.match(error.message, /^QuickBlox refused the request's timestamp \(422 Unprocessable Entity: Bad timestamp\): .*unknown/);
        },
      );
    });

    it('an "Unexpected signature" no longer blames the clock unless the clock is measured off', async () => {
      await withServer(
        () => ({ status: 422, reason: 'Unprocessable Entity', body: '{"errors":{"base":["Unexpected signature"]}}' }),
        async (server) => {
          const inStep = await failure(createSession({ ...APP, endpoint: server.url, auth: { type: 'application' } }), 'invalid_signature');
          assert.match(inStep.message, /auth secret is wrong/);
          assert.doesNotMatch(inStep.message, /clock/);
          const off = await failure(
            createSession({ ...APP, endpoint: server.url, auth: { type: 'application' }, now: () => Date.now() - 2 * 3600_000 }),
            'invalid_signature',
          );
          assert.match(off.message, /clock also differs from the server's by 120 minutes/);
          const sha256 = await failure(createSession({ ...APP, endpoint: server.url, auth: { type: 'application' }, hash: 'sha256' }), 'invalid_signature');
          assert.match(sha256.message, /HMAC-SHA256; QuickBlox's REST reference documents HMAC-SHA1 only/);
        },
      );
    });
  });

  describe('which credentials a 401 concerns', () => {
    const userKinds: Array<[string, SessionAuth]> = [
      ['login', { type: 'login', login: 'alice', password: 'alice-Pass-1' }],
      ['email', { type: 'email', email: 'alice@example.com', password: 'alice-Pass-1' }],
      ['facebook', { type: 'facebook', token: 'EAAB-facebook-token-0123456789' }],
      ['firebase_phone', { type: 'firebase_phone', projectId: 'demo-project', accessToken: 'firebase-id-token-0123456789' }],
      ['custom', { type: 'custom', login: 'alice', password: 'alice-Pass-1' }],
    ];

    it('a bare "Unauthorized" to an application session blames the application credentials', async () => {
      await withServer(
        () => UNAUTHORIZED,
        async (server) => {
          const error = await failure(createSession({ ...APP, endpoint: server.url, auth: { type: 'application' } }), 'unauthorized');
          assert.equal(error.userCredentialsSent, false);
          assert.equal(
            error.message,
            'QuickBlox did not accept the application credentials (401 Unauthorized: Unauthorized): check the application id and auth key.',
          );
        },
      );
    });

    for (const [name, auth] of userKinds) {
      it(`a bare "Unauthorized" to a user sign-in (${name}) names both, since QuickBlox answers both alike`, async () => {
        await withServer(
          () => UNAUTHORIZED,
          async (server) => {
            const error = await failure(createSession({ ...APP, endpoint: server.url, auth }), 'unauthorized');
            assert.equal(error.userCredentialsSent, true);
            assert.equal(error.status, 401);
            assert.match(error.message, /^QuickBlox refused either the user's credentials or the application's auth key \(401 Unauthorized: Unauthorized\)/);
            assert.doesNotMatch(error.message, /did not accept the application credentials/);
          },
        );
      });
    }

    it('POST /login.json: the same answer names both too; token calls carry no user credentials', async () => {
      await withServer(
        () => UNAUTHORIZED,
        async (server) => {
          const base = { endpoint: server.url, token: TOKEN };
          const signIn = await failure(upgradeSession({ ...base, user: { login: 'alice', password: 'not-the-password' } }), 'unauthorized');
          assert.equal(signIn.userCredentialsSent, true);
          assert.match(signIn.message, /either the user's credentials or the application's auth key/);
          assertNoneOf([signIn.message, signIn.request], ['not-the-password', TOKEN]);
          const retrieve = await failure(getSession(base), 'unauthorized');
          assert.equal(retrieve.userCredentialsSent, false);
          assert.doesNotMatch(retrieve.message, /user's credentials/);
        },
      );
    });

    it('a user 401 with another body names the user credentials alone', async () => {
      await withServer(
        () => ({ status: 401, reason: 'Unauthorized', body: '{"errors":{"base":["Unauthorized"]}}' }),
        async (server) => {
          const error = await failure(createSession({ ...APP, endpoint: server.url, auth: userKinds[0][1] }), 'unauthorized');
          assert.equal(error.userCredentialsSent, true);
          assert.match(error.message, /^QuickBlox did not accept the user's credentials/);
        },
      );
    });

    it('failures without an answer say so too; refused input sends nothing and says nothing', async () => {
      const gone = await startLoopbackServer(() => UNAUTHORIZED);
      await gone.close();
      const network = await failure(createSession({ ...APP, endpoint: gone.url, auth: userKinds[0][1] }), 'network');
      assert.equal(network.userCredentialsSent, true);
      assert.equal(network.code, 'ECONNREFUSED');
      const app = await failure(createSession({ ...APP, endpoint: gone.url, auth: { type: 'application' } }), 'network');
      assert.equal(app.userCredentialsSent, false);
      const refused = await failure(createSession({ ...APP, endpoint: gone.url, auth: { type: 'login', login: 'alice', password: '' } }), 'invalid_input');
      assert.equal(refused.userCredentialsSent, undefined);
    });
  });

  describe('tolerant sessions', () => {
    it('reads only the token as essential, JWTs of hundreds of characters included', () => {
      assert.ok(JWT.length > 700, `JWT of ${JWT.length} characters`);
      assert.deepEqual(readSession({ session: { token: JWT } }), { token: JWT, extra: {} });
    });

    it('reads documented fields when well typed, leaves odd ones out, keeps unknown ones as received', () => {
      const session = readSession({
        session: {
          token: JWT,
          id: '381',
          user_id: 0,
          application_id: 4242,
          nonce: -1876543210,
          ts: '1700000000',
          created_at: '2026-01-01T00:00:00Z',
          updated_at: 17,
          _id: 123456,
          device_id: 'web-abc',
          role: 'app',
          limits: { rps: 80 },
        },
      });
      assert.deepEqual(session, {
        token: JWT,
        id: 381,
        user_id: 0,
        application_id: 4242,
        nonce: -1876543210,
        ts: 1700000000,
        created_at: '2026-01-01T00:00:00Z',
        _id: '123456',
        device_id: 'web-abc',
        extra: { role: 'app', limits: { rps: 80 } },
      });
    });

    it('never refuses a session for odd or missing fields besides the token', () => {
      const odd = readSession({
        session: {
          token: TOKEN,
          id: 'abc',
          user_id: 1.5,
          application_id: null,
          nonce: '12345678901234567890',
          ts: true,
          created_at: 5,
          _id: { $oid: 'x' },
          device_id: [],
        },
      });
      assert.deepEqual(odd, { token: TOKEN, extra: {} });
      const mongo = readSession({ session: { token: TOKEN, _id: '65a1f0c2e4b0a1b2c3d4e5f6', device_id: 77 } });
      assert.ok(typeof mongo !== 'string');
      assert.equal(mongo._id, '65a1f0c2e4b0a1b2c3d4e5f6');
      assert.equal(mongo.device_id, 77);
    });

    it('refuses only a missing session object or an unusable token, never repeating the token', () => {
      assert.equal(readSession({}), 'the body has no "session" object');
      assert.equal(readSession(null), 'the body has no "session" object');
      assert.equal(readSession({ session: [] }), 'the body has no "session" object');
      assert.equal(readSession({ session: { id: 1 } }), 'the session has no token');
      assert.equal(readSession({ session: { token: 42 } }), 'the session token is not text');
      assert.equal(readSession({ session: { token: '' } }), 'the session token is empty');
      const evil = 'abc\r\nSet-Cookie: x=1';
      const problem = readSession({ session: { token: evil } });
      assert.equal(typeof problem, 'string');
      assert.ok(!String(problem).includes('Set-Cookie'));
      assert.match(String(readSession({ session: { token: 'a'.repeat(5000) } })), /5000 characters long/);
    });

    it('keeps a "__proto__" field as data', () => {
      const session = readSession(JSON.parse(`{"session":{"token":"${TOKEN}","__proto__":{"polluted":true}}}`));
      assert.ok(typeof session !== 'string');
      assert.equal(Object.getPrototypeOf(session.extra), Object.prototype);
      assert.deepEqual(Object.keys(session.extra), ['__proto__']);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });

    it('the client hands back a drifted session from create and retrieve', async () => {
      await withServer(
        (asked) =>
          asked.method === 'POST'
            ? created({ token: JWT, user_id: '0', device_id: 'd1', _id: 9 })
            : { status: 200, body: JSON.stringify({ session: { token: JWT } }) },
        async (server) => {
          const result = await createSession({ ...APP, endpoint: server.url, auth: { type: 'application' } });
          assert.deepEqual(result.session, { token: JWT, user_id: 0, device_id: 'd1', _id: '9', extra: {} });
          const fetched = await getSession({ endpoint: server.url, token: result.session.token });
          assert.deepEqual(fetched.session, { token: JWT, extra: {} });
          assert.equal(server.requests.at(-1)?.headers['qb-token'], JWT);
        },
      );
    });
  });

  describe('the account key and GET /account_settings.json', () => {
    const ACCOUNT_KEY = 'ack_Acct-Key-9f8e7d6c';

    it('defaults to https://api.quickblox.com', () => {
      assert.equal(ACCOUNT_SETTINGS_BASE_URL, 'https://api.quickblox.com');
    });

    it("asks with QB-Account-Key and reads the account's API and chat endpoints", async () => {
      await withServer(
        () => ({
          status: 200,
          reason: 'OK',
          body: JSON.stringify({ api_endpoint: 'https://api-acme.quickblox.com/', chat_endpoint: 'chat-acme.quickblox.com', account_id: 5 }),
        }),
        async (server) => {
          const result = await lookupAccountSettings({ accountKey: ACCOUNT_KEY, baseUrl: server.url, userAgent: 'test-agent/1' });
          assert.equal(result.apiEndpoint, 'https://api-acme.quickblox.com');
          assert.equal(result.chatEndpoint, 'chat-acme.quickblox.com');
          const asked = server.requests[0];
          assert.equal(asked.method, 'GET');
          assert.equal(asked.path, '/account_settings.json');
          assert.equal(asked.headers['qb-account-key'], ACCOUNT_KEY);
          assert.equal(asked.headers['qb-token'], undefined);
          assert.equal(asked.headers['user-agent'], 'test-agent/1');
          assert.equal(result.request.url, `${server.url}/account_settings.json`);
          assert.match(result.request.headers['QB-Account-Key'], /…$|^•+$/);
          assertNoneOf(result.request, [ACCOUNT_KEY]);
          assert.equal(result.response.status, 200);
          assert.ok(result.serverDate instanceof Date);
          assert.ok(Math.abs(result.clockSkewSeconds ?? 99) <= 2);
        },
      );
    });

    it('reads a bare host as https, and leaves out a chat endpoint that is not one', async () => {
      await withServer(
        () => ({ status: 200, body: JSON.stringify({ api_endpoint: 'apicustom.quickblox.com', chat_endpoint: 'two words' }) }),
        async (server) => {
          const result = await lookupAccountSettings({ accountKey: ACCOUNT_KEY, baseUrl: server.url });
          assert.equal(result.apiEndpoint, 'https://apicustom.quickblox.com');
          assert.equal(result.chatEndpoint, undefined);
          assert.ok(!('chatEndpoint' in result));
        },
      );
    });

    const unusable: Array<[string, unknown, RegExp]> = [
      ['missing', {}, /no "api_endpoint"/],
      ['empty', { api_endpoint: '' }, /no "api_endpoint"/],
      ['plain http to another host', { api_endpoint: 'http://api.example.com' }, /not an https address: "http:\/\/api\.example\.com"/],
      ['with a path', { api_endpoint: 'https://api.example.com/v2' }, /not an https address/],
      ['a number', { api_endpoint: 42 }, /not an https address: "42"/],
      ['not an object', ['https://api.example.com'], /no "api_endpoint"/],
    ];
    for (const [name, body, message] of unusable) {
      it(`an api_endpoint that is ${name}: bad_response`, async () => {
        await withServer(
          () => ({ status: 200, body: JSON.stringify(body) }),
          async (server) => {
            const error = await failure(lookupAccountSettings({ accountKey: ACCOUNT_KEY, baseUrl: server.url }), 'bad_response');
            assert.match(error.message, message);
            assert.equal(error.response?.status, 200);
            assertNoneOf(error, [ACCOUNT_KEY]);
          },
        );
      });
    }

    it('a refused account key: typed errors, the key masked even where the server echoes it', async () => {
      await withServer(
        () => UNAUTHORIZED,
        async (server) => {
          const refused = await failure(lookupAccountSettings({ accountKey: ACCOUNT_KEY, baseUrl: server.url }), 'unauthorized');
          assert.equal(refused.status, 401);
          assert.match(refused.message, /did not accept the account key/);
          assert.equal(refused.userCredentialsSent, false);
        },
      );
      await withServer(
        () => ({ status: 404, reason: 'Not Found', body: JSON.stringify({ errors: [`No account for key ${ACCOUNT_KEY}`] }) }),
        async (server) => {
          const missing = await failure(lookupAccountSettings({ accountKey: ACCOUNT_KEY, baseUrl: server.url }), 'validation');
          assertNoneOf([missing.message, missing.messages, missing.response], [ACCOUNT_KEY]);
        },
      );
    });

    it('checks its input before sending anything', async () => {
      await withServer(
        () => ({ status: 200, body: '{}' }),
        async (server) => {
          const cases: Array<[Record<string, unknown>, string]> = [
            [{ accountKey: '' }, 'accountKey'],
            [{ accountKey: ' padded ' }, 'accountKey'],
            [{ accountKey: ACCOUNT_KEY, baseUrl: 'ftp://example.com' }, 'baseUrl'],
            [{ accountKey: ACCOUNT_KEY, baseUrl: 'http://api.example.com' }, 'baseUrl'],
            [{ accountKey: ACCOUNT_KEY, baseUrl: server.url, timeoutMs: 0 }, 'timeoutMs'],
          ];
          for (const [request, field] of cases) {
            const error = await failure(lookupAccountSettings({ baseUrl: server.url, ...request } as never), 'invalid_input');
            assert.equal(error.field, field);
          }
          assert.equal(server.requests.length, 0);
        },
      );
    });

    it('is never sent with create-session or token calls, whatever a caller passes', async () => {
      await withServer(
        (asked) =>
          asked.method === 'POST'
            ? created({ token: TOKEN })
            : asked.method === 'GET'
              ? { status: 200, body: JSON.stringify({ session: { token: TOKEN } }) }
              : { status: 200, body: '' },
        async (server) => {
          const extra = { accountKey: ACCOUNT_KEY } as never;
          const result = await createSession({ ...APP, endpoint: server.url, auth: { type: 'application' }, ...(extra as object) });
          await getSession({ endpoint: server.url, token: TOKEN, ...(extra as object) });
          await destroySession({ endpoint: server.url, token: TOKEN, ...(extra as object) });
          assert.equal(server.requests.length, 3);
          for (const asked of server.requests) assert.equal(asked.headers['qb-account-key'], undefined, `${asked.method} ${asked.path}`);
          assert.equal(result.request.headers['QB-Account-Key'], undefined);
        },
      );
    });
  });

  describe('POST /login.json with every sign-in kind', () => {
    const FB_TOKEN = 'EAAB-fb-Token-0123456789abcdef';
    const FB_SECRET = 'fb-Secret-9876543210';
    const FIREBASE_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.firebase-id-Token-0123456789.sig';
    const signedIn = (): Reply => ({ status: 202, reason: 'Accepted', body: JSON.stringify({ user: { id: 77, login: 'fb-user' } }) });

    const kinds: Array<[string, UserSignIn, unknown, string[]]> = [
      ['login', { login: 'alice', password: 'alice-Pass-1' }, { login: 'alice', password: 'alice-Pass-1' }, ['alice-Pass-1']],
      ['email', { email: 'alice@example.com', password: 'alice-Pass-1' }, { email: 'alice@example.com', password: 'alice-Pass-1' }, ['alice-Pass-1']],
      ['Facebook', { provider: 'facebook', token: FB_TOKEN }, { provider: 'facebook', keys: { token: FB_TOKEN } }, [FB_TOKEN]],
      [
        'Facebook with a secret',
        { provider: 'facebook', token: FB_TOKEN, secret: FB_SECRET },
        { provider: 'facebook', keys: { token: FB_TOKEN, secret: FB_SECRET } },
        [FB_TOKEN, FB_SECRET],
      ],
      [
        'Firebase phone',
        { provider: 'firebase_phone', projectId: 'demo-project', accessToken: FIREBASE_TOKEN },
        { provider: 'firebase_phone', firebase_phone: { project_id: 'demo-project', access_token: FIREBASE_TOKEN } },
        [FIREBASE_TOKEN],
      ],
    ];
    for (const [name, user, sent, secrets] of kinds) {
      it(`${name}: sent as JSON the way create-session sends it, secrets masked in the record`, async () => {
        await withServer(signedIn, async (server) => {
          const result = await upgradeSession({ endpoint: server.url, token: TOKEN, user });
          assert.equal(result.userId, 77);
          const asked = server.requests[0];
          assert.equal(asked.method, 'POST');
          assert.equal(asked.path, '/login.json');
          assert.match(String(asked.headers['content-type']), /^application\/json/);
          assert.equal(asked.headers['qb-token'], TOKEN);
          assert.deepEqual(JSON.parse(asked.body), sent);
          assertNoneOf(result.request, [...secrets, TOKEN]);
          if (name === 'Firebase phone') {
            const body = result.request.body as { firebase_phone: { project_id: string; access_token: string } };
            assert.equal(body.firebase_phone.project_id, 'demo-project', 'the project id stays readable');
            assert.match(body.firebase_phone.access_token, /^eyJhbG…$/);
          }
          if (name === 'Facebook with a secret') {
            const body = result.request.body as { keys: { token: string; secret: string } };
            assert.match(body.keys.token, /^EAAB-f…$/);
            assert.equal(body.keys.secret, '••••••••');
          }
        });
      });
    }

    it('provider tokens echoed in a refusal are masked in the message, the messages and the body', async () => {
      await withServer(
        (asked) => ({
          status: 401,
          reason: 'Unauthorized',
          body: JSON.stringify({
            errors: { base: [`Token ${String(JSON.parse(asked.body).keys?.token ?? JSON.parse(asked.body).firebase_phone?.access_token)} is invalid`] },
          }),
        }),
        async (server) => {
          for (const [user, secret] of [
            [{ provider: 'facebook', token: FB_TOKEN, secret: FB_SECRET }, FB_TOKEN],
            [{ provider: 'firebase_phone', projectId: 'demo-project', accessToken: FIREBASE_TOKEN }, FIREBASE_TOKEN],
          ] as Array<[UserSignIn, string]>) {
            const error = await failure(upgradeSession({ endpoint: server.url, token: TOKEN, user }), 'unauthorized');
            assert.equal(error.userCredentialsSent, true);
            assertNoneOf([error.message, error.messages, error.response, error.request], [secret, FB_SECRET, TOKEN]);
            assert.match(error.messages[0], /^Token \S+… is invalid$/);
          }
        },
      );
    });

    it('checks the sign-in the way create-session checks it, before sending anything', async () => {
      await withServer(signedIn, async (server) => {
        const cases: Array<[unknown, string]> = [
          [{ provider: 'facebook', token: '' }, 'token'],
          [{ provider: 'facebook', token: 'a\nb' }, 'token'],
          [{ provider: 'facebook', token: FB_TOKEN, secret: 'x\u0000' }, 'secret'],
          [{ provider: 'firebase_phone', projectId: '', accessToken: FIREBASE_TOKEN }, 'projectId'],
          [{ provider: 'firebase_phone', projectId: 'p', accessToken: ' ' }, 'accessToken'],
          [{ provider: 'twitter', token: FB_TOKEN }, 'provider'],
          [{ provider: 7 }, 'provider'],
          [{ email: 'not-an-email', password: 'x' }, 'email'],
          [{ login: 'alice' }, 'password'],
          [undefined, 'password'],
        ];
        for (const [user, field] of cases) {
          const error = await failure(upgradeSession({ endpoint: server.url, token: TOKEN, user: user as UserSignIn }), 'invalid_input');
          assert.equal(error.field, field, JSON.stringify(user));
          assertNoneOf(error.message, [FB_TOKEN, FIREBASE_TOKEN]);
        }
        assert.equal(server.requests.length, 0);
      });
    });
  });
});
