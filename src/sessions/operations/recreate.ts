import * as vscode from 'vscode';
import { profileFieldProblem, type ProfileField, type SessionAuth } from '../../core';
import type { Profile, SavedUserKind } from '../../profiles/profile';
import { sessions as messages } from '../../feedback/messages';
import type { SessionDeps } from './sessionDeps';
import type { SessionCreator } from './runSession';
import type { UserCredentials } from './signInOut';
import type { TrackedSession } from '../store/trackedSession';

/** Signs a user in to a session: how Recreate brings back a user who was signed in to an application session. */
export type SignIn = (session: TrackedSession, user: UserCredentials) => Promise<TrackedSession | undefined>;

/**
 * Creates a session of the same kind with the same inputs, in place of the given one. Saved
 * passwords come from secret storage; only what was never saved (a password of an unsaved user,
 * a provider token) is asked for. A user signed in to an application session is signed in again.
 */
export class Recreator {
  constructor(
    private readonly deps: Pick<SessionDeps, 'profiles' | 'prompts'>,
    private readonly creator: SessionCreator,
    private readonly signIn: SignIn,
  ) {}

  async recreate(session: TrackedSession): Promise<TrackedSession | undefined> {
    const services = this.deps;
    const profile = services.profiles.get(session.profileId);
    if (!profile) {
      void services.prompts.error(messages.profileOfSessionDeleted());
      return undefined;
    }
    const auth = await authAgain(services, profile, session, ask);
    if (!auth) return undefined;
    const user = asApplication(session) ? undefined : session.user;
    const recreated = await this.creator.create({ profile, auth, ...(user ? { user } : {}), replacing: session.id });
    if (!recreated || !session.upgraded) return recreated;
    const again = await userAgain(services, profile, session.upgraded, ask);
    if (!again) return recreated;
    return (await this.signIn(recreated, again)) ?? recreated;
  }

  /** Whether Recreate can run without asking anything (every secret it needs is saved). */
  async canRecreateUnattended(session: TrackedSession): Promise<boolean> {
    const services = this.deps;
    const profile = services.profiles.get(session.profileId);
    if (!profile) return false;
    const nothing = (): Thenable<undefined> => Promise.resolve(undefined);
    if (!(await authAgain(services, profile, session, nothing))) return false;
    return !session.upgraded || (await userAgain(services, profile, session.upgraded, nothing)) !== undefined;
  }
}

type Stores = Pick<SessionDeps, 'profiles'>;

/** Who to sign in again after Recreate: a saved password is used; a provider token, never saved, is asked for. */
async function userAgain(services: Stores, profile: Profile, upgraded: NonNullable<TrackedSession['upgraded']>, ask: Ask): Promise<UserCredentials | undefined> {
  const { kind, identifier } = upgraded;
  if (kind === 'facebook') {
    const token = await ask('Facebook access token, to sign in again (tokens are not saved)', 'facebookToken', true);
    return token === undefined ? undefined : { kind, identifier, token };
  }
  if (kind === 'firebase_phone') {
    const projectId = identifier.replace(/^firebase /, '');
    const accessToken = await ask(`Firebase user ID token for ${projectId}, to sign in again (tokens are not saved)`, 'firebaseIdToken', true);
    return accessToken === undefined ? undefined : { kind, identifier, projectId, accessToken };
  }
  const password = (await savedPassword(services, profile, kind, identifier)) ?? (await ask(`Password of ${identifier}, to sign in again`, 'password', true));
  return password === undefined ? undefined : { kind, identifier, password };
}

/**
 * A session that is now an application session is recreated as one: an application session a
 * user was signed in to (signed in again afterwards), or a user session whose user signed out.
 */
function asApplication(session: TrackedSession): boolean {
  return session.kind === 'application' || session.upgraded !== undefined || session.signedOut === true;
}

type Ask = (prompt: string, field: ProfileField, password: boolean) => Thenable<string | undefined>;

async function authAgain(services: Stores, profile: Profile, session: TrackedSession, ask: Ask): Promise<SessionAuth | undefined> {
  const inputs = session.inputs ?? {};
  if (asApplication(session)) return { type: 'application' };
  switch (session.kind) {
    case 'application':
      return { type: 'application' };
    case 'login':
    case 'custom': {
      const login = inputs.login ?? (await ask('User login', 'login', false));
      if (login === undefined) return undefined;
      const password = (await savedPassword(services, profile, 'login', login)) ?? (await ask(`Password for ${login}`, 'password', true));
      return password === undefined ? undefined : { type: session.kind, login, password };
    }
    case 'email': {
      const email = inputs.email ?? (await ask('User email', 'email', false));
      if (email === undefined) return undefined;
      const password = (await savedPassword(services, profile, 'email', email)) ?? (await ask(`Password for ${email}`, 'password', true));
      return password === undefined ? undefined : { type: 'email', email, password };
    }
    case 'facebook': {
      const token = await ask('Facebook access token (tokens are not saved)', 'facebookToken', true);
      if (token === undefined) return undefined;
      const secret = await ask('Facebook access token secret (optional: leave empty if none)', 'facebookSecret', true);
      if (secret === undefined) return undefined;
      return secret ? { type: 'facebook', token, secret } : { type: 'facebook', token };
    }
    case 'firebase_phone': {
      const projectId = inputs.projectId ?? (await ask('Firebase project ID', 'firebaseProjectId', false));
      if (projectId === undefined) return undefined;
      const accessToken = await ask(`Firebase user ID token for ${projectId} (tokens are not saved)`, 'firebaseIdToken', true);
      return accessToken === undefined ? undefined : { type: 'firebase_phone', projectId, accessToken };
    }
  }
}

/** The saved password of a user of the profile, if that user was saved. */
async function savedPassword(services: Stores, profile: Profile, kind: SavedUserKind, identifier: string): Promise<string | undefined> {
  const saved = profile.savedUsers.find((user) => user.kind === kind && user.identifier === identifier);
  return saved ? services.profiles.userPassword(profile.id, saved.id) : undefined;
}

function ask(prompt: string, field: ProfileField, password: boolean): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: 'QuickBlox: Recreate Session', prompt, password, ignoreFocusOut: true, validateInput: (value) => profileFieldProblem(field, value) });
}
