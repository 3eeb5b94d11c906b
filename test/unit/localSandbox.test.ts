// The Local Sandbox on plain Node: the sandbox as the extension ships it (test/sandbox/shipped.ts,
// bundled as dist/sandbox.js), the window's LocalSandbox over a stand-in server, and the profile
// that Start Local Sandbox makes through the real profile store over in-memory storage.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { createSession } from '../../src/core';
import { LocalSandbox } from '../../src/localSandbox/localSandbox';
import type { LocalSandboxServer } from '../../src/localSandbox/sandboxFile';
import { ensureSandboxProfile, freeProfileName, sandboxProfileChanges } from '../../src/localSandbox/sandboxProfile';
import { ProfileStore } from '../../src/profiles/profileStore';
import { secretKeys } from '../../src/profiles/secretKeys';
import { stateKeys } from '../../src/storage/stateKeys';
import fixtures from '../sandbox/fixtures.json';
import { startLocalSandbox } from '../sandbox/shipped';
import { MemoryMemento, MemorySecrets } from './standIns';

const [demoApp] = fixtures.apps;

/** One HTTP request with the Host header given (fetch would not let a test choose it). */
function request(url: string, path: string, options: { method?: string; host?: string; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = http.request(
      target,
      { method: options.method ?? 'GET', headers: { ...(options.host ? { host: options.host } : {}), 'content-type': 'application/json' }, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function applicationSession(server: LocalSandboxServer): ReturnType<typeof createSession> {
  return createSession({
    endpoint: server.url,
    applicationId: server.demo.applicationId,
    authKey: server.demo.authKey,
    authSecret: server.demo.authSecret,
    hash: 'sha1',
    auth: { type: 'application' },
    timeoutMs: 5000,
  });
}

describe('the shipped sandbox (test/sandbox/shipped.ts, bundled as dist/sandbox.js)', () => {
  let server: LocalSandboxServer;
  beforeEach(async () => {
    server = await startLocalSandbox();
  });
  afterEach(async () => {
    await server.close();
  });

  it('listens on a free port of 127.0.0.1 and names the demo application of its fixtures', () => {
    assert.ok(server.port > 0);
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
    assert.equal(server.host, `127.0.0.1:${server.port}`);
    assert.deepEqual(server.demo, {
      applicationId: String(demoApp.applicationId),
      authKey: demoApp.authKey,
      authSecret: demoApp.authSecret,
      user: { login: demoApp.users[0].login, password: demoApp.users[0].password },
    });
  });

  it('creates application and user sessions signed by the extension core', async () => {
    const app = await applicationSession(server);
    assert.match(app.session.token, /^[0-9a-f]{40}$/);
    const user = await createSession({
      endpoint: server.url,
      applicationId: server.demo.applicationId,
      authKey: server.demo.authKey,
      authSecret: server.demo.authSecret,
      hash: 'sha1',
      auth: { type: 'login', login: server.demo.user.login, password: server.demo.user.password },
      timeoutMs: 5000,
    });
    assert.equal(user.session.user_id, demoApp.users[0].id);
  });

  it('has no control API: /_sandbox/... is an unknown path, and a fault posted there changes nothing', async () => {
    assert.equal((await request(server.url, '/_sandbox/health')).status, 404);
    assert.equal((await request(server.url, '/_sandbox/sessions')).status, 404);
    const fault = await request(server.url, '/_sandbox/faults', { method: 'POST', body: JSON.stringify({ type: 'server_error', times: 'Infinity' }) });
    assert.equal(fault.status, 404);
    assert.equal((await request(server.url, '/_sandbox/reset', { method: 'POST' })).status, 404);
    assert.match((await applicationSession(server)).session.token, /^[0-9a-f]{40}$/);
  });

  it('answers only requests addressed to its own loopback host and port (421 otherwise)', async () => {
    const body = JSON.stringify({});
    assert.equal((await request(server.url, '/session.json', { method: 'POST', host: `evil.example:${server.port}`, body })).status, 421);
    assert.equal((await request(server.url, '/session.json', { method: 'POST', host: `127.0.0.1:${server.port + 1}`, body })).status, 421);
    // The QuickBlox checks are reached for its own names: an empty body lacks application_id.
    assert.equal((await request(server.url, '/session.json', { method: 'POST', host: `localhost:${server.port}`, body })).status, 422);
    assert.equal((await request(server.url, '/session.json', { method: 'POST', body })).status, 422);
  });

  it('closes with its open connections: a kept-alive socket ends, and a new request is refused', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    const answered = new Promise<string>((resolve) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\r\n\r\n') && text.includes('"errors"')) resolve(text);
      });
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(`GET /session.json HTTP/1.1\r\nHost: ${server.host}\r\nConnection: keep-alive\r\n\r\n`);
    assert.match(await answered, /^HTTP\/1\.1 401 /);
    assert.equal(socket.destroyed, false, 'the connection stays open for a next request');
    await server.close();
    await closed;
    await assert.rejects(request(server.url, '/session.json'), (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED');
  });
});

/** A stand-in for the shipped server: counts starts and closes. */
function fakeServers(): { start: () => Promise<LocalSandboxServer>; started: number; closed: number } {
  const counts = { started: 0, closed: 0 };
  return Object.assign(counts, {
    start: async (): Promise<LocalSandboxServer> => {
      counts.started++;
      const port = 40000 + counts.started;
      return {
        url: `http://127.0.0.1:${port}`,
        host: `127.0.0.1:${port}`,
        port,
        demo: {
          applicationId: '4242',
          authKey: 'demo-Key-7qW3ePx',
          authSecret: 'demo-Secret-K9r2mTz',
          user: { login: 'demo-alice', password: 'demo-Pass-alice1' },
        },
        close: async () => void counts.closed++,
      };
    },
  });
}

describe("a window's Local Sandbox", () => {
  it('starts once: a second start, at once or later, hands back the running server', async () => {
    const servers = fakeServers();
    const sandbox = new LocalSandbox(new MemoryMemento(), servers.start);
    let changes = 0;
    sandbox.onDidChange(() => changes++);
    const [first, concurrent] = await Promise.all([sandbox.start(), sandbox.start()]);
    assert.equal(first.started, true);
    assert.equal(concurrent.started, false);
    assert.equal(concurrent.server, first.server);
    const later = await sandbox.start();
    assert.deepEqual([later.started, later.server.port], [false, first.server.port]);
    assert.equal(servers.started, 1);
    assert.equal(changes, 1);
    assert.equal(sandbox.running()?.host, first.server.host);
  });

  it('stops by closing the server; stopping again says it was not running', async () => {
    const servers = fakeServers();
    const sandbox = new LocalSandbox(new MemoryMemento(), servers.start);
    await sandbox.start();
    assert.equal(await sandbox.stop(), true);
    assert.equal(servers.closed, 1);
    assert.equal(sandbox.running(), undefined);
    assert.equal(await sandbox.stop(), false);
    assert.equal(servers.closed, 1);
    assert.equal((await sandbox.start()).server.port, 40002, 'a new start is a new server');
  });

  it('closes the server when disposed (the extension deactivates)', async () => {
    const servers = fakeServers();
    const sandbox = new LocalSandbox(new MemoryMemento(), servers.start);
    await sandbox.start();
    sandbox.dispose();
    assert.equal(servers.closed, 1);
    assert.equal(sandbox.running(), undefined);
  });

  it('tells its profile apart while stopped, by the id kept in globalState', async () => {
    const state = new MemoryMemento();
    const sandbox = new LocalSandbox(state, fakeServers().start);
    assert.equal(sandbox.isStoppedProfile('p1'), false);
    await sandbox.rememberProfile('p1');
    assert.equal(state.get(stateKeys.localSandboxProfile), 'p1');
    assert.equal(sandbox.isStoppedProfile('p1'), true);
    assert.equal(sandbox.isStoppedProfile('p2'), false);
    await sandbox.start();
    assert.equal(sandbox.isStoppedProfile('p1'), false);
  });
});

describe('the Local Sandbox profile', () => {
  let memento: MemoryMemento;
  let secrets: MemorySecrets;
  let profiles: ProfileStore;
  let servers: ReturnType<typeof fakeServers>;
  let localSandbox: LocalSandbox;
  beforeEach(() => {
    memento = new MemoryMemento();
    secrets = new MemorySecrets();
    profiles = new ProfileStore(memento, secrets);
    servers = fakeServers();
    localSandbox = new LocalSandbox(memento, servers.start);
  });
  afterEach(() => {
    profiles.dispose();
    localSandbox.dispose();
  });

  it('is free-named: "Local Sandbox", else the first of "Local Sandbox 2", "3"… that no profile has (any case)', () => {
    assert.equal(freeProfileName('Local Sandbox', ['Staging']), 'Local Sandbox');
    assert.equal(freeProfileName('Local Sandbox', ['local sandbox ']), 'Local Sandbox 2');
    assert.equal(freeProfileName('Local Sandbox', ['Local Sandbox', 'LOCAL SANDBOX 2']), 'Local Sandbox 3');
  });

  it('is made with the demo application, its keys in SecretStorage only, and a demo user saved', async () => {
    const { server } = await localSandbox.start();
    const profile = await ensureSandboxProfile({ localSandbox, profiles }, server);
    assert.equal(profile.name, 'Local Sandbox');
    assert.equal(profile.endpoint, server.url);
    assert.equal(profile.applicationId, '4242');
    assert.equal(localSandbox.profileId(), profile.id);
    assert.deepEqual(await profiles.secretsOf(profile.id), { authKey: server.demo.authKey, authSecret: server.demo.authSecret });
    assert.deepEqual(
      profile.savedUsers.map((user) => [user.kind, user.identifier]),
      [['login', 'demo-alice']],
    );
    assert.equal(await profiles.userPassword(profile.id, profile.savedUsers[0].id), 'demo-Pass-alice1');
    assert.equal(await secrets.get(secretKeys.authSecret(profile.id, profile.secretsVersion)), server.demo.authSecret);
    const state = JSON.stringify(memento.snapshot());
    for (const secret of [server.demo.authKey, server.demo.authSecret, server.demo.user.password]) {
      assert.ok(!state.includes(secret), 'a secret in globalState');
    }
  });

  it('is the same profile after a restart on a new port, its endpoint moved there; nothing else is rewritten', async () => {
    const first = await ensureSandboxProfile({ localSandbox, profiles }, (await localSandbox.start()).server);
    await localSandbox.stop();
    const { server } = await localSandbox.start();
    assert.notEqual(server.url, first.endpoint);
    const again = await ensureSandboxProfile({ localSandbox, profiles }, server);
    assert.equal(again.id, first.id);
    assert.equal(again.endpoint, server.url);
    assert.equal(again.secretsVersion, first.secretsVersion, 'the keys were the same, so they were not stored again');
    assert.equal(profiles.list().length, 1);
    const unchanged = await ensureSandboxProfile({ localSandbox, profiles }, server);
    assert.deepEqual(unchanged, again);
  });

  it('gets the demo keys back when they were edited, and keeps an account key added since', async () => {
    const { server } = await localSandbox.start();
    const profile = await ensureSandboxProfile({ localSandbox, profiles }, server);
    await profiles.update(profile.id, { applicationId: '999' }, { authSecret: 'edited-Secret-0000', accountKey: 'acct-key-added-1' });
    const edited = profiles.get(profile.id)!;
    assert.deepEqual(sandboxProfileChanges(edited, await profiles.secretsOf(profile.id), server), {
      changes: { applicationId: '4242' },
      secretChanges: { authKey: server.demo.authKey, authSecret: server.demo.authSecret },
    });
    await ensureSandboxProfile({ localSandbox, profiles }, server);
    assert.deepEqual(await profiles.secretsOf(profile.id), {
      authKey: server.demo.authKey,
      authSecret: server.demo.authSecret,
      accountKey: 'acct-key-added-1',
    });
    assert.equal(profiles.get(profile.id)?.applicationId, '4242');
  });

  it('is made again when it was deleted, under a free name when another profile took "Local Sandbox"', async () => {
    const { server } = await localSandbox.start();
    const first = await ensureSandboxProfile({ localSandbox, profiles }, server);
    await profiles.remove(first.id);
    await profiles.add({
      name: 'Local Sandbox',
      applicationId: '1',
      endpoint: 'https://api.example.com',
      hash: 'sha1',
      secrets: { authKey: 'other-Key-12345678', authSecret: 'other-Secret-12345678' },
    });
    const made = await ensureSandboxProfile({ localSandbox, profiles }, server);
    assert.notEqual(made.id, first.id);
    assert.equal(made.name, 'Local Sandbox 2');
    assert.equal(localSandbox.profileId(), made.id);
    assert.equal(profiles.list().length, 2);
  });
});

describe('the Local Sandbox in the manifest', () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { viewsWelcome: Array<{ view: string; contents: string }>; menus: { commandPalette: Array<{ command: string; when: string }> } };
  };
  const english = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

  it('the empty QuickBlox view offers "Try the Local Sandbox" as a button after Add Profile and Import Profiles, and no npm command', () => {
    const welcome = manifest.contributes.viewsWelcome.find((entry) => entry.view === 'quickblox.profiles');
    assert.ok(welcome);
    const text = english[welcome.contents.replace(/^%|%$/g, '')];
    const lines = text.split('\n');
    // A link alone on its line is drawn as a button.
    const buttons = lines.filter((line) => /^\[[^\]]+\]\(command:[^)]+\)$/.test(line));
    assert.deepEqual(buttons, [
      '[Add Profile](command:quickblox.addProfile)',
      '[Import Profiles](command:quickblox.importProfiles)',
      '[Try the Local Sandbox](command:quickblox.startLocalSandbox)',
    ]);
    assert.equal(lines.indexOf(buttons[2]), lines.indexOf(buttons[1]) + 1, 'the three buttons stand together');
    assert.ok(!/npm|this repository/.test(text), 'a Marketplace user has no repository to run npm in');
  });

  it('lists Stop Local Sandbox in the palette only while it runs, and ships dist/sandbox.js', () => {
    assert.deepEqual(
      manifest.contributes.menus.commandPalette.filter((entry) => entry.command === 'quickblox.stopLocalSandbox'),
      [{ command: 'quickblox.stopLocalSandbox', when: 'quickblox.localSandboxRunning' }],
    );
    assert.ok(!manifest.contributes.menus.commandPalette.some((entry) => entry.command === 'quickblox.startLocalSandbox'), 'Start is always offered');
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/sandbox.js'), '.vscodeignore leaves dist/sandbox.js out of the VSIX');
  });
});
