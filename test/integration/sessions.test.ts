import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionAuth } from '../../src/core';
import { PRUNE_AFTER_MS, SessionStore } from '../../src/sessions/store/sessionStore';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { secretKeys } from '../../src/profiles/secretKeys';
import { addDemoProfile, api, clean, demo, idp, lastFailure, postControl, sandboxUrl, waitFor } from './helpers';

interface ResponseDocument {
  request: { url: string; body: Record<string, unknown>; stringToSign?: string };
  response?: { status: number; body: { session?: { token: string } } };
  error?: { kind: string };
}

async function openedResponse(): Promise<ResponseDocument> {
  const editor = await waitFor('the response document', () =>
    vscode.window.activeTextEditor?.document.uri.scheme === 'quickblox-response' ? vscode.window.activeTextEditor : undefined,
  );
  assert.equal(editor.document.languageId, 'json');
  return JSON.parse(editor.document.getText()) as ResponseDocument;
}

async function create(profileId: string, auth: SessionAuth, user?: string): Promise<TrackedSession | undefined> {
  return vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId, auth, ...(user ? { user } : {}) });
}

describe('creating sessions in the extension host', () => {
  before(async () => {
    await vscode.workspace.getConfiguration('quickblox').update('showResponse', 'always', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('quickblox').update('showResponse', undefined, vscode.ConfigurationTarget.Global);
    await clean();
  });
  beforeEach(async () => {
    await clean();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const kinds: Array<[string, () => SessionAuth, boolean]> = [
    ['application', () => ({ type: 'application' }), false],
    ['login + password', () => ({ type: 'login', login: demo.users[0].login, password: demo.users[0].password }), false],
    ['email + password', () => ({ type: 'email', email: demo.users[1].email, password: demo.users[1].password }), false],
    ['Facebook', () => ({ type: 'facebook', token: demo.facebookTokens![1].token, secret: demo.facebookTokens![1].secret }), false],
    ['Firebase phone', () => ({ type: 'firebase_phone', projectId: demo.firebase!.projectId, accessToken: demo.firebase!.accessTokens[0].token }), false],
    [
      'custom identity provider',
      () => ({ type: 'custom', login: idp.customIdentityProvider!.identities[0].login, password: idp.customIdentityProvider!.identities[0].password }),
      true,
    ],
  ];
  for (const [name, auth, useIdp] of kinds) {
    it(`${name}: the token reaches the tree, the status bar and the clipboard`, async () => {
      const services = await api();
      const { tree, statusBarText, context } = services;
      const app = useIdp ? idp : demo;
      const profile = await addDemoProfile(`P ${name}`, {
        applicationId: String(app.applicationId),
        secrets: { authKey: app.authKey, authSecret: app.authSecret },
      });
      const tracked = await create(profile.id, auth(), 'someone');
      assert.ok(tracked, `no session was created: ${lastFailure()}`);
      assert.equal(tracked.kind, auth().type);

      const document = await openedResponse();
      assert.equal(document.response?.status, 201);
      const token = document.response?.body.session?.token;
      assert.match(token ?? '', /^[0-9a-f]{40}$/);
      assert.ok(!JSON.stringify(document.request).includes(app.authSecret), 'the request shown holds no auth secret');
      assert.ok(!JSON.stringify(document.request).includes(app.authKey), 'the request shown masks the auth key');
      assert.equal(await context.secrets.get(secretKeys.sessionToken(tracked.id)), token);

      const [profileNode] = tree.getChildren();
      const sessionNodes = tree.getChildren(profileNode);
      assert.equal(sessionNodes.length, 1);
      const item = tree.getTreeItem(sessionNodes[0]);
      assert.match(String(item.description), new RegExp(`^${token?.slice(0, 6)}… · 1 h 59 min|^${token?.slice(0, 6)}… · 2 h 00 min`));
      assert.ok(!String(item.description).includes(token ?? '-'), 'the tree shows only a prefix');

      assert.equal(services.sessions.active()?.id, tracked.id);
      assert.match(statusBarText() ?? '', new RegExp(`P ${name.replace(/[+]/g, '\\+')}`));

      await vscode.env.clipboard.writeText('before');
      assert.equal(await vscode.commands.executeCommand('quickblox.statusBarClicked'), true);
      assert.equal(await vscode.env.clipboard.readText(), token);
      await vscode.env.clipboard.writeText('before');
      await vscode.commands.executeCommand('quickblox.copySessionToken', sessionNodes[0]);
      assert.equal(await vscode.env.clipboard.readText(), token);
    });
  }

  const failures: Array<[string, () => Promise<void>, string, RegExp]> = [
    ['a wrong auth secret', async () => undefined, 'invalid_signature', /Unexpected signature.*auth secret.*clock/],
    ['a 429', () => postControl('/_sandbox/faults', { type: 'rate_limit', retryAfter: 9 }), 'rate_limited', /too many requests; QuickBlox asks to wait 9 s/],
    ['an HTML 502', () => postControl('/_sandbox/faults', { type: 'html_502' }), 'server', /HTML error page/],
    ['truncated JSON', () => postControl('/_sandbox/faults', { type: 'truncated_json' }), 'bad_response', /not valid JSON/],
    ['a reset connection', () => postControl('/_sandbox/faults', { type: 'reset' }), 'network', /closed or reset/],
    ['a wrong auth key', async () => undefined, 'unauthorized', /application credentials.*application id and auth key/],
    [
      'a validation error',
      () => postControl('/_sandbox/faults', { type: 'status', status: 422, body: { errors: { login: ['is invalid'] } } }),
      'validation',
      /rejected the request \(422.*login is invalid/,
    ],
    [
      'a session the server no longer knows',
      () => postControl('/_sandbox/faults', { type: 'status', status: 401, body: { errors: { base: ['Required session does not exist'] } } }),
      'session_missing',
      /does not exist on the server any more/,
    ],
  ];
  for (const [name, arrange, kind, message] of failures) {
    it(`${name}: one sentence, the response document, nothing stored`, async () => {
      const services = await api();
      const secrets =
        kind === 'invalid_signature'
          ? { authKey: demo.authKey, authSecret: 'not-the-secret' }
          : kind === 'unauthorized'
            ? { authKey: 'not-the-key-0000', authSecret: demo.authSecret }
            : undefined;
      const profile = await addDemoProfile('Failing', secrets ? { secrets } : {});
      await arrange();
      const before = services.sessions.list().length;
      const tracked = await create(profile.id, { type: 'application' });
      assert.equal(tracked, undefined);
      assert.match(lastFailure() ?? '', message);
      assert.ok(!(lastFailure() ?? '').includes('not-the-secret') && !(lastFailure() ?? '').includes('not-the-key-0000'));
      const document = await openedResponse();
      assert.equal(document.error?.kind, kind);
      assert.equal(services.sessions.list().length, before);
    });
  }

  it('input the core refuses: invalid_input, nothing sent', async () => {
    await api();
    const profile = await addDemoProfile('Refused');
    await postControl('/_sandbox/reset');
    const tracked = await create(profile.id, { type: 'login', login: 'line\nbreak', password: 'p' });
    assert.equal(tracked, undefined);
    assert.match(lastFailure() ?? '', /login contains line breaks/);
    const received = (await (await fetch(`${sandboxUrl()}/_sandbox/requests`)).json()) as unknown[];
    assert.equal(received.length, 0, 'nothing reached the server');
  });

  it('a timeout names the setting to raise', async () => {
    await api();
    const profile = await addDemoProfile('Slow');
    await vscode.workspace.getConfiguration('quickblox').update('requestTimeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      await postControl('/_sandbox/faults', { type: 'delay', ms: 3000 });
      assert.equal(await create(profile.id, { type: 'application' }), undefined);
      assert.match(lastFailure() ?? '', /within 1 s.*raise the request timeout/);
    } finally {
      await vscode.workspace.getConfiguration('quickblox').update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('sessions survive a reload; expired ones are dropped with their tokens', async () => {
    const services = await api();
    const { context } = services;
    const profile = await addDemoProfile('Kept');
    const tracked = await create(profile.id, { type: 'application' });
    assert.ok(tracked);
    // A new store over the same globalState and SecretStorage is what the next window builds.
    const exists = (profileId: string): boolean => services.profiles.get(profileId) !== undefined;
    const reloaded = new SessionStore(context.globalState, context.secrets, exists);
    assert.deepEqual(
      reloaded.list().map((session) => session.id),
      [tracked.id],
    );
    assert.equal(reloaded.active()?.id, tracked.id);
    const later = new SessionStore(context.globalState, context.secrets, exists, () => tracked.expiresAt + 1000);
    assert.deepEqual(later.live(), []);
    await later.pruneExpired();
    assert.equal(later.list().length, 1, 'a session expired a moment ago stays listed, as expired, for a day');
    const nextDay = new SessionStore(context.globalState, context.secrets, exists, () => tracked.expiresAt + PRUNE_AFTER_MS + 1000);
    await nextDay.pruneExpired();
    assert.deepEqual(nextDay.list(), []);
    nextDay.dispose();
    assert.equal(await context.secrets.get(secretKeys.sessionToken(tracked.id)), undefined);
    reloaded.dispose();
    later.dispose();
    assert.equal(services.sessions.list().length, 0);
  });

  it('forgetting a session removes its token; the status bar offers a new one', async () => {
    const services = await api();
    const { statusBarText, context } = services;
    const profile = await addDemoProfile('Forget');
    const tracked = await create(profile.id, { type: 'application' });
    assert.ok(tracked);
    await vscode.commands.executeCommand('quickblox.forgetSession', { type: 'session', session: tracked, active: true });
    assert.equal(await context.secrets.get(secretKeys.sessionToken(tracked.id)), undefined);
    assert.equal(services.sessions.active(), undefined);
    assert.match(statusBarText() ?? '', /no session/);
  });

  it('the status bar turns to warning and error as expiry nears', async () => {
    const services = await api();
    const { statusBarText } = services;
    const profile = await addDemoProfile('Clock');
    const tracked = await create(profile.id, { type: 'application' });
    assert.ok(tracked);
    const { statusState } = await import('../../src/views/statusBar');
    assert.equal(statusState(tracked, services.profiles, tracked.expiresAt - 30 * 60_000).kind, 'active');
    assert.equal(statusState(tracked, services.profiles, tracked.expiresAt - 5 * 60_000).kind, 'expiring');
    assert.equal(statusState(tracked, services.profiles, tracked.expiresAt + 1).kind, 'expired');
    assert.match(statusBarText() ?? '', /Clock · app · (1 h 59|2 h 00) min/);
  });
});
