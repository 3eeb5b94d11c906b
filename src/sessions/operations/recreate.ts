import vscode = require('vscode');
import {
  authFromInputs,
  fieldsToAsk,
  identifierOf,
  keptFromIdentifier,
  profileFieldProblem,
  signInKind,
  type KeptInputs,
  type ProfileField,
  type SessionAuth,
  type SessionAuthType,
  type SignInValues,
} from '../../core';
import type { Profile, SavedUserKind } from '../../profiles/profile';
import { kinds, sessions as messages, signIn } from '../../feedback/messages';
import type { SessionDeps } from './sessionDeps';
import type { SessionCreator } from './runSession';
import { credentialsOf, type UserCredentials } from './signInOut';
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
    const deps = this.deps;
    const profile = deps.profiles.get(session.profileId);
    if (!profile) {
      void deps.prompts.error(messages.profileOfSessionDeleted());
      return undefined;
    }
    const auth = await authAgain(deps, profile, session, ask);
    if (!auth) return undefined;
    const user = asApplication(session) ? undefined : session.user;
    const recreated = await this.creator.create({ profile, auth, ...(user ? { user } : {}), replacing: session.id });
    if (!recreated || !session.upgraded) return recreated;
    const again = await userAgain(deps, profile, session.upgraded, ask);
    if (!again) return recreated;
    return (await this.signIn(recreated, again)) ?? recreated;
  }

  /** Whether Recreate can run without asking anything (every secret it needs is saved). */
  async canRecreateUnattended(session: TrackedSession): Promise<boolean> {
    const deps = this.deps;
    const profile = deps.profiles.get(session.profileId);
    if (!profile) return false;
    const nothing = (): Thenable<undefined> => Promise.resolve(undefined);
    if (!(await authAgain(deps, profile, session, nothing))) return false;
    return !session.upgraded || (await userAgain(deps, profile, session.upgraded, nothing)) !== undefined;
  }
}

type Stores = Pick<SessionDeps, 'profiles'>;

/** Who to sign in again after Recreate: a saved password is used; a provider token, never saved, is asked for. */
async function userAgain(deps: Stores, profile: Profile, upgraded: NonNullable<TrackedSession['upgraded']>, ask: Ask): Promise<UserCredentials | undefined> {
  const { kind, identifier } = upgraded;
  const values = await valuesAgain(deps, profile, kind, keptFromIdentifier(kind, identifier), 'signInAgain', ask);
  return values ? credentialsOf(authFromInputs(kind, values), identifier) : undefined;
}

/**
 * A session that is now an application session is recreated as one: an application session a
 * user was signed in to (signed in again afterwards), or a user session whose user signed out.
 */
function asApplication(session: TrackedSession): boolean {
  return session.kind === 'application' || session.upgraded !== undefined || session.signedOut === true;
}

type Ask = (prompt: string, field: ProfileField, password: boolean) => Thenable<string | undefined>;

async function authAgain(deps: Stores, profile: Profile, session: TrackedSession, ask: Ask): Promise<SessionAuth | undefined> {
  if (asApplication(session)) return { type: 'application' };
  const values = await valuesAgain(deps, profile, session.kind, session.inputs ?? {}, 'recreate', ask);
  return values ? authFromInputs(session.kind, values) : undefined;
}

/**
 * A kind's inputs once more (the core's table says which): kept ones as they were, a saved user's
 * password from secret storage, the rest asked for. Undefined when a question is left unanswered.
 */
async function valuesAgain(
  deps: Stores,
  profile: Profile,
  type: SessionAuthType,
  kept: KeptInputs,
  mode: 'recreate' | 'signInAgain',
  ask: Ask,
): Promise<SignInValues | undefined> {
  const saved = signInKind(type).savedPassword;
  const values: SignInValues = { ...kept };
  for (const input of fieldsToAsk(type, { mode, kept })) {
    const identifier = identifierOf(type, values);
    const stored = input.name === 'password' && saved && identifier !== undefined ? await savedPassword(deps, profile, saved, identifier) : undefined;
    const value = stored ?? (await ask(kinds.prompt(input, mode, values), input.field, input.password));
    if (value === undefined) return undefined;
    values[input.name] = value;
  }
  return values;
}

/** The saved password of a user of the profile, if that user was saved. */
async function savedPassword(deps: Stores, profile: Profile, kind: SavedUserKind, identifier: string): Promise<string | undefined> {
  const savedUser = profile.savedUsers.find((user) => user.kind === kind && user.identifier === identifier);
  return savedUser ? deps.profiles.userPassword(profile.id, savedUser.id) : undefined;
}

function ask(prompt: string, field: ProfileField, password: boolean): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: signIn.recreateTitle(),
    prompt,
    password,
    ignoreFocusOut: true,
    validateInput: (value) => profileFieldProblem(field, value),
  });
}
