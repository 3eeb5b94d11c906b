import { maskWithPrefix, type KeptInputs, type SessionAuthType } from '../../core';
import { kinds, sessions } from '../../feedback/messages';
import type { SavedUserKind } from '../../profiles/profile';

/** A session the extension created, as remembered in globalState; its token is in SecretStorage. */
export interface TrackedSession {
  /** Local id, also the key of the token secret. */
  id: string;
  profileId: string;
  kind: SessionAuthType;
  /** Who signed in: a login, an email, or the provider's name; absent for application sessions. */
  user?: string;
  /** The server's session id and user id, when its answer stated them (0: no user). */
  sessionId?: number;
  userId?: number;
  /** The first characters of the token, for lists and tooltips. */
  tokenPrefix: string;
  createdAt: number;
  /** On the local clock; moved by every answer that carries `QB-Token-ExpirationDate`. */
  expiresAt: number;
  /** The non-secret sign-in inputs, so Recreate asks only for secrets that are not saved. */
  inputs?: KeptInputs;
  /** Set when a user was signed in to an application session with `POST /login.json`. */
  upgraded?: { kind: SavedUserKind | 'facebook' | 'firebase_phone'; identifier: string };
  /** Set when the user of a user session was signed out with `DELETE /login.json`. */
  signedOut?: boolean;
  /** Retrieve the session every `quickblox.keepAlive.intervalMinutes` while VS Code runs. */
  keepAlive?: boolean;
  /** When the server last answered for this session (create, retrieve, sign in or out). */
  checkedAt?: number;
}

/** Whether the token can write: a user is signed in to it. */
export function hasUser(session: TrackedSession): boolean {
  return session.userId !== 0;
}

/** How a session is named in lists: its kind and who signed in ("login · mike", "app → mike"). */
export function sessionTitle(session: TrackedSession): string {
  if (session.upgraded) return sessions.titleUpgraded(session.upgraded.identifier);
  if (session.signedOut) return sessions.titleSignedOut(session.user);
  return session.user ? sessions.title(kinds.short(session.kind), session.user) : kinds.short(session.kind);
}

/**
 * How a token is named in lists, tooltips, the status bar and the log: its first characters. A
 * JWT's first characters are the same for every token (its header), so a JWT is named by the
 * first characters of its signature part instead.
 */
export function tokenLabel(token: string): string {
  const parts = token.split('.');
  if (parts.length === 3 && parts[0].startsWith('eyJ') && parts[2].length >= 12) return `jwt …${maskWithPrefix(parts[2])}`;
  return maskWithPrefix(token);
}
