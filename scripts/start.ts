// `npm start`: the extension in a real VS Code against the built-in sandbox, for a first session
// within a minute. Starts the sandbox on a loopback port and code-server (the install the tests
// use) with the extension loaded from this working tree, and prints the URL to open with the
// sandbox's demo credentials. `--desktop` uses desktop VS Code (`code` on the PATH) instead.
// Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer, type CodeServer } from '../test/harness/codeServer';
import { REPO_ROOT, subdir } from '../test/harness/repo';
import { startSandbox, type Sandbox } from '../test/sandbox/server';

const SANDBOX_PORT = Number(process.env.QB_SANDBOX_PORT ?? 3090);
const START_DIR = path.join(REPO_ROOT, '.vscode-test', 'start');

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function sandboxOn(port: number): Promise<Sandbox> {
  try {
    return await startSandbox({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${port} is taken; the sandbox takes a free one instead (set QB_SANDBOX_PORT to choose).`);
    return startSandbox({ port: 0 });
  }
}

/**
 * New profiles point at the sandbox: `quickblox.defaultEndpoint` is a user setting (no folder may
 * choose where credentials go), so it goes into the user settings of the editor started here.
 */
function pointAtSandbox(userDataDir: string, sandboxUrl: string): void {
  const file = path.join(subdir(userDataDir, 'User'), 'settings.json');
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...current, 'quickblox.defaultEndpoint': sandboxUrl }, null, 2)}\n`);
}

/** A playground folder with a short README. */
function prepareWorkspace(workspace: string): void {
  fs.writeFileSync(
    path.join(workspace, 'README.md'),
    '# QuickBlox Sessions playground\n\nOpen the QuickBlox view in the activity bar, then "Add Profile" with the demo credentials printed in the terminal.\n',
  );
}

function banner(sandbox: Sandbox, open: string): void {
  const [demo] = sandbox.fixtures.apps;
  const user = demo.users[0];
  console.log(`
QuickBlox Sessions is running against the local sandbox.

  ${open}

Add a profile (QuickBlox view → Add Profile) with these made-up demo credentials:
  API endpoint     ${sandbox.url}   (already the default in this editor's user settings)
  Application ID   ${demo.applicationId}
  Auth key         ${demo.authKey}
  Auth secret      ${demo.authSecret}
  Account key      ${demo.accountKey}
then "QuickBlox: Create Session" → Application, or User: login + password with ${user.login} / ${user.password}.

Ctrl-C stops the sandbox and the editor.`);
}

async function main(): Promise<void> {
  const desktop = process.argv.includes('--desktop');
  if (desktop && !onPath('code')) throw new Error("--desktop needs desktop VS Code's `code` command on the PATH.");
  const sandbox = await sandboxOn(SANDBOX_PORT);
  const started: { editor?: CodeServer } = {};
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await started.editor?.stop();
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (desktop) {
    const workspace = subdir(START_DIR, 'workspace');
    prepareWorkspace(workspace);
    // Its own user data, so the sandbox endpoint goes into user settings without touching the person's own.
    const userData = subdir(START_DIR, 'desktop-user-data');
    pointAtSandbox(userData, sandbox.url);
    const child = spawn('code', ['--new-window', `--user-data-dir=${userData}`, `--extensionDevelopmentPath=${REPO_ROOT}`, workspace], { stdio: 'inherit' });
    child.on('error', (error) => console.error(`code could not start: ${error.message}`));
    banner(sandbox, 'Desktop VS Code opened a window with the extension loaded from this working tree.');
    return;
  }
  fs.mkdirSync(START_DIR, { recursive: true });
  const editor = await startCodeServer({ scratchDir: START_DIR, logFile: path.join(START_DIR, 'code-server.log'), env: { QB_SANDBOX_URL: sandbox.url } });
  started.editor = editor;
  prepareWorkspace(editor.workspace);
  pointAtSandbox(editor.userDataDir, sandbox.url);
  const payload = JSON.stringify([['extensionDevelopmentPath', editor.remoteUri(REPO_ROOT)]]);
  const url = `${editor.origin}/?folder=${encodeURIComponent(editor.workspace)}&payload=${encodeURIComponent(payload)}`;
  banner(
    sandbox,
    `Open this URL in a browser:\n  ${url}${onPath('code') ? '\n\n  (Desktop VS Code is on the PATH: `npm start -- --desktop` uses it instead.)' : ''}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
