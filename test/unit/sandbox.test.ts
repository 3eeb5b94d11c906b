/**
 * Tests of the QuickBlox sandbox itself, over real HTTP. Signatures are computed here with
 * node:crypto, independently of the sandbox's own signing code; the only fixed signature is the
 * documented worked vector.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';
import { appByName, defaultFixtures, type SandboxApp, type SandboxFixtures } from '../sandbox/fixtures';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

// ---------------------------------------------------------------- helpers

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  bytes: number;
}

interface CallOptions {
  headers?: Record<string, string>;
  json?: unknown;
  form?: string;
  raw?: string | Buffer;
  /** Stop reading (and destroy the request) once this many body bytes arrived. */
  maxBytes?: number;
  /** For https: trust the sandbox's self-signed certificate. */
  insecure?: boolean;
}

function call(base: string, method: string, urlPath: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string | number> = { ...opts.headers };
  let payload: Buffer | undefined;
  if (opts.json !== undefined) {
    payload = Buffer.from(JSON.stringify(opts.json));
    headers['Content-Type'] ??= 'application/json';
  } else if (opts.form !== undefined) {
    payload = Buffer.from(opts.form);
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  } else if (opts.raw !== undefined) {
    payload = Buffer.isBuffer(opts.raw) ? opts.raw : Buffer.from(opts.raw);
  }
  if (payload) headers['Content-Length'] = payload.length;
  const url = new URL(urlPath, base);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers, agent: false, rejectUnauthorized: !opts.insecure }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (opts.maxBytes === undefined) chunks.push(chunk);
        else if (bytes > opts.maxBytes) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '', bytes });
        }
      });
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), bytes }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function json(reply: Reply): unknown {
  return JSON.parse(reply.text) as unknown;
}

type P = { [name: string]: string | number | P };

/** The test's own signer: flatten to name=value, sort by code unit, join with '&', HMAC. */
function stringToSign(params: P): string {
  const pairs: string[] = [];
  const walk = (prefix: string, value: string | number | P): void => {
    if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(`${prefix}[${k}]`, v);
    else pairs.push(`${prefix}=${value}`);
  };
  for (const [name, value] of Object.entries(params)) if (name !== 'signature') walk(name, value);
  return pairs.sort().join('&');
}

function hmac(params: P, secret: string, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHmac(algorithm, secret).update(stringToSign(params)).digest('hex');
}

interface SignOptions {
  timestamp?: number | string;
  nonce?: number | string;
  algorithm?: 'sha1' | 'sha256';
  /** Seconds, default: the real clock. */
  nowSeconds?: number;
}

/** A create-session body for `app`, signed with its secret. */
function signed(app: SandboxApp, extra: P = {}, opts: SignOptions = {}): P {
  const params: P = {
    application_id: String(app.applicationId),
    auth_key: app.authKey,
    timestamp: opts.timestamp ?? String(opts.nowSeconds ?? Math.floor(Date.now() / 1000)),
    nonce: opts.nonce ?? String(randomInt(1, 2 ** 31 - 1)),
    ...extra,
  };
  return { ...params, signature: hmac(params, app.authSecret, opts.algorithm) };
}

/** Form encoding with bracket names, the way a form-posting client writes them. */
function toForm(params: P): string {
  const out = new URLSearchParams();
  const walk = (prefix: string, value: string | number | P): void => {
    if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(`${prefix}[${k}]`, v);
    else out.append(prefix, String(value));
  };
  for (const [name, value] of Object.entries(params)) walk(name, value);
  return out.toString();
}

interface SessionBody {
  session: {
    application_id: number;
    created_at: string;
    id: number;
    nonce: number;
    token: string;
    ts: number;
    updated_at: string;
    user_id: number;
    _id: string;
  };
}

function session(reply: Reply): SessionBody['session'] {
  assert.equal(reply.status, 201, reply.text);
  return (json(reply) as SessionBody).session;
}

const UNEXPECTED_SIGNATURE = { errors: { base: ['Unexpected signature'] } };
const BAD_TIMESTAMP = { errors: { base: ['Bad timestamp'] } };
const NO_SESSION = { errors: { base: ['Required session does not exist'] } };
/** A wrong application id / auth key and wrong user credentials get the same body. */
const UNAUTHORIZED = { errors: ['Unauthorized'] };
const NEED_USER = { errors: { base: ['Forbidden. Need user.'] } };
const EXPIRY_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/;

function expiryText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not met in time'));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

// ---------------------------------------------------------------- tests

describe('QuickBlox sandbox', () => {
  let sb: Sandbox;
  let demo: SandboxApp;
  let idp: SandboxApp;

  async function start(options: SandboxOptions = {}): Promise<Sandbox> {
    sb = await startSandbox({ port: 0, ...options });
    if (!options.fixtures) {
      demo = appByName(sb.fixtures, 'demo');
      idp = appByName(sb.fixtures, 'sandbox-idp');
    }
    return sb;
  }

  const post = (body: P, headers: Record<string, string> = {}): Promise<Reply> => call(sb.url, 'POST', '/session.json', { json: body, headers });
  const withToken = (method: string, urlPath: string, token: string, opts: CallOptions = {}): Promise<Reply> =>
    call(sb.url, method, urlPath, { ...opts, headers: { 'QB-Token': token, ...opts.headers } });

  afterEach(async () => {
    await sb?.close();
  });

  describe('signature', () => {
    it('verifies the worked vector of quickblox-api.md', async () => {
      const docString = 'application_id=76730&auth_key=7quWEh-k6TqghXe&nonce=7334&timestamp=1567349756&user[login]=Mike&user[password]=!mike123';
      const vector = '88167327e38536e67e21687255d1767d2aca7d85';
      assert.equal(createHmac('sha1', 's3cr3t').update(docString).digest('hex'), vector);
      const fixtures: SandboxFixtures = {
        apps: [
          {
            name: 'doc',
            applicationId: 76730,
            authKey: '7quWEh-k6TqghXe',
            authSecret: 's3cr3t',
            accountKey: 'doc-account',
            accountId: 1,
            users: [{ id: 7, login: 'Mike', email: 'mike@doc.sandbox.local', password: '!mike123', fullName: 'Mike' }],
          },
        ],
      };
      await start({ fixtures, now: () => 1567349756 * 1000 });
      const body = {
        application_id: '76730',
        auth_key: '7quWEh-k6TqghXe',
        timestamp: '1567349756',
        nonce: '7334',
        signature: vector,
        user: { login: 'Mike', password: '!mike123' },
      };
      const s = session(await post(body));
      assert.deepEqual([s.application_id, s.user_id, s.nonce, s.ts], [76730, 7, 7334, 1567349756]);
      // The same parameters as a form body (the '!' URL-encoded on the wire, raw in the signature).
      sb.reset();
      const form =
        'application_id=76730&auth_key=7quWEh-k6TqghXe&timestamp=1567349756&nonce=7334&signature=' +
        vector +
        '&user%5Blogin%5D=Mike&user%5Bpassword%5D=%21mike123';
      assert.equal(session(await call(sb.url, 'POST', '/session.json', { form })).user_id, 7);
    });

    it('accepts SHA1 and SHA256 signatures, in either case', async () => {
      await start();
      const s1 = session(await post(signed(demo, {}, { algorithm: 'sha1' })));
      assert.equal(s1.user_id, 0);
      const b256 = signed(demo, {}, { algorithm: 'sha256' });
      assert.equal(String(b256.signature).length, 64);
      assert.equal(session(await post(b256)).application_id, demo.applicationId);
      const upper = signed(demo);
      upper.signature = String(upper.signature).toUpperCase();
      assert.equal((await post(upper)).status, 201);
    });

    it('rejects a wrong secret, a changed parameter or an odd-length signature', async () => {
      await start();
      const wrongSecret = signed({ ...demo, authSecret: 'not-the-secret' });
      assert.deepEqual(json(await post(wrongSecret)), UNEXPECTED_SIGNATURE);
      const tampered = signed(demo, { user: { login: 'demo-alice', password: 'demo-Pass-alice1' } });
      (tampered.user as P).login = 'demo-bob';
      const reply = await post(tampered);
      assert.equal(reply.status, 422);
      assert.deepEqual(json(reply), UNEXPECTED_SIGNATURE);
      const short = signed(demo);
      short.signature = String(short.signature).slice(0, 39);
      assert.deepEqual(json(await post(short)), UNEXPECTED_SIGNATURE);
    });

    it('signs JSON numbers in decimal and accepts them', async () => {
      await start();
      const nowSeconds = Math.floor(Date.now() / 1000);
      const params: P = { application_id: demo.applicationId, auth_key: demo.authKey, timestamp: nowSeconds, nonce: randomInt(1, 1e9) };
      const s = session(await post({ ...params, signature: hmac(params, demo.authSecret) }));
      assert.equal(s.ts, nowSeconds);
      assert.equal(s.nonce, params.nonce);
    });

    it('nests bracket-named JSON keys like form fields', async () => {
      await start();
      const body = signed(demo, { user: { login: 'demo-bob', password: 'demo-Pass-bob2' } });
      const flat: Record<string, unknown> = { ...body, 'user[login]': 'demo-bob', 'user[password]': 'demo-Pass-bob2' };
      delete flat.user;
      assert.equal(session(await call(sb.url, 'POST', '/session.json', { json: flat })).user_id, 1002);
    });
  });

  describe('create session: request checks', () => {
    it('accepts form bodies with bracket names', async () => {
      await start();
      const form = toForm(signed(demo, { user: { email: 'carol@demo.sandbox.local', password: 'demo-Pass-carol3' } }));
      assert.ok(form.includes('user%5Bemail%5D='));
      const reply = await call(sb.url, 'POST', '/session.json', { form });
      assert.equal(session(reply).user_id, 1003);
      assert.match(String(reply.headers['content-type']), /^application\/json; charset=utf-8$/);
    });

    it('answers 400 to an unparseable body', async () => {
      await start();
      for (const raw of ['{"application_id":', '[1,2]', 'not json']) {
        const reply = await call(sb.url, 'POST', '/session.json', { raw, headers: { 'Content-Type': 'application/json' } });
        assert.equal(reply.status, 400, raw);
        assert.deepEqual(json(reply), { errors: { base: ['Invalid request body'] } });
      }
      const text = await call(sb.url, 'POST', '/session.json', { raw: 'a=b', headers: { 'Content-Type': 'text/plain' } });
      assert.equal(text.status, 400);
    });

    it('names the first missing required field', async () => {
      await start();
      assert.deepEqual(json(await post({})), { errors: { application_id: ['is missing'] } });
      for (const name of ['application_id', 'auth_key', 'timestamp', 'nonce', 'signature']) {
        const body = signed(demo);
        delete body[name];
        const reply = await post(body);
        assert.equal(reply.status, 422, name);
        assert.deepEqual(json(reply), { errors: { [name]: ['is missing'] } });
      }
    });

    it('answers 401 ["Unauthorized"] for an unknown application or a wrong auth key', async () => {
      await start();
      const unknownApp = await post(signed({ ...demo, applicationId: 999999 }));
      assert.equal(unknownApp.status, 401);
      assert.deepEqual(json(unknownApp), { errors: ['Unauthorized'] });
      const otherAppsKey = await post(signed({ ...demo, authKey: idp.authKey }));
      assert.equal(otherAppsKey.status, 401);
      assert.deepEqual(json(otherAppsKey), { errors: ['Unauthorized'] });
    });

    it('enforces the 3600 s timestamp window both ways, against the server clock offset, with "Bad timestamp"', async () => {
      await start();
      for (const offset of [3601, -3601, 7200, -86400]) {
        sb.setClockOffset(offset);
        const reply = await post(signed(demo));
        assert.equal(reply.status, 422, `offset ${offset}`);
        assert.deepEqual(json(reply), BAD_TIMESTAMP, `offset ${offset}`);
      }
      for (const offset of [3590, -3590, 0]) {
        sb.setClockOffset(offset);
        assert.equal((await post(signed(demo))).status, 201, `offset ${offset}`);
      }
    });

    it('enforces the window against an injected clock, and refuses millisecond timestamps', async () => {
      const serverMs = Date.UTC(2030, 5, 1, 12, 0, 0);
      await start({ now: () => serverMs });
      const serverSeconds = serverMs / 1000;
      assert.equal((await post(signed(demo, {}, { nowSeconds: serverSeconds - 3600 }))).status, 201);
      assert.equal((await post(signed(demo, {}, { nowSeconds: serverSeconds + 3600 }))).status, 201);
      assert.deepEqual(json(await post(signed(demo, {}, { nowSeconds: serverSeconds - 3601 }))), BAD_TIMESTAMP);
      assert.deepEqual(json(await post(signed(demo, {}, { nowSeconds: serverSeconds + 3601 }))), BAD_TIMESTAMP);
      assert.deepEqual(json(await post(signed(demo, {}, { timestamp: String(serverMs) }))), BAD_TIMESTAMP);
      assert.deepEqual(json(await post(signed(demo, {}, { timestamp: 'yesterday' }))), BAD_TIMESTAMP);
      // The real clock is far from 2030: a client using it is out of the window.
      assert.deepEqual(json(await post(signed(demo))), BAD_TIMESTAMP);
    });

    it('checks the signature before the timestamp: a wrong secret with a bad clock is still "Unexpected signature"', async () => {
      await start();
      sb.setClockOffset(-7200);
      assert.deepEqual(json(await post(signed({ ...demo, authSecret: 'not-the-secret' }))), UNEXPECTED_SIGNATURE);
      assert.deepEqual(json(await post(signed(demo))), BAD_TIMESTAMP);
    });

    it('accepts an (application, timestamp, nonce) triple once', async () => {
      await start();
      const ts = Math.floor(Date.now() / 1000);
      const first = signed(demo, {}, { timestamp: ts, nonce: 4711 });
      assert.equal((await post(first)).status, 201);
      const replay = await post(first);
      assert.equal(replay.status, 422);
      assert.deepEqual(json(replay), UNEXPECTED_SIGNATURE);
      // Re-signed, still the same triple: still a replay. A new timestamp or nonce is fine.
      assert.deepEqual(json(await post(signed(demo, {}, { timestamp: ts, nonce: '4711' }))), UNEXPECTED_SIGNATURE);
      assert.equal((await post(signed(demo, {}, { timestamp: ts - 1, nonce: 4711 }))).status, 201);
      assert.equal((await post(signed(demo, {}, { timestamp: ts, nonce: 4712 }))).status, 201);
      // The same triple for another application is another triple.
      assert.equal((await post(signed(idp, {}, { timestamp: ts, nonce: 4711 }))).status, 201);
    });

    it('accepts negative nonces (as Random.nextInt() draws them), in JSON strings, JSON numbers and forms', async () => {
      await start();
      const asString = session(await post(signed(demo, {}, { nonce: '-1606050927' })));
      assert.equal(asString.nonce, -1606050927);
      const nowSeconds = Math.floor(Date.now() / 1000);
      const params: P = { application_id: demo.applicationId, auth_key: demo.authKey, timestamp: nowSeconds, nonce: -2147483648 };
      assert.equal(session(await post({ ...params, signature: hmac(params, demo.authSecret) })).nonce, -2147483648);
      const form = toForm(signed(demo, { user: { login: 'demo-alice', password: 'demo-Pass-alice1' } }, { nonce: '-7' }));
      const viaForm = session(await call(sb.url, 'POST', '/session.json', { form }));
      assert.deepEqual([viaForm.nonce, viaForm.user_id], [-7, 1001]);
    });

    it('a negative nonce is used up like any other, and the replay stays "Unexpected signature"', async () => {
      await start();
      const ts = Math.floor(Date.now() / 1000);
      const first = signed(demo, {}, { timestamp: ts, nonce: '-42' });
      assert.equal((await post(first)).status, 201);
      const replay = await post(first);
      assert.equal(replay.status, 422);
      assert.deepEqual(json(replay), UNEXPECTED_SIGNATURE);
      assert.equal((await post(signed(demo, {}, { timestamp: ts, nonce: '42' }))).status, 201, '42 is not -42');
    });

    it('still refuses nonces that are not integers', async () => {
      await start();
      for (const nonce of ['-', '--5', '1.5', '-1e3', '- 5', '12345678901234567']) {
        const reply = await post(signed(demo, {}, { nonce }));
        assert.equal(reply.status, 422, nonce);
        assert.deepEqual(json(reply), { errors: { nonce: ['is invalid'] } }, nonce);
      }
    });

    it('returns the session object and the expiration header of a new session', async () => {
      const nowMs = Date.UTC(2031, 0, 2, 3, 4, 5);
      await start({ now: () => nowMs });
      const reply = await post(signed(demo, {}, { nowSeconds: nowMs / 1000, nonce: 99 }));
      const s = session(reply);
      assert.deepEqual(Object.keys(s), ['application_id', 'created_at', 'id', 'nonce', 'token', 'ts', 'updated_at', 'user_id', '_id']);
      assert.match(s.token, /^[0-9a-f]{40}$/);
      assert.equal(s.created_at, '2031-01-02T03:04:05Z');
      assert.equal(s.updated_at, '2031-01-02T03:04:05Z');
      assert.equal(s._id, String(s.id));
      assert.equal(s.nonce, 99);
      assert.equal(s.user_id, 0);
      assert.equal(reply.headers['qb-token-expirationdate'], '2031-01-02 05:04:05 UTC');
      assert.equal(reply.headers.date, new Date(nowMs).toUTCString());
    });
  });

  describe('create session: sign-in kinds', () => {
    it('login + password and email + password', async () => {
      await start();
      assert.equal(session(await post(signed(demo, { user: { login: 'demo-alice', password: 'demo-Pass-alice1' } }))).user_id, 1001);
      assert.equal(session(await post(signed(demo, { user: { email: 'bob@demo.sandbox.local', password: 'demo-Pass-bob2' } }))).user_id, 1002);
      for (const user of <P[]>[
        { login: 'demo-alice', password: 'wrong' },
        { login: 'nobody', password: 'demo-Pass-alice1' },
        { email: 'x@y.z', password: 'p' },
      ]) {
        const reply = await post(signed(demo, { user }));
        assert.equal(reply.status, 401, JSON.stringify(user));
        assert.deepEqual(json(reply), UNAUTHORIZED);
      }
    });

    it('rejects a password without login/email and login with email', async () => {
      await start();
      const bad: P[] = [
        { password: 'demo-Pass-alice1' },
        { login: 'demo-alice', email: 'alice@demo.sandbox.local', password: 'demo-Pass-alice1' },
        { login: 'demo-alice' },
      ];
      for (const user of bad) {
        const reply = await post(signed(demo, { user }));
        assert.equal(reply.status, 422, JSON.stringify(user));
        assert.ok((json(reply) as { errors: Record<string, string[]> }).errors, reply.text);
      }
    });

    it('facebook tokens, with and without a secret', async () => {
      await start();
      assert.equal(session(await post(signed(demo, { provider: 'facebook', keys: { token: 'demo-fb-token-alice-0001' } }))).user_id, 1001);
      assert.equal(
        session(await post(signed(demo, { provider: 'facebook', keys: { token: 'demo-fb-token-bob-0002', secret: 'demo-fb-secret-bob' } }))).user_id,
        1002,
      );
      for (const keys of <P[]>[{ token: 'demo-fb-token-unknown' }, { token: 'demo-fb-token-bob-0002', secret: 'wrong' }, { token: 'demo-fb-token-bob-0002' }]) {
        const reply = await post(signed(demo, { provider: 'facebook', keys }));
        assert.equal(reply.status, 401, JSON.stringify(keys));
        assert.deepEqual(json(reply), UNAUTHORIZED);
      }
      const missing = await post(signed(demo, { provider: 'facebook', keys: { secret: 'demo-fb-secret-bob' } }));
      assert.equal(missing.status, 422);
      assert.deepEqual(json(missing), { errors: { keys: ['token is missing'] } });
      assert.equal((await post(signed(demo, { provider: 'facebook' }))).status, 422);
    });

    it('firebase phone tokens', async () => {
      await start();
      const project = 'demo-sandbox-firebase';
      const ok = await post(signed(demo, { provider: 'firebase_phone', firebase_phone: { project_id: project, access_token: 'demo-firebase-token-carol' } }));
      assert.equal(session(ok).user_id, 1003);
      const form = toForm(signed(demo, { provider: 'firebase_phone', firebase_phone: { project_id: project, access_token: 'demo-firebase-token-alice' } }));
      assert.equal(session(await call(sb.url, 'POST', '/session.json', { form })).user_id, 1001);
      for (const fp of [
        { project_id: 'other-project', access_token: 'demo-firebase-token-carol' },
        { project_id: project, access_token: 'unknown' },
      ]) {
        const reply = await post(signed(demo, { provider: 'firebase_phone', firebase_phone: fp }));
        assert.equal(reply.status, 401);
        assert.deepEqual(json(reply), UNAUTHORIZED);
      }
      const missing = await post(signed(demo, { provider: 'firebase_phone', firebase_phone: { project_id: project } }));
      assert.equal(missing.status, 422);
      assert.deepEqual(json(missing), { errors: { firebase_phone: ['access_token is missing'] } });
      // An app without a Firebase project knows no tokens.
      assert.equal(
        (await post(signed(idp, { provider: 'firebase_phone', firebase_phone: { project_id: project, access_token: 'demo-firebase-token-carol' } }))).status,
        401,
      );
    });

    it('other providers are not supported', async () => {
      await start();
      const reply = await post(signed(demo, { provider: 'twitter', keys: { token: 't' } }));
      assert.equal(reply.status, 422);
      assert.deepEqual(json(reply), { errors: { provider: ['is not supported'] } });
    });

    it('a custom identity provider creates the user on first sign-in', async () => {
      await start();
      const before = idp.users.length;
      const first = session(await post(signed(idp, { user: { login: 'idp-erin', password: 'idp-Pass-erin5' } })));
      const allIds = defaultFixtures().apps.flatMap((a) => a.users.map((u) => u.id));
      assert.ok(!allIds.includes(first.user_id), 'a new user id');
      assert.equal(sb.fixtures.apps.find((a) => a.name === 'sandbox-idp')?.users.length, before + 1);
      const again = session(await post(signed(idp, { user: { login: 'idp-erin', password: 'idp-Pass-erin5' } })));
      assert.equal(again.user_id, first.user_id);
      // An identity that already is a user maps to it; logins are checked by the provider only.
      assert.equal(session(await post(signed(idp, { user: { login: 'sandbox-dave', password: 'idp-Pass-dave7' } }))).user_id, 2001);
      assert.deepEqual(json(await post(signed(idp, { user: { login: 'sandbox-dave', password: 'sandbox-Pass-dave4' } }))), UNAUTHORIZED);
      assert.deepEqual(json(await post(signed(idp, { user: { login: 'idp-erin', password: 'wrong' } }))), UNAUTHORIZED);
      // Email sign-in uses the app's own users.
      assert.equal(session(await post(signed(idp, { user: { email: 'dave@idp.sandbox.local', password: 'sandbox-Pass-dave4' } }))).user_id, 2001);
      sb.reset();
      assert.equal(appByName(sb.fixtures, 'sandbox-idp').users.length, before);
    });
  });

  describe('sessions and tokens', () => {
    async function appSession(nowSeconds?: number): Promise<string> {
      return session(await post(signed(demo, {}, nowSeconds === undefined ? {} : { nowSeconds }))).token;
    }

    it('remembers every token it issued, ended and expired ones too, until reset (for the leak audit)', async () => {
      await start();
      const ended = await appSession();
      assert.equal((await withToken('DELETE', '/session.json', ended)).status, 200);
      const live = await appSession();
      sb.setClockOffset(3 * 3600);
      assert.deepEqual(sb.sessions(), [], 'both are gone once the clock passes their expiry');
      assert.deepEqual(
        sb.issuedSessions().map((issued) => issued.token),
        [ended, live],
      );
      sb.reset();
      assert.deepEqual(sb.issuedSessions(), []);
    });

    it('GET and DELETE /session.json', async () => {
      await start();
      const token = await appSession();
      const got = await withToken('GET', '/session.json', token);
      assert.equal(got.status, 200);
      assert.equal((json(got) as SessionBody).session.token, token);
      assert.match(String(got.headers['qb-token-expirationdate']), EXPIRY_FORMAT);
      const del = await withToken('DELETE', '/session.json', token);
      assert.equal(del.status, 200);
      assert.equal(del.text, '');
      for (const reply of [
        await withToken('GET', '/session.json', token),
        await withToken('DELETE', '/session.json', token),
        await call(sb.url, 'GET', '/session.json'),
      ]) {
        assert.equal(reply.status, 401);
        assert.deepEqual(json(reply), NO_SESSION);
      }
      assert.deepEqual(json(await withToken('GET', '/session.json', 'f'.repeat(40))), NO_SESSION);
    });

    it('expires 2 h after the last use, and every use slides the window', async () => {
      let nowMs = Date.UTC(2032, 2, 3, 10, 0, 0);
      await start({ now: () => nowMs });
      const token = await appSession(nowMs / 1000);
      const idle = await appSession(nowMs / 1000);
      nowMs += 2 * 3600_000 - 60_000;
      const kept = await withToken('GET', '/session.json', token);
      assert.equal(kept.status, 200);
      assert.equal(kept.headers['qb-token-expirationdate'], expiryText(nowMs + 2 * 3600_000));
      assert.equal((json(kept) as SessionBody).session.updated_at, new Date(nowMs).toISOString().replace('.000Z', 'Z'));
      nowMs += 2 * 3600_000 - 60_000; // ~4 h after creation, < 2 h after the last use
      assert.equal((await withToken('GET', '/session.json', token)).status, 200);
      assert.deepEqual(json(await withToken('GET', '/session.json', idle)), NO_SESSION, 'the unused session expired');
      nowMs += 2 * 3600_000;
      assert.deepEqual(json(await withToken('GET', '/session.json', token)), NO_SESSION);
    });

    it('a clock offset ages sessions too', async () => {
      await start();
      const token = await appSession();
      sb.setClockOffset(2 * 3600 + 1);
      assert.equal((await withToken('GET', '/session.json', token)).status, 401);
    });

    it('login and logout switch the session between user and application', async () => {
      await start();
      const token = await appSession();
      const wrong = await withToken('POST', '/login.json', token, { json: { login: 'demo-bob', password: 'nope' } });
      assert.equal(wrong.status, 401);
      assert.deepEqual(json(wrong), UNAUTHORIZED);
      const loggedIn = await withToken('POST', '/login.json', token, { json: { login: 'demo-bob', password: 'demo-Pass-bob2' } });
      assert.equal(loggedIn.status, 202);
      const user = (json(loggedIn) as { user: Record<string, unknown> }).user;
      assert.deepEqual(Object.keys(user).sort(), ['created_at', 'email', 'full_name', 'id', 'login', 'updated_at']);
      assert.equal(user.id, 1002);
      assert.match(String(loggedIn.headers['qb-token-expirationdate']), EXPIRY_FORMAT);
      assert.equal((json(await withToken('GET', '/session.json', token)) as SessionBody).session.user_id, 1002);
      const byEmail = await withToken('POST', '/login.json', token, { json: { email: 'alice@demo.sandbox.local', password: 'demo-Pass-alice1' } });
      assert.equal(byEmail.status, 202);
      const out = await withToken('DELETE', '/login.json', token);
      assert.equal(out.status, 200);
      assert.equal(out.text, '');
      assert.equal((json(await withToken('GET', '/session.json', token)) as SessionBody).session.user_id, 0);
      assert.deepEqual(json(await call(sb.url, 'POST', '/login.json', { json: { login: 'demo-bob', password: 'demo-Pass-bob2' } })), NO_SESSION);
    });

    it('writes need a user session: 422 "Forbidden. Need user." by default', async () => {
      await start();
      const appToken = await appSession();
      const forbidden = await withToken('POST', '/chat/Dialog.json', appToken, { json: { name: 'Demo', type: 2 } });
      assert.equal(forbidden.status, 422);
      assert.deepEqual(json(forbidden), NEED_USER);
      assert.match(String(forbidden.headers['qb-token-expirationdate']), EXPIRY_FORMAT);
      const userToken = session(await post(signed(demo, { user: { login: 'demo-alice', password: 'demo-Pass-alice1' } }))).token;
      const created = await withToken('POST', '/chat/Dialog.json', userToken, { json: { name: 'Demo', type: 2 } });
      assert.equal(created.status, 201);
      const dialog = json(created) as { _id: string; name: string; type: number };
      assert.match(dialog._id, /^[0-9a-f]{24}$/);
      assert.equal(dialog.name, 'Demo');
      assert.equal(dialog.type, 2);
      assert.deepEqual(json(await call(sb.url, 'POST', '/chat/Dialog.json', { json: { name: 'x' } })), NO_SESSION);
    });

    it('404 for unknown paths, 405 for a wrong method', async () => {
      await start();
      const missing = await call(sb.url, 'GET', '/users.json');
      assert.equal(missing.status, 404);
      assert.deepEqual(json(missing), { errors: ['Not found'] });
      const wrong = await call(sb.url, 'PUT', '/session.json');
      assert.equal(wrong.status, 405);
      assert.ok(Array.isArray((json(wrong) as { errors: unknown }).errors));
    });

    it('the Date header follows the server clock and its offset', async () => {
      const nowMs = Date.UTC(2030, 0, 1, 0, 0, 0);
      await start({ now: () => nowMs });
      assert.equal((await call(sb.url, 'GET', '/nothing')).headers.date, new Date(nowMs).toUTCString());
      sb.setClockOffset(-5400);
      assert.equal((await call(sb.url, 'GET', '/nothing')).headers.date, 'Mon, 31 Dec 2029 22:30:00 GMT');
      const health = await call(sb.url, 'GET', '/_sandbox/health');
      assert.equal(health.headers.date, 'Mon, 31 Dec 2029 22:30:00 GMT');
    });
  });

  describe('answers as the real service is reported to', () => {
    const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
    const appToken = async (): Promise<string> => session(await post(signed(demo))).token;
    const writeDialog = (token: string): Promise<Reply> => withToken('POST', '/chat/Dialog.json', token, { json: { name: 'Demo', type: 2 } });
    const control = (method: string, urlPath: string, body?: unknown): Promise<Reply> =>
      call(sb.url, method, urlPath, body === undefined ? {} : { json: body });

    describe('wrong user credentials', () => {
      it('create session: a wrong password, login or email gets the same 401 body as a wrong auth key', async () => {
        await start();
        const wrongKey = await post(signed({ ...demo, authKey: 'demo-Key-wrong' }));
        assert.equal(wrongKey.status, 401);
        assert.deepEqual(json(wrongKey), { errors: ['Unauthorized'] });
        const users: P[] = [
          { login: 'demo-alice', password: 'wrong' },
          { login: 'nobody', password: 'demo-Pass-alice1' },
          { email: 'alice@demo.sandbox.local', password: 'wrong' },
          { email: 'nobody@demo.sandbox.local', password: 'demo-Pass-alice1' },
        ];
        for (const user of users) {
          const reply = await post(signed(demo, { user }));
          assert.equal(reply.status, 401, JSON.stringify(user));
          assert.equal(reply.text, wrongKey.text, `byte for byte the application's 401 (${JSON.stringify(user)})`);
        }
      });

      it('create session: a custom identity provider that refuses the login gets the same 401 body', async () => {
        await start();
        for (const user of <P[]>[
          { login: 'idp-erin', password: 'wrong' },
          { login: 'idp-nobody', password: 'idp-Pass-erin5' },
        ]) {
          const reply = await post(signed(idp, { user }));
          assert.equal(reply.status, 401, JSON.stringify(user));
          assert.deepEqual(json(reply), UNAUTHORIZED);
        }
      });

      it('POST /login.json: a wrong password, login or email gets the same 401 body, and the session stays an application session', async () => {
        await start();
        const token = await appToken();
        for (const body of [
          { login: 'demo-bob', password: 'nope' },
          { email: 'bob@demo.sandbox.local', password: 'nope' },
          { user: { login: 'nobody', password: 'demo-Pass-bob2' } },
        ]) {
          const reply = await withToken('POST', '/login.json', token, { json: body });
          assert.equal(reply.status, 401, JSON.stringify(body));
          assert.deepEqual(json(reply), UNAUTHORIZED, JSON.stringify(body));
        }
        assert.equal((json(await withToken('GET', '/session.json', token)) as SessionBody).session.user_id, 0);
      });
    });

    describe('"Forbidden. Need user."', () => {
      it('is 422 by default and 403 with needUserStatus, set in process', async () => {
        await start();
        const token = await appToken();
        assert.equal((await writeDialog(token)).status, 422);
        assert.equal(sb.behaviour().needUserStatus, 422);
        sb.setBehaviour({ needUserStatus: 403 });
        const forbidden = await writeDialog(token);
        assert.equal(forbidden.status, 403);
        assert.deepEqual(json(forbidden), NEED_USER);
        sb.setBehaviour({ needUserStatus: 422 });
        assert.equal((await writeDialog(token)).status, 422);
        sb.setBehaviour({ needUserStatus: 403 });
        sb.reset();
        assert.equal((await writeDialog(await appToken())).status, 422, 'reset() goes back to the default');
      });

      it('starts as 403 when startSandbox says so, over the control API too, and reset() keeps the start value', async () => {
        await start({ behaviour: { needUserStatus: 403 } });
        assert.equal((await writeDialog(await appToken())).status, 403);
        const set = await control('POST', '/_sandbox/behaviour', { needUserStatus: 422 });
        assert.equal(set.status, 200);
        assert.equal((json(set) as { behaviour: { needUserStatus: number } }).behaviour.needUserStatus, 422);
        assert.equal((await writeDialog(await appToken())).status, 422);
        await control('POST', '/_sandbox/reset');
        assert.equal((await writeDialog(await appToken())).status, 403);
      });

      it('a user session still writes, whatever the switch', async () => {
        await start({ behaviour: { needUserStatus: 403 } });
        const userToken = session(await post(signed(demo, { user: { login: 'demo-alice', password: 'demo-Pass-alice1' } }))).token;
        assert.equal((await writeDialog(userToken)).status, 201);
      });
    });

    describe('POST /login.json with a provider', () => {
      it('signs a user in with provider=facebook and keys[token] (and keys[secret] where the token has one)', async () => {
        await start();
        const token = await appToken();
        const alice = await withToken('POST', '/login.json', token, { json: { provider: 'facebook', keys: { token: 'demo-fb-token-alice-0001' } } });
        assert.equal(alice.status, 202);
        assert.equal((json(alice) as { user: { id: number; login: string } }).user.id, 1001);
        assert.match(String(alice.headers['qb-token-expirationdate']), EXPIRY_FORMAT);
        assert.equal((json(await withToken('GET', '/session.json', token)) as SessionBody).session.user_id, 1001);
        const form = 'provider=facebook&keys%5Btoken%5D=demo-fb-token-bob-0002&keys%5Bsecret%5D=demo-fb-secret-bob';
        const bob = await withToken('POST', '/login.json', token, { form });
        assert.equal(bob.status, 202);
        assert.equal((json(bob) as { user: { id: number } }).user.id, 1002);
        assert.equal(sb.sessions().find((s) => s.token === token)?.userId, 1002);
      });

      it('signs a user in with provider=firebase_phone, firebase_phone[project_id] and firebase_phone[access_token]', async () => {
        await start();
        const token = await appToken();
        const body = { provider: 'firebase_phone', firebase_phone: { project_id: 'demo-sandbox-firebase', access_token: 'demo-firebase-token-carol' } };
        const carol = await withToken('POST', '/login.json', token, { json: body });
        assert.equal(carol.status, 202, carol.text);
        assert.deepEqual(Object.keys((json(carol) as { user: object }).user).sort(), ['created_at', 'email', 'full_name', 'id', 'login', 'updated_at']);
        assert.equal((json(carol) as { user: { id: number } }).user.id, 1003);
        const flat = {
          provider: 'firebase_phone',
          'firebase_phone[project_id]': 'demo-sandbox-firebase',
          'firebase_phone[access_token]': 'demo-firebase-token-alice',
        };
        assert.equal((json(await withToken('POST', '/login.json', token, { json: flat })) as { user: { id: number } }).user.id, 1001);
        assert.equal((json(await withToken('GET', '/session.json', token)) as SessionBody).session.user_id, 1001);
      });

      it('answers unknown provider tokens with the same 401 body as a wrong password', async () => {
        await start();
        const token = await appToken();
        const wrongPassword = await withToken('POST', '/login.json', token, { json: { login: 'demo-alice', password: 'nope' } });
        const bodies: unknown[] = [
          { provider: 'facebook', keys: { token: 'demo-fb-token-unknown' } },
          { provider: 'facebook', keys: { token: 'demo-fb-token-bob-0002', secret: 'wrong' } },
          { provider: 'firebase_phone', firebase_phone: { project_id: 'demo-sandbox-firebase', access_token: 'unknown' } },
          { provider: 'firebase_phone', firebase_phone: { project_id: 'other-project', access_token: 'demo-firebase-token-carol' } },
        ];
        for (const body of bodies) {
          const reply = await withToken('POST', '/login.json', token, { json: body });
          assert.equal(reply.status, 401, JSON.stringify(body));
          assert.equal(reply.text, wrongPassword.text, JSON.stringify(body));
        }
        assert.equal(sb.sessions()[0].userId, 0, 'still an application session');
      });

      it('answers incomplete or mixed provider bodies with 422', async () => {
        await start();
        const token = await appToken();
        const cases: [unknown, unknown][] = [
          [{ provider: 'facebook' }, { errors: { keys: ['token is missing'] } }],
          [
            { provider: 'firebase_phone', firebase_phone: { project_id: 'demo-sandbox-firebase' } },
            { errors: { firebase_phone: ['access_token is missing'] } },
          ],
          [{ keys: { token: 'demo-fb-token-alice-0001' } }, { errors: { provider: ['is missing'] } }],
          [{ provider: 'twitter', keys: { token: 't' } }, { errors: { provider: ['is not supported'] } }],
          [
            { provider: 'facebook', keys: { token: 'demo-fb-token-alice-0001' }, login: 'demo-alice', password: 'demo-Pass-alice1' },
            { errors: { base: ['Give either user credentials or provider, not both'] } },
          ],
        ];
        for (const [body, expected] of cases) {
          const reply = await withToken('POST', '/login.json', token, { json: body });
          assert.equal(reply.status, 422, JSON.stringify(body));
          assert.deepEqual(json(reply), expected);
        }
      });
    });

    describe('JWT-shaped tokens', () => {
      it('tokenFormat "jwt" issues three base64url parts, several hundred characters, that work like any token', async () => {
        await start();
        sb.setBehaviour({ tokenFormat: 'jwt' });
        const created = session(await post(signed(demo)));
        assert.match(created.token, JWT_SHAPE);
        assert.match(created.token, /^[A-Za-z0-9._-]+$/);
        assert.ok(created.token.length >= 300 && created.token.length <= 1000, `length ${created.token.length}`);
        const header = JSON.parse(Buffer.from(created.token.split('.')[0], 'base64url').toString('utf8')) as { typ: string; alg: string };
        assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
        assert.equal(sb.sessions()[0].token, created.token);
        const got = await withToken('GET', '/session.json', created.token);
        assert.equal(got.status, 200);
        assert.equal((json(got) as SessionBody).session.token, created.token);
        assert.equal((await withToken('POST', '/login.json', created.token, { json: { login: 'demo-bob', password: 'demo-Pass-bob2' } })).status, 202);
        assert.equal((await writeDialog(created.token)).status, 201);
        assert.equal((await withToken('DELETE', '/session.json', created.token)).status, 200);
        assert.deepEqual(json(await withToken('GET', '/session.json', created.token)), NO_SESSION);
      });

      it('every JWT is distinct, and "hex" (the default) comes back after a switch or a reset', async () => {
        await start({ behaviour: { tokenFormat: 'jwt' } });
        const tokens = new Set<string>();
        for (let i = 0; i < 5; i++) tokens.add(session(await post(signed(demo))).token);
        assert.equal(tokens.size, 5);
        for (const token of tokens) assert.match(token, JWT_SHAPE);
        const jwt = [...tokens][0];
        sb.setBehaviour({ tokenFormat: 'hex' });
        assert.match(session(await post(signed(demo))).token, /^[0-9a-f]{40}$/);
        assert.equal((await withToken('GET', '/session.json', jwt)).status, 200, 'a JWT issued earlier keeps working');
        await sb.close();
        await start();
        assert.match(session(await post(signed(demo))).token, /^[0-9a-f]{40}$/, 'the default');
      });
    });

    describe('drifted session shapes', () => {
      const KEYS = ['application_id', 'created_at', 'id', 'nonce', 'token', 'ts', 'updated_at', 'user_id', '_id'];

      it('the default is the documented nine fields with _id as the numeric id', async () => {
        await start();
        const s = session(await post(signed(demo)));
        assert.deepEqual(Object.keys(s), KEYS);
        assert.equal(s._id, String(s.id));
      });

      it('no _id', async () => {
        await start({ behaviour: { sessionShape: { id: 'absent' } } });
        const reply = await post(signed(demo));
        const s = session(reply);
        assert.deepEqual(
          Object.keys(s),
          KEYS.filter((k) => k !== '_id'),
        );
        assert.deepEqual(
          Object.keys((json(await withToken('GET', '/session.json', s.token)) as SessionBody).session),
          KEYS.filter((k) => k !== '_id'),
        );
      });

      it('_id as a 24-hex Mongo ObjectId, stable for the session, its first 4 bytes the creation time', async () => {
        const nowMs = Date.UTC(2031, 4, 6, 7, 8, 9);
        await start({ now: () => nowMs });
        sb.setBehaviour({ sessionShape: { id: 'object_id' } });
        const s = session(await post(signed(demo, {}, { nowSeconds: nowMs / 1000 })));
        assert.match(s._id, /^[0-9a-f]{24}$/);
        assert.equal(parseInt(s._id.slice(0, 8), 16), nowMs / 1000);
        assert.equal((json(await withToken('GET', '/session.json', s.token)) as SessionBody).session._id, s._id);
        assert.notEqual(session(await post(signed(demo, {}, { nowSeconds: nowMs / 1000 })))._id, s._id);
      });

      it('an extra device_id field', async () => {
        await start();
        sb.setBehaviour({ sessionShape: { deviceId: true } });
        const s = session(await post(signed(demo))) as SessionBody['session'] & { device_id?: unknown };
        assert.deepEqual(Object.keys(s), [...KEYS, 'device_id']);
        assert.equal(typeof s.device_id, 'number');
      });

      it('fields left out, down to the token alone, combined with the other switches', async () => {
        await start();
        const allButToken = KEYS.filter((k) => k !== 'token');
        sb.setBehaviour({ tokenFormat: 'jwt', sessionShape: { omit: allButToken as never } });
        const reply = await post(signed(demo, { user: { login: 'demo-alice', password: 'demo-Pass-alice1' } }));
        assert.equal(reply.status, 201);
        const s = (json(reply) as { session: Record<string, unknown> }).session;
        assert.deepEqual(Object.keys(s), ['token']);
        assert.match(String(s.token), JWT_SHAPE);
        assert.match(String(reply.headers['qb-token-expirationdate']), EXPIRY_FORMAT);
        assert.deepEqual(
          sb.sessions().map((x) => x.userId),
          [1001],
          'the sandbox still knows the whole session',
        );
        sb.setBehaviour({ sessionShape: { omit: ['user_id', 'created_at'], deviceId: true, id: 'object_id' } });
        const got = (json(await withToken('GET', '/session.json', String(s.token))) as { session: Record<string, unknown> }).session;
        assert.deepEqual(Object.keys(got), ['application_id', 'id', 'nonce', 'token', 'ts', 'updated_at', '_id', 'device_id']);
      });

      it('a new sessionShape replaces the old one whole; reset() brings back the documented shape', async () => {
        await start();
        sb.setBehaviour({ sessionShape: { id: 'absent', deviceId: true } });
        sb.setBehaviour({ sessionShape: { deviceId: true } });
        assert.deepEqual(sb.behaviour().sessionShape, { id: 'numeric_string', deviceId: true, omit: [] });
        sb.reset();
        assert.deepEqual(Object.keys(session(await post(signed(demo)))), KEYS);
      });
    });

    describe('behaviour switches over the control API', () => {
      it('GET shows them, POST changes any subset, invalid values get 400 and change nothing', async () => {
        await start();
        const shown = await control('GET', '/_sandbox/behaviour');
        assert.equal(shown.status, 200);
        assert.deepEqual(json(shown), {
          behaviour: {
            needUserStatus: 422,
            tokenFormat: 'hex',
            sessionShape: { id: 'numeric_string', deviceId: false, omit: [] },
            apiEndpoint: null,
            chatEndpoint: 'chat.sandbox.local',
          },
        });
        const set = await control('POST', '/_sandbox/behaviour', { tokenFormat: 'jwt', sessionShape: { id: 'object_id', deviceId: true, omit: ['nonce'] } });
        assert.equal(set.status, 200);
        const s = session(await post(signed(demo))) as Record<string, unknown> & SessionBody['session'];
        assert.match(s.token, JWT_SHAPE);
        assert.match(s._id, /^[0-9a-f]{24}$/);
        assert.ok('device_id' in s && !('nonce' in s));
        const bad: unknown[] = [
          { needUserStatus: 401 },
          { tokenFormat: 'uuid' },
          { sessionShape: { omit: ['token'] } },
          { sessionShape: { omit: ['password'] } },
          { sessionShape: { id: 'number' } },
          { sessionShape: { deviceId: 'yes' } },
          { apiEndpoint: '' },
          { retryAfter: 2 },
          [],
        ];
        for (const body of bad) {
          const reply = await control('POST', '/_sandbox/behaviour', body);
          assert.equal(reply.status, 400, JSON.stringify(body));
          assert.ok((json(reply) as { errors: { base: string[] } }).errors.base[0], reply.text);
        }
        assert.equal((await call(sb.url, 'POST', '/_sandbox/behaviour', { raw: '{', headers: { 'Content-Type': 'application/json' } })).status, 400);
        assert.equal(
          (json(await control('GET', '/_sandbox/behaviour')) as { behaviour: { tokenFormat: string } }).behaviour.tokenFormat,
          'jwt',
          'unchanged by the refusals',
        );
        assert.equal((await control('DELETE', '/_sandbox/behaviour')).status, 405);
        assert.ok(
          sb.requests.every((r) => !r.path.startsWith('/_sandbox')),
          'never recorded',
        );
      });

      it('in process: invalid values throw, including at start', async () => {
        await start();
        assert.throws(() => sb.setBehaviour({ needUserStatus: 500 } as never), /needUserStatus/);
        assert.throws(() => sb.setBehaviour({ sessionShape: { omit: ['token'] } } as never), /token/);
        await assert.rejects(startSandbox({ port: 0, behaviour: { tokenFormat: 'base64' } as never }), /tokenFormat/);
        assert.equal(sb.behaviour().needUserStatus, 422);
      });
    });

    describe('GET /account_settings.json', () => {
      it('answers {api_endpoint, chat_endpoint} for the fixture account key, the API being the sandbox itself by default', async () => {
        await start();
        for (const app of [demo, idp]) {
          const ok = await call(sb.url, 'GET', '/account_settings.json', { headers: { 'QB-Account-Key': app.accountKey } });
          assert.equal(ok.status, 200);
          assert.deepEqual(json(ok), { api_endpoint: sb.url, chat_endpoint: 'chat.sandbox.local' });
        }
      });

      it('says whether the key was missing or unknown', async () => {
        await start();
        const missing = await call(sb.url, 'GET', '/account_settings.json');
        assert.equal(missing.status, 401);
        assert.deepEqual(json(missing), { errors: { 'QB-Account-Key': ['is missing'] } });
        const blank = await call(sb.url, 'GET', '/account_settings.json', { headers: { 'QB-Account-Key': '   ' } });
        assert.deepEqual(json(blank), { errors: { 'QB-Account-Key': ['is missing'] } });
        for (const key of ['demo-account-key-wrong', demo.authKey, `${demo.accountKey}x`]) {
          const wrong = await call(sb.url, 'GET', '/account_settings.json', { headers: { 'QB-Account-Key': key } });
          assert.equal(wrong.status, 401, key);
          assert.deepEqual(json(wrong), { errors: { 'QB-Account-Key': ['is not a known account key'] } });
        }
      });

      it('api_endpoint and chat_endpoint can be set at start, in process and over the control API; null means the sandbox again', async () => {
        const headers = { 'QB-Account-Key': 'demo-account-key-2f8a' };
        await start({ behaviour: { apiEndpoint: 'https://api.dedicated.example' } });
        const endpoints = async (): Promise<unknown> => json(await call(sb.url, 'GET', '/account_settings.json', { headers }));
        assert.deepEqual(await endpoints(), { api_endpoint: 'https://api.dedicated.example', chat_endpoint: 'chat.sandbox.local' });
        sb.setBehaviour({ apiEndpoint: `${sb.url}/`, chatEndpoint: 'chat.dedicated.example' });
        assert.deepEqual(await endpoints(), { api_endpoint: `${sb.url}/`, chat_endpoint: 'chat.dedicated.example' });
        assert.equal((await control('POST', '/_sandbox/behaviour', { apiEndpoint: null })).status, 200);
        assert.deepEqual(await endpoints(), { api_endpoint: sb.url, chat_endpoint: 'chat.dedicated.example' });
        await control('POST', '/_sandbox/reset');
        assert.deepEqual(await endpoints(), { api_endpoint: 'https://api.dedicated.example', chat_endpoint: 'chat.sandbox.local' });
      });
    });

    describe('429', () => {
      it('has no Retry-After unless the fault adds one, in process or over HTTP', async () => {
        await start();
        sb.addFault({ type: 'rate_limit', times: 2 });
        for (let i = 0; i < 2; i++) {
          const reply = await post(signed(demo));
          assert.equal(reply.status, 429);
          assert.ok(!('retry-after' in reply.headers), 'no Retry-After header at all');
        }
        await control('POST', '/_sandbox/faults', [
          { type: 'rate_limit', retryAfter: 3 },
          { type: 'rate_limit', retryAfter: 'Wed, 21 Oct 2037 07:28:00 GMT' },
          { type: 'rate_limit' },
        ]);
        assert.equal((await post(signed(demo))).headers['retry-after'], '3');
        assert.equal((await post(signed(demo))).headers['retry-after'], 'Wed, 21 Oct 2037 07:28:00 GMT');
        assert.equal((await post(signed(demo))).headers['retry-after'], undefined);
        assert.equal((await post(signed(demo))).status, 201);
      });
    });
  });

  describe('faults', () => {
    it('delay answers late but correctly', async () => {
      await start();
      sb.addFault({ type: 'delay', ms: 300 });
      const started = Date.now();
      const s = session(await post(signed(demo)));
      assert.ok(Date.now() - started >= 280, 'delayed');
      assert.match(s.token, /^[0-9a-f]{40}$/);
    });

    it('status, with a default and a custom body', async () => {
      await start();
      sb.addFault({ type: 'status', status: 418 });
      const plain = await post(signed(demo));
      assert.equal(plain.status, 418);
      assert.deepEqual(json(plain), { errors: ["I'm a Teapot"] });
      sb.addFault({ type: 'status', status: 401, body: { errors: { base: ['Custom'] } }, headers: { 'X-Demo': 'yes' } });
      const custom = await post(signed(demo));
      assert.equal(custom.status, 401);
      assert.equal(custom.headers['x-demo'], 'yes');
      assert.deepEqual(json(custom), { errors: { base: ['Custom'] } });
      assert.equal((await post(signed(demo))).status, 201, 'used up');
    });

    it('rate_limit, server_error, unavailable', async () => {
      await start();
      sb.addFault({ type: 'rate_limit' });
      sb.addFault({ type: 'rate_limit', retryAfter: 7 });
      sb.addFault({ type: 'server_error' });
      sb.addFault({ type: 'unavailable', retryAfter: 30 });
      sb.addFault({ type: 'unavailable' });
      const r1 = await post(signed(demo));
      assert.equal(r1.status, 429);
      assert.equal(r1.headers['retry-after'], undefined, 'Retry-After is not documented: none unless the fault adds one');
      assert.match(String(r1.headers['content-type']), /^application\/json/);
      assert.deepEqual(json(r1), { errors: ['Too Many Requests'] });
      const r2 = await post(signed(demo));
      assert.equal(r2.status, 429);
      assert.equal(r2.headers['retry-after'], '7');
      const r3 = await post(signed(demo));
      assert.equal(r3.status, 500);
      assert.deepEqual(json(r3), { errors: ['Internal Server Error'] });
      const r4 = await post(signed(demo));
      assert.equal(r4.status, 503);
      assert.equal(r4.headers['retry-after'], '30');
      const r5 = await post(signed(demo));
      assert.equal(r5.status, 503);
      assert.equal(r5.headers['retry-after'], undefined);
    });

    it('html_502 is a gateway HTML page', async () => {
      await start();
      sb.addFault({ type: 'html_502' });
      const reply = await post(signed(demo));
      assert.equal(reply.status, 502);
      assert.match(String(reply.headers['content-type']), /^text\/html/);
      assert.match(reply.text, /<title>502 Bad Gateway<\/title>/);
    });

    it('truncated_json is complete on the wire but invalid JSON', async () => {
      await start();
      sb.addFault({ type: 'truncated_json' });
      const reply = await post(signed(demo));
      assert.equal(reply.status, 201);
      assert.match(String(reply.headers['content-type']), /^application\/json/);
      assert.equal(Number(reply.headers['content-length']), reply.bytes);
      assert.ok(reply.text.startsWith('{"session":{'));
      assert.throws(() => JSON.parse(reply.text), SyntaxError);
    });

    it('oversized streams more than 1 MiB, chunked, and survives a client that gives up', async () => {
      await start();
      sb.addFault({ type: 'oversized' });
      const reply = await post(signed(demo));
      assert.equal(reply.status, 201);
      assert.equal(reply.headers['content-length'], undefined);
      assert.equal(reply.headers['transfer-encoding'], 'chunked');
      assert.equal(reply.bytes, 2 * 1024 * 1024);
      assert.ok((json(reply) as { session: { token: string } }).session.token, 'still valid JSON');
      sb.addFault({ type: 'oversized', bytes: 8 * 1024 * 1024 });
      const cut = await call(sb.url, 'POST', '/session.json', { json: signed(demo), maxBytes: 1024 * 1024 });
      assert.ok(cut.bytes > 1024 * 1024);
      assert.equal((await call(sb.url, 'GET', '/_sandbox/health')).status, 200);
    });

    it('reset cuts the connection mid-body', async () => {
      await start();
      sb.addFault({ type: 'reset' });
      let sawHeaders = false;
      const err = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
        const req = http.request(`${sb.url}/session.json`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } }, (res) => {
          sawHeaders = true;
          res.on('data', () => undefined);
          res.on('error', resolve);
          res.on('end', () => reject(new Error('body ended normally')));
        });
        req.on('error', resolve);
        req.end(JSON.stringify(signed(demo)));
      });
      assert.ok(sawHeaders, 'status line and headers arrived');
      assert.equal(err.code, 'ECONNRESET');
      assert.equal((await post(signed(demo))).status, 201);
    });

    it('hang never answers, and close() ends it', async () => {
      await start();
      sb.addFault({ type: 'hang' });
      const pending = post(signed(demo)).then(
        () => 'answered',
        (err: NodeJS.ErrnoException) => err.code ?? 'error',
      );
      await waitFor(() => sb.requests.length === 1);
      const race = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('waiting'), 200))]);
      assert.equal(race, 'waiting');
      await sb.close();
      assert.equal(await pending, 'ECONNRESET');
    });

    it('matches in order, by method and path, for `times` requests', async () => {
      await start();
      sb.addFault({ type: 'server_error', method: 'get', path: '/session.json', times: 2 });
      sb.addFault({ type: 'rate_limit', path: '/session.json', times: Infinity });
      sb.addFault({ type: 'html_502' });
      assert.equal((await call(sb.url, 'GET', '/session.json')).status, 500);
      assert.equal((await call(sb.url, 'GET', '/account_settings.json')).status, 502, 'only the catch-all matches');
      assert.equal((await call(sb.url, 'GET', '/session.json')).status, 500);
      for (let i = 0; i < 5; i++) assert.equal((await post(signed(demo))).status, 429);
      assert.equal((await call(sb.url, 'GET', '/session.json')).status, 429);
      sb.clearFaults();
      assert.equal((await post(signed(demo))).status, 201);
      assert.throws(() => sb.addFault({ type: 'nope' } as unknown as Parameters<Sandbox['addFault']>[0]));
    });
  });

  describe('control API', () => {
    it('health, faults, clock, requests and reset over HTTP', async () => {
      const nowMs = Date.UTC(2033, 3, 4, 5, 6, 7);
      await start({ now: () => nowMs });
      const health = await call(sb.url, 'GET', '/_sandbox/health');
      assert.equal(health.status, 200);
      assert.deepEqual(json(health), { ok: true });

      const added = await call(sb.url, 'POST', '/_sandbox/faults', {
        json: [{ type: 'rate_limit', times: 'Infinity', path: '/session.json' }, { type: 'server_error' }],
      });
      assert.equal(added.status, 201);
      for (let i = 0; i < 3; i++) assert.equal((await post(signed(demo, {}, { nowSeconds: nowMs / 1000 }))).status, 429);
      assert.equal((await call(sb.url, 'GET', '/_sandbox/health')).status, 200, 'control requests are never faulted');
      assert.equal((await call(sb.url, 'GET', '/account_settings.json')).status, 500);
      assert.equal((await call(sb.url, 'DELETE', '/_sandbox/faults')).status, 200);
      const token = session(await post(signed(demo, {}, { nowSeconds: nowMs / 1000 }))).token;

      const bad = await call(sb.url, 'POST', '/_sandbox/faults', { json: { type: 'bogus' } });
      assert.equal(bad.status, 400);
      assert.equal((await call(sb.url, 'POST', '/_sandbox/faults', { raw: '{', headers: { 'Content-Type': 'application/json' } })).status, 400);

      const clock = await call(sb.url, 'POST', '/_sandbox/clock', { json: { offsetSeconds: 3 * 3600 } });
      assert.equal(clock.status, 200);
      assert.equal(clock.headers.date, new Date(nowMs + 3 * 3600_000).toUTCString());
      assert.deepEqual(json(await withToken('GET', '/session.json', token)), NO_SESSION, 'the offset aged the session');
      assert.equal((await call(sb.url, 'POST', '/_sandbox/clock', { json: { offsetSeconds: 'soon' } })).status, 400);

      const log = json(await call(sb.url, 'GET', '/_sandbox/requests')) as {
        method: string;
        path: string;
        headers: Record<string, string>;
        body: Record<string, unknown>;
      }[];
      assert.ok(
        log.every((r) => !r.path.startsWith('/_sandbox')),
        'control requests are not recorded',
      );
      assert.equal(log.length, sb.requests.length);
      const last = log[log.length - 1];
      assert.deepEqual([last.method, last.path], ['GET', '/session.json']);
      assert.equal(last.headers['qb-token'], token);
      assert.equal(log.filter((r) => r.path === '/session.json' && r.method === 'POST')[0].body.application_id, String(demo.applicationId));

      assert.equal((await call(sb.url, 'POST', '/_sandbox/reset')).status, 200);
      assert.equal(sb.requests.length, 0);
      assert.equal((await call(sb.url, 'GET', '/nothing')).headers.date, new Date(nowMs).toUTCString(), 'offset back to 0');
      assert.equal((await call(sb.url, 'GET', '/_sandbox/nothing')).status, 404);
    });

    it('lists the live sessions with their tokens, in process and over GET /_sandbox/sessions', async () => {
      let nowMs = Date.UTC(2034, 5, 6, 7, 8, 9);
      await start({ now: () => nowMs });
      const listed = async (): Promise<unknown> => json(await call(sb.url, 'GET', '/_sandbox/sessions'));
      assert.deepEqual(sb.sessions(), []);
      assert.deepEqual(await listed(), []);

      const app = session(await post(signed(demo, {}, { nowSeconds: nowMs / 1000 })));
      const alice = session(await post(signed(demo, { user: { login: 'demo-alice', password: 'demo-Pass-alice1' } }, { nowSeconds: nowMs / 1000 })));
      const issued = sb.sessions();
      assert.deepEqual(
        issued.map((s) => [s.token, s.applicationId, s.userId, s.id]),
        [
          [app.token, demo.applicationId, 0, app.id],
          [alice.token, demo.applicationId, 1001, alice.id],
        ],
      );
      assert.equal(issued[0].createdAt, new Date(nowMs).toISOString().replace('.000Z', 'Z'));
      assert.equal(issued[0].expiresAt, new Date(nowMs + 2 * 3600_000).toISOString().replace('.000Z', 'Z'));
      assert.deepEqual(await listed(), issued, 'the control route returns what sessions() does');
      assert.ok(
        sb.requests.every((r) => !r.path.startsWith('/_sandbox')),
        'listing is a control request, never recorded',
      );

      assert.equal((await withToken('DELETE', '/session.json', app.token)).status, 200);
      assert.deepEqual(
        sb.sessions().map((s) => s.token),
        [alice.token],
        'a destroyed session is gone',
      );
      nowMs += 2 * 3600_000;
      assert.deepEqual(sb.sessions(), [], 'an expired session is not listed');
      assert.deepEqual(await listed(), []);
      assert.equal((await call(sb.url, 'POST', '/_sandbox/sessions')).status, 405);
    });

    it('keeps the last 200 requests', async () => {
      await start();
      for (let i = 0; i < 205; i++) await call(sb.url, 'GET', `/n${i}`);
      assert.equal(sb.requests.length, 200);
      assert.equal(sb.requests[0].path, '/n5');
    });
  });

  describe('robustness', () => {
    it('answers 413 to a body over 1 MiB and keeps serving', async () => {
      await start();
      const huge = JSON.stringify({ application_id: 'x'.repeat(1024 * 1024 + 10) });
      const reply = await call(sb.url, 'POST', '/session.json', { raw: huge, headers: { 'Content-Type': 'application/json' } });
      assert.equal(reply.status, 413);
      assert.equal((await post(signed(demo))).status, 201);
    });

    it('survives garbage on the socket and odd headers', async () => {
      await start();
      const garbage = await new Promise<string>((resolve) => {
        const socket = net.connect(sb.port, '127.0.0.1', () => socket.write('GARBAGE \u0000\r\n\r\n'));
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', () => resolve(text));
      });
      assert.match(garbage, /^HTTP\/1\.1 400/);
      const odd = await call(sb.url, 'POST', '/session.json', {
        raw: 'user[login]=a&user=b&%E0%A4%A=1',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=whatever', 'QB-Token': '   ', 'X-Weird': '\t odd ; value ,,' },
      });
      assert.equal(odd.status, 400);
      const proto = await call(sb.url, 'POST', '/session.json', {
        raw: '{"__proto__":{"x":1},"constructor":{"prototype":{}}}',
        headers: { 'Content-Type': 'application/json' },
      });
      assert.equal(proto.status, 400);
      const oddTarget = await new Promise<string>((resolve) => {
        const socket = net.connect(sb.port, '127.0.0.1', () => socket.write('GET //%zz?x=% HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('close', () => resolve(text));
      });
      assert.match(oddTarget, /^HTTP\/1\.1 404/);
      assert.equal((await call(sb.url, 'GET', '/_sandbox/health')).status, 200);
    });

    it('serves https when given a key and certificate', async () => {
      const tls = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls');
      await start({ tls: { key: fs.readFileSync(path.join(tls, 'self-signed.key')), cert: fs.readFileSync(path.join(tls, 'self-signed.crt')) } });
      assert.match(sb.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const reply = await call(sb.url, 'POST', '/session.json', { json: signed(demo), insecure: true });
      assert.equal(session(reply).application_id, demo.applicationId);
    });
  });

  describe('CLI', () => {
    const mainJs = path.join(__dirname, '..', 'sandbox', 'main.js');

    interface Cli {
      output: () => string;
      stop: () => void;
      done: Promise<number | null>;
    }

    /** Starts main.js and resolves once its output matches `until` (or it exits). */
    function runCli(args: string[], until: RegExp): Promise<Cli> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [mainJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QB_SANDBOX_PORT: '' } });
        let output = '';
        const done = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
        const cli: Cli = { output: () => output, stop: () => child.kill('SIGTERM'), done };
        const onData = (d: Buffer): void => {
          output += d.toString();
          if (until.test(output)) resolve(cli);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('error', reject);
        void done.then(() => resolve(cli));
      });
    }

    it('prints the URL and demo credentials, logs requests, stops on SIGTERM with 0', async () => {
      const cli = await runCli(['--port', '0'], /Ctrl\+C/);
      const banner = cli.output();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      assert.ok(url, banner);
      for (const text of ['4242', 'demo-Key-7qW3ePx', 'demo-Secret-K9r2mTz', 'demo-account-key-2f8a', 'demo-alice', '5151', '/_sandbox/faults']) {
        assert.ok(banner.includes(text), text);
      }
      await call(url, 'GET', '/session.json?token=query-secret', { headers: { 'QB-Token': 'header-secret-token' } });
      await waitFor(() => /GET \/session\.json 401 \d+ms/.test(cli.output()));
      assert.ok(!/secret-token|query-secret/.test(cli.output()), 'no tokens in the log');
      cli.stop();
      assert.equal(await cli.done, 0);
    });

    it('exits 1 naming --port when the port is taken', async () => {
      await start();
      const cli = await runCli(['--port', String(sb.port)], /--port/);
      assert.match(cli.output(), /already in use/);
      assert.equal(await cli.done, 1);
    });
  });
});
