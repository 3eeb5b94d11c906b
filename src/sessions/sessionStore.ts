import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { maskWithPrefix, type Clock, type SessionResult } from '../core';
import { secretKeys } from '../profiles/secretKeys';
import { SerialQueue } from '../serialQueue';
import type { TrackedSession } from './trackedSession';
import type { SessionAuthType } from '../core';

const SESSIONS_KEY = 'quickblox.sessions';
const ACTIVE_KEY = 'quickblox.activeSession';

/**
 * Sessions the extension created: metadata in globalState, tokens in SecretStorage. They survive
 * a window reload; expired ones are dropped when read.
 */
export class SessionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly now: Clock = Date.now,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  /** Live sessions, newest first. */
  list(): TrackedSession[] {
    const now = this.now();
    return this.all()
      .filter((session) => session.expiresAt > now)
      .sort((a, b) => b.createdAt - a.createdAt);
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

  /** Remembers a new session and makes it the active one. */
  add(profileId: string, kind: SessionAuthType, user: string | undefined, result: SessionResult): Promise<TrackedSession> {
    return this.queue.run(async () => {
      const session: TrackedSession = {
        id: randomUUID(),
        profileId,
        kind,
        ...(user ? { user } : {}),
        sessionId: result.session.id,
        userId: result.session.user_id,
        tokenPrefix: maskWithPrefix(result.session.token),
        createdAt: this.now(),
        expiresAt: result.expiresAt.getTime(),
      };
      await this.secrets.store(secretKeys.sessionToken(session.id), result.session.token);
      try {
        await this.state.update(SESSIONS_KEY, [...this.all(), session]);
        await this.state.update(ACTIVE_KEY, session.id);
      } catch (error) {
        await this.secrets.delete(secretKeys.sessionToken(session.id));
        throw error;
      }
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

  /** Updates the expiry from a newer answer. */
  extend(id: string, expiresAt: Date): Promise<void> {
    return this.queue.run(async () => {
      await this.state.update(SESSIONS_KEY, this.all().map((session) => (session.id === id ? { ...session, expiresAt: expiresAt.getTime() } : session)));
      this.changed.fire();
    });
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

  /** Drops expired sessions and their tokens; run at start-up. */
  pruneExpired(): Promise<void> {
    const now = this.now();
    return this.forget(this.all().filter((session) => session.expiresAt <= now).map((session) => session.id));
  }

  private all(): TrackedSession[] {
    const stored = this.state.get<TrackedSession[]>(SESSIONS_KEY, []);
    return Array.isArray(stored) ? stored : [];
  }
}
