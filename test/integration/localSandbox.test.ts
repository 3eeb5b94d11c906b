/**
 * The Local Sandbox in the extension host, through the extension's own commands: Start Local
 * Sandbox loads dist/sandbox.js only then, listens on 127.0.0.1 inside the extension host and makes
 * the "Local Sandbox" profile (keys in SecretStorage); Create Session works against it without a
 * question about its host; a second start is harmless; Stop closes it, after which a request fails
 * with the network sentence and offers to start it again, which moves the same profile to the new port.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StartedSandbox } from '../../src/commands/localSandboxCommands';
import type { Prompt } from '../../src/feedback/prompts';
import type { Profile } from '../../src/profiles/profile';
import { secretKeys } from '../../src/profiles/secretKeys';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { answerPrompts, api, clean, clearFailures, demo, lastFailure, lastNotification, waitFor } from './helpers';

const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1:(\d+)$/;

function start(): Thenable<StartedSandbox> {
  return vscode.commands.executeCommand<StartedSandbox>('quickblox.startLocalSandbox');
}

/** The description of a profile's row in the QuickBlox view, as the tree gives it to VS Code. */
async function rowDescription(profileId: string): Promise<string> {
  const { tree } = await api();
  const node = tree.getChildren().find((child) => child.type === 'profile' && child.profile.id === profileId);
  assert.ok(node, 'the profile has a row in the tree');
  return String(tree.getTreeItem(node).description);
}

/** Whether this extension host has loaded dist/sandbox.js (Node's own module cache). */
function sandboxFileInCache(): boolean {
  return Object.keys(require.cache).some((file) => file.endsWith(`${path.sep}dist${path.sep}sandbox.js`));
}

describe('the Local Sandbox in the extension host', () => {
  before(async () => {
    await clean();
  });
  after(async () => {
    await vscode.commands.executeCommand('quickblox.stopLocalSandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await clean();
  });

  it('is not loaded before the first start (dist/sandbox.js waits for Start Local Sandbox)', async () => {
    const services = await api();
    assert.equal(services.localSandbox.running(), undefined);
    assert.equal(services.localSandbox.isLoaded, false, 'the sandbox file was loaded before anything started it');
    assert.equal(sandboxFileInCache(), false, 'dist/sandbox.js is in the module cache before the first start');
    // Other commands (and the features file they load) leave it alone too.
    await vscode.commands.executeCommand('quickblox.showLog');
    assert.equal(services.features.isLoaded, true);
    assert.equal(sandboxFileInCache(), false, 'the features file loaded the sandbox file');
  });

  it('starts on 127.0.0.1 and makes the "Local Sandbox" profile, its keys in SecretStorage and not in globalState', async () => {
    const services = await api();
    const result = await start();
    assert.ok(result, `no result: ${lastFailure()}`);
    assert.equal(result.started, true);
    assert.match(result.url, LOOPBACK_URL);
    assert.equal(services.localSandbox.isLoaded, true);
    assert.equal(sandboxFileInCache(), true, 'dist/sandbox.js is what was loaded');
    const host = result.url.replace('http://', '');
    assert.match(lastNotification() ?? '', new RegExp(`^The Local Sandbox is running on ${host.replace(/\./g, '\\.')}, inside VS Code\\.`));

    const profile = services.profiles.get(result.profileId);
    assert.ok(profile, 'the profile exists');
    assert.equal(profile.name, 'Local Sandbox');
    assert.equal(profile.endpoint, result.url);
    assert.equal(profile.applicationId, String(demo.applicationId));
    const { secrets, globalState } = services.context;
    assert.equal(await secrets.get(secretKeys.authKey(profile.id, profile.secretsVersion)), demo.authKey);
    assert.equal(await secrets.get(secretKeys.authSecret(profile.id, profile.secretsVersion)), demo.authSecret);
    assert.deepEqual(
      profile.savedUsers.map((user) => user.identifier),
      [demo.users[0].login],
    );
    assert.equal(await services.profiles.userPassword(profile.id, profile.savedUsers[0].id), demo.users[0].password);
    const stored = globalState.keys().map((key) => `${key}=${JSON.stringify(globalState.get(key))}`);
    assert.ok(stored.length > 0);
    for (const secret of [demo.authKey, demo.authSecret, demo.users[0].password]) {
      const hit = stored.find((entry) => entry.includes(secret));
      assert.equal(hit, undefined, `a secret (${secret.slice(0, 3)}…) is in globalState`);
    }
  });

  it('the tree and the status bar say it runs, and where', async () => {
    const services = await api();
    const server = services.localSandbox.running();
    assert.ok(server, 'it runs');
    const profileId = services.localSandbox.profileId();
    assert.ok(profileId);
    assert.equal(await rowDescription(profileId), `app ${demo.applicationId} · running on ${server.host}`);
    const look = services.statusBarLook();
    assert.ok(look, 'the status bar item shows');
    assert.ok(look.text.endsWith('$(beaker)'), look.text);
    assert.ok(look.tooltip.endsWith(`The Local Sandbox is running on ${server.host}.`), look.tooltip);
  });

  it('Create Session works against it, application and saved user, without asking about its host', async () => {
    const services = await api();
    const profileId = services.localSandbox.profileId();
    assert.ok(profileId);
    const { seen, restore } = await answerPrompts();
    let app: TrackedSession | undefined;
    let user: TrackedSession | undefined;
    try {
      app = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId, auth: { type: 'application' } });
      const alice = demo.users[0];
      user = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', {
        profileId,
        auth: { type: 'login', login: alice.login, password: alice.password },
        user: alice.login,
      });
    } finally {
      restore();
    }
    assert.ok(app, `no application session: ${seen.map((prompt) => prompt.message).join(' | ')}`);
    assert.ok(user, `no user session: ${seen.map((prompt) => prompt.message).join(' | ')}`);
    assert.equal(user.userId, demo.users[0].id);
    assert.deepEqual(
      seen.filter((prompt) => prompt.modal),
      [],
      'a question was asked before sending to the Local Sandbox',
    );
    assert.ok(seen.some((prompt) => prompt.message.startsWith('QuickBlox session created for Local Sandbox (Application)')));
    assert.equal(services.sessions.forProfile(profileId).length, 2);
  });

  it('a second start is harmless: it says it is already running, on the same port, with the same profile', async () => {
    const services = await api();
    const running = services.localSandbox.running();
    assert.ok(running);
    const before = services.profiles.list();
    const again = await start();
    assert.equal(again.started, false);
    assert.equal(again.url, running.url);
    assert.equal(again.profileId, services.localSandbox.profileId());
    assert.equal(services.localSandbox.running(), running);
    assert.equal(lastNotification(), `The Local Sandbox is already running on ${running.host}; the profile "Local Sandbox" points at it.`);
    assert.deepEqual(services.profiles.list(), before);
  });

  it('is stopped with the extension: it is one of the things deactivation disposes', async () => {
    const services = await api();
    assert.ok(services.context.subscriptions.includes(services.localSandbox));
  });

  it('Stop closes the server: a request to it fails, the profile stays and says it is not running', async () => {
    const services = await api();
    const running = services.localSandbox.running();
    assert.ok(running);
    // A connection the extension's own client keeps open is closed too.
    await fetch(`${running.url}/session.json`);
    assert.equal(await vscode.commands.executeCommand('quickblox.stopLocalSandbox'), true);
    assert.equal(services.localSandbox.running(), undefined);
    assert.equal(lastNotification(), 'The Local Sandbox stopped. Its profile stays; QuickBlox: Start Local Sandbox starts it again.');
    await assert.rejects(fetch(`${running.url}/session.json`), 'the server still answers');
    const profileId = services.localSandbox.profileId();
    assert.ok(profileId && services.profiles.get(profileId), 'the profile stays');
    assert.equal(await rowDescription(profileId), `app ${demo.applicationId} · not running`);
    assert.ok(!services.statusBarLook()?.text.includes('$(beaker)'));
    assert.equal(await vscode.commands.executeCommand('quickblox.stopLocalSandbox'), false);
    assert.equal(lastNotification(), 'The Local Sandbox is not running.');
  });

  it('stopped, Create Session fails with the network sentence; its Start Local Sandbox moves the same profile to the new port', async () => {
    const services = await api();
    const profileId = services.localSandbox.profileId();
    assert.ok(profileId);
    const old: Profile | undefined = services.profiles.get(profileId);
    assert.ok(old);
    const oldHost = old.endpoint.replace('http://', '');
    clearFailures();
    const { seen, restore } = await answerPrompts((prompt) => (prompt.actions.includes('Start Local Sandbox') ? 'Start Local Sandbox' : undefined));
    try {
      const session = await vscode.commands.executeCommand('quickblox.createSession', { profileId, auth: { type: 'application' } });
      assert.equal(session, undefined);
      const failure: Prompt | undefined = seen.find((prompt) => prompt.severity === 'error');
      assert.ok(failure, 'a failure was shown');
      assert.equal(lastFailure(), failure.message);
      assert.match(
        failure.message,
        new RegExp(`^Could not create a session for Local Sandbox: Connection refused by ${oldHost.replace(/\./g, '\\.')}: check the endpoint's host and port`),
      );
      assert.deepEqual(failure.actions, ['Start Local Sandbox', 'Retry', 'Edit Profile']);
      const server = await waitFor('the Local Sandbox started from the failure', () => services.localSandbox.running());
      const moved = await waitFor('the profile on the new port', () => {
        const now = services.profiles.get(profileId);
        return now?.endpoint === server.url ? now : undefined;
      });
      assert.equal(moved.id, old.id);
      assert.equal(services.profiles.list().filter((profile) => profile.name.startsWith('Local Sandbox')).length, 1);
      assert.equal(await rowDescription(profileId), `app ${demo.applicationId} · running on ${server.host}`);
    } finally {
      restore();
    }
  });
});
