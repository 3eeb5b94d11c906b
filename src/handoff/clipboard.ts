import * as vscode from 'vscode';
import { tokenProblem } from '../core';
import type { Services } from '../services';
import type { TrackedSession } from '../sessions/store/trackedSession';

/** The session's token, or undefined after telling the person it is no longer stored. */
export async function tokenOrTell(services: Services, session: TrackedSession): Promise<string | undefined> {
  const token = await services.sessions.token(session.id);
  // A token kept by an earlier version was never checked: what goes to a shell, a file or an editor is.
  const problem = token ? tokenProblem(token) : undefined;
  if (token && !problem) return token;
  if (problem) {
    services.lastFailure = `The stored token of the session ${session.tokenPrefix} ${problem}, so it is not handed anywhere: recreate the session.`;
    void services.prompts.ask('error', services.lastFailure, ['Recreate Session']).then((action) => (action ? vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id }) : undefined));
    return undefined;
  }
  services.lastFailure = 'The token of that session is no longer stored: create a new session.';
  void services.prompts.ask('warning', services.lastFailure, ['Create Session']).then((action) => (action ? vscode.commands.executeCommand('quickblox.createSession') : undefined));
  return undefined;
}

/** Copies text made from a session's token; the confirmation names the token by its prefix only. */
export async function copyWithToken(services: Services, session: TrackedSession, text: string, how = ''): Promise<true> {
  await vscode.env.clipboard.writeText(text);
  const suffix = how ? ` ${how}` : '';
  vscode.window.setStatusBarMessage(`$(check) QuickBlox token ${session.tokenPrefix} copied${suffix}`, 3000);
  services.log.info(`Copied token ${session.tokenPrefix}${suffix} to the clipboard`);
  return true;
}

/** Copies a session's token. */
export async function copyToken(services: Services, session: TrackedSession): Promise<boolean> {
  const token = await tokenOrTell(services, session);
  return token ? copyWithToken(services, session, token) : false;
}
