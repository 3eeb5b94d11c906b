/** Where things are: the repository, the installed code-server, and the folders a run writes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file compiles to out/test/harness/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const CODE_SERVER_VERSION = '4.100.3';
/** Installed there by scripts/setup-test-env.sh, which writes the marker last. */
export const CODE_SERVER_DIR = path.join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.installed');

/** The compiled integration suite's entry (extensionTestsPath). */
export const INTEGRATION_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
/** Screenshots meant for the README (scripts/update-screenshots.sh copies them to media/screenshots/). */
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');
/**
 * Measured figures, one JSON file each (faults.json, inputs.json, concurrency.json, leaks.json);
 * the integration suite finds it in QB_FIGURES_DIR, scripts/print-figures.ts sums them up.
 */
export const FIGURES_DIR = path.join(REPO_ROOT, 'test-results', 'figures');

export type Tier = 'integration' | 'e2e' | 'hostile' | 'vsix' | 'desktop';

/** What `npm run package` writes. */
export const VSIX_FILE = path.join(REPO_ROOT, 'quickblox-sessions.vsix');

/** test-results/<tier>-<timestamp>/: logs, screenshots and results of one run, kept afterwards. */
export function createRunDir(tier: Tier): string {
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  const dir = path.join(REPO_ROOT, 'test-results', `${tier}-${stamp}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A throwaway folder for profiles, user data and workspaces; removed after the run. */
export function createScratchDir(tier: Tier): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `qb-${tier}-`));
}

/** A subfolder of `root`, created. */
export function subdir(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function assertBuilt(): void {
  for (const file of [path.join(REPO_ROOT, 'dist', 'extension.js'), INTEGRATION_ENTRY]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`npm run compile && npm run build\` first`);
  }
}
