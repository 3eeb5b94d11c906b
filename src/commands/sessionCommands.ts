import vscode = require('vscode');
import type { SessionAuth, SessionAuthType } from '../core';
import { offerToSaveUser } from '../sessions/operations/saveUser';
import { EXPIRING_MS } from '../views/statusBar';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { resolveSession, type SessionArgument } from './pickSession';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { askSessionRequest } from './sessionFlows';
import { documents, pick, sessionCommands as messages, timeLeft } from '../feedback/messages';

/**
 * Create Session also takes `{ profileId, kind }` to skip the kind question, or
 * `{ profileId, auth, user }` to skip every question (for keybindings and tasks).
 */
export type CreateSessionArgument = ProfileArgument | { profileId: string; kind?: SessionAuthType; auth?: SessionAuth; user?: string };

export function sessionCommands(
  parts: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'log' | 'clock' | 'documents' | 'operations' | 'handoff'>,
): CommandHandlers {
  const { handlers, register } = handlerTable();
  const { sessions } = parts;

  register<CreateSessionArgument>('quickblox.createSession', async (argument) => {
    const profile = await resolveProfile(parts, argument && !('type' in argument) ? { profileId: argument.profileId } : argument, pick.createSessionWith());
    if (!profile) return undefined;
    const given =
      argument && 'profileId' in argument ? (argument as { profileId: string; kind?: SessionAuthType; auth?: SessionAuth; user?: string }) : undefined;
    const request = given?.auth
      ? { profile, auth: given.auth, ...(given.user ? { user: given.user } : {}) }
      : await askSessionRequest(parts.profiles, profile, given?.kind);
    if (!request) return undefined;
    const tracked = await parts.operations.create(request);
    const { auth } = request;
    if (tracked && (auth.type === 'login' || auth.type === 'email')) {
      void offerToSaveUser(parts, profile.id, { kind: auth.type, identifier: auth.type === 'login' ? auth.login : auth.email, password: auth.password });
    }
    return tracked;
  });

  register<SessionArgument>('quickblox.copySessionToken', async (node) => {
    const session = await resolveSession(parts, node, pick.sessionToCopy());
    return session ? parts.handoff.copyToken(session) : false;
  });

  register<SessionArgument>('quickblox.showResponse', async (node) => {
    const sessionId = node && 'type' in node && node.type === 'session' ? node.session.id : node && 'sessionId' in node ? node.sessionId : undefined;
    const id = sessionId ? parts.documents.ofSession(sessionId) : parts.documents.last;
    if (!id) {
      void parts.prompts.info(node ? documents.responseOfSessionNotKept() : documents.noRequestYet());
      return undefined;
    }
    return parts.documents.open(id);
  });

  register<SessionArgument>('quickblox.forgetSession', async (node) => {
    const session = await resolveSession(parts, node, pick.sessionToForget(), () => true);
    if (!session) return false;
    await sessions.forget([session.id]);
    return true;
  });

  register<SessionArgument>('quickblox.setActiveSession', async (node) => {
    const session = await resolveSession(parts, node, pick.sessionToActivate(), () => true);
    if (session) await sessions.setActive(session.id);
  });

  register<undefined>('quickblox.statusBarClicked', async () => {
    const session = sessions.active();
    if (!session) return vscode.commands.executeCommand('quickblox.createSession');
    const left = session.expiresAt - parts.clock.now();
    if (left <= 0) return vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id });
    if (left < EXPIRING_MS) {
      const action = await parts.prompts.choose('warning', messages.expiresIn(timeLeft(session.expiresAt, parts.clock.now())), [
        { id: 'copy', label: messages.copyToken() },
        { id: 'keepAlive', label: messages.keepItAlive() },
        { id: 'recreate', label: messages.recreateSession() },
      ]);
      if (action === 'recreate') return vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id });
      if (action === 'keepAlive') return vscode.commands.executeCommand('quickblox.keepAliveOn', { sessionId: session.id });
      if (action !== 'copy') return undefined;
    }
    return parts.handoff.copyToken(session);
  });

  register<undefined>('quickblox.showLog', async () => parts.log.show());
  return handlers;
}
