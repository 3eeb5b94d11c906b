import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionAuth } from '../../src/core';
import { secretKeys } from '../../src/profiles/secretKeys';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import {
  addDemoProfile,
  answerPrompts,
  api,
  clean,
  demo,
  lastFailure,
  postControl,
  sandboxRequests,
  sandboxSessions,
  sandboxUrl,
  waitFor,
  letTimePass,
} from './helpers';

const MINUTE = 60_000;

async function create(profileId: string, auth: SessionAuth = { type: 'application' }, user?: string): Promise<TrackedSession> {
  const tracked = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId, auth, ...(user ? { user } : {}) });
  assert.ok(tracked, `no session was created: ${lastFailure()}`);
  return tracked;
}

/** Ends a session on the server behind the extension's back. */
async function endOnServer(token: string): Promise<void> {
  const response = await fetch(`${sandboxUrl()}/session.json`, { method: 'DELETE', headers: { 'QB-Token': token } });
  assert.equal(response.status, 200);
}

async function tokenOf(session: TrackedSession): Promise<string> {
  const token = await (await api()).sessions.token(session.id);
  assert.ok(token);
  return token;
}

function sessionNode(session: TrackedSession): { type: 'session'; session: TrackedSession; active: boolean } {
  return { type: 'session', session, active: false };
}

async function treeRow(sessionId: string): Promise<vscode.TreeItem> {
  const { tree } = await api();
  for (const profile of tree.getChildren()) {
    const row = tree.getChildren(profile).find((node) => node.type === 'session' && node.session.id === sessionId);
    if (row) return tree.getTreeItem(row);
  }
  assert.fail(`session ${sessionId} is not in the tree`);
}

describe('session lifecycle in the extension host', () => {
  let prompts: Awaited<ReturnType<typeof answerPrompts>> | undefined;
  const realNow = Date.now;

  beforeEach(async () => {
    await clean();
    prompts = await answerPrompts();
  });
  afterEach(async () => {
    const services = await api();
    services.clock.now = realNow;
    prompts?.restore();
    for (const setting of ['autoRecreate', 'keepAlive.intervalMinutes']) {
      await vscode.workspace.getConfiguration('quickblox').update(setting, undefined, vscode.ConfigurationTarget.Global);
    }
  });
  after(() => clean());

  it('counts down in the tree and the status bar: warning at 10 minutes left, error at expiry', async () => {
    const services = await api();
    const { statusBarLook, refreshViews } = services;
    const profile = await addDemoProfile('Countdown');
    const session = await create(profile.id);
    const token = await tokenOf(session);
    const at = (msBeforeExpiry: number): void => {
      services.clock.now = () => session.expiresAt - msBeforeExpiry;
      refreshViews();
    };

    at(60 * MINUTE + 30_000);
    assert.match(statusBarLook()?.text ?? '', /Countdown · app · 1 h 00 min$/);
    assert.equal(statusBarLook()?.background, undefined);
    assert.match(String((await treeRow(session.id)).description), /· 1 h 00 min/);

    at(9 * MINUTE + 30_000);
    assert.match(statusBarLook()?.text ?? '', /^\$\(warning\) Countdown · app · 9 min$/);
    assert.equal(statusBarLook()?.background, 'statusBarItem.warningBackground');
    const expiring = await treeRow(session.id);
    assert.match(String(expiring.contextValue), /\bexpiring\b/);
    assert.equal((expiring.iconPath as vscode.ThemeIcon).id, 'warning');

    at(-1000);
    assert.match(statusBarLook()?.text ?? '', /^\$\(error\) Countdown · app · expired$/);
    assert.equal(statusBarLook()?.background, 'statusBarItem.errorBackground');
    const expired = await treeRow(session.id);
    assert.match(String(expired.description), /expired/);
    assert.match(String(expired.contextValue), /\bexpired\b/);

    for (const text of [statusBarLook()?.tooltip, String(expired.description), (expired.tooltip as vscode.MarkdownString).value]) {
      assert.ok(String(text).includes(`${token.slice(0, 6)}…`), `the first six characters identify the token in: ${text}`);
      assert.ok(!String(text).includes(token.slice(0, 7)), 'no more than six characters of the token are shown');
    }
    assert.ok(!String(statusBarLook()?.text).includes(token.slice(0, 7)));
  });

  it('Retrieve Session shows the server view and moves the expiry by what the server says', async () => {
    await api();
    const profile = await addDemoProfile('Retrieve');
    const session = await create(profile.id);
    await letTimePass(30 * MINUTE);
    const retrieved = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.retrieveSession', sessionNode(session));
    assert.ok(retrieved, lastFailure());
    const moved = retrieved.expiresAt - session.expiresAt;
    assert.ok(Math.abs(moved - 30 * MINUTE) < 5000, `expiry moved by ${moved} ms`);
    const [onServer] = await sandboxSessions();
    assert.ok(Math.abs(Date.parse(onServer.expiresAt) - retrieved.expiresAt) < 1500, 'the tracked expiry is the server’s');
    const editor = await waitFor('the response document', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'quickblox-response' ? vscode.window.activeTextEditor : undefined,
    );
    const document = JSON.parse(editor.document.getText()) as {
      request: { method: string; headers: Record<string, string> };
      response: { status: number; body: { session: { id: number } } };
    };
    assert.equal(document.request.method, 'GET');
    assert.equal(document.response.body.session.id, session.sessionId);
    assert.ok(!JSON.stringify(document.request).includes(await tokenOf(session)), 'the request shown masks the token');
  });

  it('Keep Alive retrieves only opted-in sessions once per interval, extending their expiry', async () => {
    const services = await api();
    const { keepAlive } = services;
    const profile = await addDemoProfile('Alive');
    const kept = await create(profile.id);
    const other = await create(profile.id);
    await vscode.commands.executeCommand('quickblox.keepAliveOn', sessionNode(kept));
    assert.equal(services.sessions.get(kept.id)?.keepAlive, true);
    assert.match(String((await treeRow(kept.id)).description), /kept alive/);
    assert.equal(await keepAlive.tick(), 0, 'not due yet: the session was just created');

    await letTimePass(31 * MINUTE);
    const gets = (await sandboxRequests()).filter((request) => request.method === 'GET').length;
    const lastResponse = services.documents.last;
    assert.equal(await keepAlive.tick(), 1);
    assert.equal(services.documents.last, lastResponse, 'a background retrieval is not "the last response"');
    const requests = (await sandboxRequests()).filter((request) => request.method === 'GET');
    assert.equal(requests.length, gets + 1, 'one GET /session.json');
    assert.equal(requests.at(-1)?.headers['qb-token'], await tokenOf(kept));
    const extended = services.sessions.get(kept.id);
    assert.ok(extended && extended.expiresAt - kept.expiresAt > 30 * MINUTE, 'the kept session expires later');
    assert.equal(services.sessions.get(other.id)?.expiresAt, other.expiresAt, 'the other session was left alone');
    assert.equal(await keepAlive.tick(), 0, 'once per interval');

    await vscode.workspace.getConfiguration('quickblox').update('keepAlive.intervalMinutes', 5, vscode.ConfigurationTarget.Global);
    await letTimePass(6 * MINUTE);
    assert.equal(await keepAlive.tick(), 1, 'the interval setting applies');

    await vscode.commands.executeCommand('quickblox.keepAliveOff', sessionNode(kept));
    await letTimePass(40 * MINUTE);
    assert.equal(await keepAlive.tick(), 0, 'off means off');
    assert.equal(services.sessions.get(kept.id)?.keepAlive, undefined);
  });

  it('Destroy Session ends it on the server and forgets it here, also when the server already forgot it', async () => {
    const services = await api();
    const { context } = services;
    const profile = await addDemoProfile('Destroy');
    const first = await create(profile.id);
    const second = await create(profile.id);
    assert.equal(await vscode.commands.executeCommand('quickblox.destroySession', sessionNode(first)), true);
    const alive = await sandboxSessions();
    assert.deepEqual(
      alive.map((session) => session.id),
      [second.sessionId],
      'only the other session lives on the server',
    );
    assert.equal(services.sessions.get(first.id), undefined);
    assert.equal(await context.secrets.get(secretKeys.sessionToken(first.id)), undefined, 'its token is gone from secret storage');

    await endOnServer(await tokenOf(second));
    assert.equal(await vscode.commands.executeCommand('quickblox.destroySession', sessionNode(second)), true);
    assert.equal(services.sessions.list().length, 0);
    assert.equal(prompts?.seen.filter((prompt) => prompt.severity === 'error').length, 0, 'nothing to report');
  });

  it('"Required session does not exist" offers Recreate, which repeats the kind with the saved password', async () => {
    const services = await api();
    const alice = demo.users[0];
    const profile = await addDemoProfile('Recreate');
    await services.profiles.addSavedUser(profile.id, 'login', alice.login, alice.password);
    const session = await create(profile.id, { type: 'login', login: alice.login, password: alice.password }, alice.login);
    await vscode.commands.executeCommand('quickblox.keepAliveOn', sessionNode(session));
    await endOnServer(await tokenOf(session));
    prompts?.restore();
    prompts = await answerPrompts((prompt) => (prompt.actions.includes('Recreate Session') ? 'Recreate Session' : undefined));

    assert.equal(await vscode.commands.executeCommand('quickblox.retrieveSession', sessionNode(session)), undefined);
    assert.match(lastFailure() ?? '', /no longer exists on the server/);
    const recreated = await waitFor('the recreated session', () => services.sessions.list().find((tracked) => tracked.id !== session.id));
    assert.equal(services.sessions.get(session.id), undefined, 'the recreated session takes the old one’s place');
    assert.equal(recreated.kind, 'login');
    assert.equal(recreated.user, alice.login);
    assert.equal(recreated.userId, alice.id);
    assert.equal(recreated.keepAlive, true, 'keep-alive carries over');
    assert.notEqual(await tokenOf(recreated), undefined);
    assert.deepEqual(
      (await sandboxSessions()).map((live) => live.userId),
      [alice.id],
    );
  });

  it('quickblox.autoRecreate recreates without asking', async () => {
    const services = await api();
    await vscode.workspace.getConfiguration('quickblox').update('autoRecreate', true, vscode.ConfigurationTarget.Global);
    const profile = await addDemoProfile('Auto');
    const session = await create(profile.id);
    await endOnServer(await tokenOf(session));
    await vscode.commands.executeCommand('quickblox.retrieveSession', sessionNode(session));
    const [recreated] = services.sessions.list();
    assert.ok(recreated && recreated.id !== session.id, 'a new session replaced the old one');
    assert.equal(services.sessions.active()?.id, recreated.id);
    assert.ok(!prompts?.seen.some((prompt) => prompt.actions.includes('Recreate Session')), 'nobody was asked');
    assert.deepEqual(
      (await sandboxSessions()).map((live) => live.token),
      [await tokenOf(recreated)],
    );
  });

  it('upgrades an application session with POST /login.json, so its token can write, and signs the user out again', async () => {
    await api();
    const alice = demo.users[0];
    const profile = await addDemoProfile('Upgrade');
    const session = await create(profile.id);
    const token = await tokenOf(session);
    const write = (): Promise<Response> =>
      fetch(`${sandboxUrl()}/chat/Dialog.json`, { method: 'POST', headers: { 'QB-Token': token, 'Content-Type': 'application/json' }, body: '{"type":2}' });
    assert.equal((await write()).status, 422, 'an application token cannot write ("Forbidden. Need user.", 422 as most reports have it)');

    const upgraded = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.upgradeSession', {
      sessionId: session.id,
      user: { login: alice.login, password: alice.password },
    });
    assert.ok(upgraded, lastFailure());
    assert.equal(upgraded.userId, alice.id);
    assert.equal((await treeRow(session.id)).label, `app → ${alice.login}`);
    assert.match(String((await treeRow(session.id)).contextValue), /\buser\b/);
    assert.equal((await sandboxSessions())[0].userId, alice.id);
    assert.equal((await write()).status, 201, 'the same token writes now');

    const signedOut = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.signOutUser', sessionNode(upgraded));
    assert.ok(signedOut, lastFailure());
    assert.equal(signedOut.userId, 0);
    assert.equal((await treeRow(session.id)).label, 'app');
    assert.match(String((await treeRow(session.id)).contextValue), /\bapp\b/);
    assert.equal((await sandboxSessions())[0].userId, 0);
    assert.equal((await write()).status, 422);
  });

  it('a user session signed out goes on as a read-only application session', async () => {
    const bob = demo.users[1];
    const profile = await addDemoProfile('Sign out');
    const session = await create(profile.id, { type: 'email', email: bob.email, password: bob.password }, bob.email);
    const signedOut = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.signOutUser', sessionNode(session));
    assert.equal(signedOut?.userId, 0);
    assert.equal((await treeRow(session.id)).label, `app (signed out ${bob.email})`);
    const onServer = (await sandboxSessions()).find((live) => live.id === session.sessionId);
    assert.equal(onServer?.userId, 0, 'the session lives on at the server, without a user');
    const write = await fetch(`${sandboxUrl()}/chat/Dialog.json`, {
      method: 'POST',
      headers: { 'QB-Token': await tokenOf(session), 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(write.status, 422, 'and it is read-only now');
  });

  it('a wrong password for the upgrade is reported and changes nothing', async () => {
    const services = await api();
    const profile = await addDemoProfile('Wrong');
    const session = await create(profile.id);
    await letTimePass(10 * MINUTE);
    const result = await vscode.commands.executeCommand('quickblox.upgradeSession', {
      sessionId: session.id,
      user: { login: demo.users[0].login, password: 'not-her-password' },
    });
    assert.equal(result, undefined);
    assert.match(lastFailure() ?? '', /QuickBlox refused the password for demo-alice/);
    assert.ok(!(lastFailure() ?? '').includes('not-her-password'));
    assert.equal(services.sessions.get(session.id)?.userId, 0);
    const moved = (services.sessions.get(session.id)?.expiresAt ?? 0) - session.expiresAt;
    assert.ok(Math.abs(moved - 10 * MINUTE) < 5000, `the refusal still carried the new expiry (moved ${moved} ms)`);
  });

  it('recreating an upgraded session makes an application session and signs the same user in again', async () => {
    const services = await api();
    const alice = demo.users[0];
    const profile = await addDemoProfile('Upgraded');
    await services.profiles.addSavedUser(profile.id, 'login', alice.login, alice.password);
    const session = await create(profile.id);
    await vscode.commands.executeCommand('quickblox.upgradeSession', { sessionId: session.id, user: { login: alice.login, password: alice.password } });
    await endOnServer(await tokenOf(session));
    const recreated = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.recreateSession', sessionNode(session));
    assert.ok(recreated, lastFailure());
    assert.equal(recreated.kind, 'application');
    assert.equal(recreated.userId, alice.id);
    assert.deepEqual(recreated.upgraded, { kind: 'login', identifier: alice.login });
    const posts = (await sandboxRequests()).filter((request) => request.method === 'POST').map((request) => request.path);
    assert.deepEqual(posts.slice(-2), ['/session.json', '/login.json'], 'an application session, then the sign-in');
  });

  it('Retrieve follows a user signed in with the token elsewhere', async () => {
    await api();
    const bob = demo.users[1];
    const profile = await addDemoProfile('Elsewhere');
    const session = await create(profile.id);
    const response = await fetch(`${sandboxUrl()}/login.json`, {
      method: 'POST',
      headers: { 'QB-Token': await tokenOf(session), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: bob.email, password: bob.password }),
    });
    assert.equal(response.status, 202);
    const retrieved = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.retrieveSession', sessionNode(session));
    assert.equal(retrieved?.userId, bob.id, lastFailure());
    assert.equal((await treeRow(session.id)).label, `app · user ${bob.id}`);
    assert.match(String((await treeRow(session.id)).contextValue), /\buser\b/);
  });

  it('keep-alive never asks for input: a gone Facebook session is offered for Recreate even under autoRecreate', async () => {
    const services = await api();
    const { keepAlive } = services;
    await vscode.workspace.getConfiguration('quickblox').update('autoRecreate', true, vscode.ConfigurationTarget.Global);
    const profile = await addDemoProfile('Facebook');
    const facebook = demo.facebookTokens![0];
    const session = await create(profile.id, { type: 'facebook', token: facebook.token }, 'facebook');
    await vscode.commands.executeCommand('quickblox.keepAliveOn', sessionNode(session));
    await endOnServer(await tokenOf(session));
    await letTimePass(31 * MINUTE);
    await keepAlive.tick();
    const offer = await waitFor('the Recreate offer', () => prompts?.seen.find((prompt) => prompt.actions.includes('Recreate Session')));
    assert.match(offer.message, /no longer exists on the server/);
    assert.deepEqual(
      services.sessions.list().map((tracked) => tracked.id),
      [session.id],
      'nothing was recreated behind the person’s back',
    );
  });

  it('a 429 on Destroy offers one retry after Retry-After, and that retry finishes the whole operation', async () => {
    const services = await api();
    const profile = await addDemoProfile('Limited');
    const session = await create(profile.id);
    await postControl('/_sandbox/faults', { type: 'rate_limit', retryAfter: 1, method: 'DELETE', path: '/session.json' });
    prompts?.restore();
    prompts = await answerPrompts((prompt) => prompt.actions.find((action) => /^Retry in \d+ s$/.test(action)));
    const started = Date.now();
    assert.equal(await vscode.commands.executeCommand('quickblox.destroySession', sessionNode(session)), false);
    await waitFor('the session forgotten after the retry', () => services.sessions.get(session.id) === undefined || undefined, 8000);
    assert.ok(Date.now() - started >= 1000, 'the retry waited for Retry-After');
    assert.deepEqual(await sandboxSessions(), [], 'and it ended on the server');
  });

  it('a second 429 after the retry offers no other retry, and changes nothing', async () => {
    const services = await api();
    const profile = await addDemoProfile('Still limited');
    const session = await create(profile.id);
    await postControl('/_sandbox/faults', { type: 'rate_limit', retryAfter: 1, method: 'POST', path: '/login.json', times: 5 });
    prompts?.restore();
    prompts = await answerPrompts((prompt) => prompt.actions.find((action) => /^Retry in \d+ s$/.test(action)));
    await vscode.commands.executeCommand('quickblox.upgradeSession', {
      sessionId: session.id,
      user: { login: demo.users[0].login, password: demo.users[0].password },
    });
    const last = await waitFor('the second refusal', () => prompts?.seen.find((prompt) => /still too many requests/.test(prompt.message)), 8000);
    assert.ok(!last.actions.some((action) => action.startsWith('Retry')));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal((await sandboxRequests()).filter((request) => request.path === '/login.json').length, 2);
    assert.equal(services.sessions.get(session.id)?.userId, 0);
  });

  it('a click on the status bar of an expired session recreates it', async () => {
    const services = await api();
    const profile = await addDemoProfile('Expired click');
    const session = await create(profile.id);
    await letTimePass(session.expiresAt - services.clock.now() + 1000);
    (await api()).refreshViews();
    assert.match((await api()).statusBarText() ?? '', /expired/);
    await vscode.commands.executeCommand('quickblox.statusBarClicked');
    const recreated = services.sessions.active();
    assert.ok(recreated && recreated.id !== session.id, 'a new session is the active one');
    assert.equal(services.sessions.get(session.id), undefined);
    assert.deepEqual(
      (await sandboxSessions()).map((live) => live.token),
      [await tokenOf(recreated)],
      'the server issued the new one',
    );
  });

  it('keep-alive asks the server about a session whose countdown ran out while the computer slept', async () => {
    const services = await api();
    const { keepAlive } = services;
    const profile = await addDemoProfile('Slept');
    const session = await create(profile.id);
    await vscode.commands.executeCommand('quickblox.keepAliveOn', sessionNode(session));
    // Only this computer's clock jumps, as after a sleep: the server's time went on as usual.
    const woke = session.expiresAt + 60_000;
    services.clock.now = () => woke;
    assert.equal(await keepAlive.tick(), 1, 'the session is retrieved although it looks expired here');
    assert.ok((services.sessions.get(session.id)?.expiresAt ?? 0) > services.clock.now(), 'the server still knew it: its expiry is ahead again');

    await endOnServer(await tokenOf(session));
    services.clock.now = () => woke + 31 * MINUTE;
    await keepAlive.tick();
    await waitFor('the Recreate offer', () => prompts?.seen.find((prompt) => prompt.actions.includes('Recreate Session')));
    const gets = (await sandboxRequests()).filter((request) => request.method === 'GET').length;
    services.clock.now = () => woke + 62 * MINUTE;
    await keepAlive.tick();
    assert.equal(
      (await sandboxRequests()).filter((request) => request.method === 'GET').length,
      gets,
      'a session the server said is gone is not asked about again',
    );
  });
});
