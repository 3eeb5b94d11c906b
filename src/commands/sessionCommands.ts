import * as vscode from 'vscode';
import type { SessionAuth, SessionAuthType } from '../core';
import type { Services } from '../services';
import { copyToken } from '../sessions/clipboard';
import { runCreateSession } from '../sessions/runSession';
import { KIND_SHORT, timeLeft, type TrackedSession } from '../sessions/trackedSession';
import { EXPIRING_MS } from '../statusBar';
import type { ProfilesTreeNode } from '../views/profilesTree';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { guard } from './profileCommands';
import { askSessionRequest } from './sessionFlows';

/**
 * Create Session also takes `{ profileId, kind }` to skip the kind question, or
 * `{ profileId, auth, user }` to skip every question (for keybindings and tasks).
 */
export type CreateSessionArgument = ProfileArgument | { profileId: string; kind?: SessionAuthType; auth?: SessionAuth; user?: string };

type SessionArgument = ProfilesTreeNode | undefined;

export function registerSessionCommands(context: vscode.ExtensionContext, services: Services): void {
  const { sessions } = services;
  const register = <A>(id: string, handler: (argument: A) => Promise<unknown>): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, (argument: A) => guard(handler(argument))));
  };

  register<CreateSessionArgument>('quickblox.createSession', async (argument) => {
    const profile = await resolveProfile(services.profiles, argument && !('type' in argument) ? { profileId: argument.profileId } : argument, 'Create a session with which profile?');
    if (!profile) return undefined;
    const given = argument && 'profileId' in argument ? (argument as { profileId: string; kind?: SessionAuthType; auth?: SessionAuth; user?: string }) : undefined;
    const request = given?.auth ? { profile, auth: given.auth, ...(given.user ? { user: given.user } : {}) } : await askSessionRequest(services.profiles, profile, given?.kind);
    if (!request) return undefined;
    const tracked = await runCreateSession(services, request);
    if (tracked && (request.auth.type === 'login' || request.auth.type === 'email') && request.user) void offerToSaveUser(services, profile.id, request.auth);
    return tracked;
  });

  register<SessionArgument>('quickblox.copySessionToken', async (node) => {
    const session = node?.type === 'session' ? node.session : await pickSession(services, 'Copy the token of which session?');
    return session ? copyToken(services, session) : false;
  });

  register<SessionArgument>('quickblox.showResponse', async (node) => {
    const id = node?.type === 'session' ? services.responseOf.get(node.session.id) : services.lastResponse;
    if (!id) {
      void vscode.window.showInformationMessage(
        node ? 'The response of that session is not kept: responses are kept in memory until the window reloads.' : 'No QuickBlox request has been made in this window yet.',
      );
      return undefined;
    }
    return services.responses.open(id);
  });

  register<SessionArgument>('quickblox.forgetSession', async (node) => {
    const session = node?.type === 'session' ? node.session : await pickSession(services, 'Forget which session?');
    if (!session) return false;
    await sessions.forget([session.id]);
    services.responseOf.delete(session.id);
    return true;
  });

  register<SessionArgument>('quickblox.setActiveSession', async (node) => {
    if (node?.type === 'session') await sessions.setActive(node.session.id);
  });

  register<undefined>('quickblox.statusBarClicked', async () => {
    const session = sessions.active();
    if (!session) return vscode.commands.executeCommand('quickblox.createSession');
    const left = session.expiresAt - services.now();
    if (left <= 0) return vscode.commands.executeCommand('quickblox.createSession', { profileId: session.profileId, kind: session.kind });
    if (left < EXPIRING_MS) {
      const action = await vscode.window.showWarningMessage(`The QuickBlox session expires in ${timeLeft(session.expiresAt, services.now())}.`, 'Copy Token', 'Create New Session');
      if (action === 'Create New Session') return vscode.commands.executeCommand('quickblox.createSession', { profileId: session.profileId, kind: session.kind });
      if (action !== 'Copy Token') return undefined;
    }
    return copyToken(services, session);
  });

  register<undefined>('quickblox.showLog', async () => services.log.show());
}

async function pickSession(services: Services, placeHolder: string): Promise<TrackedSession | undefined> {
  const live = services.sessions.list();
  const active = services.sessions.active();
  if (live.length === 0) {
    const create = await vscode.window.showInformationMessage('No QuickBlox session yet.', 'Create Session');
    if (create) await vscode.commands.executeCommand('quickblox.createSession');
    return undefined;
  }
  if (active && active.expiresAt > services.now()) return active;
  if (live.length === 1) return live[0];
  const chosen = await vscode.window.showQuickPick(
    live.map((session) => ({
      label: `${services.profiles.get(session.profileId)?.name ?? 'deleted profile'} · ${KIND_SHORT[session.kind]}${session.user ? ` ${session.user}` : ''}`,
      description: `${session.tokenPrefix} · ${timeLeft(session.expiresAt, services.now())}`,
      session,
    })),
    { title: 'QuickBlox', placeHolder },
  );
  return chosen?.session;
}

async function offerToSaveUser(services: Services, profileId: string, auth: SessionAuth): Promise<void> {
  if (auth.type !== 'login' && auth.type !== 'email') return;
  const identifier = auth.type === 'login' ? auth.login : auth.email;
  const profile = services.profiles.get(profileId);
  if (!profile || profile.savedUsers.some((user) => user.kind === auth.type && user.identifier === identifier)) return;
  const answer = await vscode.window.showInformationMessage(`Save ${identifier} in ${profile.name} for quick sessions? The password goes to secret storage.`, 'Save User');
  if (answer === 'Save User') await guard(services.profiles.addSavedUser(profileId, auth.type, identifier, auth.password));
}
