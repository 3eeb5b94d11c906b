// Runs one of the lint scripts in scripts/ with `--root` on a small tree of files written for a test case.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<script>` with `args`. */
export function runScript(script: string, args: string[] = []): ScriptRun {
  const run = spawnSync(process.execPath, [path.resolve(__dirname, '..', '..', '..', 'scripts', script), ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Writes `files` (path → text) into a fresh folder, runs `scripts/<script> --root <folder>`, and removes the folder. */
export function runScriptOnTree(script: string, files: Record<string, string>): ScriptRun {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `qb-${path.parse(script).name}-`));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), text);
    }
    return runScript(script, ['--root', root]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
