import { UserFacingError } from '../feedback/userFacingError';
import * as vscode from 'vscode';
import { profileFieldProblem, type UserSignIn } from '../core';
import type { SavedUserKind } from '../profiles/profile';
import { offerToSaveUser } from '../sessions/operations/saveUser';
import type { UserCredentials } from '../sessions/operations/signInOut';
import { hasUser, type TrackedSession } from '../sessions/store/trackedSession';
import { FlowInput, type Step } from '../feedback/inputFlow';
import { resolveSession, type SessionArgument } from './pickSession';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { pick, sessionCommands as messages } from '../feedback/messages';

/** Upgrade Session may be given the user too: `{ sessionId, user: { login | email, password } }`. */
/** Upgrade Session may be given the user too, as `POST /login.json` takes them: `{ sessionId, user }`. */
export type UpgradeArgument = SessionArgument | { sessionId: string; user: UserSignIn };

function credentialsOf(given: UserSignIn): UserCredentials {
  if ('email' in given) return { kind: 'email', identifier: given.email, password: given.password };
  if ('login' in given) return { kind: 'login', identifier: given.login, password: given.password };
  if (given.provider === 'facebook') return { kind: 'facebook', identifier: 'facebook', token: given.token, ...(given.secret ? { secret: given.secret } : {}) };
  return { kind: 'firebase_phone', identifier: `firebase ${given.projectId}`, projectId: given.projectId, accessToken: given.accessToken };
}

/** Retrieve, keep alive, destroy, recreate, and sign users in and out of sessions. */
export function lifecycleCommands(services: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'log' | 'clock' | 'operations' | 'keepAlive'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  const live = (session: TrackedSession): boolean => session.expiresAt > services.clock.now();

  register<SessionArgument>('quickblox.retrieveSession', async (argument) => {
    const session = await resolveSession(services, argument, pick.sessionToRetrieve(), () => true);
    return session ? services.operations.retrieve(session) : undefined;
  });

  register<SessionArgument>('quickblox.destroySession', async (argument) => {
    const session = await resolveSession(services, argument, pick.sessionToDestroy(), () => true, true);
    return session ? services.operations.destroy(session) : false;
  });

  register<SessionArgument>('quickblox.recreateSession', async (argument) => {
    const session = await resolveSession(services, argument, pick.sessionToRecreate(), () => true, true);
    return session ? services.operations.recreate(session) : undefined;
  });

  register<UpgradeArgument>('quickblox.upgradeSession', async (argument) => {
    const session = await resolveSession(services, argument, pick.sessionToSignIn(), (candidate) => live(candidate) && !hasUser(candidate));
    if (!session) return undefined;
    if (hasUser(session)) {
      void services.prompts.info(messages.alreadySignedIn(session.tokenPrefix));
      return undefined;
    }
    const given = argument && 'user' in argument ? argument.user : undefined;
    const user: UserCredentials | undefined = given ? credentialsOf(given) : await askUser(services, session);
    if (!user) return undefined;
    const upgraded = await services.operations.signIn(session, user);
    if (upgraded && !given && (user.kind === 'login' || user.kind === 'email')) void offerToSaveUser(services, session.profileId, user);
    return upgraded;
  });

  register<SessionArgument>('quickblox.signOutUser', async (argument) => {
    const session = await resolveSession(services, argument, pick.sessionToSignOut(), (candidate) => live(candidate) && hasUser(candidate));
    if (!session) return undefined;
    if (!hasUser(session)) {
      void services.prompts.info(messages.noUserSignedIn(session.tokenPrefix));
      return undefined;
    }
    return services.operations.signOut(session);
  });

  const setKeepAlive = async (argument: SessionArgument, on: boolean): Promise<TrackedSession | undefined> => {
    const session = await resolveSession(services, argument, on ? pick.sessionToKeepAlive() : pick.sessionToStopKeepingAlive(), live);
    if (!session) return undefined;
    const updated = await services.sessions.update(session.id, { keepAlive: on ? true : undefined });
    services.log.info(`Keep-alive ${on ? 'on' : 'off'} for session ${session.tokenPrefix}`);
    if (on) await services.keepAlive.tick();
    return updated;
  };
  register<SessionArgument>('quickblox.keepAliveOn', (argument) => setKeepAlive(argument, true));
  register<SessionArgument>('quickblox.keepAliveOff', (argument) => setKeepAlive(argument, false));
  return handlers;
}

type UserItem = vscode.QuickPickItem & ({ saved: { kind: SavedUserKind; identifier: string; id: string } } | { enter: SavedUserKind | 'facebook' | 'firebase_phone' });

/** Which user to sign in: a saved one (1 step), or a typed login or email and password (3 steps, with Back). */
async function askUser(services: Pick<Parts, 'profiles'>, session: TrackedSession): Promise<UserCredentials | undefined> {
  const profile = services.profiles.get(session.profileId);
  if (!profile) return undefined;
  const items: UserItem[] = [
    ...profile.savedUsers.map((saved) => ({ label: `$(person) ${saved.identifier}`, description: `saved ${saved.kind} + password`, saved })),
    { label: '$(edit) Enter a login…', enter: 'login' },
    { label: '$(mail) Enter an email…', enter: 'email' },
    { label: '$(key) Facebook access token…', description: 'provider=facebook', enter: 'facebook' },
    { label: '$(device-mobile) Firebase phone…', description: 'provider=firebase_phone', enter: 'firebase_phone' },
  ];
  let user: UserCredentials | undefined;
  const typed = (kind: SavedUserKind): Step => {
    let identifier = '';
    const password: Step = async (input) => {
      const value = await input.text({ step: 3, totalSteps: 3, prompt: `Password for ${identifier}`, password: true, validate: (text) => profileFieldProblem('password', text) });
      user = { kind, identifier, password: value };
      return undefined;
    };
    return async (input) => {
      identifier = await input.text({ step: 2, totalSteps: 3, prompt: kind === 'email' ? 'User email' : 'User login', validate: (text) => profileFieldProblem(kind, text) });
      return password;
    };
  };
  const facebook: Step = async (input) => {
    const token = await input.text({ step: 2, totalSteps: 3, prompt: 'Facebook access token', password: true, validate: (text) => profileFieldProblem('facebookToken', text) });
    return async (next) => {
      const secret = await next.text({ step: 3, totalSteps: 3, prompt: 'Facebook access token secret (optional: leave empty if none)', password: true, validate: (text) => profileFieldProblem('facebookSecret', text) });
      user = secret ? { kind: 'facebook', identifier: 'facebook', token, secret } : { kind: 'facebook', identifier: 'facebook', token };
      return undefined;
    };
  };
  const firebase: Step = async (input) => {
    const projectId = await input.text({ step: 2, totalSteps: 3, prompt: 'Firebase project ID', validate: (text) => profileFieldProblem('firebaseProjectId', text) });
    return async (next) => {
      const accessToken = await next.text({ step: 3, totalSteps: 3, prompt: 'Firebase user ID token', password: true, validate: (text) => profileFieldProblem('firebaseIdToken', text) });
      user = { kind: 'firebase_phone', identifier: `firebase ${projectId}`, projectId, accessToken };
      return undefined;
    };
  };
  const done = await FlowInput.run('QuickBlox: Upgrade Session', async (input) => {
    const chosen = await input.pick({ step: 1, totalSteps: 3, placeholder: `Sign which user in to the session ${session.tokenPrefix} (POST /login.json)?`, items });
    if ('enter' in chosen) return chosen.enter === 'facebook' ? facebook : chosen.enter === 'firebase_phone' ? firebase : typed(chosen.enter);
    const password = await services.profiles.userPassword(profile.id, chosen.saved.id);
    if (password === undefined) throw new UserFacingError(`The password of ${chosen.saved.identifier} is no longer stored: choose "Enter a login…" to type it.`);
    user = { kind: chosen.saved.kind, identifier: chosen.saved.identifier, password };
    return undefined;
  });
  return done ? user : undefined;
}
