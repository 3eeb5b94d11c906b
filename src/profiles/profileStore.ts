import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { HASH_ALGORITHMS, normalizeApplicationId, normalizeEndpoint, profileFieldProblem } from '../core';
import { SerialQueue } from '../serialQueue';
import type { NewProfile, Profile, ProfileChanges, ProfileSecrets, SavedUser, SavedUserKind } from './profile';
import { secretKeys } from './secretKeys';

const INDEX_KEY = 'quickblox.profiles';
/** Secret keys still to delete (a change or delete that was interrupted); names only, never values. */
const PENDING_DELETES_KEY = 'quickblox.pendingSecretDeletes';
const CREDENTIALS = ['authKey', 'authSecret', 'accountKey'] as const;
/**
 * How often the index is compared with the one last seen. In VS Code for the Web (code-server),
 * globalState follows other windows but `secrets.onDidChange` does not fire across them: each
 * window keeps its own copy of SecretStorage. Reading the memento is an in-memory lookup.
 */
const INDEX_POLL_MS = 2000;

/**
 * Credential profiles: the index (names, ids, endpoints, hash, saved user names) in globalState,
 * every key, secret and password in SecretStorage. Changes run one at a time. New secrets are
 * written under a new version before the index points at them, so a change that fails half way
 * leaves the previous profile whole.
 */
export class ProfileStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly queue = new SerialQueue();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private ownRevision: string | undefined;
  /** The index as last announced to listeners, to notice when another window changed it. */
  private seenIndex: string;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {
    this.seenIndex = this.indexSnapshot();
    const poll = setInterval(() => this.noticeIndexChange(), INDEX_POLL_MS);
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

  list(): Profile[] {
    const stored = this.state.get<Profile[]>(INDEX_KEY, []);
    return Array.isArray(stored) ? stored.map((profile) => ({ ...profile, savedUsers: [...(profile.savedUsers ?? [])] })) : [];
  }

  get(id: string): Profile | undefined {
    return this.list().find((profile) => profile.id === id);
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
      const profiles = this.list();
      const old = this.require(profiles, id);
      const next: Profile = {
        ...old,
        ...changes,
        name: (changes.name ?? old.name).trim(),
        applicationId: normalizeApplicationId(changes.applicationId ?? old.applicationId),
        endpoint: normalizeEndpoint(changes.endpoint ?? old.endpoint),
      };
      const touchesSecrets = CREDENTIALS.some((field) => field in secretChanges);
      if (!touchesSecrets) {
        this.checkFields(next, profiles.filter((profile) => profile.id !== id));
        await this.writeIndex(profiles.map((profile) => (profile.id === id ? next : profile)));
        await this.announce();
        return next;
      }
      const oldSecrets = (await this.readSecrets(old)) ?? { authKey: '', authSecret: '' };
      const nextSecrets: ProfileSecrets = { ...oldSecrets, ...secretChanges };
      if (!nextSecrets.accountKey) delete nextSecrets.accountKey;
      next.hasAccountKey = Boolean(nextSecrets.accountKey);
      next.secretsVersion = randomUUID();
      this.checkFields(next, profiles.filter((profile) => profile.id !== id));
      this.checkSecrets(nextSecrets);
      await this.commit(next, nextSecrets, profiles.map((profile) => (profile.id === id ? next : profile)));
      await this.forgetKeys(versionKeys(old));
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
      const source = this.require(this.list(), id);
      const secrets = await this.readSecrets(source);
      if (!secrets) throw new Error(`The secrets of "${source.name}" are missing: edit the profile and enter them again.`);
      const copy = await this.addUnqueued({ name, applicationId: source.applicationId, endpoint: source.endpoint, hash: source.hash, secrets });
      for (const user of source.savedUsers) {
        const password = await this.userPassword(id, user.id);
        if (password !== undefined) await this.addSavedUserUnqueued(copy.id, user.kind, user.identifier, password);
      }
      return this.require(this.list(), copy.id);
    });
  }

  /** Removes the profile and every secret it had. */
  remove(id: string): Promise<void> {
    return this.queue.run(async () => {
      const profiles = this.list();
      const profile = this.require(profiles, id);
      const keys = [...versionKeys(profile), ...profile.savedUsers.map((user) => secretKeys.userPassword(id, user.id))];
      await this.writeIndexDropping(profiles.filter((other) => other.id !== id), keys);
    });
  }

  /** Forgets saved users of a profile and deletes their passwords, the same way a profile is deleted. */
  removeSavedUsers(profileId: string, userIds: string[]): Promise<void> {
    return this.queue.run(async () => {
      const profiles = this.list();
      const profile = this.require(profiles, profileId);
      const gone = profile.savedUsers.filter((user) => userIds.includes(user.id));
      if (gone.length === 0) return;
      const keys = gone.map((user) => secretKeys.userPassword(profileId, user.id));
      const kept = { ...profile, savedUsers: profile.savedUsers.filter((user) => !userIds.includes(user.id)) };
      await this.writeIndexDropping(profiles.map((other) => (other.id === profileId ? kept : other)), keys);
    });
  }

  addSavedUser(profileId: string, kind: SavedUserKind, identifier: string, password: string): Promise<SavedUser> {
    return this.queue.run(() => this.addSavedUserUnqueued(profileId, kind, identifier, password));
  }

  /** Finishes deletes that a closed window or a failing secret store interrupted. */
  finishPendingDeletes(): Promise<void> {
    return this.queue.run(() => this.forgetKeys([]));
  }

  private async addUnqueued(input: NewProfile): Promise<Profile> {
    const profiles = this.list();
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
    this.checkFields(profile, profiles);
    this.checkSecrets(input.secrets);
    await this.commit(profile, input.secrets, [...profiles, profile]);
    await this.announce();
    return profile;
  }

  /** Writes the secrets under the profile's version, then the index; undoes the secrets on failure. */
  private async commit(profile: Profile, secrets: ProfileSecrets, index: Profile[]): Promise<void> {
    const written: string[] = [];
    try {
      for (const field of CREDENTIALS) {
        const value = secrets[field];
        if (!value) continue;
        const key = secretKeys[field](profile.id, profile.secretsVersion);
        await this.secrets.store(key, value);
        written.push(key);
      }
      await this.writeIndex(index);
    } catch (error) {
      await this.forgetKeys(written).catch(() => undefined);
      throw error;
    }
  }

  private async addSavedUserUnqueued(profileId: string, kind: SavedUserKind, identifier: string, password: string): Promise<SavedUser> {
    const profiles = this.list();
    const profile = this.require(profiles, profileId);
    if (kind !== 'login' && kind !== 'email') throw new Error('A saved user signs in by "login" or "email".');
    const problem = profileFieldProblem(kind, identifier) ?? profileFieldProblem('password', password);
    if (problem) throw new Error(problem);
    const existing = profile.savedUsers.find((user) => user.kind === kind && user.identifier === identifier);
    const user: SavedUser = existing ?? { id: randomUUID(), kind, identifier };
    await this.secrets.store(secretKeys.userPassword(profileId, user.id), password);
    if (!existing) {
      try {
        await this.writeIndex(profiles.map((other) => (other.id === profileId ? { ...profile, savedUsers: [...profile.savedUsers, user] } : other)));
      } catch (error) {
        await this.forgetKeys([secretKeys.userPassword(profileId, user.id)]).catch(() => undefined);
        throw error;
      }
    }
    await this.announce();
    return user;
  }

  private async readSecrets(profile: Profile): Promise<ProfileSecrets | undefined> {
    const [authKey, authSecret, accountKey] = await Promise.all(CREDENTIALS.map((field) => this.secrets.get(secretKeys[field](profile.id, profile.secretsVersion))));
    if (authKey === undefined || authSecret === undefined) return undefined;
    return accountKey ? { authKey, authSecret, accountKey } : { authKey, authSecret };
  }

  private checkFields(profile: Profile, others: Profile[]): void {
    const problem = profileFieldProblem('name', profile.name, others.map((other) => other.name));
    if (problem) throw new Error(problem);
    if (!HASH_ALGORITHMS.includes(profile.hash)) throw new Error('The signature hash must be "sha1" or "sha256".');
  }

  private checkSecrets(secrets: ProfileSecrets): void {
    const problem =
      profileFieldProblem('authKey', secrets.authKey) ?? profileFieldProblem('authSecret', secrets.authSecret) ?? profileFieldProblem('accountKey', secrets.accountKey ?? '');
    if (problem) throw new Error(problem);
  }

  private require(profiles: Profile[], id: string): Profile {
    const profile = profiles.find((candidate) => candidate.id === id);
    if (!profile) throw new Error('That profile no longer exists: it may have been deleted in another window.');
    return profile;
  }

  private pendingDeletes(): string[] {
    const pending = this.state.get<unknown>(PENDING_DELETES_KEY, []);
    return Array.isArray(pending) ? pending.filter((key): key is string => typeof key === 'string') : [];
  }

  /**
   * Writes an index that no longer refers to `keys`, then deletes them. They are recorded as
   * pending first, so a window closed half way still deletes them at its next start.
   */
  private async writeIndexDropping(index: Profile[], keys: string[]): Promise<void> {
    await this.state.update(PENDING_DELETES_KEY, [...this.pendingDeletes(), ...keys]);
    await this.writeIndex(index);
    await this.forgetKeys(keys);
    await this.announce();
  }

  /** Deletes the keys (and any left pending); the ones that fail stay pending for the next start. */
  private async forgetKeys(keys: string[]): Promise<void> {
    const all = [...new Set([...this.pendingDeletes(), ...keys])];
    if (all.length === 0) return;
    const results = await Promise.allSettled(all.map((key) => this.secrets.delete(key)));
    const failed = all.filter((_, i) => results[i].status === 'rejected');
    await this.state.update(PENDING_DELETES_KEY, failed.length ? failed : undefined);
  }

  private async writeIndex(profiles: Profile[]): Promise<void> {
    await this.state.update(INDEX_KEY, profiles);
  }

  /** Other windows learn of a change through the revision secret; their globalState follows. */
  private async announce(): Promise<void> {
    this.seenIndex = this.indexSnapshot();
    this.changed.fire();
    this.ownRevision = randomUUID();
    await this.secrets.store(secretKeys.revision, this.ownRevision);
  }

  private async onRevision(): Promise<void> {
    if ((await this.secrets.get(secretKeys.revision)) === this.ownRevision) return;
    this.seenIndex = this.indexSnapshot();
    this.changed.fire();
    // If this window's globalState catches up only later, the index poll notices it then.
  }

  /** Where the revision secret does not travel between windows, the index changing is the news. */
  private noticeIndexChange(): void {
    const index = this.indexSnapshot();
    if (index === this.seenIndex) return;
    this.seenIndex = index;
    this.changed.fire();
  }

  private indexSnapshot(): string {
    return JSON.stringify(this.state.get<unknown>(INDEX_KEY) ?? null);
  }
}

function versionKeys(profile: Profile): string[] {
  return CREDENTIALS.map((field) => secretKeys[field](profile.id, profile.secretsVersion));
}
