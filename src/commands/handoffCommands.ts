import * as vscode from 'vscode';
import { curlCommand, tokenHeader } from '../core';
import { writeTokenToEnv } from '../handoff/envWriter';
import type { Services } from '../services';
import { copyWithToken, tokenOrTell } from '../sessions/clipboard';
import type { TrackedSession } from '../sessions/trackedSession';
import { resolveSession, type SessionArgument } from './pickSession';
import { registerGuarded } from './register';

/** Ways to hand a token over: as a header, as cURL, into the editor, into .env, or shown once on request. */
export function registerHandoffCommands(context: vscode.ExtensionContext, services: Services): void {
  const withToken = (id: string, placeHolder: string, use: (session: TrackedSession, token: string) => Promise<unknown>): void =>
    registerGuarded<SessionArgument>(context, id, async (argument) => {
      const session = await resolveSession(services, argument, placeHolder);
      if (!session) return undefined;
      const token = await tokenOrTell(services, session);
      if (!token) return undefined;
      return use(session, token);
    });

  withToken('quickblox.copyTokenAsHeader', 'Copy the QB-Token header of which session?', async (session, token) => {
    return copyWithToken(services, session, tokenHeader(token), 'as a QB-Token header');
  });

  withToken('quickblox.copyTokenAsCurl', 'Copy a cURL command for which session?', async (session, token) => {
    const profile = services.profiles.get(session.profileId);
    if (!profile) return undefined;
    return copyWithToken(services, session, curlCommand(profile.endpoint, token, 'posix'), 'in a cURL command for GET /session.json');
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
