import vscode = require('vscode');
import { curlCommand, isShell, SHELLS, ShellQuoteError, tokenHeader } from '../core';
import { writeTokenToEnv } from '../handoff/envWriter';
import { curlProgram, pickShell } from '../handoff/shellChoice';
import { handoff as messages, pick } from '../feedback/messages';
import type { TrackedSession } from '../sessions/store/trackedSession';
import { resolveSession, type SessionArgument } from './pickSession';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';

/** Copy Token as cURL Command also takes `shell` beside the session (`{ sessionId, shell }`, a tree row with `shell`): no question then. */
type CurlArgument = (NonNullable<SessionArgument> & { shell?: unknown }) | undefined;

/** Ways to hand a token over: as a header, as cURL, into the editor, into .env, or shown once on request. */
export function handoffCommands(parts: Pick<Parts, 'context' | 'profiles' | 'sessions' | 'prompts' | 'log' | 'clock' | 'handoff'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  const withToken = <A extends SessionArgument = SessionArgument>(
    id: string,
    placeHolder: string,
    use: (session: TrackedSession, token: string, argument: A) => Promise<unknown>,
  ): void =>
    register<A>(id, async (argument) => {
      const session = await resolveSession(parts, argument, placeHolder);
      if (!session) return undefined;
      const token = await parts.handoff.tokenOrTell(session);
      if (!token) return undefined;
      return use(session, token, argument);
    });

  withToken('quickblox.copyTokenAsHeader', pick.sessionForHeader(), async (session, token) => {
    return parts.handoff.copyWithToken(session, tokenHeader(token), { as: 'header' });
  });

  withToken<CurlArgument>('quickblox.copyTokenAsCurl', pick.sessionForCurl(), async (session, token, argument) => {
    const profile = parts.profiles.get(session.profileId);
    if (!profile) return undefined;
    const given = argument?.shell;
    if (given !== undefined && !isShell(given)) {
      void parts.prompts.ask('warning', messages.curlShells(SHELLS.join(', ')));
      return undefined;
    }
    const shell = given ?? (await pickShell(parts.context.globalState));
    if (!shell) return undefined;
    let command: string;
    try {
      command = curlCommand(profile.endpoint, token, shell, curlProgram(shell));
    } catch (error) {
      if (!(error instanceof ShellQuoteError)) throw error;
      // The core's message names the character, never the token.
      void parts.prompts.ask('warning', messages.nothingCopied(shell, error.message));
      return undefined;
    }
    return parts.handoff.copyWithToken(session, command, { as: 'curl', shell });
  });

  withToken('quickblox.insertToken', pick.sessionToInsert(), async (session, token) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme === 'quickblox-response') {
      void parts.prompts.ask('warning', messages.openAFile());
      return false;
    }
    const done = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, token);
    });
    if (done) parts.log.info(`Inserted token ${session.tokenPrefix} into ${vscode.workspace.asRelativePath(editor.document.uri)}`);
    return done;
  });

  withToken('quickblox.writeTokenToEnv', pick.sessionToWriteToEnv(), (session, token) => writeTokenToEnv(parts, session, token));

  withToken('quickblox.revealToken', pick.sessionToReveal(), async (session, token) => {
    const profile = parts.profiles.get(session.profileId);
    const action = await parts.prompts.choose(
      'info',
      messages.revealTitle(profile?.name ?? '', session.tokenPrefix),
      [{ id: 'copy', label: messages.copy() }],
      { modal: true, detail: token },
    );
    if (action === 'copy') await parts.handoff.copyWithToken(session, token);
    return action;
  });
  return handlers;
}
