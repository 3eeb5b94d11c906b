import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionResult } from '../../src/core';
import { PENDING_GRACE_MS } from '../../src/storage/pendingSecrets';
import type { Profile } from '../../src/profiles/profile';
import { ProfileStore } from '../../src/profiles/profileStore';
import { secretKeys } from '../../src/profiles/secretKeys';
import { SessionStore } from '../../src/sessions/store/sessionStore';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { stateKeys } from '../../src/storage/stateKeys';
import { madeUpSessionResult } from '../madeUpSession';
import { addDemoProfile, answerPrompts, api, clean, demo, demoProfile, idp, postControl, sandboxRequests, sandboxSessions, waitFor } from './helpers';
import { SharedGlobalState, SharedSecrets } from './windowStandIns';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 60 * 60_000;

/** A made-up answer to POST /session.json, as the core returns it. */
function created(sessionId: number, token: string, now: number): SessionResult {
  return madeUpSessionResult(sessionId, token, now, { applicationId: demo.applicationId });
}

const TOKEN_A = 'a1'.repeat(20);
const TOKEN_B = 'b2'.repeat(20);

/** The profiles a window that starts now lists. */
function listedByNewWindow(state: SharedGlobalState, secrets: SharedSecrets): string[] {
  const probe = new ProfileStore(state.window(), secrets);
  probe.dispose();
  return probe.list().map((profile) => profile.name);
}

describe('stores: two windows, interrupted saves, migration', () => {
  let time = START;
  const clock = (): number => time;
  let disposables: vscode.Disposable[] = [];
  const track = <T extends vscode.Disposable>(disposable: T): T => {
    disposables.push(disposable);
    return disposable;
  };
  const exists = (): boolean => true;
  const names = (store: ProfileStore): string[] => store.list().map((profile) => profile.name);

  beforeEach(() => {
    time = START;
  });
  afterEach(() => {
    for (const disposable of disposables) disposable.dispose();
    disposables = [];
  });

  it('a profile added in each window before either hears of the other: both stay, with their secrets; a delete stays deleted', async () => {
    const state = new SharedGlobalState();
    const secrets = track(new SharedSecrets());
    const first = state.window();
    const second = state.window();
    const inFirst = track(new ProfileStore(first, secrets, clock));
    const inSecond = track(new ProfileStore(second, secrets, clock));
    const idpSecrets = { authKey: idp.authKey, authSecret: idp.authSecret };

    const a = await inFirst.add(demoProfile('Window A'));
    time += 1000;
    const b = await inSecond.add(demoProfile('Window B', { applicationId: String(idp.applicationId), secrets: idpSecrets }));
    assert.deepEqual(names(inSecond), ['Window B'], "the second window had not heard of the first window's profile");
    assert.ok(!state.has(stateKeys.profile(a.id)), "the second window's save undid the first window's, as VS Code's globalState does");

    // Each window goes on changing what it sees, still without hearing of the other's writes.
    time += 1000;
    await inFirst.rename(a.id, 'Window A renamed');
    await inFirst.addSavedUser(a.id, 'login', demo.users[0].login, demo.users[0].password);
    const c = await inSecond.add(demoProfile('Window B second', { secrets: idpSecrets }));

    // The first window hears of the second's save, which lacks its profile: it lists it still and writes it again.
    first.catchUp();
    assert.deepEqual(names(inFirst), ['Window A renamed', 'Window B', 'Window B second']);
    await waitFor('the first window to write its profile again', () => listedByNewWindow(state, secrets).includes('Window A renamed') || undefined);
    second.catchUp();
    for (const store of [inFirst, inSecond, track(new ProfileStore(state.window(), secrets, clock))]) {
      assert.deepEqual(names(store), ['Window A renamed', 'Window B', 'Window B second'], 'every profile, in the order added');
      assert.deepEqual(await store.secretsOf(a.id), { authKey: demo.authKey, authSecret: demo.authSecret, accountKey: demo.accountKey });
      assert.deepEqual(await store.secretsOf(b.id), idpSecrets);
      assert.deepEqual(await store.secretsOf(c.id), idpSecrets);
      const [saved] = store.get(a.id)?.savedUsers ?? [];
      assert.equal(saved?.identifier, demo.users[0].login);
      assert.equal(await store.userPassword(a.id, saved.id), demo.users[0].password);
    }
    assert.deepEqual(
      state.keys().filter((key) => key.startsWith('quickblox.pending')),
      [],
      'no pending record is left once the changes are saved',
    );

    // The second window deletes its profile; the first, not having heard of it, saves a change of its own.
    await inSecond.remove(b.id);
    await inFirst.rename(a.id, 'Window A again');
    assert.ok(listedByNewWindow(state, secrets).includes('Window B'), "the first window's save brought the deleted profile back");
    second.catchUp();
    assert.deepEqual(names(inSecond), ['Window A again', 'Window B second'], 'the delete is newer than what the first window saved');
    await waitFor('the second window to write its delete again', () => !listedByNewWindow(state, secrets).includes('Window B') || undefined);
    first.catchUp();
    assert.deepEqual(names(inFirst), ['Window A again', 'Window B second']);
    assert.equal(await secrets.get(secretKeys.authKey(b.id, b.secretsVersion)), undefined);
  });

  it('a session added in each window before either hears of the other: both stay, with their tokens; a forgotten one stays forgotten', async () => {
    const state = new SharedGlobalState();
    const secrets = track(new SharedSecrets());
    const first = state.window();
    const second = state.window();
    const inFirst = track(new SessionStore(first, secrets, exists, clock));
    const inSecond = track(new SessionStore(second, secrets, exists, clock));
    const listed = (): string[] => {
      const probe = new SessionStore(state.window(), secrets, exists, clock);
      probe.dispose();
      return probe.list().map((session) => session.id);
    };

    const a = await inFirst.add('profile-1', { type: 'application' }, undefined, created(11, TOKEN_A, time), time + 2 * HOUR);
    time += 1000;
    const b = await inSecond.add('profile-2', { type: 'application' }, undefined, created(12, TOKEN_B, time), time + 2 * HOUR);
    assert.ok(a && b);
    assert.deepEqual(
      inSecond.list().map((session) => session.id),
      [b.id],
      "the second window had not heard of the first window's session",
    );
    await inSecond.update(b.id, { keepAlive: true });
    assert.deepEqual(listed(), [b.id], "the second window's save undid the first window's");

    first.catchUp();
    assert.deepEqual(
      inFirst.list().map((session) => session.id),
      [b.id, a.id],
    );
    await waitFor('the first window to write its session again', () => listed().includes(a.id) || undefined);
    second.catchUp();
    for (const store of [inFirst, inSecond, track(new SessionStore(state.window(), secrets, exists, clock))]) {
      assert.deepEqual(
        store.list().map((session) => session.id),
        [b.id, a.id],
        'both sessions, newest first',
      );
      assert.equal(await store.token(a.id), TOKEN_A);
      assert.equal(await store.token(b.id), TOKEN_B);
      assert.equal(store.get(b.id)?.keepAlive, true);
    }

    // The first window forgets its session; the second, not having heard of it, saves a change of its own.
    await inFirst.forget([a.id]);
    await inSecond.update(b.id, { keepAlive: undefined });
    assert.deepEqual(listed(), [b.id, a.id], "the second window's save brought the forgotten session back");
    first.catchUp();
    assert.deepEqual(
      inFirst.list().map((session) => session.id),
      [b.id],
    );
    await waitFor('the first window to write its forgetting again', () => !listed().includes(a.id) || undefined);
    second.catchUp();
    assert.deepEqual(
      inSecond.list().map((session) => session.id),
      [b.id],
    );
    assert.equal(inSecond.get(b.id)?.keepAlive, undefined);
    assert.equal(await secrets.get(secretKeys.sessionToken(a.id)), undefined);
    assert.equal(await secrets.get(secretKeys.sessionToken(b.id)), TOKEN_B);
  });

  it('moves profiles, sessions and pending deletes from the old single keys, once, even with two windows at it', async () => {
    const state = new SharedGlobalState();
    const secrets = track(new SharedSecrets());
    const legacy = (id: string, name: string): Profile => ({
      id,
      name,
      applicationId: String(demo.applicationId),
      endpoint: 'https://api.example',
      hash: 'sha1',
      hasAccountKey: false,
      savedUsers: [{ id: `${id}-user`, kind: 'login', identifier: demo.users[0].login }],
      secretsVersion: 'v1',
    });
    const profiles = [legacy('legacy-2', 'Listed first'), legacy('legacy-1', 'Listed second')];
    for (const profile of profiles) {
      await secrets.store(secretKeys.authKey(profile.id, 'v1'), demo.authKey);
      await secrets.store(secretKeys.authSecret(profile.id, 'v1'), demo.authSecret);
      await secrets.store(secretKeys.userPassword(profile.id, `${profile.id}-user`), demo.users[0].password);
    }
    const leftover = secretKeys.authSecret('deleted-long-ago', 'v0');
    await secrets.store(leftover, demo.authSecret);
    const session = (id: string, createdAt: number): TrackedSession => ({
      id,
      profileId: 'legacy-1',
      kind: 'application',
      sessionId: createdAt,
      userId: 0,
      tokenPrefix: 'a1a1a1…',
      createdAt,
      expiresAt: START + HOUR,
      checkedAt: createdAt,
    });
    await secrets.store(secretKeys.sessionToken('old-session'), TOKEN_A);
    await secrets.store(secretKeys.sessionToken('new-session'), TOKEN_B);
    state.set(stateKeys.legacy.profiles, profiles);
    state.set(stateKeys.legacy.sessions, [session('old-session', START - 2000), session('new-session', START - 1000)]);
    state.set(stateKeys.legacy.pendingDeletes, [leftover]);
    state.set(stateKeys.activeSession, 'old-session');

    const first = state.window();
    const second = state.window();
    const profilesFirst = track(new ProfileStore(first, secrets, clock));
    const profilesSecond = track(new ProfileStore(second, secrets, clock));
    const sessionsFirst = track(new SessionStore(first, secrets, exists, clock));
    const sessionsSecond = track(new SessionStore(second, secrets, exists, clock));
    assert.deepEqual(names(profilesFirst), ['Listed first', 'Listed second'], 'listed as before, even before they are moved');
    assert.deepEqual(
      sessionsFirst.list().map((kept) => kept.id),
      ['new-session', 'old-session'],
    );

    // Both windows start at once, each with the old keys in its cache.
    await Promise.all([
      profilesFirst.finishPendingDeletes(),
      profilesSecond.finishPendingDeletes(),
      sessionsFirst.finishPendingDeletes(),
      sessionsSecond.finishPendingDeletes(),
    ]);
    first.catchUp();
    second.catchUp();

    const keys = state.keys().sort();
    for (const old of Object.values(stateKeys.legacy)) assert.ok(!keys.includes(old), `${old} is still stored`);
    assert.deepEqual(
      keys.filter((key) => key.startsWith('quickblox.profileRecord.') || key.startsWith('quickblox.sessionRecord.') || key.startsWith('quickblox.pending')),
      [stateKeys.profile('legacy-1'), stateKeys.profile('legacy-2'), stateKeys.session('new-session'), stateKeys.session('old-session')].sort(),
      'one key per profile and per session, no pending record',
    );
    for (const store of [profilesFirst, profilesSecond]) {
      assert.deepEqual(names(store), ['Listed first', 'Listed second'], 'the order is kept');
      assert.deepEqual(store.list(), profiles);
      assert.deepEqual(await store.secretsOf('legacy-1'), { authKey: demo.authKey, authSecret: demo.authSecret });
      assert.equal(await store.userPassword('legacy-2', 'legacy-2-user'), demo.users[0].password);
    }
    for (const store of [sessionsFirst, sessionsSecond]) {
      assert.deepEqual(
        store.list().map((kept) => kept.id),
        ['new-session', 'old-session'],
      );
      assert.equal(store.active()?.id, 'old-session');
      assert.equal(await store.token('old-session'), TOKEN_A);
    }
    assert.equal(await secrets.get(leftover), undefined, 'the pending delete recorded in the old key was finished');

    // Running it again changes nothing; a profile added afterwards comes last.
    const before = JSON.stringify(state.stored);
    await profilesFirst.finishPendingDeletes();
    await sessionsFirst.finishPendingDeletes();
    assert.equal(JSON.stringify(state.stored), before);
    await profilesSecond.add(demoProfile('Added after'));
    assert.deepEqual(names(profilesSecond), ['Listed first', 'Listed second', 'Added after']);
  });

  it('secrets stored by a window that closed before saving its profile or session are deleted at the next start, not another window’s fresh ones', async () => {
    const state = new SharedGlobalState();
    const secrets = track(new SharedSecrets());

    // Window 1 closes after storing a profile's secrets and a session's token, before writing either item.
    const closing = state.window();
    const profileNotWritten = closing.interrupt((key) => key.startsWith(stateKeys.prefix.profile));
    void track(new ProfileStore(closing, secrets, clock)).add(demoProfile('Never saved'));
    await profileNotWritten;
    const closingSessions = state.window();
    const sessionNotWritten = closingSessions.interrupt((key) => key.startsWith(stateKeys.prefix.session));
    void track(new SessionStore(closingSessions, secrets, exists, clock)).add(
      'profile-1',
      { type: 'application' },
      undefined,
      created(21, TOKEN_A, time),
      time + 2 * HOUR,
    );
    await sessionNotWritten;
    const orphaned = secrets.keysUnder('quickblox.');
    assert.equal(orphaned.length, 4, 'auth key, auth secret, account key and a token were stored; nothing refers to them');

    // Window 2 is storing a profile right now (its record comes next).
    time = START + PENDING_GRACE_MS;
    const busy = state.window();
    const busyWriting = busy.interrupt((key) => key.startsWith(stateKeys.prefix.profile));
    void track(new ProfileStore(busy, secrets, clock)).add(demoProfile('Being saved', { secrets: { authKey: idp.authKey, authSecret: idp.authSecret } }));
    await busyWriting;
    const inProgress = secrets.keysUnder('quickblox.').filter((key) => !orphaned.includes(key));
    assert.equal(inProgress.length, 2);
    const pendingOf = (keys: string[]): number =>
      state.keys().filter((key) => key.startsWith(stateKeys.prefix.pendingSecret) && keys.includes((state.get(key) as { key: string }).key)).length;
    assert.equal(pendingOf(orphaned), 4, 'every stored secret was recorded as pending first');
    for (const key of state.keys().filter((name) => name.startsWith('quickblox.pending'))) {
      assert.deepEqual(Object.keys(state.get(key) as object).sort(), ['at', 'key'], 'a pending record holds a key name and a time, never a value');
    }

    // Window 3 starts a minute later: window 1's secrets are old enough to be orphans, window 2's are not.
    time = START + PENDING_GRACE_MS + 60_000;
    const restarted = state.window();
    await track(new ProfileStore(restarted, secrets, clock)).finishPendingDeletes();
    await track(new SessionStore(restarted, secrets, exists, clock)).finishPendingDeletes();
    assert.deepEqual(secrets.keysUnder('quickblox.'), inProgress, "window 1's secrets are deleted; window 2's stay");
    assert.equal(pendingOf(orphaned), 0);
    assert.equal(pendingOf(inProgress), 2, "window 2's pending records are left to it");

    // Had window 2 never finished, the start after that deletes its secrets too.
    time += PENDING_GRACE_MS;
    await track(new ProfileStore(state.window(), secrets, clock)).finishPendingDeletes();
    assert.deepEqual(secrets.keysUnder('quickblox.'), []);
    assert.deepEqual(
      state.keys().filter((key) => key.startsWith('quickblox.pending')),
      [],
    );
  });

  it('secrets a window was deleting when it closed are deleted at the next start', async () => {
    const state = new SharedGlobalState();
    const secrets = track(new SharedSecrets());
    const store = track(new ProfileStore(state.window(), secrets, clock));
    const profile = await store.add(demoProfile('Deleted'));
    await store.addSavedUser(profile.id, 'email', demo.users[1].email, demo.users[1].password);
    const stored = secrets.keysUnder('quickblox.profile.');
    assert.equal(stored.length, 4);

    secrets.interruptDeletes = true;
    void store.remove(profile.id);
    await waitFor('the profile to be deleted', () => !listedByNewWindow(state, secrets).includes('Deleted') || undefined);
    secrets.interruptDeletes = false;
    assert.deepEqual(secrets.keysUnder('quickblox.profile.'), stored, 'the window closed before deleting the secrets');

    await track(new ProfileStore(state.window(), secrets, clock)).finishPendingDeletes();
    assert.deepEqual(secrets.keysUnder('quickblox.profile.'), []);
    assert.deepEqual(
      state.keys().filter((key) => key.startsWith('quickblox.pending')),
      [],
    );
  });
});

describe('stores: a profile deleted while Create Session waits for the server', () => {
  beforeEach(clean);
  after(clean);

  const ways: Array<[string, (profileId: string) => Thenable<unknown>]> = [
    ['through the store', async (profileId) => (await api()).profiles.remove(profileId)],
    ['with Delete Profile', (profileId) => vscode.commands.executeCommand('quickblox.deleteProfile', { profileId })],
  ];
  for (const [way, remove] of ways) {
    it(`deleted ${way}: no session is kept and the new one is ended on the server`, async () => {
      const services = await api();
      const { context } = services;
      const profile = await addDemoProfile('Deleted meanwhile');
      await postControl('/_sandbox/faults', { type: 'delay', ms: 1500, method: 'POST', path: '/session.json' });
      const prompts = await answerPrompts((prompt) => (prompt.modal ? 'Delete' : undefined));
      try {
        const creating = vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', {
          profileId: profile.id,
          auth: { type: 'application' },
        });
        await waitFor(
          'the request to reach the sandbox',
          async () => (await sandboxRequests()).some((request) => request.method === 'POST' && request.path === '/session.json') || undefined,
        );
        await remove(profile.id);
        assert.equal(services.profiles.get(profile.id), undefined);

        assert.equal(await creating, undefined, 'Create Session keeps no session');
        assert.deepEqual(services.sessions.list(), []);
        assert.equal(services.sessions.active(), undefined);
        assert.deepEqual(await sandboxSessions(), [], 'the session the server created was ended');
        assert.ok((await sandboxRequests()).some((request) => request.method === 'DELETE' && request.path === '/session.json'));
        assert.deepEqual(
          context.globalState
            .keys()
            .filter((key) => key.startsWith('quickblox.pending'))
            .map((key) => [key, context.globalState.get(key)]),
          [],
          'no pending secret is left',
        );

        const told = prompts.seen.filter((prompt) => !prompt.modal);
        assert.equal(told.length, 1, `one notification: ${told.map((prompt) => prompt.message).join(' | ')}`);
        assert.equal(told[0].severity, 'warning');
        assert.match(
          told[0].message,
          /^The profile Deleted meanwhile was deleted while its session was being created, so the new session \([0-9a-f]{6}…\) was ended\.$/,
        );
      } finally {
        prompts.restore();
      }
    });
  }
});
