import * as assert from 'node:assert/strict';
import type { SessionAuth, SessionResult } from '../../src/core';
import { secretKeys } from '../../src/profiles/secretKeys';
import { PRUNE_AFTER_MS, SessionStore } from '../../src/sessions/store/sessionStore';
import { stateKeys } from '../../src/storage/stateKeys';
import { madeUpSessionResult } from '../madeUpSession';
import { eventually, MemoryMemento, MemorySecrets } from './standIns';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 60 * 60_000;
const TOKEN_A = 'a1'.repeat(20);
const TOKEN_B = 'b2'.repeat(20);
const APP: SessionAuth = { type: 'application' };
/** Long enough for the store's two-second poll to come round. */
const POLL_WAIT_MS = 8000;

/** A made-up answer to POST /session.json, as the core returns it. */
function created(sessionId: number, token: string, now: number, userId = 0): SessionResult {
  return madeUpSessionResult(sessionId, token, now, { userId });
}

describe('session store on plain Node', () => {
  let time = START;
  const clock = (): number => time;
  let memento: MemoryMemento;
  let secrets: MemorySecrets;
  let profiles: Set<string>;
  let store: SessionStore;
  const opened: Array<{ dispose(): void }> = [];
  const open = (state: MemoryMemento): SessionStore => {
    const opening = new SessionStore(state, secrets, (profileId) => profiles.has(profileId), clock);
    opened.push(opening);
    return opening;
  };
  const ids = (of: SessionStore = store): string[] => of.list().map((session) => session.id);
  const add = async (token: string, profileId = 'p1', replacing?: string): Promise<string> => {
    const session = await store.add(profileId, APP, undefined, created(time % 1000, token, time), time + 2 * HOUR, replacing);
    assert.ok(session, 'the session was kept');
    return session.id;
  };

  beforeEach(() => {
    time = START;
    memento = new MemoryMemento();
    secrets = new MemorySecrets();
    opened.push(secrets);
    profiles = new Set(['p1', 'p2']);
    store = open(memento);
  });
  afterEach(() => {
    for (const disposable of opened.splice(0)) disposable.dispose();
  });

  it('keeps the token in SecretStorage only, names it by its first characters, and makes the new session active', async () => {
    let heard = 0;
    store.onDidChange(() => heard++);
    const user = await store.add('p1', { type: 'login', login: 'alice', password: 'pa55-w0rd' }, 'alice', created(7, TOKEN_A, time, 42), time + 2 * HOUR);
    assert.ok(user);
    assert.equal(heard, 1);
    assert.equal(await store.token(user.id), TOKEN_A);
    assert.equal(user.tokenPrefix, `${TOKEN_A.slice(0, 6)}…`);
    assert.deepEqual(user.inputs, { login: 'alice' }, 'the login is kept to recreate it, never the password');
    assert.equal(user.userId, 42);
    assert.equal(store.active()?.id, user.id);
    const text = JSON.stringify(memento.snapshot());
    assert.ok(!text.includes(TOKEN_A) && !text.includes('pa55-w0rd'), 'no token or password in globalState');
    assert.ok(memento.get(stateKeys.session(user.id)), 'the session has a key of its own');

    const app = await store.add(
      'p1',
      APP,
      undefined,
      { ...created(8, TOKEN_B, time), session: { ...created(8, TOKEN_B, time).session, user_id: undefined } },
      time + HOUR,
    );
    assert.equal(app?.userId, 0, 'an application session has no user, even when the answer does not say so');
  });

  it('a profile deleted meanwhile refuses the new session: nothing is kept, no token is left behind', async () => {
    profiles.delete('p1');
    const session = await store.add('p1', APP, undefined, created(9, TOKEN_A, time), time + 2 * HOUR);
    assert.equal(session, undefined);
    assert.deepEqual(ids(), []);
    assert.equal(store.active(), undefined);
    assert.deepEqual(secrets.keysUnder('quickblox.session.'), []);
    assert.deepEqual(
      memento.keys().filter((key) => key.startsWith('quickblox.')),
      [],
    );
  });

  it('lists sessions newest first; live() leaves out expired ones; forProfile picks a profile’s', async () => {
    const first = await add(TOKEN_A, 'p1');
    time += 1000;
    const second = await add(TOKEN_B, 'p2');
    assert.deepEqual(ids(), [second, first]);
    assert.deepEqual(
      store.forProfile('p1').map((session) => session.id),
      [first],
    );
    time += 2 * HOUR - 500;
    assert.deepEqual(
      store.live().map((session) => session.id),
      [second],
    );
  });

  it('a recreated session takes the old one’s place: keep-alive carries over, the old token goes, active follows', async () => {
    const old = await add(TOKEN_A);
    await store.update(old, { keepAlive: true });
    time += 1000;
    const heard: string[] = [];
    store.onDidReplace(({ from, to }) => heard.push(`replaced ${from} by ${to} with ${store.get(to) ? 'it' : 'nothing'} stored`));
    store.onDidChange(() => heard.push('changed'));
    const recreated = await add(TOKEN_B, 'p1', old);
    assert.deepEqual(heard, [`replaced ${old} by ${recreated} with it stored`, 'changed'], 'the replacement is told first, once it is stored');
    assert.deepEqual(ids(), [recreated]);
    assert.equal(store.get(recreated)?.keepAlive, true);
    assert.equal(store.active()?.id, recreated);
    assert.equal(await store.token(old), undefined);
    assert.equal(await store.token(recreated), TOKEN_B);

    // Replacing a session that is not the active one leaves the active one alone.
    time += 1000;
    const other = await add(TOKEN_A);
    assert.equal(heard.filter((what) => what.startsWith('replaced')).length, 1, 'a new session replaces nothing');
    await store.setActive(other);
    const again = await add(TOKEN_A, 'p1', recreated);
    assert.equal(store.active()?.id, other);
    assert.deepEqual(ids().sort(), [again, other].sort());
  });

  it('update merges changes, removes fields given as undefined, and gives a function the stored session', async () => {
    const id = await add(TOKEN_A);
    await store.update(id, { keepAlive: true, signedOut: true });
    const updated = await store.update(id, (current) => ({ expiresAt: current.expiresAt + HOUR, signedOut: undefined }));
    assert.equal(updated?.keepAlive, true);
    assert.equal(updated?.expiresAt, START + 3 * HOUR);
    assert.ok(!('signedOut' in (store.get(id) ?? {})));
    assert.equal(await store.update('no-such-session', { keepAlive: true }), undefined);
  });

  it('forget removes sessions and their tokens, clears the active one, and leaves tombstones', async () => {
    const a = await add(TOKEN_A);
    const b = await add(TOKEN_B, 'p2');
    assert.equal(store.active()?.id, b);
    await store.forget([b]);
    assert.deepEqual(ids(), [a]);
    assert.equal(store.active(), undefined);
    assert.equal(await store.token(b), undefined);
    assert.equal(memento.get<{ deleted?: boolean }>(stateKeys.session(b))?.deleted, true);
    await store.forgetProfile('p1');
    assert.deepEqual(ids(), []);
    assert.deepEqual(secrets.keysUnder('quickblox.session.'), []);
    assert.deepEqual(
      memento.keys().filter((key) => key.startsWith('quickblox.pending')),
      [],
    );
  });

  it('pruneExpired drops sessions expired for over a day, with their tokens, and keeps recently expired ones', async () => {
    const long = await store.add('p1', APP, undefined, created(1, TOKEN_A, time), time - PRUNE_AFTER_MS);
    const recent = await store.add('p1', APP, undefined, created(2, TOKEN_B, time), time - PRUNE_AFTER_MS + 1000);
    const live = await store.add('p2', APP, undefined, created(3, 'c3'.repeat(20), time), time + HOUR);
    assert.ok(long && recent && live);
    await store.pruneExpired();
    assert.deepEqual(ids().sort(), [recent.id, live.id].sort());
    assert.equal(await store.token(long.id), undefined);
    assert.equal(await store.token(recent.id), TOKEN_B);
  });

  it('whileEnding marks a session as being ended only while the work runs', async () => {
    const id = await add(TOKEN_A);
    const seen = await store.whileEnding(id, async () => store.isEnding(id));
    assert.equal(seen, true);
    assert.equal(store.isEnding(id), false);
  });

  it("another window's save that undid a session: it stays listed and is written again, token and all", async function () {
    this.timeout(POLL_WAIT_MS);
    const before = memento.snapshot();
    const id = await add(TOKEN_A);
    memento.replaceAll(before);
    assert.deepEqual(ids(), [id], 'this window still lists its own write');
    assert.deepEqual(ids(open(memento.clone())), [], 'a window starting now would not see it');
    await eventually('the session to be written again', () => memento.get(stateKeys.session(id)) !== undefined);
    const fresh = open(memento.clone());
    assert.deepEqual(ids(fresh), [id]);
    assert.equal(await fresh.token(id), TOKEN_A);
  });

  it('at start-up deletes a token a closed window stored for a session it never saved, once five minutes old, and moves old arrays', async () => {
    await secrets.store(secretKeys.sessionToken('orphan'), TOKEN_A);
    await memento.update(stateKeys.pendingSecret('r1'), { key: secretKeys.sessionToken('orphan'), at: START - 5 * 60_000 });
    await memento.update(stateKeys.pendingSecret('r2'), { key: secretKeys.authKey('profile', 'v1'), at: 0 });
    const legacy = { id: 'legacy', profileId: 'p1', kind: 'application', userId: 0, tokenPrefix: 'b2b2b2…', createdAt: START - 1000, expiresAt: START + HOUR };
    await memento.update(stateKeys.legacy.sessions, [legacy]);
    await store.finishPendingDeletes();
    assert.equal(await store.token('orphan'), undefined);
    assert.ok(memento.get(stateKeys.pendingSecret('r2')), "a profile's record is the profile store's to settle");
    assert.equal(memento.get(stateKeys.legacy.sessions), undefined);
    assert.deepEqual(store.list(), [legacy]);
  });
});
