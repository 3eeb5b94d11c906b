/**
 * QuickBlox's answers as the real service gives them (test/sandbox/README.md cites each): a wrong
 * password and a wrong auth key answered alike (told apart with one extra request), "Bad timestamp"
 * for a skewed clock, sessions of drifted shape and JWT tokens, `POST /login.json` with every
 * kind, and the account's own endpoint looked up with the account key.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SessionAuth } from '../../src/core';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { addDemoProfile, promptAnswerer, api, clean, demo, idp, postControl, sandboxRequests, sandboxSessions, sandboxUrl, waitFor } from './helpers';

const alice = demo.users[0];
const facebook = demo.facebookTokens?.[0];
const firebase = demo.firebase;
assert.ok(facebook && firebase, 'the demo fixtures have Facebook and Firebase users');

async function create(profileId: string, auth: SessionAuth, user?: string): Promise<TrackedSession | undefined> {
  return vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId, auth, ...(user ? { user } : {}) });
}

describe('QuickBlox as it answers, in the extension host', () => {
  const prompts = promptAnswerer();
  const { answer } = prompts;
  const failure = (): string => prompts.seen().find((prompt) => prompt.severity === 'error')?.message ?? '';

  beforeEach(async () => {
    await clean();
    await answer();
    (await api()).clockSkew.record(0, 0);
  });
  afterEach(async () => {
    prompts.restore();
    await vscode.workspace.getConfiguration('quickblox').update('correctClockSkew', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await postControl('/_sandbox/reset');
  });
  after(() => clean());

  describe('a 401 on a sign-in', () => {
    it('names the refused password after one extra application session, destroyed right after, and offers to re-enter it', async () => {
      const services = await api();
      const profile = await addDemoProfile('Wrong password');
      assert.equal(await create(profile.id, { type: 'login', login: alice.login, password: 'not-her-password' }, alice.login), undefined);
      const shown = prompts.seen().find((prompt) => prompt.severity === 'error');
      assert.match(shown?.message ?? '', new RegExp(`QuickBlox refused the password for ${alice.login}`));
      assert.ok(shown?.actions.includes('Re-enter Password'));
      assert.ok(!shown?.actions.includes('Edit Profile'), 'the profile is not blamed');
      assert.ok(!(shown?.message ?? '').includes('not-her-password'));
      const posts = (await sandboxRequests()).filter((request) => request.path === '/session.json');
      assert.deepEqual(
        posts.map((request) => request.method),
        ['POST', 'POST', 'DELETE'],
        'the sign-in, the extra application session, and its destruction',
      );
      assert.deepEqual(await sandboxSessions(), [], 'the extra session was destroyed');
      assert.deepEqual(services.sessions.list(), []);
      const document = services.documents.provideTextDocumentContent(services.documents.uri(services.documents.last ?? ''));
      assert.match(
        document,
        /"notes": \[\s*"To tell a wrong user credential from a wrong auth key .* one application session was requested with the same profile, and destroyed right after/,
      );
    });

    it('blames the application credentials when the extra request is refused too', async () => {
      const profile = await addDemoProfile('Wrong key', { secrets: { authKey: 'not-the-auth-key', authSecret: demo.authSecret } });
      assert.equal(await create(profile.id, { type: 'login', login: alice.login, password: alice.password }, alice.login), undefined);
      assert.match(failure(), /did not accept the application credentials \(401\): check the application id and auth key/);
      assert.ok(
        prompts
          .seen()
          .find((prompt) => prompt.severity === 'error')
          ?.actions.includes('Edit Profile'),
      );
    });

    it("names the customer's identity service for a custom identity provider", async () => {
      const profile = await addDemoProfile('IdP', { applicationId: String(idp.applicationId), secrets: { authKey: idp.authKey, authSecret: idp.authSecret } });
      assert.equal(await create(profile.id, { type: 'custom', login: 'someone', password: 'wrong-for-the-idp' }, 'someone'), undefined);
      assert.match(failure(), /your identity service refused the login or password of someone/);
    });

    it('names the refused password of an upgrade the same way', async () => {
      const profile = await addDemoProfile('Upgrade');
      const session = await create(profile.id, { type: 'application' });
      assert.ok(session);
      await answer();
      assert.equal(
        await vscode.commands.executeCommand('quickblox.upgradeSession', { sessionId: session.id, user: { login: alice.login, password: 'not-her-password' } }),
        undefined,
      );
      assert.match(failure(), new RegExp(`QuickBlox refused the password for ${alice.login}`));
    });
  });

  describe('Bad timestamp', () => {
    it("names this computer's clock and the skew, and Sign With Server Time retries once with the server's time", async () => {
      const services = await api();
      await postControl('/_sandbox/clock', { offsetSeconds: 2 * 3600 });
      await answer((prompt) => (prompt.actions.includes('Sign With Server Time') ? 'Sign With Server Time' : undefined));
      const profile = await addDemoProfile('Clock');
      assert.equal(await create(profile.id, { type: 'application' }), undefined, 'the first request is refused');
      assert.match(failure(), /QuickBlox answered "Bad timestamp": this computer's clock is 2 hours behind the server's/);
      const session = await waitFor('the session signed with the server time', () => services.sessions.list()[0]);
      assert.equal(vscode.workspace.getConfiguration('quickblox').get('correctClockSkew'), true);
      const posts = (await sandboxRequests()).filter((request) => request.method === 'POST' && request.path === '/session.json');
      assert.equal(posts.length, 2, 'one refusal, one retry');
      assert.ok((await sandboxSessions()).some((live) => live.id === session.sessionId));
    });
  });

  describe('sessions as the server shapes them', () => {
    it('takes a JWT session with a drifted shape, and hands its token to every hand-off', async () => {
      const services = await api();
      const { statusBarLook } = services;
      await postControl('/_sandbox/behaviour', { tokenFormat: 'jwt', sessionShape: { id: 'absent', deviceId: true } });
      const profile = await addDemoProfile('JWT');
      const session = await create(profile.id, { type: 'application' });
      assert.ok(session, 'a session without _id, with device_id, is taken');
      const token = await services.sessions.token(session.id);
      assert.ok(token && token.split('.').length === 3 && token.length > 300, `a JWT (${token?.length} characters)`);
      assert.match(session.tokenPrefix, /^jwt …/);
      assert.ok(!token.startsWith(session.tokenPrefix.replace(/^jwt …|…$/g, '')), 'named by its signature, not by the header every JWT shares');
      assert.ok(statusBarLook()?.tooltip.includes(session.tokenPrefix), 'the status bar names it the same way');
      await vscode.commands.executeCommand('quickblox.copySessionToken', { sessionId: session.id });
      assert.equal(await vscode.env.clipboard.readText(), token);
      await vscode.commands.executeCommand('quickblox.copyTokenAsCurl', { sessionId: session.id, shell: 'posix' });
      assert.ok((await vscode.env.clipboard.readText()).endsWith(`'QB-Token: ${token}'`));
      await answer((prompt) => (prompt.actions.includes('Write') ? 'Write' : undefined));
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(folder);
      try {
        await vscode.commands.executeCommand('quickblox.writeTokenToEnv', { sessionId: session.id });
        assert.equal(fs.readFileSync(path.join(folder, '.env'), 'utf8'), `QUICKBLOX_TOKEN=${token}\n`);
      } finally {
        fs.rmSync(path.join(folder, '.env'), { force: true });
      }
      await answer((prompt) => (prompt.modal ? 'Copy' : undefined));
      await vscode.commands.executeCommand('quickblox.revealToken', { sessionId: session.id });
      assert.equal(prompts.seen().find((prompt) => prompt.modal)?.detail, token);
      const document = services.documents.provideTextDocumentContent(services.documents.uri(services.documents.ofSession(session.id) ?? ''));
      assert.match(document, /"device_id"/, 'fields the extension does not know are shown as received');
    });

    it('takes a session that states only its token', async () => {
      const services = await api();
      await postControl('/_sandbox/behaviour', {
        sessionShape: { omit: ['application_id', 'created_at', 'id', 'nonce', 'ts', 'updated_at', 'user_id', '_id'] },
      });
      const profile = await addDemoProfile('Token only');
      const session = await create(profile.id, { type: 'login', login: alice.login, password: alice.password }, alice.login);
      assert.ok(session);
      assert.equal(session.sessionId, undefined);
      assert.ok(await services.sessions.token(session.id));
    });
  });

  describe('POST /login.json with every kind', () => {
    for (const [label, user, userId] of [
      ['a Facebook access token', { provider: 'facebook', token: facebook.token }, facebook.userId],
      [
        'a Firebase phone ID token',
        { provider: 'firebase_phone', projectId: firebase.projectId, accessToken: firebase.accessTokens[0].token },
        firebase.accessTokens[0].userId,
      ],
    ] as const) {
      it(`signs a user in to an application session with ${label}`, async () => {
        const services = await api();
        const profile = await addDemoProfile(`Upgrade ${label.length}`);
        const session = await create(profile.id, { type: 'application' });
        assert.ok(session);
        const upgraded = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.upgradeSession', { sessionId: session.id, user });
        assert.equal(upgraded?.userId, userId);
        const onServer = (await sandboxSessions()).find((live) => live.id === session.sessionId);
        assert.equal(onServer?.userId, userId);
        assert.equal(services.sessions.get(session.id)?.upgraded?.kind, user.provider);
      });
    }
  });

  describe('the account key', () => {
    it('looks the endpoint up with GET /account_settings.json, shows the host, and is sent nowhere else', async () => {
      const services = await api();
      const dedicated = sandboxUrl().replace('127.0.0.1', 'localhost');
      await postControl('/_sandbox/behaviour', { apiEndpoint: dedicated });
      const profile = await addDemoProfile('Dedicated');
      assert.ok(profile.hasAccountKey);
      const session = await create(profile.id, { type: 'application' });
      assert.ok(session);
      await answer((prompt) => (prompt.modal ? prompt.actions[0] : undefined));
      const updated = await vscode.commands.executeCommand<{ endpoint: string } | undefined>('quickblox.lookUpEndpoint', { profileId: profile.id });
      assert.equal(updated?.endpoint, dedicated);
      const asked = prompts.seen().find((prompt) => prompt.modal);
      assert.match(asked?.message ?? '', new RegExp(`names ${dedicated.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} as the API endpoint`));
      assert.equal(services.profiles.get(profile.id)?.endpoint, dedicated);
      const requests = await sandboxRequests();
      const lookups = requests.filter((request) => request.path === '/account_settings.json');
      assert.equal(lookups.length, 1);
      assert.equal(lookups[0].headers['qb-account-key'], demo.accountKey);
      for (const request of requests.filter((other) => other.path !== '/account_settings.json')) {
        assert.equal(request.headers['qb-account-key'], undefined, `${request.method} ${request.path} carried the account key`);
      }
    });

    it('Edit Profile offers the look-up only for a profile with an account key', async () => {
      const services = await api();
      const profile = await addDemoProfile('No account key', { secrets: { authKey: demo.authKey, authSecret: demo.authSecret } });
      assert.equal(profile.hasAccountKey, false);
      assert.equal(await vscode.commands.executeCommand('quickblox.lookUpEndpoint', { profileId: profile.id }), undefined);
      assert.match(prompts.seen().at(-1)?.message ?? '', /has no account key/);
      assert.equal(services.profiles.get(profile.id)?.endpoint, sandboxUrl());
    });
  });
});
