/**
 * Who a sign-in names: password users, Facebook tokens, Firebase phone tokens and the custom
 * identity provider of an app. Works on the sandbox's live copy of the fixtures, since a custom
 * identity provider creates users on their first sign-in.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isoSeconds } from './clock';
import type { SandboxApp, SandboxFixtures, SandboxUser } from './fixtures';

export interface UserJson {
  id: number;
  login: string;
  email: string;
  full_name: string;
  created_at: string;
  updated_at: string;
}

export function userJson(user: SandboxUser): UserJson {
  const created = user.createdAt ?? '2024-01-01T00:00:00Z';
  return { id: user.id, login: user.login, email: user.email, full_name: user.fullName, created_at: created, updated_at: created };
}

/** Equality that takes the same time whatever the inputs. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

export interface PasswordCredentials {
  login?: string;
  email?: string;
  password: string;
}

function userById(app: SandboxApp, id: number): SandboxUser | undefined {
  return app.users.find((u) => u.id === id);
}

function nextUserId(fixtures: SandboxFixtures): number {
  let max = 0;
  for (const app of fixtures.apps) for (const user of app.users) max = Math.max(max, user.id);
  return max + 1;
}

/** Checks login/email + password; with a custom identity provider, logins go to its identity list. */
export function authenticatePassword(fixtures: SandboxFixtures, app: SandboxApp, creds: PasswordCredentials, nowMs: number): SandboxUser | undefined {
  if (creds.login !== undefined && app.customIdentityProvider) {
    const identity = app.customIdentityProvider.identities.find((i) => i.login === creds.login);
    if (!identity || !sameSecret(identity.password, creds.password)) return undefined;
    const existing = app.users.find((u) => u.login === identity.login);
    if (existing) return existing;
    const id = nextUserId(fixtures);
    const created: SandboxUser = {
      id,
      login: identity.login,
      email: identity.email ?? `${identity.login}@idp.sandbox.local`,
      // The password lives with the identity provider; the QuickBlox user gets none it would accept.
      password: `idp-managed-${id}`,
      fullName: identity.fullName ?? identity.login,
      createdAt: isoSeconds(nowMs),
    };
    app.users.push(created);
    return created;
  }
  const user = app.users.find((u) => (creds.login !== undefined ? u.login === creds.login : u.email === creds.email));
  // Compare even when the user is unknown, so both cases take the same time.
  const matches = sameSecret(user?.password ?? '', creds.password);
  return user && matches ? user : undefined;
}

export function authenticateFacebook(app: SandboxApp, token: string, secret: string | undefined): SandboxUser | undefined {
  const entry = (app.facebookTokens ?? []).find((t) => sameSecret(t.token, token));
  if (!entry) return undefined;
  if (entry.secret !== undefined && (secret === undefined || !sameSecret(entry.secret, secret))) return undefined;
  return userById(app, entry.userId);
}

export function authenticateFirebase(app: SandboxApp, projectId: string, accessToken: string): SandboxUser | undefined {
  if (!app.firebase || app.firebase.projectId !== projectId) return undefined;
  const entry = app.firebase.accessTokens.find((t) => sameSecret(t.token, accessToken));
  return entry ? userById(app, entry.userId) : undefined;
}
