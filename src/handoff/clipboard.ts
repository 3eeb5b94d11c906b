import * as vscode from 'vscode';
import { tokenProblem } from '../core';
import type { Prompts } from '../feedback/prompts';
import type { Log } from '../host/log';
import type { SessionStore } from '../sessions/store/sessionStore';
import type { TrackedSession } from '../sessions/store/trackedSession';

/** Hands a session's token over: checked first, and named by its prefix only in every confirmation. */
export class TokenHandoff {
  constructor(
    private readonly sessions: SessionStore,
    private readonly prompts: Prompts,
    private readonly log: Log,
  ) {}

  /** The session's token, or undefined after telling the person it is no longer stored. */
  async tokenOrTell(session: TrackedSession): Promise<string | undefined> {
    const token = await this.sessions.token(session.id);
    // A token kept by an earlier version was never checked: what goes to a shell, a file or an editor is.
    const problem = token ? tokenProblem(token) : undefined;
    if (token && !problem) return token;
    if (problem) {
      const message = `The stored token of the session ${session.tokenPrefix} ${problem}, so it is not handed anywhere: recreate the session.`;
      void this.prompts
        .ask('error', message, ['Recreate Session'])
        .then((action) => (action ? vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id }) : undefined));
      return undefined;
    }
    void this.prompts
      .ask('warning', 'The token of that session is no longer stored: create a new session.', ['Create Session'])
      .then((action) => (action ? vscode.commands.executeCommand('quickblox.createSession') : undefined));
    return undefined;
  }

  /** Copies text made from a session's token; the confirmation names the token by its prefix only. */
  async copyWithToken(session: TrackedSession, text: string, how = ''): Promise<true> {
    await vscode.env.clipboard.writeText(text);
    const suffix = how ? ` ${how}` : '';
    vscode.window.setStatusBarMessage(`$(check) QuickBlox token ${session.tokenPrefix} copied${suffix}`, 3000);
    this.log.info(`Copied token ${session.tokenPrefix}${suffix} to the clipboard`);
    return true;
  }

  /** Copies a session's token. */
  async copyToken(session: TrackedSession): Promise<boolean> {
    const token = await this.tokenOrTell(session);
    return token ? this.copyWithToken(session, token) : false;
  }
}
