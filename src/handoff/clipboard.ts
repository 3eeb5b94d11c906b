import vscode = require('vscode');
import { tokenProblem } from '../core';
import { handoff as messages, type CopiedAs } from '../feedback/messages';
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
      void this.prompts
        .choose('error', messages.storedTokenUnusable(session.tokenPrefix, problem), [{ id: 'recreate', label: messages.recreateSession() }])
        .then((action) => (action === 'recreate' ? vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id }) : undefined));
      return undefined;
    }
    void this.prompts
      .choose('warning', messages.tokenNotStored(), [{ id: 'create', label: messages.createSession() }])
      .then((action) => (action === 'create' ? vscode.commands.executeCommand('quickblox.createSession') : undefined));
    return undefined;
  }

  /** Copies text made from a session's token; the confirmation names the token by its prefix only. */
  async copyWithToken(session: TrackedSession, text: string, copied: CopiedAs = { as: 'token' }): Promise<true> {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(messages.copied(session.tokenPrefix, copied), 3000);
    const how = copied.as === 'header' ? ' as a QB-Token header' : copied.as === 'curl' ? ` in a cURL command for ${copied.shell} (GET /session.json)` : '';
    this.log.info(`Copied token ${session.tokenPrefix}${how} to the clipboard`);
    return true;
  }

  /** Copies a session's token. */
  async copyToken(session: TrackedSession): Promise<boolean> {
    const token = await this.tokenOrTell(session);
    return token ? this.copyWithToken(session, token) : false;
  }
}
