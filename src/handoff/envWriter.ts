import * as path from 'node:path';
import * as vscode from 'vscode';
import { envFilePathProblem, envVariableNameProblem, outsideText, setEnvVariableInBytes } from '../core';
import { config } from '../host/config';
import type { Prompts } from '../feedback/prompts';
import type { Log } from '../host/log';

import type { TrackedSession } from '../sessions/store/trackedSession';
import { EnvTargetRefused, resolveEnvTarget, writeEnvTarget, type EnvTarget } from './envTarget';
import { gitView, type GitView } from './gitCheck';

/** What writing to .env uses: the notifier, to ask and to tell, and the log. */
export interface EnvWriterDeps {
  prompts: Prompts;
  log: Log;
}

/**
 * Writes the session's token to the workspace's `.env` after the person confirms. The file is
 * resolved as the file system will (symbolic links followed) and must stay inside the folder; it is
 * read and written as bytes, so every other line stays exactly as it was, and replaced whole.
 */
export async function writeTokenToEnv(services: EnvWriterDeps, session: TrackedSession, token: string, folder?: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const name = config.envVariableName();
  const nameProblem = envVariableNameProblem(name);
  if (nameProblem) return fail(services, `The setting quickblox.env.variableName is not usable: ${nameProblem}`, 'Open Settings');
  const target = folder ?? (await chooseFolder(services));
  if (!target) return undefined;
  const relative = config.envFile();
  const shownName = outsideText(relative, 80);
  const settingProblem = envFilePathProblem(relative);
  if (settingProblem) {
    const outside = /outside|absolute/.test(settingProblem);
    return fail(services, `The setting quickblox.env.file (${shownName}) ${outside ? 'points outside the folder' : settingProblem}: name a file inside ${target.name}, such as .env.`, 'Open Settings');
  }
  if (target.uri.scheme !== 'file') return fail(services, `Write Token to .env writes only to folders on this computer's disk, and ${target.name} is not one: copy the token instead.`);

  let resolved: EnvTarget;
  try {
    resolved = await resolveEnvTarget(target.uri.fsPath, relative);
  } catch (error) {
    if (error instanceof EnvTargetRefused) return fail(services, `${shownName} in ${target.name} ${error.message}, so nothing was written: point quickblox.env.file at a regular file inside the folder.`, 'Open Settings');
    throw error;
  }
  const file = vscode.Uri.file(resolved.file);
  const asConfigured = vscode.Uri.joinPath(target.uri, relative);
  if (vscode.workspace.textDocuments.some((document) => document.isDirty && (document.uri.fsPath === file.fsPath || document.uri.fsPath === asConfigured.fsPath))) {
    return fail(services, `${shownName} has unsaved changes in an editor: save or revert them first, so that nothing is lost.`);
  }

  const update = setEnvVariableInBytes(resolved.existing?.bytes ?? new Uint8Array(), name, token);
  const where = `${shownName} in ${target.name}`;
  if (update.change === 'unchanged') {
    void services.prompts.info(`${where} already sets ${name} to the token ${session.tokenPrefix}.`);
    return asConfigured;
  }
  const detail = [
    resolved.existing === undefined
      ? `${shownName} does not exist yet: it will be created with this one line.`
      : update.change === 'replaced'
        ? `The current value of ${name} (line ${update.lines.join(', ')}) is replaced; every other line stays exactly as it is.`
        : `${name} is added at the end; every other line stays exactly as it is.`,
    `File: ${resolved.file}${resolved.relative !== path.posix.normalize(relative.replace(/\\/g, '/')) ? ` (${shownName} leads there)` : ''}`,
    gitNote(await gitView(target.uri.fsPath, resolved.file, resolved.relative), resolved.relative, target.name),
  ].filter(Boolean).join('\n\n');
  const confirmed = await services.prompts.ask('warning', `Write the token ${session.tokenPrefix} to ${where} as ${name}?`, ['Write'], { modal: true, detail });
  if (confirmed !== 'Write') return undefined;
  try {
    await writeEnvTarget(resolved, update.bytes);
  } catch (error) {
    if (error instanceof EnvTargetRefused) return fail(services, `${shownName} in ${target.name} ${error.message}.`);
    throw error;
  }
  services.log.info(`Wrote ${name} (token ${session.tokenPrefix}) to ${where}`);
  void services.prompts.info(`${name} in ${where} now holds the token ${session.tokenPrefix}.`, 'Open File').then(async (action) => {
    if (action === 'Open File') await vscode.window.showTextDocument(file, { preview: true });
  });
  return asConfigured;
}

/** What the confirmation says about committing the file, or nothing when git keeps it out. */
function gitNote(view: GitView, relative: string, folderName: string): string {
  if (view.asked === 'text') {
    return view.listed ? '' : `Note: ${relative} is not listed in ${folderName}/.gitignore, so the token could be committed. (Git is not asked in Restricted Mode or where it is missing; this is read from .gitignore.)`;
  }
  if (!view.repository) return '';
  if (view.tracked) return `Note: git tracks ${relative}: the token would go into your next commit. Stop tracking it (git rm --cached ${relative}) and list it in .gitignore.`;
  return view.ignored ? '' : `Note: git does not ignore ${relative}, so the token could be committed: list it in .gitignore.`;
}

async function chooseFolder(services: EnvWriterDeps): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void services.prompts.warn('Open a folder first: the token is written to a .env file in a workspace folder.');
    return undefined;
  }
  return folders.length === 1 ? folders[0] : vscode.window.showWorkspaceFolderPick({ placeHolder: 'Write the token to the .env of which folder?' });
}

function fail(services: EnvWriterDeps, message: string, action?: 'Open Settings'): undefined {
  void services.prompts.ask('error', message, action ? [action] : []).then((chosen) => {
    if (chosen === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'quickblox.env');
  });
  return undefined;
}
