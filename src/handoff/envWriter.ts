import * as path from 'node:path';
import vscode = require('vscode');
import { envFilePathProblem, envVariableNameProblem, outsideText, setEnvVariableInBytes } from '../core';
import { config } from '../host/config';
import { handoff as messages } from '../feedback/messages';
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
export async function writeTokenToEnv(
  deps: EnvWriterDeps,
  session: TrackedSession,
  token: string,
  folder?: vscode.WorkspaceFolder,
): Promise<vscode.Uri | undefined> {
  const name = config.envVariableName();
  const nameProblem = envVariableNameProblem(name);
  if (nameProblem) return fail(deps, messages.variableNameUnusable(nameProblem), true);
  const target = folder ?? (await chooseFolder(deps));
  if (!target) return undefined;
  const relative = config.envFile();
  const shownName = outsideText(relative, 80);
  const settingProblem = envFilePathProblem(relative);
  if (settingProblem) {
    const outside = /outside|absolute/.test(settingProblem);
    return fail(deps, outside ? messages.envFileOutside(shownName, target.name) : messages.envFileUnusable(shownName, settingProblem, target.name), true);
  }
  if (target.uri.scheme !== 'file') return fail(deps, messages.notOnDisk(target.name));

  let resolved: EnvTarget;
  try {
    resolved = await resolveEnvTarget(target.uri.fsPath, relative);
  } catch (error) {
    if (error instanceof EnvTargetRefused) return fail(deps, messages.envRefused(shownName, target.name, error.reason), true);
    throw error;
  }
  const file = vscode.Uri.file(resolved.file);
  const asConfigured = vscode.Uri.joinPath(target.uri, relative);
  if (
    vscode.workspace.textDocuments.some((document) => document.isDirty && (document.uri.fsPath === file.fsPath || document.uri.fsPath === asConfigured.fsPath))
  ) {
    return fail(deps, messages.unsavedChanges(shownName));
  }

  const update = setEnvVariableInBytes(resolved.existing?.bytes ?? new Uint8Array(), name, token);
  const where = `${shownName} in ${target.name}`;
  if (update.change === 'unchanged') {
    void deps.prompts.info(messages.alreadySet(shownName, target.name, name, session.tokenPrefix));
    return asConfigured;
  }
  const detail = [
    resolved.existing === undefined
      ? messages.willCreate(shownName)
      : update.change === 'replaced'
        ? messages.willReplace(name, update.lines.join(', '))
        : messages.willAdd(name),
    resolved.relative !== path.posix.normalize(relative.replace(/\\/g, '/')) ? messages.fileThrough(resolved.file, shownName) : messages.file(resolved.file),
    gitNote(await gitView(target.uri.fsPath, resolved.file, resolved.relative), resolved.relative, target.name),
  ]
    .filter(Boolean)
    .join('\n\n');
  const confirmed = await deps.prompts.choose(
    'warning',
    messages.writeQuestion(session.tokenPrefix, shownName, target.name, name),
    [{ id: 'write', label: messages.write() }],
    { modal: true, detail },
  );
  if (confirmed !== 'write') return undefined;
  try {
    await writeEnvTarget(resolved, update.bytes);
  } catch (error) {
    if (error instanceof EnvTargetRefused) return fail(deps, messages.envNotWritten(shownName, target.name, error.reason));
    throw error;
  }
  deps.log.info(`Wrote ${name} (token ${session.tokenPrefix}) to ${where}`);
  void deps.prompts
    .choose('info', messages.written(name, shownName, target.name, session.tokenPrefix), [{ id: 'open', label: messages.openFile() }])
    .then(async (action) => {
      if (action === 'open') await vscode.window.showTextDocument(file, { preview: true });
    });
  return asConfigured;
}

/** What the confirmation says about committing the file, or nothing when git keeps it out. */
function gitNote(view: GitView, relative: string, folderName: string): string {
  if (view.asked === 'text') {
    return view.listed ? '' : messages.notInGitignore(relative, folderName);
  }
  if (!view.repository) return '';
  if (view.tracked) return messages.trackedByGit(relative);
  return view.ignored ? '' : messages.notIgnoredByGit(relative);
}

async function chooseFolder(deps: EnvWriterDeps): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void deps.prompts.warn(messages.openAFolder());
    return undefined;
  }
  return folders.length === 1 ? folders[0] : vscode.window.showWorkspaceFolderPick({ placeHolder: messages.whichFolder() });
}

/** Tells why nothing was written; `offerSettings` when a setting is the thing to change. */
function fail(deps: EnvWriterDeps, message: string, offerSettings = false): undefined {
  void deps.prompts.choose('error', message, offerSettings ? [{ id: 'settings' as const, label: messages.openSettings() }] : []).then((chosen) => {
    if (chosen === 'settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'quickblox.env');
  });
  return undefined;
}
