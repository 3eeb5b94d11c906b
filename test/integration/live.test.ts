/**
 * The extension-host half of `npm run test:live`: the session cases against a real QuickBlox
 * application, through the extension's own commands. It runs only when the live runner asks for it
 * (QB_LIVE_SUITE=1, with QB_LIVE_APP_ID, QB_LIVE_AUTH_KEY, QB_LIVE_AUTH_SECRET and optionally
 * QB_LIVE_ENDPOINT, QB_LIVE_USER_LOGIN, QB_LIVE_USER_PASSWORD); index.ts leaves this file out
 * otherwise, so the ordinary suite never talks to QuickBlox. Nothing here prints the values.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionAuth } from '../../src/core';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { answerPrompts, api, clean, lastFailure } from './helpers';

const env = process.env;
const endpoint = env.QB_LIVE_ENDPOINT || 'https://api.quickblox.com';

describe('live: the extension against a real QuickBlox application', () => {
  let prompts: Awaited<ReturnType<typeof answerPrompts>> | undefined;
  before(async function () {
    if (!env.QB_LIVE_APP_ID || !env.QB_LIVE_AUTH_KEY || !env.QB_LIVE_AUTH_SECRET) {
      throw new Error('QB_LIVE_APP_ID, QB_LIVE_AUTH_KEY and QB_LIVE_AUTH_SECRET are needed (npm run test:live checks this first)');
    }
    this.timeout(60_000);
    await clean();
    // A dedicated host is confirmed as a person would; QuickBlox's own need nothing.
    prompts = await answerPrompts((prompt) => (prompt.modal && prompt.actions[0]?.startsWith('Send to ') ? prompt.actions[0] : undefined));
  });
  after(async () => {
    prompts?.restore();
    await clean();
  });

  const session = async (auth: SessionAuth, user?: string): Promise<TrackedSession> => {
    const services = await api();
    const profile =
      services.profiles.list()[0] ??
      (await services.profiles.add({
        name: 'Live',
        applicationId: env.QB_LIVE_APP_ID ?? '',
        endpoint,
        hash: 'sha1',
        secrets: { authKey: env.QB_LIVE_AUTH_KEY ?? '', authSecret: env.QB_LIVE_AUTH_SECRET ?? '' },
      }));
    const created = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', {
      profileId: profile.id,
      auth,
      ...(user ? { user } : {}),
    });
    assert.ok(created, `no session: ${lastFailure() ?? 'no failure was shown'}`);
    return created;
  };

  it('creates, retrieves and destroys an application session', async function () {
    this.timeout(60_000);
    const services = await api();
    const created = await session({ type: 'application' });
    assert.ok(await services.sessions.token(created.id));
    const retrieved = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.retrieveSession', { sessionId: created.id });
    assert.ok(retrieved, `retrieve failed: ${lastFailure() ?? ''}`);
    assert.equal(await vscode.commands.executeCommand('quickblox.destroySession', { sessionId: created.id }), true);
    assert.equal(services.sessions.get(created.id), undefined);
  });

  it('creates a user session and names a wrong password as the password', async function () {
    if (!env.QB_LIVE_USER_LOGIN || !env.QB_LIVE_USER_PASSWORD) {
      console.log('  live: no QB_LIVE_USER_LOGIN / QB_LIVE_USER_PASSWORD: the user cases are not run');
      this.skip();
    }
    this.timeout(90_000);
    await api();
    const login = env.QB_LIVE_USER_LOGIN ?? '';
    const created = await session({ type: 'login', login, password: env.QB_LIVE_USER_PASSWORD ?? '' }, login);
    assert.notEqual(created.userId, 0);
    assert.equal(await vscode.commands.executeCommand('quickblox.destroySession', { sessionId: created.id }), true);
    const again = await api();
    const profile = again.profiles.list()[0];
    assert.equal(
      await vscode.commands.executeCommand('quickblox.createSession', {
        profileId: profile.id,
        auth: { type: 'login', login, password: `${env.QB_LIVE_USER_PASSWORD ?? ''}-wrong` },
        user: login,
      }),
      undefined,
    );
    assert.match(lastFailure() ?? '', new RegExp(`refused the password for ${login.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
