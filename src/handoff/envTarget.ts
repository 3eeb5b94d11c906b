import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { envFilePathProblem } from '../core';

/** A .env file larger than this is not a .env file. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

/** A refusal, as the end of a sentence that starts with the file's name. */
export class EnvTargetRefused extends Error {}

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
    throw new EnvTargetRefused(`leads outside the folder (to ${file}) through a symbolic link`);
  }
  const realRelative = inside.split(path.sep).join('/');
  const problem = envFilePathProblem(realRelative);
  if (problem) throw new EnvTargetRefused(`leads to ${realRelative}, which ${problem}`);
  const stat = await fs.lstat(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
  if (!stat) return { file, relative: realRelative };
  if (!stat.isFile()) throw new EnvTargetRefused('is not a regular file (it is a folder, a device, a pipe or a socket)');
  if (stat.nlink > 1) throw new EnvTargetRefused('has other hard links, so writing it would change a file elsewhere too');
  if (stat.size > MAX_ENV_FILE_BYTES) throw new EnvTargetRefused('is larger than 1 MiB, more than a .env file holds');
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
    if (!now || !now.isFile() || now.dev !== existing.dev || now.ino !== existing.ino) throw new EnvTargetRefused('was replaced while you were asked, so nothing was written: try again');
    if (!(await readRegular(target.file)).bytes.equals(existing.bytes)) throw new EnvTargetRefused('changed while you were asked, so nothing was written: try again');
  } else if (now) {
    throw new EnvTargetRefused('appeared while you were asked, so nothing was written: try again');
  }
  const temporary = path.join(path.dirname(target.file), `.${path.basename(target.file)}.${randomBytes(6).toString('hex')}.tmp`);
  // A new file that will hold a token is readable by its owner only; an existing one keeps its mode.
  const handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, existing ? existing.mode & 0o777 : 0o600);
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
  if (await fs.lstat(joined).then((stat) => stat.isSymbolicLink(), () => false)) throw new EnvTargetRefused('is a symbolic link to a file that does not exist');
  const parent = await fs.realpath(path.dirname(joined)).catch(() => undefined);
  if (!parent) throw new EnvTargetRefused(`is in a folder that does not exist (${path.dirname(relative)})`);
  return path.join(parent, path.basename(joined));
}

/** Reads a regular file without following a link and without waiting on a pipe. */
async function readRegular(file: string): Promise<{ bytes: Buffer; mode: number; dev: number; ino: number }> {
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new EnvTargetRefused('is not a regular file');
    if (stat.size > MAX_ENV_FILE_BYTES) throw new EnvTargetRefused('is larger than 1 MiB, more than a .env file holds');
    return { bytes: await handle.readFile(), mode: stat.mode, dev: stat.dev, ino: stat.ino };
  } finally {
    await handle.close();
  }
}
