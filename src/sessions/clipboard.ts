import * as vscode from 'vscode';
import type { Services } from '../services';
import type { TrackedSession } from './trackedSession';

/** Copies a session's token; the confirmation never shows the token. */
export async function copyToken(services: Services, session: TrackedSession): Promise<boolean> {
  const token = await services.sessions.token(session.id);
  if (!token) {
    void vscode.window.showWarningMessage('The token of that session is no longer stored: create a new session.');
    return false;
  }
  await vscode.env.clipboard.writeText(token);
  vscode.window.setStatusBarMessage(`$(check) QuickBlox token ${session.tokenPrefix} copied`, 3000);
  services.log.info(`Copied token ${session.tokenPrefix} to the clipboard`);
  return true;
}
