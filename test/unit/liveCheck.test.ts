/**
 * `npm run test:live` (scripts/live-check.ts) as a person runs it: without its variables it says
 * how to run it and exits 0; with them it runs its checks, here against a loopback stand-in for
 * QuickBlox, and never prints the values it was given.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { startLoopbackServer, type Asked, type Reply } from '../harness/loopbackServer';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'live-check.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the script with no QB_LIVE_* variable but those given. */
function runLiveCheck(variables: Record<string, string>): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('QB_LIVE_')) env[name] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT], { env: { ...env, ...variables }, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const LIVE = {
  QB_LIVE_APP_ID: '918273',
  QB_LIVE_AUTH_KEY: 'live-Key-Zx81Qw',
  QB_LIVE_AUTH_SECRET: 'live-Secret-Pq72Lm',
  QB_LIVE_USER_LOGIN: 'live-login-carol',
  QB_LIVE_USER_PASSWORD: 'live-Pass-Word-99',
};

/** A stand-in for QuickBlox that keeps sessions and knows one user. */
function standIn(): (asked: Asked) => Reply {
  const sessions = new Map<string, number>();
  const session = (token: string): Reply['body'] =>
    JSON.stringify({
      session: {
        _id: 'abc',
        application_id: Number(LIVE.QB_LIVE_APP_ID),
        id: 5,
        nonce: 1,
        token,
        ts: 1,
        user_id: sessions.get(token),
        device_id: 'x',
        jwt_kind: 'test',
      },
    });
  const newToken = (userId: number): string => {
    const token = randomBytes(20).toString('hex');
    sessions.set(token, userId);
    return token;
  };
  return (asked) => {
    const token = String(asked.headers['qb-token'] ?? '');
    const body = asked.body ? (JSON.parse(asked.body) as Record<string, unknown>) : {};
    const user = (body.user ?? body) as { login?: string; password?: string };
    const rightUser = user.login === LIVE.QB_LIVE_USER_LOGIN && user.password === LIVE.QB_LIVE_USER_PASSWORD;
    const gone: Reply = { status: 401, body: '{"errors":{"base":["Required session does not exist"]}}' };
    const unauthorized: Reply = { status: 401, reason: 'Unauthorized', body: '{"errors":["Unauthorized"]}' };
    if (asked.path === '/session.json' && asked.method === 'POST') {
      if (body.application_id !== LIVE.QB_LIVE_APP_ID || body.auth_key !== LIVE.QB_LIVE_AUTH_KEY) return unauthorized;
      if (body.user && !rightUser) return unauthorized;
      return { status: 201, body: session(newToken(body.user ? 42 : 0)) };
    }
    if (!sessions.has(token)) return gone;
    if (asked.path === '/session.json' && asked.method === 'GET') return { status: 200, body: session(token) };
    if (asked.path === '/session.json' && asked.method === 'DELETE') {
      sessions.delete(token);
      return { status: 200, body: '' };
    }
    if (asked.path === '/login.json' && asked.method === 'POST') {
      if (!rightUser) return unauthorized;
      sessions.set(token, 42);
      return { status: 202, body: JSON.stringify({ user: { id: 42, login: LIVE.QB_LIVE_USER_LOGIN } }) };
    }
    return { status: 404, body: '{"errors":["Not found"]}' };
  };
}

describe('npm run test:live', function () {
  this.timeout(30_000);

  it('without its variables: one line saying how to run it, exit 0', async () => {
    const partial: Array<Record<string, string>> = [
      {},
      { QB_LIVE_APP_ID: LIVE.QB_LIVE_APP_ID, QB_LIVE_AUTH_KEY: LIVE.QB_LIVE_AUTH_KEY },
      { ...LIVE, QB_LIVE_AUTH_SECRET: ' ' },
    ];
    for (const variables of partial) {
      const run = await runLiveCheck(variables);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
      const lines = run.stdout.split('\n').filter((line) => line !== '');
      assert.equal(lines.length, 1, run.stdout);
      assert.match(lines[0], /^live: not run: set QB_LIVE_APP_ID, QB_LIVE_AUTH_KEY and QB_LIVE_AUTH_SECRET .*npm run test:live/);
      for (const value of Object.values(variables)) if (value.trim()) assert.ok(!run.stdout.includes(value), 'a given value is never printed');
    }
  });

  it('with them: runs every check, prints the 401 body and the summary, never a given value', async () => {
    const server = await startLoopbackServer(standIn());
    try {
      const run = await runLiveCheck({ ...LIVE, QB_LIVE_ENDPOINT: server.url });
      const output = run.stdout + run.stderr;
      assert.equal(run.code, 0, output);
      assert.match(run.stdout, /✓ create an application session .*fields read: .*user_id.*fields not in the reference: jwt_kind/);
      assert.match(run.stdout, /✓ the destroyed token is refused as "Required session does not exist"/);
      assert.match(run.stdout, /✓ a wrong password is refused with 401 .*body "\{\\"errors\\":\[\\"Unauthorized\\"\]\}" \(the documented/);
      assert.match(run.stdout, /✓ create a user session/);
      assert.match(run.stdout, /✓ sign the user in to an application session \(POST \/login\.json\)/);
      assert.match(run.stdout, /\nlive: 8 passed, 0 failed\n$/);
      for (const value of [...Object.values(LIVE), server.url, new URL(server.url).host]) {
        assert.ok(!output.includes(value), `${value.slice(0, 4)}… was printed`);
      }
      assert.ok(server.requests.length >= 10);
    } finally {
      await server.close();
    }
  });

  it('a failing check is counted, and the exit code says so', async () => {
    const server = await startLoopbackServer(() => ({ status: 401, reason: 'Unauthorized', body: '{"errors":["Unauthorized"]}' }));
    try {
      const run = await runLiveCheck({
        QB_LIVE_APP_ID: LIVE.QB_LIVE_APP_ID,
        QB_LIVE_AUTH_KEY: LIVE.QB_LIVE_AUTH_KEY,
        QB_LIVE_AUTH_SECRET: LIVE.QB_LIVE_AUTH_SECRET,
        QB_LIVE_ENDPOINT: server.url,
      });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /✗ create an application session .*unauthorized 401/);
      assert.match(run.stdout, /\nlive: 1 passed, 4 failed\n$/);
      assert.ok(!run.stdout.includes(LIVE.QB_LIVE_AUTH_KEY) && !run.stdout.includes(LIVE.QB_LIVE_APP_ID));
    } finally {
      await server.close();
    }
  });
});
