import * as vscode from 'vscode';
import { curlCommand, isShell, SHELLS, ShellQuoteError, tokenHeader } from '../core';
import { writeTokenToEnv } from '../handoff/envWriter';
import { curlProgram, pickShell, SHELL_LABELS } from '../handoff/shellChoice';
import type { Services } from '../services';
import { copyWithToken, tokenOrTell } from '../handoff/clipboard';
import type { TrackedSession } from '../sessions/store/trackedSession';
import { resolveSession, type SessionArgument } from './pickSession';
import { registerGuarded } from './register';

/** Copy Token as cURL Command also takes `shell` beside the session (`{ sessionId, shell }`, a tree row with `shell`): no question then. */
type CurlArgument = (NonNullable<SessionArgument> & { shell?: unknown }) | undefined;

/** Ways to hand a token over: as a header, as cURL, into the editor, into .env, or shown once on request. */
export function registerHandoffCommands(context: vscode.ExtensionContext, services: Services): void {
  const withToken = <A extends SessionArgument = SessionArgument>(id: string, placeHolder: string, use: (session: TrackedSession, token: string, argument: A) => Promise<unknown>): void =>
    registerGuarded<A>(context, services.prompts, id, async (argument) => {
      const session = await resolveSession(services, argument, placeHolder);
      if (!session) return undefined;
      const token = await tokenOrTell(services, session);
      if (!token) return undefined;
      return use(session, token, argument);
    });

  withToken('quickblox.copyTokenAsHeader', 'Copy the QB-Token header of which session?', async (session, token) => {
    return copyWithToken(services, session, tokenHeader(token), 'as a QB-Token header');
  });

  withToken<CurlArgument>('quickblox.copyTokenAsCurl', 'Copy a cURL command for which session?', async (session, token, argument) => {
    const profile = services.profiles.get(session.profileId);
    if (!profile) return undefined;
    const given = argument?.shell;
    if (given !== undefined && !isShell(given)) {
      services.lastFailure = `A cURL command is made for one of these shells: ${SHELLS.join(', ')}.`;
      void services.prompts.ask('warning', services.lastFailure);
      return undefined;
    }
    const shell = given ?? (await pickShell(context.globalState));
    if (!shell) return undefined;
    let command: string;
    try {
      command = curlCommand(profile.endpoint, token, shell, curlProgram(shell));
    } catch (error) {
      if (!(error instanceof ShellQuoteError)) throw error;
      // The core's message names the character, never the token.
      services.lastFailure = `Nothing copied for ${SHELL_LABELS[shell]}: ${error.message}`;
      void services.prompts.ask('warning', services.lastFailure);
      return undefined;
    }
    return copyWithToken(services, session, command, `in a cURL command for ${SHELL_LABELS[shell]} (GET /session.json)`);
  });

  withToken('quickblox.insertToken', 'Insert the token of which session?', async (session, token) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme === 'quickblox-response') {
      services.lastFailure = 'Open a file to edit and place the cursor where the token should go.';
      void services.prompts.ask('warning', services.lastFailure);
      return false;
    }
    const done = await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, token);
    });
    if (done) services.log.info(`Inserted token ${session.tokenPrefix} into ${vscode.workspace.asRelativePath(editor.document.uri)}`);
    return done;
  });

  withToken('quickblox.writeTokenToEnv', 'Write the token of which session to .env?', (session, token) => writeTokenToEnv(services, session, token));

  withToken('quickblox.revealToken', 'Reveal the token of which session?', async (session, token) => {
    const profile = services.profiles.get(session.profileId);
    const action = await services.prompts.ask('info', `Token of the ${profile?.name ?? ''} session ${session.tokenPrefix}`, ['Copy'], { modal: true, detail: token });
    if (action === 'Copy') await copyWithToken(services, session, token);
    return action;
  });
}
