import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');

/** What is known about whether a token written to a file could be committed. */
export type GitView =
  | { asked: 'git'; repository: false }
  | { asked: 'git'; repository: true; tracked: boolean; ignored: boolean }
  /** Git was not asked (Restricted Mode, or no git): whether the folder's .gitignore names the file, by its text. */
  | { asked: 'text'; listed: boolean };

const GIT_TIMEOUT_MS = 5000;

/**
 * Asks git whether `file` is tracked or ignored. Git runs only in a trusted folder: a repository's
 * own configuration can make git run commands (core.fsmonitor, for one), and Restricted Mode
 * promises that nothing of the folder runs. The git extension's binary is used where VS Code has
 * one; in Restricted Mode, or without git, the folder's .gitignore is read as text instead.
 */
export async function gitView(folder: string, file: string, relative: string): Promise<GitView> {
  if (vscode.workspace.isTrusted) {
    const cwd = path.dirname(file);
    const name = path.basename(file);
    const git = gitBinary();
    // fsmonitor off: a hook named in the repository's configuration must not run for this question.
    const run = (args: string[]): Promise<number | 'missing'> => exitCode(git, ['-c', 'core.fsmonitor=false', ...args, '--', name], cwd);
    const ignored = await run(['check-ignore', '-q']);
    if (ignored === 0 || ignored === 1) {
      const tracked = await run(['ls-files', '--error-unmatch']);
      return { asked: 'git', repository: true, ignored: ignored === 0, tracked: tracked === 0 };
    }
    if (ignored === 128) return { asked: 'git', repository: false };
  }
  return { asked: 'text', listed: await listedInGitignore(folder, relative) };
}

/** The git the git extension uses, else `git` from the PATH. */
function gitBinary(): string {
  const extension = vscode.extensions.getExtension<{ getAPI?(version: 1): { git?: { path?: string } } }>('vscode.git');
  try {
    const found = extension?.isActive ? extension.exports?.getAPI?.(1)?.git?.path : undefined;
    return typeof found === 'string' && found !== '' ? found : 'git';
  } catch {
    return 'git';
  }
}

function exitCode(command: string, args: string[], cwd: string): Promise<number | 'missing'> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: GIT_TIMEOUT_MS, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } },
      (error) => {
        if (!error) return resolve(0);
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        resolve(typeof code === 'number' ? code : 'missing');
      },
    );
  });
}

/** Whether the folder's .gitignore has a line that names the file (a plain reading, not git's full rules). */
async function listedInGitignore(folder: string, relative: string): Promise<boolean> {
  const text = await readSmallRegular(path.join(folder, '.gitignore'));
  if (text === undefined) return false;
  const base = path.posix.basename(relative);
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^\//, ''))
    .some((line) => line === relative || line === base || line === '.env*' || line === '*.env' || (line.endsWith('*') && base.startsWith(line.slice(0, -1))));
}

/** A regular file of at most 64 KiB, not through a link: a .gitignore that is anything else is not read. */
async function readSmallRegular(file: string): Promise<string | undefined> {
  try {
    const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    try {
      const stat = await handle.stat();
      return stat.isFile() && stat.size <= 64 * 1024 ? (await handle.readFile()).toString('utf8') : undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
