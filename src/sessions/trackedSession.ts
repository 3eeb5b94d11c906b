import type { SessionAuthType } from '../core';

/** A session the extension created, as remembered in globalState; its token is in SecretStorage. */
export interface TrackedSession {
  /** Local id, also the key of the token secret. */
  id: string;
  profileId: string;
  kind: SessionAuthType;
  /** Who signed in: a login, an email, or the provider's name; absent for application sessions. */
  user?: string;
  /** The server's session id and user id. */
  sessionId: number;
  userId: number;
  /** The first characters of the token, for lists and tooltips. */
  tokenPrefix: string;
  createdAt: number;
  expiresAt: number;
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
  return session.user ? `${KIND_SHORT[session.kind]} · ${session.user}` : KIND_SHORT[session.kind];
}
