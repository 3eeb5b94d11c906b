import { UserFacingError } from '../feedback/userFacingError';
import vscode = require('vscode');
import { SESSION_AUTH_TYPES, signInKind, type SessionAuthType, type UserSignIn } from '../core';
import type { SavedUserKind } from '../profiles/profile';
import { offerToSaveUser } from '../sessions/operations/saveUser';
import { credentialsOf, type UserCredentials } from '../sessions/operations/signInOut';
import { inputCount, inputSteps } from './sessionFlows';
import { hasUser, type TrackedSession } from '../sessions/store/trackedSession';
import { FlowInput } from '../feedback/inputFlow';
import { resolveSession, type SessionArgument } from './pickSession';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { kinds, pick, sessionCommands as messages, signIn } from '../feedback/messages';

/** Upgrade Session may be given the user too, as `POST /login.json` takes them: `{ sessionId, user }`. */
export type UpgradeArgument = SessionArgument | { sessionId: string; user: UserSignIn };

/** Who `{ sessionId, user }` names, as `POST /login.json` takes them. */
function fromUserSignIn(given: UserSignIn): UserCredentials {
  if ('email' in given) return { kind: 'email', identifier: given.email, password: given.password };
  if ('login' in given) return { kind: 'login', identifier: given.login, password: given.password };
  if (given.provider === 'facebook') return { kind: 'facebook', identifier: 'facebook', token: given.token, ...(given.secret ? { secret: given.secret } : {}) };
  return { kind: 'firebase_phone', identifier: `firebase ${given.projectId}`, projectId: given.projectId, accessToken: given.accessToken };
}

/** Retrieve, keep alive, destroy, recreate, and sign users in and out of sessions. */
export function lifecycleCommands(parts: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'log' | 'clock' | 'operations' | 'keepAlive'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  const live = (session: TrackedSession): boolean => session.expiresAt > parts.clock.now();

  register<SessionArgument>('quickblox.retrieveSession', async (argument) => {
    const session = await resolveSession(parts, argument, pick.sessionToRetrieve(), () => true);
    return session ? parts.operations.retrieve(session) : undefined;
  });

  register<SessionArgument>('quickblox.destroySession', async (argument) => {
    const session = await resolveSession(parts, argument, pick.sessionToDestroy(), () => true, true);
    return session ? parts.operations.destroy(session) : false;
  });

  register<SessionArgument>('quickblox.recreateSession', async (argument) => {
    const session = await resolveSession(parts, argument, pick.sessionToRecreate(), () => true, true);
    return session ? parts.operations.recreate(session) : undefined;
  });

  register<UpgradeArgument>('quickblox.upgradeSession', async (argument) => {
    const session = await resolveSession(parts, argument, pick.sessionToSignIn(), (candidate) => live(candidate) && !hasUser(candidate));
    if (!session) return undefined;
    if (hasUser(session)) {
      void parts.prompts.info(messages.alreadySignedIn(session.tokenPrefix));
      return undefined;
    }
    const given = argument && 'user' in argument ? argument.user : undefined;
    const user: UserCredentials | undefined = given ? fromUserSignIn(given) : await askUser(parts, session);
    if (!user) return undefined;
    const upgraded = await parts.operations.signIn(session, user);
    if (upgraded && !given && (user.kind === 'login' || user.kind === 'email')) void offerToSaveUser(parts, session.profileId, user);
    return upgraded;
  });

  register<SessionArgument>('quickblox.signOutUser', async (argument) => {
    const session = await resolveSession(parts, argument, pick.sessionToSignOut(), (candidate) => live(candidate) && hasUser(candidate));
    if (!session) return undefined;
    if (!hasUser(session)) {
      void parts.prompts.info(messages.noUserSignedIn(session.tokenPrefix));
      return undefined;
    }
    return parts.operations.signOut(session);
  });

  const setKeepAlive = async (argument: SessionArgument, on: boolean): Promise<TrackedSession | undefined> => {
    const session = await resolveSession(parts, argument, on ? pick.sessionToKeepAlive() : pick.sessionToStopKeepingAlive(), live);
    if (!session) return undefined;
    const updated = await parts.sessions.update(session.id, { keepAlive: on ? true : undefined });
    parts.log.info(`Keep-alive ${on ? 'on' : 'off'} for session ${session.tokenPrefix}`);
    if (on) await parts.keepAlive.tick();
    return updated;
  };
  register<SessionArgument>('quickblox.keepAliveOn', (argument) => setKeepAlive(argument, true));
  register<SessionArgument>('quickblox.keepAliveOff', (argument) => setKeepAlive(argument, false));
  return handlers;
}

type UserItem = vscode.QuickPickItem & ({ saved: { kind: SavedUserKind; identifier: string; id: string } } | { enter: SessionAuthType });

/** The kinds `POST /login.json` signs in (the core's table says which). */
const SIGN_IN_TYPES = SESSION_AUTH_TYPES.filter((type) => signInKind(type).signsInToSession);

/** Which user to sign in: a saved one (1 step), or a kind and its inputs (with Back). */
async function askUser(parts: Pick<Parts, 'profiles'>, session: TrackedSession): Promise<UserCredentials | undefined> {
  const profile = parts.profiles.get(session.profileId);
  if (!profile) return undefined;
  const items: UserItem[] = [
    ...profile.savedUsers.map((saved) => ({ label: `$(person) ${saved.identifier}`, description: signIn.savedUserToSignIn(saved.kind), saved })),
    ...SIGN_IN_TYPES.map((type) => ({ label: signIn.enterKind(kinds.label(type)), description: kinds.detail(type), enter: type })),
  ];
  const most = Math.max(...SIGN_IN_TYPES.map(inputCount));
  let user: UserCredentials | undefined;
  const done = await FlowInput.run(signIn.upgradeTitle(), async (input) => {
    const chosen = await input.pick({ step: 1, totalSteps: 1 + most, placeholder: signIn.whichUser(session.tokenPrefix), items });
    if ('enter' in chosen) {
      return inputSteps(chosen.enter, 2, 1 + inputCount(chosen.enter), (choice) => void (user = credentialsOf(choice.auth, choice.user ?? '')));
    }
    const password = await parts.profiles.userPassword(profile.id, chosen.saved.id);
    if (password === undefined) throw new UserFacingError(signIn.passwordGoneTypeIt(chosen.saved.identifier));
    user = { kind: chosen.saved.kind, identifier: chosen.saved.identifier, password };
    return undefined;
  });
  return done ? user : undefined;
}
