import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import {
  createSession,
  destroySession,
  downgradeSession,
  errorMessagesOf,
  getSession,
  kindOfFailure,
  localExpiry,
  networkFailure,
  upgradeSession,
  isQuickBloxError,
  type CreateSessionRequest,
  type ErrorKind,
  type QuickBloxError,
  type SessionAuth,
  tokenProblem,
} from '../../src/core';
import { failures } from '../../src/feedback/messages';
import { startSandbox, type Sandbox } from '../sandbox/server';

const TLS_DIR = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls');

async function failure(promise: Promise<unknown>, kind: ErrorKind): Promise<QuickBloxError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isQuickBloxError(error), `expected a QuickBloxError, got ${String(error)}`);
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
  assert.fail(`expected a ${kind} error, the call succeeded`);
}

/** Every secret of the request must be absent from what the core hands back. */
function assertNoSecrets(value: unknown, secrets: string[]): void {
  const text = JSON.stringify(value);
  for (const secret of secrets) assert.ok(!text.includes(secret), `secret ${secret.slice(0, 3)}… leaked into ${text.slice(0, 200)}`);
}

async function rawServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A server that answers every request, once it has arrived, with `text` written raw (a status line,
 * headers and part of a body), and then closes the connection after `closeAfterMs`, or never.
 */
function partialAnswer(text: string, closeAfterMs?: number): ReturnType<typeof rawServer> {
  return rawServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.socket?.write(text);
      if (closeAfterMs !== undefined) setTimeout(() => res.socket?.end(), closeAfterMs);
    });
  });
}

describe('QuickBlox client against the sandbox', function () {
  let sandbox: Sandbox;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    sandbox = await startSandbox({ port: 0 });
  });
  after(async () => {
    await sandbox.close();
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, [], 'no promise may be left rejected and unhandled');
  });
  beforeEach(() => sandbox.reset());

  const demo = (): Sandbox['fixtures']['apps'][number] => sandbox.fixtures.apps[0];
  const idpApp = (): Sandbox['fixtures']['apps'][number] => sandbox.fixtures.apps[1];
  const request = (auth: SessionAuth = { type: 'application' }, app = demo()): CreateSessionRequest => ({
    endpoint: sandbox.url,
    applicationId: app.applicationId,
    authKey: app.authKey,
    authSecret: app.authSecret,
    auth,
  });
  const appSecrets = (app = demo()): string[] => [app.authSecret, app.authKey, app.accountKey];

  describe('sign-in kinds', () => {
    it('creates an application session with its documented fields and the server expiry', async () => {
      const result = await createSession(request());
      const { session } = result;
      assert.equal(session.user_id, 0);
      assert.equal(session.application_id, demo().applicationId);
      assert.equal(tokenProblem(session.token), undefined);
      for (const name of ['_id', 'created_at', 'id', 'nonce', 'ts', 'updated_at'] as const) assert.ok(session[name] !== undefined, `${name} is read`);
      const sent = sandbox.requests.at(-1);
      assert.ok(sent);
      assert.equal(session.nonce, Number((sent.body as Record<string, unknown>).nonce));
      const expected = Date.parse(result.response.headers['qb-token-expirationdate'].replace(' UTC', 'Z').replace(' ', 'T'));
      assert.equal(result.expiresAt.getTime(), expected);
      assert.ok(Math.abs(result.expiresAt.getTime() - (Date.now() + 2 * 3600_000)) < 5000, 'two hours ahead');
      assert.equal(result.response.status, 201);
      assert.ok(result.response.durationMs > 0);
      assert.ok(result.serverDate instanceof Date);
      assert.ok(Math.abs(result.clockSkewSeconds ?? 99) <= 2);
    });

    const userKinds: Array<[string, () => SessionAuth, () => number, () => Sandbox['fixtures']['apps'][number]]> = [
      ['login + password', () => ({ type: 'login', login: demo().users[0].login, password: demo().users[0].password }), () => demo().users[0].id, demo],
      ['email + password', () => ({ type: 'email', email: demo().users[1].email, password: demo().users[1].password }), () => demo().users[1].id, demo],
      ['Facebook without secret', () => ({ type: 'facebook', token: demo().facebookTokens![0].token }), () => demo().facebookTokens![0].userId, demo],
      [
        'Facebook with secret',
        () => ({ type: 'facebook', token: demo().facebookTokens![1].token, secret: demo().facebookTokens![1].secret }),
        () => demo().facebookTokens![1].userId,
        demo,
      ],
      [
        'Firebase phone',
        () => ({ type: 'firebase_phone', projectId: demo().firebase!.projectId, accessToken: demo().firebase!.accessTokens[0].token }),
        () => demo().firebase!.accessTokens[0].userId,
        demo,
      ],
      [
        'custom identity provider (existing user)',
        () => ({ type: 'custom', login: 'sandbox-dave', password: 'idp-Pass-dave7' }),
        () => idpApp().users[0].id,
        idpApp,
      ],
    ];
    for (const [name, auth, userId, app] of userKinds) {
      it(`creates a user session: ${name}`, async () => {
        const result = await createSession(request(auth(), app()));
        assert.equal(result.session.user_id, userId());
        assertNoSecrets(result.request, appSecrets(app()));
        const sentBody = JSON.stringify(sandbox.requests.at(-1)?.body);
        assert.ok(!sentBody.includes(app().authSecret), 'the auth secret is never sent');
      });
    }

    it('creates a user through the custom identity provider on first sign-in', async () => {
      const identity = idpApp().customIdentityProvider!.identities[0];
      const first = await createSession(request({ type: 'custom', login: identity.login, password: identity.password }, idpApp()));
      assert.ok((first.session.user_id ?? 0) > 0);
      const again = await createSession(request({ type: 'custom', login: identity.login, password: identity.password }, idpApp()));
      assert.equal(again.session.user_id, first.session.user_id);
    });

    it('signs with SHA256 when the profile says so', async () => {
      const result = await createSession({ ...request(), hash: 'sha256' });
      assert.match(String((sandbox.requests.at(-1)?.body as Record<string, unknown>).signature), /^[0-9a-f]{64}$/);
      assert.equal(result.session.user_id, 0);
    });
  });

  describe('what is sent', () => {
    it('sends nested JSON with the documented headers and redacts the record', async () => {
      const user = demo().users[0];
      const result = await createSession(request({ type: 'login', login: user.login, password: user.password }));
      const sent = sandbox.requests.at(-1)!;
      assert.equal(sent.method, 'POST');
      assert.equal(sent.path, '/session.json');
      assert.match(String(sent.headers['content-type']), /^application\/json/);
      assert.equal(sent.headers['accept'], 'application/json');
      assert.match(String(sent.headers['user-agent']), /^quickblox-sessions\/\d+\.\d+\.\d+ /);
      assert.equal(sent.headers['qb-account-key'], undefined, 'the account key belongs to GET /account_settings.json only');
      const body = sent.body as { user: { login: string; password: string }; signature: string; application_id: string };
      assert.deepEqual(body.user, { login: user.login, password: user.password });
      assert.equal(body.application_id, String(demo().applicationId));

      const { request: record } = result;
      assertNoSecrets(record, [...appSecrets(), user.password, body.signature]);
      assert.equal(record.url, `${sandbox.url}/session.json`);
      assert.match(
        record.stringToSign ?? '',
        new RegExp(`^application_id=${demo().applicationId}&auth_key=[^&]+…&nonce=\\d+&timestamp=\\d+&user\\[login\\]=${user.login}&user\\[password\\]=•+$`),
      );
      assert.equal((record.body as { user: { login: string } }).user.login, user.login, 'non-secret values stay readable');
      assert.equal(record.headers['QB-Account-Key'], undefined);
    });

    it('gives concurrent requests under one frozen clock distinct nonces, all accepted', async () => {
      const frozen = Date.now();
      const results = await Promise.all(Array.from({ length: 40 }, () => createSession({ ...request(), now: () => frozen })));
      const nonces = new Set(results.map((r) => r.session.nonce));
      assert.equal(nonces.size, 40);
      assert.equal(new Set(results.map((r) => r.session.ts)).size, 1);
    });

    it('checks input before sending anything', async () => {
      const cases: Array<[Partial<CreateSessionRequest>, string]> = [
        [{ applicationId: 'abc' }, 'applicationId'],
        [{ authKey: '  ' }, 'authKey'],
        [{ authSecret: ' padded ' }, 'authSecret'],
        [{ endpoint: 'http://api.example.com' }, 'endpoint'],
        [{ auth: { type: 'login', login: 'x', password: '' } }, 'password'],
        [{ hash: 'md5' as never }, 'hash'],
        [{ timeoutMs: -1 }, 'timeoutMs'],
      ];
      for (const [change, field] of cases) {
        const error = await failure(createSession({ ...request(), ...change }), 'invalid_input');
        assert.equal(error.field, field);
        assert.ok(!error.message.includes(demo().authSecret));
      }
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('failures the server reports', () => {
    it('wrong auth secret: invalid_signature, naming the secret and the clock', async () => {
      const error = await failure(createSession({ ...request(), authSecret: 'not-the-secret' }), 'invalid_signature');
      assert.equal(error.status, 422);
      assert.deepEqual(error.messages, ['Unexpected signature']);
      assert.match(error.message, /auth secret is wrong/);
      assert.doesNotMatch(error.message, /clock/, 'a clock in step with the server is not mentioned');
      assertNoSecrets(error, ['not-the-secret', ...appSecrets()]);
      assert.ok(error.response?.body.includes('Unexpected signature'));
    });

    it('wrong auth key or unknown application: unauthorized', async () => {
      const wrongKey = await failure(createSession({ ...request(), authKey: 'no-such-key-0000' }), 'unauthorized');
      assert.equal(wrongKey.status, 401);
      assert.deepEqual(wrongKey.messages, ['Unauthorized']);
      assert.match(wrongKey.message, /application id and auth key/);
      assert.equal(wrongKey.userCredentialsSent, false);
      await failure(createSession({ ...request(), applicationId: 999999 }), 'unauthorized');
    });

    it('wrong user password: unauthorized, naming the user credentials', async () => {
      const error = await failure(createSession(request({ type: 'login', login: demo().users[0].login, password: 'wrong-password' })), 'unauthorized');
      assert.match(error.message, /user's credentials/);
      assert.equal(error.userCredentialsSent, true);
      assertNoSecrets(error, ['wrong-password']);
    });

    it('unknown provider tokens: unauthorized', async () => {
      await failure(createSession(request({ type: 'facebook', token: 'no-such-fb-token' })), 'unauthorized');
      await failure(createSession(request({ type: 'firebase_phone', projectId: demo().firebase!.projectId, accessToken: 'no-such-jwt' })), 'unauthorized');
    });

    it('a clock a few minutes off still works, and the skew is reported', async () => {
      const result = await createSession({ ...request(), now: () => Date.now() + 10 * 60_000 });
      assert.ok(Math.abs((result.clockSkewSeconds ?? 0) + 600) <= 5, `skew ${result.clockSkewSeconds}`);
    });

    it('a replayed nonce is refused by the server', async () => {
      const frozen = Date.now();
      await createSession({ ...request(), now: () => frozen, nonce: 12345 });
      await failure(createSession({ ...request(), now: () => frozen, nonce: 12345 }), 'invalid_signature');
    });
  });

  describe('retrieve and destroy', () => {
    it('GET returns the session and extends its expiry; DELETE ends it', async () => {
      const created = await createSession(request());
      sandbox.setClockOffset(30 * 60);
      const fetched = await getSession({ endpoint: sandbox.url, token: created.session.token });
      assert.equal(fetched.session.token, created.session.token);
      assert.equal(fetched.session.id, created.session.id);
      const extended = fetched.expiresAt.getTime() - created.expiresAt.getTime();
      assert.ok(Math.abs(extended - 30 * 60_000) < 5000, `expiry moved by ${extended} ms`);
      assert.equal(fetched.request.method, 'GET');
      assertNoSecrets(fetched.request, [created.session.token]);
      assert.equal(sandbox.requests.at(-1)?.headers['qb-token'], created.session.token);

      const destroyed = await destroySession({ endpoint: sandbox.url, token: created.session.token });
      assert.equal(destroyed.response.status, 200);
      const gone = await failure(getSession({ endpoint: sandbox.url, token: created.session.token }), 'session_missing');
      assert.equal(gone.status, 401);
      assert.deepEqual(gone.messages, ['Required session does not exist']);
    });

    it('an expired token is session_missing', async () => {
      const created = await createSession(request());
      sandbox.setClockOffset(2 * 3600 + 60);
      await failure(getSession({ endpoint: sandbox.url, token: created.session.token }), 'session_missing');
      await failure(destroySession({ endpoint: sandbox.url, token: created.session.token }), 'session_missing');
    });

    it('POST /login.json signs a user in to an application session; DELETE /login.json signs them out', async () => {
      const created = await createSession(request());
      const alice = demo().users[0];
      const base = { endpoint: sandbox.url, token: created.session.token };
      const upgraded = await upgradeSession({ ...base, user: { login: alice.login, password: alice.password } });
      assert.equal(upgraded.userId, alice.id);
      assert.equal(upgraded.login, alice.login);
      assert.equal(upgraded.request.method, 'POST');
      assert.match(upgraded.request.url, /\/login\.json$/);
      assertNoSecrets(upgraded.request, [alice.password, created.session.token]);
      assert.deepEqual(sandbox.requests.at(-1)?.body, { login: alice.login, password: alice.password });
      assert.ok(upgraded.tokenExpiresAt, 'the answer carries the new expiry');
      assert.equal((await getSession(base)).session.user_id, alice.id);

      const wrong = await failure(upgradeSession({ ...base, user: { email: demo().users[1].email, password: 'not-the-password' } }), 'unauthorized');
      assert.match(wrong.message, /user's credentials/);
      assertNoSecrets([wrong.message, wrong.request], ['not-the-password']);

      const out = await downgradeSession(base);
      assert.equal(out.response.status, 200);
      assert.equal((await getSession(base)).session.user_id, 0);
    });

    it('a write with an application token is user_required', async () => {
      const created = await createSession(request());
      const response = await fetch(`${sandbox.url}/chat/Dialog.json`, {
        method: 'POST',
        headers: { 'QB-Token': created.session.token, 'Content-Type': 'application/json' },
        body: '{"type":2}',
      });
      const body = (await response.json()) as unknown;
      assert.equal(kindOfFailure(response.status, errorMessagesOf(body)), 'user_required');
    });

    it('reads the expiry on the local clock when the clocks differ by more than five minutes', async () => {
      const created = await createSession(request());
      assert.equal(created.expiresAtLocal.getTime(), created.expiresAt.getTime(), 'no noticeable skew: the header as is');
      sandbox.setClockOffset(3 * 60);
      const small = await getSession({ endpoint: sandbox.url, token: created.session.token });
      assert.equal(small.expiresAtLocal.getTime(), small.expiresAt.getTime(), 'three minutes is not corrected');
      sandbox.setClockOffset(40 * 60);
      const fetched = await getSession({ endpoint: sandbox.url, token: created.session.token });
      const skew = fetched.clockSkewSeconds ?? 0;
      assert.ok(Math.abs(skew - 2400) <= 2, `skew ${skew}`);
      assert.equal(fetched.expiresAtLocal.getTime(), fetched.expiresAt.getTime() - skew * 1000);
      assert.equal(fetched.tokenExpiresAt?.getTime(), fetched.expiresAtLocal.getTime());
      assert.ok(Math.abs(fetched.expiresAtLocal.getTime() - (Date.now() + 2 * 3600_000)) < 5000, 'two hours from now on this computer');
      assert.equal(localExpiry(new Date(10_000_000), undefined).getTime(), 10_000_000);
    });

    it('refuses an empty token before sending', async () => {
      await failure(getSession({ endpoint: sandbox.url, token: ' ' }), 'invalid_input');
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('faults', () => {
    it('429 with Retry-After: rate_limited with the wait', async () => {
      sandbox.addFault({ type: 'rate_limit', retryAfter: 7 });
      const error = await failure(createSession(request()), 'rate_limited');
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterSeconds, 7);
      assert.match(error.message, /retry after 7 s/);
    });

    it('500 and 503: server', async () => {
      sandbox.addFault({ type: 'server_error' });
      assert.equal((await failure(createSession(request()), 'server')).status, 500);
      sandbox.addFault({ type: 'unavailable', retryAfter: 30 });
      const unavailable = await failure(createSession(request()), 'server');
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.retryAfterSeconds, 30);
    });

    it('an HTML 502 page: server, saying it was HTML', async () => {
      sandbox.addFault({ type: 'html_502' });
      const error = await failure(createSession(request()), 'server');
      assert.equal(error.status, 502);
      assert.match(error.message, /HTML/);
      assert.match(error.response?.body ?? '', /<html/i);
    });

    it('truncated JSON in a 201: bad_response', async () => {
      sandbox.addFault({ type: 'truncated_json' });
      const error = await failure(createSession(request()), 'bad_response');
      assert.match(error.message, /not valid JSON/);
    });

    it('a 2 MiB body: bad_response, never read into memory whole', async () => {
      sandbox.addFault({ type: 'oversized' });
      const error = await failure(createSession(request()), 'bad_response');
      assert.equal(error.reason, 'too_large');
      assert.match(error.message, /larger than 1 MiB/);
    });

    it('a connection reset mid-body: network', async () => {
      sandbox.addFault({ type: 'reset' });
      const error = await failure(createSession(request()), 'network');
      assert.equal(networkFailure(error.code), 'reset', `code ${error.code}`);
    });

    it('a chunked answer closed cleanly mid-body: network, at once rather than at the timeout', async () => {
      const server = await partialAnswer(
        'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n{"session":{"id":1,"\r\n',
        20,
      );
      try {
        const started = Date.now();
        const error = await failure(createSession({ ...request(), endpoint: server.url, timeoutMs: 5000 }), 'network');
        assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
        assert.equal(error.code, 'ERR_STREAM_PREMATURE_CLOSE');
        assert.equal(networkFailure(error.code), 'reset');
      } finally {
        await server.close();
      }
    });

    const stalled: Array<[string, number | undefined]> = [
      ['a body that stalls after the headers', undefined],
      ['an answer of stated length closed cleanly mid-body (nothing tells it from a body that stalls)', 20],
    ];
    for (const [name, closeAfterMs] of stalled) {
      it(`${name}: timeout, at the timeout`, async () => {
        const server = await partialAnswer(
          'HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"session":{"id":1,',
          closeAfterMs,
        );
        try {
          const started = Date.now();
          const error = await failure(createSession({ ...request(), endpoint: server.url, timeoutMs: 300 }), 'timeout');
          assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
          assert.equal(error.timeoutMs, 300);
        } finally {
          await server.close();
        }
      });
    }

    it('an answer slower than the timeout: timeout', async () => {
      sandbox.addFault({ type: 'delay', ms: 2000 });
      const started = Date.now();
      const error = await failure(createSession({ ...request(), timeoutMs: 300 }), 'timeout');
      assert.ok(Date.now() - started < 1500, 'gives up at the timeout');
      assert.equal(error.timeoutMs, 300);
      assert.match(failures.timeout(error.host ?? '', error.timeoutMs ?? 0), /within 0\.3 s: try again, or raise the request timeout/);
    });

    it('no answer at all: timeout', async () => {
      sandbox.addFault({ type: 'hang' });
      await failure(getSession({ endpoint: sandbox.url, token: 'a'.repeat(40), timeoutMs: 300 }), 'timeout');
    });

    it('requests in flight together each end at their own timeout, the later-started shorter one first', async () => {
      const server = await rawServer((req) => req.resume());
      try {
        const started = Date.now();
        const endedAt = (promise: Promise<unknown>): Promise<number> =>
          promise.then(
            () => assert.fail('answered'),
            (error: unknown) => {
              assert.ok(isQuickBloxError(error) && error.kind === 'timeout', String(error));
              return Date.now() - started;
            },
          );
        const long = endedAt(getSession({ endpoint: server.url, token: 'a'.repeat(40), timeoutMs: 900 }));
        const short = endedAt(getSession({ endpoint: server.url, token: 'b'.repeat(40), timeoutMs: 200 }));
        const [longMs, shortMs] = await Promise.all([long, short]);
        assert.ok(shortMs >= 190 && shortMs < 700, `the 200 ms one ended after ${shortMs} ms`);
        assert.ok(longMs >= 890 && longMs < 1600, `the 900 ms one ended after ${longMs} ms`);
        // A request that ends in time leaves its deadline behind: passing it later must raise nothing (mocha fails the
        // test on an uncaught error), and a deadline set afterwards must still end its own request on time.
        await createSession({ ...request(), timeoutMs: 250 });
        await new Promise((resolve) => setTimeout(resolve, 350));
        const laterStarted = Date.now();
        await failure(getSession({ endpoint: server.url, token: 'c'.repeat(40), timeoutMs: 200 }), 'timeout');
        const laterMs = Date.now() - laterStarted;
        assert.ok(laterMs >= 190 && laterMs < 700, `a deadline set afterwards ended after ${laterMs} ms`);
      } finally {
        await server.close();
      }
    });

    it('cancellation through AbortSignal, during and before the request', async () => {
      sandbox.addFault({ type: 'delay', ms: 2000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await failure(createSession({ ...request(), signal: controller.signal }), 'cancelled');
      const before = sandbox.requests.length;
      await failure(createSession({ ...request(), signal: AbortSignal.abort() }), 'cancelled');
      assert.equal(sandbox.requests.length, before, 'nothing is sent once cancelled');
    });

    it('a slow answer within the timeout still succeeds', async () => {
      sandbox.addFault({ type: 'delay', ms: 200 });
      const result = await createSession({ ...request(), timeoutMs: 5000 });
      assert.ok(result.response.durationMs >= 190);
    });
  });

  describe('endpoints that are not QuickBlox', () => {
    it('connection refused: network, naming the host', async () => {
      const gone = await rawServer((_req, res) => res.end());
      await gone.close();
      const error = await failure(createSession({ ...request(), endpoint: gone.url }), 'network');
      assert.equal(error.code, 'ECONNREFUSED');
      assert.equal(networkFailure(error.code), 'refused');
      assert.match(failures.network(error.code, error.host ?? ''), /refused by 127\.0\.0\.1:\d+/);
    });

    it('an unknown host: network', async () => {
      const error = await failure(createSession({ ...request(), endpoint: 'https://no-such-host.invalid' }), 'network');
      assert.ok(['ENOTFOUND', 'EAI_AGAIN'].includes(error.code ?? ''), `code ${error.code}`);
      assert.equal(networkFailure(error.code), 'not_found');
      assert.equal(error.host, 'no-such-host.invalid');
    });

    it('a self-signed certificate: a clear TLS error, checks left on', async () => {
      const tls = await startSandbox({
        port: 0,
        tls: { key: readFileSync(path.join(TLS_DIR, 'self-signed.key')), cert: readFileSync(path.join(TLS_DIR, 'self-signed.crt')) },
      });
      try {
        assert.match(tls.url, /^https:/);
        const error = await failure(createSession({ ...request(), endpoint: tls.url }), 'network');
        assert.equal(networkFailure(error.code), 'tls', `code ${error.code}`);
        assert.match(failures.network(error.code, error.host ?? ''), /certificate.*not trusted/);
        assert.equal(tls.requests.length, 0);
      } finally {
        await tls.close();
      }
    });

    it('an HTML 404 page, a redirect, a 2xx without a session', async () => {
      const server = await rawServer((req, res) => {
        if (req.url?.startsWith('/moved')) {
          res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>');
        } else if (req.method === 'POST') {
          res.writeHead(301, { location: 'https://api.example.com/session.json' }).end();
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        }
      });
      try {
        const moved = await failure(createSession({ ...request(), endpoint: server.url }), 'bad_response');
        assert.match(moved.message, /redirects.*https:\/\/api\.example\.com/);
        const noSession = await failure(getSession({ endpoint: server.url, token: 'a'.repeat(40) }), 'bad_response');
        assert.match(noSession.message, /no "session"/);
      } finally {
        await server.close();
      }
      const html404 = await rawServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<html>nope</html>'));
      try {
        const error = await failure(createSession({ ...request(), endpoint: html404.url }), 'bad_response');
        assert.match(error.message, /not a QuickBlox API response.*HTML/);
      } finally {
        await html404.close();
      }
    });

    it('a session without a token: bad_response naming it; one with only a token is a session', async () => {
      let session: Record<string, unknown> = { id: 1, user_id: 0 };
      const server = await rawServer((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ session })));
      try {
        const error = await failure(createSession({ ...request(), endpoint: server.url }), 'bad_response');
        assert.match(error.message, /the session has no token/);
        session = { token: 'abc' };
        const result = await createSession({ ...request(), endpoint: server.url });
        assert.deepEqual(result.session, { token: 'abc', extra: {} });
      } finally {
        await server.close();
      }
    });

    it('falls back to two hours when QB-Token-ExpirationDate is missing', async () => {
      const session = { application_id: 1, created_at: 'x', id: 1, nonce: 1, token: 'f'.repeat(40), ts: 1, updated_at: 'x', user_id: 0, _id: '1' };
      const server = await rawServer((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ session })));
      try {
        const now = Date.UTC(2026, 10, 29, 12, 0, 0);
        const result = await createSession({ ...request(), endpoint: server.url, now: () => now });
        assert.equal(result.expiresAt.getTime(), now + 2 * 3600_000);
      } finally {
        await server.close();
      }
    });
  });
});
