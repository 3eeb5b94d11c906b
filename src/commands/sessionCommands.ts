import * as vscode from 'vscode';
import type { SessionAuth, SessionAuthType } from '../core';
import { offerToSaveUser } from '../sessions/operations/saveUser';
import { timeLeft } from '../sessions/store/trackedSession';
import { EXPIRING_MS } from '../views/statusBar';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { resolveSession, type SessionArgument } from './pickSession';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { askSessionRequest } from './sessionFlows';

/**
 * Create Session also takes `{ profileId, kind }` to skip the kind question, or
 * `{ profileId, auth, user }` to skip every question (for keybindings and tasks).
 */
export type CreateSessionArgument = ProfileArgument | { profileId: string; kind?: SessionAuthType; auth?: SessionAuth; user?: string };

export function sessionCommands(services: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'log' | 'clock' | 'documents' | 'operations' | 'handoff'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  const { sessions } = services;

  register<CreateSessionArgument>('quickblox.createSession', async (argument) => {
    const profile = await resolveProfile(services, argument && !('type' in argument) ? { profileId: argument.profileId } : argument, 'Create a session with which profile?');
    if (!profile) return undefined;
    const given = argument && 'profileId' in argument ? (argument as { profileId: string; kind?: SessionAuthType; auth?: SessionAuth; user?: string }) : undefined;
    const request = given?.auth ? { profile, auth: given.auth, ...(given.user ? { user: given.user } : {}) } : await askSessionRequest(services.profiles, profile, given?.kind);
    if (!request) return undefined;
    const tracked = await services.operations.create(request);
    const { auth } = request;
    if (tracked && (auth.type === 'login' || auth.type === 'email')) {
      void offerToSaveUser(services, profile.id, { kind: auth.type, identifier: auth.type === 'login' ? auth.login : auth.email, password: auth.password });
    }
    return tracked;
  });

  register<SessionArgument>('quickblox.copySessionToken', async (node) => {
    const session = await resolveSession(services, node, 'Copy the token of which session?');
    return session ? services.handoff.copyToken(session) : false;
  });

  register<SessionArgument>('quickblox.showResponse', async (node) => {
    const sessionId = node && 'type' in node && node.type === 'session' ? node.session.id : node && 'sessionId' in node ? node.sessionId : undefined;
    const id = sessionId ? services.documents.ofSession(sessionId) : services.documents.last;
    if (!id) {
      void services.prompts.info(
        node ? 'The response of that session is not kept: responses are kept in memory until the window reloads.' : 'No QuickBlox request has been made in this window yet.',
      );
      return undefined;
    }
    return services.documents.open(id);
  });

  register<SessionArgument>('quickblox.forgetSession', async (node) => {
    const session = await resolveSession(services, node, 'Forget which session?', () => true);
    if (!session) return false;
    await sessions.forget([session.id]);
    return true;
  });

  register<SessionArgument>('quickblox.setActiveSession', async (node) => {
    const session = await resolveSession(services, node, 'Make which session active?', () => true);
    if (session) await sessions.setActive(session.id);
  });

  register<undefined>('quickblox.statusBarClicked', async () => {
    const session = sessions.active();
    if (!session) return vscode.commands.executeCommand('quickblox.createSession');
    const left = session.expiresAt - services.clock.now();
    if (left <= 0) return vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id });
    if (left < EXPIRING_MS) {
      const action = await services.prompts.ask('warning', `The QuickBlox session expires in ${timeLeft(session.expiresAt, services.clock.now())}.`, ['Copy Token', 'Keep It Alive', 'Recreate Session']);
      if (action === 'Recreate Session') return vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id });
      if (action === 'Keep It Alive') return vscode.commands.executeCommand('quickblox.keepAliveOn', { sessionId: session.id });
      if (action !== 'Copy Token') return undefined;
    }
    return services.handoff.copyToken(session);
  });

  register<undefined>('quickblox.showLog', async () => services.log.show());
  return handlers;
}
