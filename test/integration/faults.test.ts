/**
 * Faults in the real extension host: for each way a request can go wrong, "Create Session"
 * resolves to undefined without throwing, says what happened in one sentence, stores no session
 * and changes no profile or secret, leaves no unhandled rejection, and the next session works.
 *
 * The outcome of each case makes the figure "faults survived: N / M", printed to the extension
 * host's console (browser-console.log) and written to ${QB_FIGURES_DIR}/faults.json when set.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createSession, isQuickBloxError, describeEndpointHost } from '../../src/core';
import type { TestApi } from '../../src/extension';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { startSandbox, type FaultSpec, type Sandbox } from '../sandbox/server';
import { addDemoProfile, api, clean, clearFailures, demo, lastFailure, postControl, sandboxUrl, storedState, waitFor } from './helpers';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const TLS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'tls');

interface Outcome {
  name: string;
  ok: boolean;
  message: string;
}

interface Arranged {
  /** The failing profile's endpoint; the sandbox when absent. */
  endpoint?: string;
  /** Checks after the failure, such as "the TLS server saw no request". */
  verify?: () => void;
  cleanup?: () => Promise<void>;
}

interface FaultCase {
  name: string;
  arrange: () => Promise<Arranged>;
  /** What the one sentence must name. */
  expect: RegExp;
  /** quickblox.requestTimeoutSeconds for this case. */
  timeoutSeconds?: number;
}

const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('quickblox');

async function setTimeoutSeconds(seconds: number | undefined): Promise<void> {
  await settings().update('requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);
}

/** Clears every fault (and the rest of the sandbox's state), so no case leaks into the next. */
async function resetSandbox(): Promise<void> {
  const response = await fetch(`${sandboxUrl()}/_sandbox/faults`, { method: 'DELETE' });
  assert.ok(response.ok, `DELETE /_sandbox/faults answered ${response.status}`);
  await postControl('/_sandbox/reset');
}

async function fault(spec: FaultSpec): Promise<void> {
  await postControl('/_sandbox/faults', { ...spec, path: '/session.json' });
}

/** Arranges one sandbox fault on the next POST /session.json. */
function withFault(spec: FaultSpec): () => Promise<Arranged> {
  return async () => {
    await fault(spec);
    return {};
  };
}

async function receivedRequests(): Promise<number> {
  return ((await (await fetch(`${sandboxUrl()}/_sandbox/requests`)).json()) as unknown[]).length;
}

/** A loopback port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A raw server on 127.0.0.2: a loopback address the extension accepts over http, but not one that
 * VS Code's proxy support keeps the request's own agent for (it does that for `localhost` and
 * 127.0.0.1 only), so requests to it take the path every request to a real host takes. `answer`
 * gets each request's socket once the request has arrived; `close` ends every connection.
 */
async function remoteLookingServer(answer: (socket: net.Socket) => void): Promise<Arranged> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) answer(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.2:${port}`,
    cleanup: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One plain sentence: one line, no stack, a capital first and a full stop last, nothing after it. */
function assertOneSentence(message: string | undefined): asserts message is string {
  assert.ok(message, 'a failure sentence was shown');
  // eslint-disable-next-line no-control-regex
  assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(message), `one line, no control characters: ${JSON.stringify(message)}`);
  assert.ok(!/\n\s+at |\(\S+:\d+:\d+\)|^\w*Error\b|\[object |\bundefined\b/.test(message), `no stack or raw value: ${message}`);
  assert.match(message, /^\p{Lu}/u, 'starts as a sentence');
  assert.match(message, /\.$/, 'ends as a sentence');
  assert.ok(!/[.!?]\s+\p{Lu}/u.test(message), `one sentence, not several: ${message}`);
  assert.ok(message.length < 300, `a sentence, not a page: ${message.length} characters`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults in the extension host', () => {
  const outcomes: Outcome[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  let healthyId = '';

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    await setTimeoutSeconds(undefined);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await setTimeoutSeconds(undefined);
    await resetSandbox();
    await clean();
    const survived = outcomes.filter((outcome) => outcome.ok).length;
    console.log(`faults survived: ${survived} / ${outcomes.length}`);
    for (const outcome of outcomes) console.log(`  ${outcome.ok ? 'survived' : 'FAILED  '} ${outcome.name}: ${outcome.message}`);
    const dir = process.env.QB_FIGURES_DIR;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'faults.json'),
        `${JSON.stringify({ survived, tried: outcomes.length, unhandledRejections: unhandled.length, cases: outcomes }, null, 2)}\n`,
      );
    }
  });
  beforeEach(async () => {
    await clean();
    await resetSandbox();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    healthyId = (await addDemoProfile('Healthy')).id;
  });
  afterEach(async () => {
    await resetSandbox();
    await setTimeoutSeconds(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Runs a case's body and records its outcome for the figure, whichever way it ends. */
  async function recorded(name: string, body: () => Promise<string>): Promise<void> {
    try {
      const message = await body();
      outcomes.push({ name, ok: true, message });
    } catch (error) {
      outcomes.push({ name, ok: false, message: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      throw error;
    }
  }

  /** The extension still works: a normal application session succeeds right after. */
  async function stillWorks(services: TestApi): Promise<void> {
    const tracked = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', {
      profileId: healthyId,
      auth: { type: 'application' },
    });
    assert.ok(tracked, `the next session failed: ${lastFailure()}`);
    assert.equal(tracked.kind, 'application');
    await services.sessions.forget([tracked.id]);
  }

  /** No rejection went unhandled during the case (they surface within a tick; give them a moment). */
  async function noNewUnhandled(before: number): Promise<void> {
    await sleep(50);
    assert.deepEqual(unhandled.slice(before).map(String), [], 'no promise rejection went unhandled');
  }

  const cases: FaultCase[] = [
    {
      name: 'a response slower than the timeout',
      arrange: withFault({ type: 'delay', ms: 3000 }),
      timeoutSeconds: 1,
      expect: /within 1 s.*raise the request timeout/,
    },
    {
      name: 'a server that never answers',
      arrange: withFault({ type: 'hang' }),
      timeoutSeconds: 1,
      expect: /No complete answer .* within 1 s/,
    },
    {
      name: 'a server that never answers, at an address VS Code routes as a remote host',
      arrange: () => remoteLookingServer(() => undefined),
      timeoutSeconds: 1,
      expect: /No complete answer from 127\.0\.0\.2:\d+ within 1 s/,
    },
    {
      name: 'a body that stalls after the headers, at an address VS Code routes as a remote host',
      arrange: () =>
        remoteLookingServer((socket) =>
          socket.write('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{"session":{"id":1,'),
        ),
      timeoutSeconds: 1,
      expect: /No complete answer from 127\.0\.0\.2:\d+ within 1 s/,
    },
    {
      name: 'connection refused',
      arrange: async () => ({ endpoint: `http://127.0.0.1:${await closedPort()}` }),
      expect: /Connection refused by 127\.0\.0\.1:\d+/,
    },
    { name: 'a connection reset mid-body', arrange: withFault({ type: 'reset' }), expect: /closed or reset before the response was complete/ },
    { name: 'an HTML 502 page', arrange: withFault({ type: 'html_502' }), expect: /502.*HTML/ },
    { name: 'truncated JSON', arrange: withFault({ type: 'truncated_json' }), expect: /not valid JSON/ },
    { name: 'a 2 MB body', arrange: withFault({ type: 'oversized' }), expect: /larger than 1 MiB/ },
    { name: '429 with Retry-After', arrange: withFault({ type: 'rate_limit', retryAfter: 7 }), expect: /too many requests; QuickBlox asks to wait 7 s/ },
    { name: '500', arrange: withFault({ type: 'server_error' }), expect: /failed \(500 Internal Server Error/ },
    { name: '503', arrange: withFault({ type: 'unavailable', retryAfter: 30 }), expect: /failed \(503 Service Unavailable/ },
    {
      name: 'a self-signed certificate',
      arrange: async () => {
        const tls: Sandbox = await startSandbox({
          port: 0,
          tls: { key: fs.readFileSync(path.join(TLS_DIR, 'self-signed.key')), cert: fs.readFileSync(path.join(TLS_DIR, 'self-signed.crt')) },
        });
        assert.match(tls.url, /^https:\/\//);
        return { endpoint: tls.url, verify: () => assert.equal(tls.requests.length, 0, 'no request got past the TLS handshake'), cleanup: () => tls.close() };
      },
      expect: /TLS certificate of 127\.0\.0\.1:\d+ is not trusted/,
    },
    { name: 'an unknown host', arrange: async () => ({ endpoint: 'https://no-such-host.invalid' }), expect: /no-such-host\.invalid could not be found/ },
  ];

  for (const [index, item] of cases.entries()) {
    it(`${item.name}: resolves to undefined with one sentence, stores nothing, and the next session works`, async () =>
      recorded(item.name, async () => {
        const services = await api();
        const { context } = services;
        let arranged: Arranged = {};
        try {
          arranged = await item.arrange();
          const added = await addDemoProfile(`Fault ${index + 1}`, arranged.endpoint ? { endpoint: arranged.endpoint } : {});
          // A host that is not QuickBlox's is confirmed once per profile (trust.test.ts): here, as already confirmed.
          const host = describeEndpointHost(added.endpoint);
          const profile = host.kind === 'other' ? await services.profiles.update(added.id, { confirmedHost: host.host }) : added;
          if (item.timeoutSeconds) await setTimeoutSeconds(item.timeoutSeconds);
          const before = await storedState(services, context);
          const unhandledBefore = unhandled.length;
          clearFailures();

          let thrown: unknown;
          const started = Date.now();
          const result = await vscode.commands.executeCommand('quickblox.createSession', { profileId: profile.id, auth: { type: 'application' } }).then(
            (value) => value,
            (error: unknown) => (thrown = error),
          );
          const elapsed = Date.now() - started;
          if (item.timeoutSeconds) {
            assert.ok(elapsed < item.timeoutSeconds * 1000 + 1500, `ended at the ${item.timeoutSeconds} s timeout, not later (${elapsed} ms)`);
          }
          assert.equal(thrown, undefined, 'the command did not throw');
          assert.equal(result, undefined, 'no session was returned');
          const message = lastFailure();
          assertOneSentence(message);
          assert.match(message, /^Could not create a session for Fault \d+: /);
          assert.match(message, item.expect);
          assert.deepEqual(await storedState(services, context), before, 'no session, profile or secret changed');
          arranged.verify?.();

          await resetSandbox();
          await setTimeoutSeconds(undefined);
          await stillWorks(services);
          await noNewUnhandled(unhandledBefore);
          return `${message} (${elapsed} ms)`;
        } finally {
          await arranged.cleanup?.();
        }
      }));
  }

  it("cancellation mid-request, through the progress notification's own Cancel action", async () =>
    recorded("cancellation (the notification's Cancel)", async () => {
      // The extension host cannot click, but the workbench's "accept primary action" command runs
      // the newest notification's first button: for the progress notification, that is Cancel.
      const services = await api();
      const { context } = services;
      const profile = await addDemoProfile('Cancelled');
      await setTimeoutSeconds(10);
      await fault({ type: 'hang' });
      await vscode.commands.executeCommand('notifications.clearAll');
      const before = await storedState(services, context);
      const unhandledBefore = unhandled.length;
      clearFailures();

      const started = Date.now();
      let thrown: unknown;
      const pending = Promise.resolve(vscode.commands.executeCommand('quickblox.createSession', { profileId: profile.id, auth: { type: 'application' } })).then(
        (value) => value,
        (error: unknown) => (thrown = error),
      );
      await waitFor('the request to reach the sandbox', async () => (await receivedRequests()) > 0 || undefined);
      await sleep(500); // the progress notification reaches the workbench
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      const result = await pending;
      const elapsed = Date.now() - started;

      assert.equal(thrown, undefined, 'the command did not throw');
      assert.equal(result, undefined, 'no session was returned');
      assert.ok(elapsed < 8000, `cancelled at once, not at the 10 s timeout (${elapsed} ms)`);
      assert.equal(lastFailure(), undefined, 'a cancel the person asked for is not reported as a failure');
      assert.deepEqual(await storedState(services, context), before, 'no session, profile or secret changed');

      await resetSandbox();
      await setTimeoutSeconds(undefined);
      await stillWorks(services);
      await noNewUnhandled(unhandledBefore);
      return `resolved to undefined ${elapsed} ms after the start, with no failure notification (a cancel is silent by design)`;
    }));

  it('cancellation mid-request, at the core, through an AbortSignal', async () =>
    recorded('cancellation (core AbortSignal)', async () => {
      const services = await api();
      const { context } = services;
      await fault({ type: 'hang' });
      const before = await storedState(services, context);
      const unhandledBefore = unhandled.length;
      const controller = new AbortController();
      const started = Date.now();
      const call = createSession({
        endpoint: sandboxUrl(),
        applicationId: demo.applicationId,
        authKey: demo.authKey,
        authSecret: demo.authSecret,
        auth: { type: 'application' },
        timeoutMs: 10_000,
        signal: controller.signal,
      });
      await waitFor('the request to reach the sandbox', async () => (await receivedRequests()) > 0 || undefined);
      controller.abort();
      const error = await call.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      assert.ok(isQuickBloxError(error), `a QuickBloxError, not ${String(error)}`);
      assert.equal(error.kind, 'cancelled');
      assertOneSentence(error.message);
      assert.match(error.message, /cancelled/);
      assert.ok(Date.now() - started < 5000, 'ended at once, not at the timeout');
      assert.deepEqual(await storedState(services, context), before, 'nothing stored');

      await resetSandbox();
      await stillWorks(services);
      await noNewUnhandled(unhandledBefore);
      return error.message;
    }));

  it('no promise rejection went unhandled during the whole suite', async () => {
    await sleep(100);
    assert.deepEqual(unhandled.map(String), []);
  });
});
