import { maskWithPrefix, type SessionAuth, type SessionAuthType } from '../../core';
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
  inputs?: SignInInputs;
  /** Set when a user was signed in to an application session with `POST /login.json`. */
  upgraded?: { kind: SavedUserKind | 'facebook' | 'firebase_phone'; identifier: string };
  /** Set when the user of a user session was signed out with `DELETE /login.json`. */
  signedOut?: boolean;
  /** Retrieve the session every `quickblox.keepAlive.intervalMinutes` while VS Code runs. */
  keepAlive?: boolean;
  /** When the server last answered for this session (create, retrieve, sign in or out). */
  checkedAt?: number;
}

export interface SignInInputs {
  login?: string;
  email?: string;
  projectId?: string;
}

/** The inputs of a sign-in that may be kept in globalState (no passwords, no tokens). */
export function signInInputs(auth: SessionAuth): SignInInputs | undefined {
  switch (auth.type) {
    case 'login':
    case 'custom':
      return { login: auth.login };
    case 'email':
      return { email: auth.email };
    case 'firebase_phone':
      return { projectId: auth.projectId };
    default:
      return undefined;
  }
}

/** Whether the token can write: a user is signed in to it. */
export function hasUser(session: TrackedSession): boolean {
  return session.userId !== 0;
}

export const KIND_LABELS: Readonly<Record<SessionAuthType, string>> = {
  application: 'Application',
  login: 'User: login + password',
  email: 'User: email + password',
  facebook: 'Facebook',
  firebase_phone: 'Firebase phone',
  custom: 'Custom identity provider',
};

export const KIND_SHORT: Readonly<Record<SessionAuthType, string>> = {
  application: 'app',
  login: 'login',
  email: 'email',
  facebook: 'facebook',
  firebase_phone: 'firebase',
  custom: 'custom IdP',
};

/** "1 h 42 min", "9 min", "expired". */
export function timeLeft(expiresAt: number, now: number): string {
  const minutes = Math.floor((expiresAt - now) / 60_000);
  if (expiresAt <= now) return 'expired';
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function sessionTitle(session: TrackedSession): string {
  if (session.upgraded) return `app → ${session.upgraded.identifier}`;
  if (session.signedOut) return `app (signed out${session.user ? ` ${session.user}` : ''})`;
  return session.user ? `${KIND_SHORT[session.kind]} · ${session.user}` : KIND_SHORT[session.kind];
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
