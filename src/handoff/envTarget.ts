import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { envFilePathProblem } from '../core';

/** A .env file larger than this is not a .env file. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** Why a .env file was refused: the facts src/feedback/messages.ts makes a sentence of. */
export type EnvRefusal =
  | { kind: 'outside'; to: string }
  | { kind: 'protected'; path: string; problem: string }
  | { kind: 'notRegular' }
  | { kind: 'notRegularWhenOpened' }
  | { kind: 'hardLinks' }
  | { kind: 'tooLarge' }
  | { kind: 'danglingLink' }
  | { kind: 'noFolder'; folder: string }
  | { kind: 'replaced' }
  | { kind: 'changed' }
  | { kind: 'appeared' };

/** English for the log and for errors read by developers; the person reads the sentence messages.ts makes of `reason`. */
function describe(reason: EnvRefusal): string {
  switch (reason.kind) {
    case 'outside':
      return `leads outside the folder (to ${reason.to}) through a symbolic link`;
    case 'protected':
      return `leads to ${reason.path}, which ${reason.problem}`;
    case 'notRegular':
      return 'is not a regular file (it is a folder, a device, a pipe or a socket)';
    case 'notRegularWhenOpened':
      return 'is not a regular file';
    case 'hardLinks':
      return 'has other hard links, so writing it would change a file elsewhere too';
    case 'tooLarge':
      return 'is larger than 1 MiB, more than a .env file holds';
    case 'danglingLink':
      return 'is a symbolic link to a file that does not exist';
    case 'noFolder':
      return `is in a folder that does not exist (${reason.folder})`;
    case 'replaced':
      return 'was replaced while you were asked, so nothing was written: try again';
    case 'changed':
    case 'appeared':
      return `${reason.kind} while you were asked, so nothing was written: try again`;
  }
}

/** A refusal: `reason` says why; the message is its English, as the end of a sentence that starts with the file's name. */
export class EnvTargetRefused extends Error {
  constructor(readonly reason: EnvRefusal) {
    super(describe(reason));
    this.name = 'EnvTargetRefused';
  }
}

export interface EnvTarget {
  /** The file as the file system resolves it: every symbolic link followed. */
  file: string;
  /** `file` relative to the folder's own resolved path, with `/` between parts. */
  relative: string;
  /** The file as read, when it exists. */
  existing?: { bytes: Buffer; mode: number; dev: number; ino: number };
}

/**
 * Resolves `relative` inside the folder as the file system will, symbolic links included, and
 * reads the file if it exists. Refuses (EnvTargetRefused) a path that leads outside the folder or
 * into `.git/` or `.vscode/` once resolved, anything that is not a regular file (a FIFO, a device,
 * a folder, a link to nothing), a file with other hard links, and a file over 1 MiB.
 */
export async function resolveEnvTarget(folder: string, relative: string): Promise<EnvTarget> {
  const realFolder = await fs.realpath(folder);
  const joined = path.resolve(folder, relative);
  const file = await realPathOf(joined, relative);
  const inside = path.relative(realFolder, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    throw new EnvTargetRefused({ kind: 'outside', to: file });
  }
  const realRelative = inside.split(path.sep).join('/');
  const problem = envFilePathProblem(realRelative);
  if (problem) throw new EnvTargetRefused({ kind: 'protected', path: realRelative, problem });
  const stat = await fs.lstat(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  if (!stat) return { file, relative: realRelative };
  if (!stat.isFile()) throw new EnvTargetRefused({ kind: 'notRegular' });
  if (stat.nlink > 1) throw new EnvTargetRefused({ kind: 'hardLinks' });
  if (stat.size > MAX_ENV_FILE_BYTES) throw new EnvTargetRefused({ kind: 'tooLarge' });
  return { file, relative: realRelative, existing: await readRegular(file) };
}

/**
 * Writes the new bytes in place of the file resolved earlier, whole or not at all: into a new file
 * beside it, then renamed over it. Refuses when the file was replaced or changed meanwhile.
 */
export async function writeEnvTarget(target: EnvTarget, bytes: Uint8Array): Promise<void> {
  const now = await fs.lstat(target.file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  const { existing } = target;
  if (existing) {
    if (!now || !now.isFile() || now.dev !== existing.dev || now.ino !== existing.ino) throw new EnvTargetRefused({ kind: 'replaced' });
    if (!(await readRegular(target.file)).bytes.equals(existing.bytes)) throw new EnvTargetRefused({ kind: 'changed' });
  } else if (now) {
    throw new EnvTargetRefused({ kind: 'appeared' });
  }
  const temporary = path.join(path.dirname(target.file), `.${path.basename(target.file)}.${randomBytes(6).toString('hex')}.tmp`);
  // A new file that will hold a token is readable by its owner only; an existing one keeps its mode.
  const handle = await fs.open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    existing ? existing.mode & 0o777 : 0o600,
  );
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    await fs.rename(temporary, target.file);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

async function realPathOf(joined: string, relative: string): Promise<string> {
  try {
    return await fs.realpath(joined);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Not there yet: its folder must exist, and the name itself must not be a link to nothing.
  if (
    await fs.lstat(joined).then(
      (stat) => stat.isSymbolicLink(),
      () => false,
    )
  ) {
    throw new EnvTargetRefused({ kind: 'danglingLink' });
  }
  const parent = await fs.realpath(path.dirname(joined)).catch(() => undefined);
  if (!parent) throw new EnvTargetRefused({ kind: 'noFolder', folder: path.dirname(relative) });
  return path.join(parent, path.basename(joined));
}

/** Reads a regular file without following a link and without waiting on a pipe. */
async function readRegular(file: string): Promise<{ bytes: Buffer; mode: number; dev: number; ino: number }> {
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new EnvTargetRefused({ kind: 'notRegularWhenOpened' });
    if (stat.size > MAX_ENV_FILE_BYTES) throw new EnvTargetRefused({ kind: 'tooLarge' });
    return { bytes: await handle.readFile(), mode: stat.mode, dev: stat.dev, ino: stat.ino };
  } finally {
    await handle.close();
  }
}
