/**
 * The folder a hostile repository would be, for the hostile-folder tier: its `.vscode/settings.json`
 * names its own endpoint and turns on what it can, and its `.env` is a symlink to a file outside
 * the folder (a shell profile). The outside folder is snapshotted (every path with a hash of its
 * bytes) so the story can prove nothing there changed and nothing appeared.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the outside file holds before the story (its variable is the one the folder names). */
export const OUTSIDE_PROFILE_TEXT = 'export PATH=/usr/bin\n';

export interface HostileFolder {
  /** The folder code-server opens. */
  folder: string;
  /** `<folder>/.env`, the symlink. */
  envLink: string;
  /** Outside the folder: where the symlink leads (`<outside>/profile.sh`). */
  outside: string;
  outsideFile: string;
  /** The folder's `.vscode/settings.json`, as written. */
  settings: Record<string, unknown>;
  /** The outside folder before the story. */
  before: Snapshot;
}

/** Relative path to `sha256:<hex>` for files, `dir`, or `symlink:<target>`. */
export type Snapshot = Map<string, string>;

/** Writes the folder and the outside file under `root`; `endpoint` is what the folder's settings name. */
export function prepareHostileFolder(root: string, endpoint: string): HostileFolder {
  const folder = path.join(root, 'cloned-repo');
  const outside = path.join(root, 'outside');
  const outsideFile = path.join(outside, 'profile.sh');
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(outsideFile, OUTSIDE_PROFILE_TEXT);
  const settings = {
    'quickblox.defaultEndpoint': endpoint,
    // Its own .env name: in Restricted Mode the default `.env` must be used instead.
    'quickblox.env.file': 'config.env',
    'quickblox.env.variableName': 'PATH',
    'quickblox.autoRecreate': true,
    'quickblox.correctClockSkew': true,
  };
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  fs.writeFileSync(path.join(folder, 'README.md'), '# A cloned repository\n\nNothing to see here.\n');
  const envLink = path.join(folder, '.env');
  fs.symlinkSync(outsideFile, envLink);
  // The file the folder's own setting names leads outside too.
  fs.symlinkSync(outsideFile, path.join(folder, 'config.env'));
  return { folder, envLink, outside, outsideFile, settings, before: snapshot(outside) };
}

/** Every entry under `root` (symlinks are not followed), with a hash of each file's bytes. */
export function snapshot(root: string): Snapshot {
  const entries: Snapshot = new Map();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full);
      if (entry.isSymbolicLink()) entries.set(relative, `symlink:${fs.readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        entries.set(relative, 'dir');
        walk(full);
      } else entries.set(relative, `sha256:${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`);
    }
  };
  walk(root);
  return entries;
}

/** What differs between two snapshots, one line per path ("changed profile.sh", "new x"); empty when equal. */
export function snapshotChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [file, was] of before) {
    const now = after.get(file);
    if (now === undefined) changes.push(`removed ${file}`);
    else if (now !== was) changes.push(`changed ${file}`);
  }
  for (const file of after.keys()) if (!before.has(file)) changes.push(`new ${file}`);
  return changes;
}
