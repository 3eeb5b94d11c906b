import * as path from 'node:path';
import * as vscode from 'vscode';
import { envVariableNameProblem, setEnvVariable } from '../core';
import { config } from '../config';
import type { Services } from '../services';
import type { TrackedSession } from '../sessions/trackedSession';

/**
 * Writes the session's token to the workspace's `.env` after the person confirms. The file is
 * read and written as raw bytes (latin1 maps each byte to one character), so every other line
 * stays exactly as it was, whatever its encoding or line endings.
 */
export async function writeTokenToEnv(services: Services, session: TrackedSession, token: string, folder?: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const name = config.envVariableName();
  const nameProblem = envVariableNameProblem(name);
  if (nameProblem) return fail(services, `The setting quickblox.env.variableName is not usable: ${nameProblem}`, 'Open Settings');
  const target = folder ?? (await chooseFolder());
  if (!target) return undefined;
  const relative = config.envFile();
  const file = vscode.Uri.joinPath(target.uri, relative);
  if (path.isAbsolute(relative) || !file.path.startsWith(`${target.uri.path.replace(/\/$/, '')}/`)) {
    return fail(services, `The setting quickblox.env.file (${relative}) points outside the folder ${target.name}: name a file inside it, such as .env.`, 'Open Settings');
  }
  if (vscode.workspace.textDocuments.some((document) => document.uri.toString() === file.toString() && document.isDirty)) {
    return fail(services, `${relative} has unsaved changes in an editor: save or revert them first, so that nothing is lost.`);
  }

  const before = await readIfExists(file);
  const update = setEnvVariable(before === undefined ? '' : Buffer.from(before).toString('latin1'), name, token);
  const where = `${relative} in ${target.name}`;
  if (update.change === 'unchanged') {
    void services.prompts.ask('info', `${where} already sets ${name} to the token ${session.tokenPrefix}.`);
    return file;
  }
  const detail = [
    before === undefined
      ? `${relative} does not exist yet: it will be created with this one line.`
      : update.change === 'replaced'
        ? `The current value of ${name} (line ${update.lines.join(', ')}) is replaced; every other line stays exactly as it is.`
        : `${name} is added at the end; every other line stays exactly as it is.`,
    (await isIgnoredByGit(target.uri, relative)) ? '' : `Note: ${relative} is not listed in ${target.name}/.gitignore, so the token could be committed.`,
  ].filter(Boolean).join('\n\n');
  const confirmed = await services.prompts.ask('warning', `Write the token ${session.tokenPrefix} to ${where} as ${name}?`, ['Write'], { modal: true, detail });
  if (confirmed !== 'Write') return undefined;
  await vscode.workspace.fs.writeFile(file, Buffer.from(update.text, 'latin1'));
  services.log.info(`Wrote ${name} (token ${session.tokenPrefix}) to ${where}`);
  void services.prompts.ask('info', `${name} in ${where} now holds the token ${session.tokenPrefix}.`, ['Open File']).then(async (action) => {
    if (action === 'Open File') await vscode.window.showTextDocument(file, { preview: true });
  });
  return file;
}

async function chooseFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage('Open a folder first: the token is written to a .env file in a workspace folder.');
    return undefined;
  }
  return folders.length === 1 ? folders[0] : vscode.window.showWorkspaceFolderPick({ placeHolder: 'Write the token to the .env of which folder?' });
}

async function readIfExists(file: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(file);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/** Whether the folder's .gitignore has a line that names the file (a plain check, not git's full rules). */
async function isIgnoredByGit(folder: vscode.Uri, relative: string): Promise<boolean> {
  const bytes = await readIfExists(vscode.Uri.joinPath(folder, '.gitignore')).catch(() => undefined);
  if (!bytes) return false;
  const base = path.posix.basename(relative);
  return Buffer.from(bytes)
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^\//, ''))
    .some((line) => line === relative || line === base || line === '.env*' || line === '*.env' || (line.endsWith('*') && base.startsWith(line.slice(0, -1))));
}

function fail(services: Services, message: string, action?: 'Open Settings'): undefined {
  services.lastFailure = message;
  void services.prompts.ask('error', message, action ? [action] : []).then((chosen) => {
    if (chosen === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'quickblox.env');
  });
  return undefined;
}
