import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import { keptInputs, type Clock, type SessionResult } from '../../core';
import { Emitter } from '../../storage/emitter';
import { ItemState } from '../../storage/itemState';
import { PendingSecrets } from '../../storage/pendingSecrets';
import { isSessionToken, secretKeys } from '../../profiles/secretKeys';
import { SerialQueue } from '../../storage/serialQueue';
import { stateKeys } from '../../storage/stateKeys';
import { together } from '../../storage/stateWrites';
import { tokenLabel, type TrackedSession } from './trackedSession';
import type { SessionAuth } from '../../core';

type SessionChanges = Partial<Omit<TrackedSession, 'id' | 'profileId' | 'tokenPrefix'>>;

/** How long an expired session stays listed after its expiry. */
export const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;
/** How often this window's own recent writes are restored if another window's save undid them. */
const RESTORE_POLL_MS = 2000;

/**
 * Sessions the extension created: each one's metadata under its own key in globalState, restored
 * by the window that wrote it if another window's save undid it (ItemState), so two windows never
 * lose each other's sessions; tokens in SecretStorage, recorded as pending before they are stored.
 * They survive a window reload; expired ones are dropped when read.
 */
export class SessionStore implements vscode.Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly replaced = new Emitter<{ from: string; to: string }>();
  /** A session took another's place (Recreate); fires just before the change event. */
  readonly onDidReplace = this.replaced.event;
  private readonly queue = new SerialQueue();
  private readonly items: ItemState;
  private readonly pending: PendingSecrets;
  private readonly restoring: ReturnType<typeof setInterval>;
  /** Sessions a Destroy is ending right now (memory only). */
  private readonly ending = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    /** Whether the profile is still stored: a session of a deleted profile is never kept. */
    private readonly profileExists: (profileId: string) => boolean,
    private readonly now: Clock = Date.now,
  ) {
    this.items = new ItemState(state);
    this.pending = new PendingSecrets(state, secrets, now, isSessionToken, () => new Set(this.all().map((session) => secretKeys.sessionToken(session.id))));
    this.restoring = setInterval(() => {
      this.queue.run(() => this.items.restore()).catch(() => undefined);
    }, RESTORE_POLL_MS);
    this.restoring.unref?.();
  }

  dispose(): void {
    clearInterval(this.restoring);
    this.changed.dispose();
    this.replaced.dispose();
  }

  /** Every remembered session, newest first; expired ones stay (shown as expired) for a day. */
  list(): TrackedSession[] {
    return this.all().sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Sessions whose expiry has not passed, newest first. */
  live(): TrackedSession[] {
    const now = this.now();
    return this.list().filter((session) => session.expiresAt > now);
  }

  forProfile(profileId: string): TrackedSession[] {
    return this.list().filter((session) => session.profileId === profileId);
  }

  get(id: string): TrackedSession | undefined {
    return this.all().find((session) => session.id === id);
  }

  /** The status bar's session: the one chosen last, while it is still known. */
  active(): TrackedSession | undefined {
    const id = this.state.get<string>(stateKeys.activeSession);
    return id === undefined ? undefined : this.get(id);
  }

  token(id: string): Thenable<string | undefined> {
    return this.secrets.get(secretKeys.sessionToken(id));
  }

  /**
   * Remembers a new session and makes it the active one. With `replacing`, the new session takes
   * that one's place: its keep-alive choice carries over and the old one is forgotten. Resolves to
   * undefined, keeping nothing, when the profile no longer exists (it was deleted while the
   * session was being created): the caller should end the session on the server.
   */
  add(
    profileId: string,
    auth: SessionAuth,
    user: string | undefined,
    result: SessionResult,
    expiresAt: number,
    replacing?: string,
  ): Promise<TrackedSession | undefined> {
    return this.queue.run(async () => {
      await this.migrate();
      if (!this.profileExists(profileId)) return undefined;
      const now = this.now();
      const inputs = keptInputs(auth);
      const old = replacing === undefined ? undefined : this.get(replacing);
      const session: TrackedSession = {
        id: randomUUID(),
        profileId,
        kind: auth.type,
        ...(user ? { user } : {}),
        // The core reads id and user_id only when the answer carries them; an application session has no user.
        ...(result.session.id !== undefined ? { sessionId: result.session.id } : {}),
        ...(result.session.user_id !== undefined ? { userId: result.session.user_id } : auth.type === 'application' ? { userId: 0 } : {}),
        tokenPrefix: tokenLabel(result.session.token),
        createdAt: now,
        expiresAt,
        checkedAt: now,
        ...(inputs ? { inputs } : {}),
        ...(old?.keepAlive ? { keepAlive: true } : {}),
      };
      const activeBefore = this.state.get<string>(stateKeys.activeSession);
      // A new session becomes the active one; a recreated one only if the one it replaces was.
      const becomesActive = !old || activeBefore === old.id || activeBefore === undefined;
      const change = { store: [[secretKeys.sessionToken(session.id), result.session.token]] as const, drop: old ? [secretKeys.sessionToken(old.id)] : [] };
      await this.pending.apply(change, async () => {
        try {
          // In one save: the new session never shows beside the one it replaces.
          await together([
            this.items.set(stateKeys.session(session.id), session),
            ...(old ? [this.items.delete(stateKeys.session(old.id))] : []),
            ...(becomesActive ? [this.state.update(stateKeys.activeSession, session.id)] : []),
          ]);
        } catch (error) {
          // Undone as far as possible; the new token, no longer referred to, is then deleted.
          await together([
            this.items.delete(stateKeys.session(session.id)),
            ...(old ? [this.items.set(stateKeys.session(old.id), old)] : []),
            ...(becomesActive ? [this.state.update(stateKeys.activeSession, activeBefore)] : []),
          ]).catch(() => undefined);
          throw error;
        }
      });
      if (old) this.replaced.fire({ from: old.id, to: session.id });
      this.changed.fire();
      return session;
    });
  }

  setActive(id: string | undefined): Promise<void> {
    return this.queue.run(async () => {
      await this.state.update(stateKeys.activeSession, id);
      this.changed.fire();
    });
  }

  /**
   * Changes what is remembered of a session (a newer expiry, who is signed in, keep-alive).
   * Fields given as undefined are removed. A function gets the session as stored at the moment of
   * writing, so changes computed from it never undo a change made meanwhile. Resolves to the
   * session as now stored. Only that session's record is written.
   */
  update(id: string, changes: SessionChanges | ((current: TrackedSession) => SessionChanges)): Promise<TrackedSession | undefined> {
    return this.queue.run(async () => {
      await this.migrate();
      const session = this.get(id);
      if (!session) return undefined;
      const change = typeof changes === 'function' ? changes(session) : changes;
      const merged: Record<string, unknown> = { ...session, ...change };
      for (const [key, value] of Object.entries(change)) if (value === undefined) delete merged[key];
      const updated = merged as unknown as TrackedSession;
      await this.items.set(stateKeys.session(id), updated);
      this.changed.fire();
      return updated;
    });
  }

  /** Marks a session as being ended while `work` runs: keep-alive and "session gone" leave it alone. */
  async whileEnding<T>(id: string, work: () => Promise<T>): Promise<T> {
    this.ending.add(id);
    try {
      return await work();
    } finally {
      this.ending.delete(id);
    }
  }

  isEnding(id: string): boolean {
    return this.ending.has(id);
  }

  /** Forgets sessions locally (the server is not asked to end them). */
  forget(ids: string[]): Promise<void> {
    return this.queue.run(() => this.forgetUnqueued(ids));
  }

  /** Forgets every session of the profile, including one whose adding was already queued. */
  forgetProfile(profileId: string): Promise<void> {
    return this.queue.run(() =>
      this.forgetUnqueued(
        this.all()
          .filter((session) => session.profileId === profileId)
          .map((session) => session.id),
      ),
    );
  }

  /**
   * Drops sessions expired for over a day, with their tokens; run at start-up. Recently expired
   * ones stay: calls made elsewhere with the token may have kept it alive, which Retrieve shows.
   */
  pruneExpired(): Promise<void> {
    return this.queue.run(() => {
      const cutoff = this.now() - PRUNE_AFTER_MS;
      return this.forgetUnqueued(
        this.all()
          .filter((session) => session.expiresAt <= cutoff)
          .map((session) => session.id),
      );
    });
  }

  /**
   * Finishes what a closed window interrupted: moves sessions kept in the old single array to
   * their own keys, deletes tokens no session refers to any more, and tokens stored for a session
   * that was never written (once they are a few minutes old). Old tombstones of forgotten
   * sessions go too.
   */
  finishPendingDeletes(): Promise<void> {
    return this.queue.run(async () => {
      await this.migrate();
      await this.pending.sweep();
      await this.items.dropOldTombstones(stateKeys.prefix.session);
    });
  }

  private async forgetUnqueued(ids: string[]): Promise<void> {
    await this.migrate();
    if (ids.length === 0) return;
    const gone = new Set(ids);
    await this.pending.apply({ drop: ids.map((id) => secretKeys.sessionToken(id)) }, () =>
      together([
        ...ids.map((id) => this.items.delete(stateKeys.session(id))),
        ...(gone.has(this.state.get<string>(stateKeys.activeSession) ?? '') ? [this.state.update(stateKeys.activeSession, undefined)] : []),
      ]),
    );
    this.changed.fire();
  }

  /** Every session, in no particular order; ones still in the old single array (and never written or forgotten since) are included. */
  private all(): TrackedSession[] {
    const own = this.items
      .items(stateKeys.prefix.session)
      .map(({ value }) => value)
      .filter(isSession);
    return [...own, ...this.legacySessions().filter((session) => !this.items.known(stateKeys.session(session.id)))];
  }

  private legacySessions(): TrackedSession[] {
    const stored = this.state.get<unknown>(stateKeys.legacy.sessions);
    return Array.isArray(stored) ? stored.filter(isSession) : [];
  }

  /**
   * Moves sessions from the old single array to a key each, then removes the array. A session
   * that already has a record (or was forgotten since) is left as it is, so two windows migrating
   * at once write the same records.
   */
  private async migrate(): Promise<void> {
    if (this.state.get<unknown>(stateKeys.legacy.sessions) === undefined) return;
    const moving = this.legacySessions().filter((session) => !this.items.known(stateKeys.session(session.id)));
    await together([
      ...moving.map((session) => this.items.set(stateKeys.session(session.id), session)),
      this.state.update(stateKeys.legacy.sessions, undefined),
    ]);
  }
}

function isSession(value: unknown): value is TrackedSession {
  const session = value as TrackedSession;
  return typeof value === 'object' && value !== null && typeof session.id === 'string' && typeof session.createdAt === 'number';
}
