import vscode = require('vscode');
import type { Parts } from '../features/parts';
import { sessionTitle, type TrackedSession } from '../sessions/store/trackedSession';
import { pick, sessions as sessionWords, timeLeft } from '../feedback/messages';
import type { ProfilesTreeNode } from '../views/profilesTree';

/** What a session command may be given: a tree row, `{ sessionId }` (keybindings, other commands), or nothing. */
export type SessionArgument = ProfilesTreeNode | { sessionId: string } | undefined;

/**
 * The session a command is about: from its argument, else the active one, else the only one,
 * else the person's pick among those `which` accepts.
 */
export async function resolveSession(
  parts: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock'>,
  argument: SessionArgument,
  placeHolder: string,
  which: (session: TrackedSession) => boolean = (session) => session.expiresAt > parts.clock.now(),
  /** Destructive commands never take the active session without showing the choice. */
  alwaysAsk = false,
): Promise<TrackedSession | undefined> {
  if (argument && 'type' in argument) return argument.type === 'session' ? parts.sessions.get(argument.session.id) : undefined;
  if (argument && 'sessionId' in argument) {
    const session = parts.sessions.get(argument.sessionId);
    if (!session) void parts.prompts.warn(pick.sessionNotTracked());
    return session;
  }
  const candidates = parts.sessions.list().filter(which);
  if (candidates.length === 0) {
    const create = await parts.prompts.choose('info', pick.noSession(), [{ id: 'create', label: pick.createSession() }]);
    if (create === 'create') await vscode.commands.executeCommand('quickblox.createSession');
    return undefined;
  }
  const active = parts.sessions.active();
  if (!alwaysAsk && active && candidates.some((session) => session.id === active.id)) return active;
  if (!alwaysAsk && candidates.length === 1) return candidates[0];
  const ordered = active
    ? [...candidates.filter((session) => session.id === active.id), ...candidates.filter((session) => session.id !== active.id)]
    : candidates;
  const chosen = await vscode.window.showQuickPick(
    ordered.map((session) => ({
      label: sessionWords.named(parts.profiles.get(session.profileId)?.name, sessionTitle(session)),
      description: pick.sessionDescription(session.tokenPrefix, timeLeft(session.expiresAt, parts.clock.now()), session.id === active?.id),
      session,
    })),
    { title: pick.title(), placeHolder },
  );
  return chosen?.session;
}
