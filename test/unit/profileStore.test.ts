import * as assert from 'node:assert/strict';
import type { NewProfile, Profile } from '../../src/profiles/profile';
import { ProfileStore } from '../../src/profiles/profileStore';
import { secretKeys } from '../../src/profiles/secretKeys';
import { PENDING_GRACE_MS } from '../../src/storage/pendingSecrets';
import { stateKeys } from '../../src/storage/stateKeys';
import { eventually, MemoryMemento, MemorySecrets } from './standIns';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const SECRETS = { authKey: 'Kp3nV8xQ2wRtY6zA', authSecret: 'sEcr3t-Vq9LmN4bX7', accountKey: 'ACCT-h8JzT2kW5pQ' };
const PASSWORD = 'pa55-w0rd-for-alice';
/** Long enough for the store's two-second poll to come round. */
const POLL_WAIT_MS = 8000;

function input(name: string, overrides: Partial<NewProfile> = {}): NewProfile {
  return { name, applicationId: '12345', endpoint: 'https://api.example.com', hash: 'sha1', secrets: { ...SECRETS }, ...overrides };
}

describe('profile store on plain Node', () => {
  let time = START;
  const clock = (): number => time;
  let memento: MemoryMemento;
  let secrets: MemorySecrets;
  let store: ProfileStore;
  const opened: Array<{ dispose(): void }> = [];
  const open = (state: MemoryMemento, storage: MemorySecrets): ProfileStore => {
    const opening = new ProfileStore(state, storage, clock);
    opened.push(opening);
    return opening;
  };
  const names = (of: ProfileStore = store): string[] => of.list().map((profile) => profile.name);
  /** Every value in globalState, as one text. */
  const stateText = (): string => JSON.stringify(memento.snapshot());
  const assertNoSecretIn = (text: string, values: string[]): void => {
    for (const value of values) assert.ok(!text.includes(value), `globalState holds a secret (${value.slice(0, 3)}…)`);
  };

  beforeEach(() => {
    time = START;
    memento = new MemoryMemento();
    secrets = new MemorySecrets();
    opened.push(secrets);
    store = open(memento, secrets);
  });
  afterEach(() => {
    for (const disposable of opened.splice(0)) disposable.dispose();
  });

  it('add, edit, rename, duplicate and remove keep every secret in SecretStorage only', async () => {
    const everySecret = [...Object.values(SECRETS), PASSWORD, 'an0ther-Secret-value'];
    const profile = await store.add(input('Staging'));
    await store.addSavedUser(profile.id, 'login', 'alice', PASSWORD);
    assertNoSecretIn(stateText(), everySecret);
    assert.match(stateText(), /Staging/);
    assert.match(stateText(), /alice/);
    assert.deepEqual(await store.secretsOf(profile.id), SECRETS);

    await store.update(profile.id, { hash: 'sha256' }, { authSecret: 'an0ther-Secret-value' });
    await store.rename(profile.id, 'Production');
    const copy = await store.duplicate(profile.id, 'Copy');
    assertNoSecretIn(stateText(), everySecret);
    assert.deepEqual(names(), ['Production', 'Copy']);
    assert.equal(store.get(profile.id)?.hash, 'sha256');
    assert.deepEqual(await store.secretsOf(copy.id), { ...SECRETS, authSecret: 'an0ther-Secret-value' }, 'the copy has copies of the secrets');
    const [copiedUser] = store.get(copy.id)?.savedUsers ?? [];
    assert.equal(copiedUser?.identifier, 'alice');
    assert.equal(await store.userPassword(copy.id, copiedUser.id), PASSWORD);

    await store.remove(profile.id);
    await store.remove(copy.id);
    assert.deepEqual(names(), []);
    assert.deepEqual(secrets.keysUnder('quickblox.profile.'), [], 'every secret of both profiles is deleted');
    assertNoSecretIn(stateText(), everySecret);
    assert.deepEqual(
      memento.keys().filter((key) => key.startsWith('quickblox.pending')),
      [],
      'no pending record is left',
    );
  });

  it('each profile has a key of its own in globalState; a removed one leaves a tombstone', async () => {
    const a = await store.add(input('A'));
    time += 1000;
    const b = await store.add(input('B'));
    assert.deepEqual(
      memento
        .keys()
        .filter((key) => key.startsWith(stateKeys.prefix.profile))
        .sort(),
      [stateKeys.profile(a.id), stateKeys.profile(b.id)].sort(),
    );
    await store.remove(a.id);
    assert.equal(memento.get<{ deleted?: boolean }>(stateKeys.profile(a.id))?.deleted, true);
    assert.deepEqual(names(), ['B']);
  });

  it('new secrets go under a new version and the old version is deleted; an edit of fields only keeps the version', async () => {
    const profile = await store.add(input('Versions'));
    const renamed = await store.rename(profile.id, 'Renamed');
    assert.equal(renamed.secretsVersion, profile.secretsVersion);
    const edited = await store.update(profile.id, {}, { authKey: 'N3w-auth-key-value' });
    assert.notEqual(edited.secretsVersion, profile.secretsVersion);
    assert.equal(await secrets.get(secretKeys.authKey(profile.id, profile.secretsVersion)), undefined);
    assert.equal(await secrets.get(secretKeys.authSecret(profile.id, profile.secretsVersion)), undefined);
    assert.deepEqual(await store.secretsOf(profile.id), { ...SECRETS, authKey: 'N3w-auth-key-value' });
    await store.update(profile.id, {}, { accountKey: '' });
    assert.equal(store.get(profile.id)?.hasAccountKey, false, 'an emptied account key is removed');
    assert.deepEqual(await store.secretsOf(profile.id), { authKey: 'N3w-auth-key-value', authSecret: SECRETS.authSecret });
  });

  it('refuses a taken name and bad input, and leaves the profiles as they were', async () => {
    const one = await store.add(input('One'));
    await store.add(input('Two'));
    await assert.rejects(store.rename(one.id, ' two '), /already exists/);
    await assert.rejects(store.update(one.id, { applicationId: '12ab' }), /application id/);
    await assert.rejects(store.update(one.id, {}, { authSecret: '  ' }), /auth secret/);
    await assert.rejects(store.add(input('Three', { endpoint: 'http://example.com' })), /https/);
    await assert.rejects(store.update('no-such-id', { name: 'X' }), /no longer exists/);
    assert.deepEqual(names(), ['One', 'Two']);
    assert.deepEqual(await store.secretsOf(one.id), SECRETS);
    assert.equal(secrets.keysUnder('quickblox.profile.').length, 6, 'no secret of a refused change is stored');
  });

  it('a change that fails half way leaves the old profile whole and stores nothing new', async () => {
    const profile = await store.add(input('Whole'));
    let storesLeft = 1;
    secrets.failStores = (key) => key.startsWith('quickblox.profile.') && storesLeft-- <= 0;
    await assert.rejects(store.update(profile.id, {}, { authKey: 'new-key-value-1', authSecret: 'new-secret-value-1' }), /unavailable/);
    assert.deepEqual(await store.secretsOf(profile.id), SECRETS);
    assert.equal(store.get(profile.id)?.secretsVersion, profile.secretsVersion, 'the record still points at the old secrets');
    storesLeft = 1;
    await assert.rejects(store.add(input('Half added')), /unavailable/);
    assert.deepEqual(names(), ['Whole'], 'no half-saved profile');
    assert.equal(secrets.keysUnder('quickblox.profile.').length, 3, 'the secrets stored before the failure are deleted again');
  });

  it('a saved user: a known one gets its password replaced in place; removing users deletes only their passwords', async () => {
    const profile = await store.add(input('Users'));
    const alice = await store.addSavedUser(profile.id, 'login', 'alice', PASSWORD);
    const bob = await store.addSavedUser(profile.id, 'email', 'bob@example.com', 'b0b-password');
    const again = await store.addSavedUser(profile.id, 'login', 'alice', 'newer-pa55word');
    assert.equal(again.id, alice.id);
    assert.equal(await store.userPassword(profile.id, alice.id), 'newer-pa55word');
    await assert.rejects(store.addSavedUser(profile.id, 'login', 'carol', ''), /password/);
    await store.removeSavedUsers(profile.id, [alice.id]);
    assert.deepEqual(
      store.get(profile.id)?.savedUsers.map((user) => user.identifier),
      ['bob@example.com'],
    );
    assert.equal(await store.userPassword(profile.id, alice.id), undefined);
    assert.equal(await store.userPassword(profile.id, bob.id), 'b0b-password');
  });

  it('lists profiles in the order added and hands out copies', async () => {
    await store.add(input('First'));
    time += 1000;
    const second = await store.add(input('Second'));
    const listed = store.list();
    listed[1].name = 'Changed by a caller';
    (store.get(second.id) as Profile).savedUsers.push({ id: 'u', kind: 'login', identifier: 'x' });
    assert.deepEqual(names(), ['First', 'Second']);
    assert.deepEqual(store.get(second.id)?.savedUsers, []);
  });

  it('tells listeners of its own changes, and of another window’s through the revision secret', async () => {
    const otherWindow = open(new MemoryMemento(), secrets);
    let heardHere = 0;
    let heardThere = 0;
    store.onDidChange(() => heardHere++);
    otherWindow.onDidChange(() => heardThere++);
    await store.add(input('Announced'));
    assert.equal(heardHere, 1);
    await eventually('the other window to hear of the change', () => heardThere === 1);
    assert.equal(heardHere, 1, 'a window does not hear its own revision as news');
  });

  it("another window's save that undid an add: the profile stays listed and is written again", async function () {
    this.timeout(POLL_WAIT_MS);
    const before = memento.snapshot();
    const profile = await store.add(input('Mine'));
    memento.replaceAll(before);
    assert.deepEqual(names(), ['Mine'], 'this window still lists its own write');
    assert.deepEqual(names(open(memento.clone(), new MemorySecrets())), [], 'a window starting now would not see it');
    await eventually('the profile to be written again', () => memento.get(stateKeys.profile(profile.id)) !== undefined);
    assert.deepEqual(names(open(memento.clone(), secrets)), ['Mine']);
  });

  it('notices profiles another window saved when no revision secret travels (VS Code for the Web)', async function () {
    this.timeout(POLL_WAIT_MS);
    const elsewhere = new MemoryMemento();
    const otherWindow = open(elsewhere, new MemorySecrets());
    await otherWindow.add(input('From elsewhere'));
    let heard = 0;
    store.onDidChange(() => heard++);
    memento.replaceAll(elsewhere.snapshot());
    await eventually('the change to be noticed', () => heard > 0);
    assert.deepEqual(names(), ['From elsewhere']);
  });

  it('at start-up deletes secrets a closed window stored for a profile it never saved, once five minutes old', async () => {
    memento.failWrites = (key) => key.startsWith(stateKeys.prefix.profile);
    await assert.rejects(store.add(input('Never saved')), /could not write/);
    memento.failWrites = undefined;
    assert.deepEqual(secrets.keysUnder('quickblox.profile.'), [], 'a failed write settles its own secrets at once');

    // A window that closed mid-way leaves its records and secrets; the next start settles them once old enough.
    await memento.update(stateKeys.pendingSecret('r1'), { key: secretKeys.authKey('gone', 'v1'), at: START });
    await secrets.store(secretKeys.authKey('gone', 'v1'), SECRETS.authKey);
    await store.finishPendingDeletes();
    assert.equal(await secrets.get(secretKeys.authKey('gone', 'v1')), SECRETS.authKey, 'young: maybe another window at work');
    time += PENDING_GRACE_MS;
    await store.finishPendingDeletes();
    assert.equal(await secrets.get(secretKeys.authKey('gone', 'v1')), undefined);
    assert.deepEqual(
      memento.keys().filter((key) => key.startsWith('quickblox.pending')),
      [],
    );
  });

  it('moves profiles from the old single array to a key each, keeping their order, once', async () => {
    const legacy = (id: string, name: string): Profile => ({
      id,
      name,
      applicationId: '1',
      endpoint: 'https://api.example.com',
      hash: 'sha1',
      hasAccountKey: false,
      savedUsers: [],
      secretsVersion: 'v1',
    });
    await memento.update(stateKeys.legacy.profiles, [legacy('z', 'Listed first'), legacy('a', 'Listed second')]);
    assert.deepEqual(names(), ['Listed first', 'Listed second'], 'listed before they are moved');
    await store.finishPendingDeletes();
    assert.equal(memento.get(stateKeys.legacy.profiles), undefined);
    assert.deepEqual(names(), ['Listed first', 'Listed second']);
    const moved = JSON.stringify(memento.snapshot());
    await store.finishPendingDeletes();
    assert.equal(JSON.stringify(memento.snapshot()), moved, 'running it again changes nothing');
  });
});
