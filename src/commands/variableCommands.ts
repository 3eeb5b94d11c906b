import vscode = require('vscode');
import { tokenProblem } from '../core';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { sessions as sessionWords, variables as messages } from '../feedback/messages';
import { NoVariableValue } from '../feedback/userFacingError';
import type { Profile } from '../profiles/profile';
import { sessionTitle, type TrackedSession } from '../sessions/store/trackedSession';
import { resolveSession } from './pickSession';

/** A session whose token can be handed to a launch or task, with its profile. */
interface Usable {
  session: TrackedSession;
  token: string;
  profile: Profile;
}

/**
 * The commands behind `${command:quickblox.activeToken}`, `…activeApplicationId`, `…activeEndpoint`
 * and `…pickToken` in launch.json and tasks.json. Each resolves to a string. Without a usable
 * session (none, expired, or a stored token that fails the token check) it offers to create or
 * recreate one and gives the new value; when that does not happen it rejects with NoVariableValue,
 * so VS Code does not start the launch or task and shows why. The argument VS Code passes (the
 * configuration being resolved) is not read.
 */
export function variableCommands(parts: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  /** A launch with several of these variables (or launches started together) asks once, not once per variable. */
  let asking: Promise<Usable> | undefined;

  const active = (): Promise<Usable> => {
    if (!asking) asking = activeUsable(parts).finally(() => (asking = undefined));
    return asking;
  };

  register<unknown>('quickblox.activeToken', async () => (await active()).token);
  register<unknown>('quickblox.activeApplicationId', async () => (await active()).profile.applicationId);
  register<unknown>('quickblox.activeEndpoint', async () => (await active()).profile.endpoint);

  register<unknown>('quickblox.pickToken', async () => {
    if (parts.sessions.list().length === 0) return (await created(parts, messages.noSessionToPick())).token;
    const session = await resolveSession(parts, undefined, messages.whichSession(), () => true, true);
    if (!session) throw new NoVariableValue(messages.noneChosen());
    return (await usableOrOffer(parts, session)).token;
  });
  return handlers;
}

type VariableParts = Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock'>;

/** The session the status bar shows, usable, or one made for the launch. */
async function activeUsable(parts: VariableParts): Promise<Usable> {
  const session = parts.sessions.active();
  return session ? usableOrOffer(parts, session) : created(parts, messages.noActiveSession());
}

/** The session with its token when both can be used; else Recreate is offered, and its result used. */
async function usableOrOffer(parts: VariableParts, session: TrackedSession): Promise<Usable> {
  const found = await usable(parts, session);
  if ('token' in found) return found;
  const answer = await parts.prompts.choose('warning', found.question, [{ id: 'recreate', label: messages.recreateSession() }], { modal: true });
  if (answer !== 'recreate') throw new NoVariableValue(messages.notStarted());
  const recreated = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.recreateSession', { sessionId: session.id });
  return usableOrStop(parts, recreated);
}

/** Create Session, offered with `question`; its session is then the active one. */
async function created(parts: VariableParts, question: string): Promise<Usable> {
  const answer = await parts.prompts.choose('warning', question, [{ id: 'create', label: messages.createSession() }], { modal: true });
  if (answer !== 'create') throw new NoVariableValue(messages.notStarted());
  return usableOrStop(parts, await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession'));
}

/** A session just created or recreated: used when usable; otherwise (cancelled, failed: already told) nothing starts. */
async function usableOrStop(parts: VariableParts, session: TrackedSession | undefined): Promise<Usable> {
  const found = session ? await usable(parts, session) : undefined;
  if (!found || !('token' in found)) throw new NoVariableValue(messages.notStarted());
  return found;
}

/** The session's token and profile when it can be handed on, else the question that offers Recreate. */
async function usable(parts: VariableParts, session: TrackedSession): Promise<Usable | { question: string }> {
  const profile = parts.profiles.get(session.profileId);
  // A session is forgotten with its profile; one left over for a moment cannot be recreated either.
  if (!profile) throw new NoVariableValue(sessionWords.profileOfSessionDeleted());
  const name = sessionWords.named(profile.name, sessionTitle(session));
  if (session.expiresAt <= parts.clock.now()) return { question: messages.expired(name, session.tokenPrefix) };
  const token = await parts.sessions.token(session.id);
  if (token === undefined) return { question: messages.tokenNotStored(name) };
  const problem = tokenProblem(token);
  if (problem) return { question: messages.tokenUnusable(name, session.tokenPrefix, problem) };
  return { session, token, profile };
}
