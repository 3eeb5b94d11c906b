import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { HASH_ALGORITHMS, normalizeApplicationId, normalizeEndpoint, profileFieldProblem, type Clock } from '../core';
import { stored } from '../feedback/messages';
import { UserFacingError } from '../feedback/userFacingError';
import { Emitter } from '../storage/emitter';
import { ItemState } from '../storage/itemState';
import { PendingSecrets } from '../storage/pendingSecrets';
import { SerialQueue } from '../storage/serialQueue';
import { stateKeys } from '../storage/stateKeys';
import { together } from '../storage/stateWrites';
import type { NewProfile, Profile, ProfileChanges, ProfileSecrets, SavedUser, SavedUserKind } from './profile';
import { isProfileSecret, secretKeys } from './secretKeys';

const CREDENTIALS = ['authKey', 'authSecret', 'accountKey'] as const;
/**
 * How often the profiles are compared with the ones last seen, and this window's own recent writes
 * restored if another window's save undid them. In VS Code for the Web (code-server), globalState
 * follows other windows but `secrets.onDidChange` does not fire across them: each window keeps its
 * own copy of SecretStorage. Reading the memento is an in-memory lookup.
 */
const POLL_MS = 2000;

/** A profile as kept under its own key in globalState (inside ItemState's stamp). */
interface ProfileRecord {
  /** Where the profile is listed: when it was added (epoch ms), or its place in the list it was migrated from. */
  order: number;
  profile: Profile;
}

/**
 * Credential profiles: each profile's record (name, id, endpoint, hash, saved user names) under its
 * own key in globalState, every key, secret and password in SecretStorage. A change writes only
 * the record it changes, and a window restores its own recent writes that another window's save
 * undid (ItemState), so two windows never lose each other's profiles. Changes in one window
 * run one at a time. New secrets are written under a new version before the record points at
 * them, so a change that fails half way leaves the previous profile whole; every secret is
 * recorded as pending before it is touched (PendingSecrets), so a window closed half way leaves
 * nothing behind for good.
 */
export class ProfileStore implements vscode.Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly queue = new SerialQueue();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly items: ItemState;
  private readonly pending: PendingSecrets;
  private ownRevision: string | undefined;
  /** The profiles as last announced to listeners, to notice when another window changed them. */
  private seenProfiles: string;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly now: Clock = Date.now,
  ) {
    this.items = new ItemState(state);
    this.pending = new PendingSecrets(state, secrets, now, isProfileSecret, () => this.referencedKeys());
    this.seenProfiles = this.snapshot();
    const poll = setInterval(() => {
      this.noticeChange();
      this.queue.run(() => this.items.restore()).catch(() => undefined);
    }, POLL_MS);
    poll.unref?.();
    this.disposables.push(
      secrets.onDidChange((event) => {
        if (event.key === secretKeys.revision) void this.onRevision();
      }),
      { dispose: () => clearInterval(poll) },
    );
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** The profiles in the order they were added. */
  list(): Profile[] {
    return this.records().map(({ profile }) => profile);
  }

  get(id: string): Profile | undefined {
    return this.records().find(({ profile }) => profile.id === id)?.profile;
  }

  async secretsOf(id: string): Promise<ProfileSecrets | undefined> {
    const profile = this.get(id);
    return profile ? this.readSecrets(profile) : undefined;
  }

  async userPassword(profileId: string, userId: string): Promise<string | undefined> {
    return this.secrets.get(secretKeys.userPassword(profileId, userId));
  }

  /** Adds a profile; its name must be free. Throws an Error whose message says what to change. */
  add(input: NewProfile): Promise<Profile> {
    return this.queue.run(() => this.addUnqueued(input));
  }

  /** Changes fields and secrets together; nothing changes unless all of it is saved. */
  update(id: string, changes: ProfileChanges, secretChanges: Partial<ProfileSecrets> = {}): Promise<Profile> {
    return this.queue.run(async () => {
      await this.migrate();
      const records = this.records();
      const { order, profile: old } = this.require(records, id);
      const others = records.map(({ profile }) => profile).filter((profile) => profile.id !== id);
      const next: Profile = {
        ...old,
        ...changes,
        name: (changes.name ?? old.name).trim(),
        applicationId: normalizeApplicationId(changes.applicationId ?? old.applicationId),
        endpoint: normalizeEndpoint(changes.endpoint ?? old.endpoint),
      };
      const touchesSecrets = CREDENTIALS.some((field) => field in secretChanges);
      if (!touchesSecrets) {
        this.checkFields(next, others);
        await this.write(next, order);
        await this.announce();
        return next;
      }
      const oldSecrets = (await this.readSecrets(old)) ?? { authKey: '', authSecret: '' };
      const nextSecrets: ProfileSecrets = { ...oldSecrets, ...secretChanges };
      if (!nextSecrets.accountKey) delete nextSecrets.accountKey;
      next.hasAccountKey = Boolean(nextSecrets.accountKey);
      next.secretsVersion = randomUUID();
      this.checkFields(next, others);
      this.checkSecrets(nextSecrets);
      await this.pending.apply({ store: credentialEntries(next, nextSecrets), drop: versionKeys(old) }, () => this.write(next, order));
      await this.announce();
      return next;
    });
  }

  rename(id: string, name: string): Promise<Profile> {
    return this.update(id, { name });
  }

  /** A copy under a new name, with copies of every secret. */
  duplicate(id: string, name: string): Promise<Profile> {
    return this.queue.run(async () => {
      const { profile: source } = this.require(this.records(), id);
      const secrets = await this.readSecrets(source);
      if (!secrets) throw new UserFacingError(stored.secretsMissing(source.name));
      const copy = await this.addUnqueued({ name, applicationId: source.applicationId, endpoint: source.endpoint, hash: source.hash, secrets });
      for (const user of source.savedUsers) {
        const password = await this.userPassword(id, user.id);
        if (password !== undefined) await this.addSavedUserUnqueued(copy.id, user.kind, user.identifier, password);
      }
      return this.require(this.records(), copy.id).profile;
    });
  }

  /** Removes the profile and every secret it had. */
  remove(id: string): Promise<void> {
    return this.queue.run(async () => {
      await this.migrate();
      const { profile } = this.require(this.records(), id);
      const drop = [...versionKeys(profile), ...profile.savedUsers.map((user) => secretKeys.userPassword(id, user.id))];
      await this.pending.apply({ drop }, () => this.items.delete(stateKeys.profile(id)));
      await this.announce();
    });
  }

  /** Forgets saved users of a profile and deletes their passwords, the same way a profile is deleted. */
  removeSavedUsers(profileId: string, userIds: string[]): Promise<void> {
    return this.queue.run(async () => {
      await this.migrate();
      const { order, profile } = this.require(this.records(), profileId);
      const gone = profile.savedUsers.filter((user) => userIds.includes(user.id));
      if (gone.length === 0) return;
      const drop = gone.map((user) => secretKeys.userPassword(profileId, user.id));
      const kept = { ...profile, savedUsers: profile.savedUsers.filter((user) => !userIds.includes(user.id)) };
      await this.pending.apply({ drop }, () => this.write(kept, order));
      await this.announce();
    });
  }

  addSavedUser(profileId: string, kind: SavedUserKind, identifier: string, password: string): Promise<SavedUser> {
    return this.queue.run(() => this.addSavedUserUnqueued(profileId, kind, identifier, password));
  }

  /**
   * Finishes what a closed window or a failing secret store interrupted: moves profiles kept in
   * the old single array to their own keys, deletes secrets no profile refers to any more, and
   * secrets stored for a profile that was never written (once they are a few minutes old). Old
   * tombstones of deleted profiles go too.
   */
  finishPendingDeletes(): Promise<void> {
    return this.queue.run(async () => {
      await this.migrate();
      await this.pending.sweep();
      await this.items.dropOldTombstones(stateKeys.prefix.profile);
    });
  }

  private async addUnqueued(input: NewProfile): Promise<Profile> {
    await this.migrate();
    const records = this.records();
    const profile: Profile = {
      id: randomUUID(),
      name: input.name.trim(),
      applicationId: normalizeApplicationId(input.applicationId),
      endpoint: normalizeEndpoint(input.endpoint),
      hash: input.hash,
      hasAccountKey: Boolean(input.secrets.accountKey),
      savedUsers: [],
      secretsVersion: randomUUID(),
    };
    this.checkFields(
      profile,
      records.map((record) => record.profile),
    );
    this.checkSecrets(input.secrets);
    // After every profile this window knows of, and by the clock across windows.
    const order = Math.max(this.now(), ...records.map((record) => record.order + 1));
    await this.pending.apply({ store: credentialEntries(profile, input.secrets) }, () => this.write(profile, order));
    await this.announce();
    return { ...profile, savedUsers: [] };
  }

  private async addSavedUserUnqueued(profileId: string, kind: SavedUserKind, identifier: string, password: string): Promise<SavedUser> {
    await this.migrate();
    const { order, profile } = this.require(this.records(), profileId);
    if (kind !== 'login' && kind !== 'email') throw new UserFacingError(stored.savedUserKind());
    const problem = profileFieldProblem(kind, identifier) ?? profileFieldProblem('password', password);
    if (problem) throw new UserFacingError(problem);
    const existing = profile.savedUsers.find((user) => user.kind === kind && user.identifier === identifier);
    const user: SavedUser = existing ?? { id: randomUUID(), kind, identifier };
    // A known user's password is replaced in place: its profile already refers to it.
    const save = existing ? () => Promise.resolve() : () => this.write({ ...profile, savedUsers: [...profile.savedUsers, user] }, order);
    await this.pending.apply({ store: [[secretKeys.userPassword(profileId, user.id), password]] }, save);
    await this.announce();
    return { ...user };
  }

  private async readSecrets(profile: Profile): Promise<ProfileSecrets | undefined> {
    const [authKey, authSecret, accountKey] = await Promise.all(
      CREDENTIALS.map((field) => this.secrets.get(secretKeys[field](profile.id, profile.secretsVersion))),
    );
    if (authKey === undefined || authSecret === undefined) return undefined;
    return accountKey ? { authKey, authSecret, accountKey } : { authKey, authSecret };
  }

  private checkFields(profile: Profile, others: Profile[]): void {
    const problem = profileFieldProblem(
      'name',
      profile.name,
      others.map((other) => other.name),
    );
    if (problem) throw new UserFacingError(problem);
    if (!HASH_ALGORITHMS.includes(profile.hash)) throw new UserFacingError(stored.hash());
  }

  private checkSecrets(secrets: ProfileSecrets): void {
    const problem =
      profileFieldProblem('authKey', secrets.authKey) ??
      profileFieldProblem('authSecret', secrets.authSecret) ??
      profileFieldProblem('accountKey', secrets.accountKey ?? '');
    if (problem) throw new UserFacingError(problem);
  }

  private require(records: ProfileRecord[], id: string): ProfileRecord {
    const record = records.find(({ profile }) => profile.id === id);
    if (!record) throw new UserFacingError(stored.profileGone());
    return record;
  }

  /**
   * Every profile (copies), in the order added. Profiles still in the old single array (not
   * moved yet, by this window or another) are listed too, unless a record or tombstone of theirs exists.
   */
  private records(): ProfileRecord[] {
    const own = this.items
      .items(stateKeys.prefix.profile)
      .map(({ value }) => value)
      .filter(isProfileRecord);
    const legacy = this.legacyProfiles()
      .map((profile, order) => ({ order, profile }))
      .filter(({ profile }) => !this.items.known(stateKeys.profile(profile.id)));
    return [...own, ...legacy]
      .map(({ order, profile }) => ({ order, profile: copyOf(profile) }))
      .sort((a, b) => a.order - b.order || (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0));
  }

  private legacyProfiles(): Profile[] {
    const stored = this.state.get<unknown>(stateKeys.legacy.profiles);
    return Array.isArray(stored) ? stored.filter(isProfile) : [];
  }

  /**
   * Moves profiles from the old single array to a key each, keeping their order, then removes the
   * array. A profile that already has a record (or was deleted since) is left as it is, so two
   * windows migrating at once write the same records, and running it again changes nothing. Runs
   * before every change.
   */
  private async migrate(): Promise<void> {
    if (this.state.get<unknown>(stateKeys.legacy.profiles) !== undefined) {
      const moving = this.legacyProfiles()
        .map((profile, order) => ({ order, profile }))
        .filter(({ profile }) => !this.items.known(stateKeys.profile(profile.id)));
      await together([...moving.map(({ order, profile }) => this.write(profile, order)), this.state.update(stateKeys.legacy.profiles, undefined)]);
    }
    await this.pending.migrateLegacyDeletes();
  }

  /** Writes one profile's record (a copy, so what callers get back is not the stored object); no other profile is touched. */
  private async write(profile: Profile, order: number): Promise<void> {
    const record: ProfileRecord = { order, profile: copyOf(profile) };
    await this.items.set(stateKeys.profile(profile.id), record);
  }

  /** Every SecretStorage key a stored profile refers to. */
  private referencedKeys(): Set<string> {
    return new Set(
      this.records().flatMap(({ profile }) => [...versionKeys(profile), ...profile.savedUsers.map((user) => secretKeys.userPassword(profile.id, user.id))]),
    );
  }

  /** Other windows learn of a change through the revision secret; their globalState follows. */
  private async announce(): Promise<void> {
    this.seenProfiles = this.snapshot();
    this.changed.fire();
    this.ownRevision = randomUUID();
    await this.secrets.store(secretKeys.revision, this.ownRevision);
  }

  private async onRevision(): Promise<void> {
    if ((await this.secrets.get(secretKeys.revision)) === this.ownRevision) return;
    this.seenProfiles = this.snapshot();
    this.changed.fire();
    // If this window's globalState catches up only later, the poll notices it then.
  }

  /** Where the revision secret does not travel between windows, the profiles changing is the news. */
  private noticeChange(): void {
    const profiles = this.snapshot();
    if (profiles === this.seenProfiles) return;
    this.seenProfiles = profiles;
    this.changed.fire();
  }

  private snapshot(): string {
    return JSON.stringify(this.records());
  }
}

function versionKeys(profile: Profile): string[] {
  return CREDENTIALS.map((field) => secretKeys[field](profile.id, profile.secretsVersion));
}

/** The credentials to store for the profile's current version (an absent account key is not stored). */
function credentialEntries(profile: Profile, secrets: ProfileSecrets): Array<[string, string]> {
  return CREDENTIALS.flatMap((field): Array<[string, string]> => {
    const value = secrets[field];
    return value ? [[secretKeys[field](profile.id, profile.secretsVersion), value]] : [];
  });
}

function copyOf(profile: Profile): Profile {
  return { ...profile, savedUsers: (profile.savedUsers ?? []).map((user) => ({ ...user })) };
}

function isProfile(value: unknown): value is Profile {
  return typeof value === 'object' && value !== null && typeof (value as Profile).id === 'string';
}

function isProfileRecord(value: unknown): value is ProfileRecord {
  const record = value as ProfileRecord;
  return typeof value === 'object' && value !== null && typeof record.order === 'number' && isProfile(record.profile);
}
