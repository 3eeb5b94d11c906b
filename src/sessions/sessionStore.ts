import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { maskWithPrefix, type Clock, type SessionResult } from '../core';
import { secretKeys } from '../profiles/secretKeys';
import { SerialQueue } from '../serialQueue';
import { signInInputs, type TrackedSession } from './trackedSession';
import type { SessionAuth } from '../core';

type SessionChanges = Partial<Omit<TrackedSession, 'id' | 'profileId' | 'tokenPrefix'>>;

const SESSIONS_KEY = 'quickblox.sessions';
const ACTIVE_KEY = 'quickblox.activeSession';
/** How long an expired session stays listed after its expiry. */
export const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Sessions the extension created: metadata in globalState, tokens in SecretStorage. They survive
 * a window reload; expired ones are dropped when read.
 */
export class SessionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly queue = new SerialQueue();
  /** Sessions a Destroy is ending right now (memory only). */
  private readonly ending = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly now: Clock = Date.now,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  /** Every remembered session, newest first; expired ones stay (shown as expired) for a day. */
  list(): TrackedSession[] {
    return this.all().sort((a, b) => b.createdAt - a.createdAt);
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
    const id = this.state.get<string>(ACTIVE_KEY);
    return id === undefined ? undefined : this.get(id);
  }

  token(id: string): Thenable<string | undefined> {
    return this.secrets.get(secretKeys.sessionToken(id));
  }

  /**
   * Remembers a new session and makes it the active one. With `replacing`, the new session takes
   * that one's place: its keep-alive choice carries over and the old one is forgotten.
   */
  add(profileId: string, auth: SessionAuth, user: string | undefined, result: SessionResult, expiresAt: number, replacing?: string): Promise<TrackedSession> {
    return this.queue.run(async () => {
      const now = this.now();
      const inputs = signInInputs(auth);
      const old = replacing === undefined ? undefined : this.get(replacing);
      const session: TrackedSession = {
        id: randomUUID(),
        profileId,
        kind: auth.type,
        ...(user ? { user } : {}),
        // The core reads id and user_id only when the answer carries them; 0 stands for unknown.
        sessionId: result.session.id ?? 0,
        userId: result.session.user_id ?? 0,
        tokenPrefix: maskWithPrefix(result.session.token),
        createdAt: now,
        expiresAt,
        checkedAt: now,
        ...(inputs ? { inputs } : {}),
        ...(old?.keepAlive ? { keepAlive: true } : {}),
      };
      await this.secrets.store(secretKeys.sessionToken(session.id), result.session.token);
      const before = this.all();
      const activeBefore = this.state.get<string>(ACTIVE_KEY);
      // A new session becomes the active one; a recreated one only if the one it replaces was.
      const becomesActive = !old || activeBefore === old.id || activeBefore === undefined;
      try {
        await this.state.update(SESSIONS_KEY, [...before.filter((kept) => kept.id !== old?.id), session]);
        if (becomesActive) await this.state.update(ACTIVE_KEY, session.id);
      } catch (error) {
        await Promise.resolve(this.state.update(SESSIONS_KEY, before)).catch(() => undefined);
        await this.secrets.delete(secretKeys.sessionToken(session.id));
        throw error;
      }
      if (old) await this.secrets.delete(secretKeys.sessionToken(old.id));
      this.changed.fire();
      return session;
    });
  }

  setActive(id: string | undefined): Promise<void> {
    return this.queue.run(async () => {
      await this.state.update(ACTIVE_KEY, id);
      this.changed.fire();
    });
  }

  /**
   * Changes what is remembered of a session (a newer expiry, who is signed in, keep-alive).
   * Fields given as undefined are removed. A function gets the session as stored at the moment of
   * writing, so changes computed from it never undo a change made meanwhile. Resolves to the
   * session as now stored.
   */
  update(id: string, changes: SessionChanges | ((current: TrackedSession) => SessionChanges)): Promise<TrackedSession | undefined> {
    return this.queue.run(async () => {
      let updated: TrackedSession | undefined;
      const all = this.all().map((session) => {
        if (session.id !== id) return session;
        const change = typeof changes === 'function' ? changes(session) : changes;
        const merged: Record<string, unknown> = { ...session, ...change };
        for (const [key, value] of Object.entries(change)) if (value === undefined) delete merged[key];
        updated = merged as unknown as TrackedSession;
        return updated;
      });
      if (!updated) return undefined;
      await this.state.update(SESSIONS_KEY, all);
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
    return this.queue.run(async () => {
      if (ids.length === 0) return;
      const gone = new Set(ids);
      await this.state.update(SESSIONS_KEY, this.all().filter((session) => !gone.has(session.id)));
      if (gone.has(this.state.get<string>(ACTIVE_KEY) ?? '')) await this.state.update(ACTIVE_KEY, undefined);
      await Promise.all(ids.map((id) => this.secrets.delete(secretKeys.sessionToken(id))));
      this.changed.fire();
    });
  }

  forgetProfile(profileId: string): Promise<void> {
    return this.forget(this.all().filter((session) => session.profileId === profileId).map((session) => session.id));
  }

  /**
   * Drops sessions expired for over a day, with their tokens; run at start-up. Recently expired
   * ones stay: calls made elsewhere with the token may have kept it alive, which Retrieve shows.
   */
  pruneExpired(): Promise<void> {
    const cutoff = this.now() - PRUNE_AFTER_MS;
    return this.forget(this.all().filter((session) => session.expiresAt <= cutoff).map((session) => session.id));
  }

  private all(): TrackedSession[] {
    const stored = this.state.get<TrackedSession[]>(SESSIONS_KEY, []);
    return Array.isArray(stored) ? stored : [];
  }
}
