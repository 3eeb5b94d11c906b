/**
 * code-server (VS Code's server and web workbench) on a free loopback port with throwaway user
 * data, extensions and XDG folders; its output goes to a log file that is kept. Environment
 * variables given here reach the extension host. Workspace Trust is off unless asked for.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envSeconds, say, seconds } from './log';
import { freePort, waitForHttp } from './net';
import { killProcessGroupNow, stopProcessGroup } from './processTree';
import { CODE_SERVER_DIR, CODE_SERVER_MARKER, CODE_SERVER_VERSION, REPO_ROOT, subdir } from './repo';

export interface CodeServerOptions {
  /** Throwaway folder for user data, extensions, XDG folders and the workspace. */
  scratchDir: string;
  /** Where its stdout and stderr go (kept). */
  logFile: string;
  /** Added to its environment, and so to the extension host's. */
  env: Record<string, string>;
  /**
   * Workspace Trust on (no `--disable-workspace-trust`, `security.workspace.trust.enabled`), with
   * the trust dialog shown whenever a folder opens. Default off: nothing asks.
   */
  workspaceTrust?: boolean;
  /** The folder to open; default `<scratchDir>/workspace`, created empty. */
  workspace?: string;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  pid: number;
  logFile: string;
  /** The folder opened as the workspace. */
  workspace: string;
  userDataDir: string;
  /** A vscode-remote:// URI for a path on this machine, as the workbench's payload wants it. */
  remoteUri(absolutePath: string): string;
  log(): string;
  /** Set once the process has exited. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Stops its whole process group; survivors by pid. Safe to call twice. */
  stop(): Promise<void>;
}

/** The user settings of a test profile: nothing opens or asks on its own. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
};

/**
 * With `workspaceTrust`: trust on, and the startup dialog every time a folder opens ('always';
 * the default, 'once', would do for a fresh profile too, but would depend on it being fresh).
 */
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'always',
  'security.workspace.trust.emptyWindow': false,
};

export function codeServerBin(): string {
  const override = process.env.QB_CODE_SERVER_BIN;
  if (override) return override;
  const bin = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(CODE_SERVER_MARKER) || !fs.existsSync(bin)) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} is not installed in ${path.relative(REPO_ROOT, CODE_SERVER_DIR)}: run \`npm run setup:test-env\` (scripts/setup-test-env.sh) first`,
    );
  }
  return bin;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const bin = codeServerBin();
  const startMs = envSeconds('QB_CODE_SERVER_START_TIMEOUT_S', 60);
  // A port found free can be taken before code-server binds it: try again on EADDRINUSE.
  for (let attempt = 1; ; attempt++) {
    const server = await launch(bin, options);
    const deadline = Date.now() + startMs;
    const gone = (): boolean => server.exit() !== undefined;
    const health = await waitForHttp(`${server.origin}/healthz`, deadline, gone);
    const root = health === undefined ? undefined : await waitForHttp(`${server.origin}/`, deadline, gone);
    if (root !== undefined) {
      say(`code-server ${CODE_SERVER_VERSION} (pid ${server.pid}) answers on ${server.origin} (GET / ${root})`);
      return server;
    }
    await server.stop();
    const exit = server.exit();
    if (exit && /EADDRINUSE/.test(server.log()) && attempt < 3) continue;
    throw new Error(
      exit
        ? `code-server exited (code ${exit.code}, signal ${exit.signal}) before it answered; its log: ${options.logFile}`
        : `code-server did not start within ${seconds(startMs)}; its log: ${options.logFile}`,
    );
  }
}

/** `code-server --install-extension`, into the folders `startCodeServer` then uses with the same scratch folder. */
export async function installExtension(vsix: string, scratchDir: string, logFile: string): Promise<void> {
  const dir = (name: string): string => subdir(scratchDir, name);
  const args = ['--user-data-dir', dir('user-data'), '--extensions-dir', dir('extensions'), '--install-extension', vsix];
  const logFd = fs.openSync(logFile, 'a');
  fs.writeSync(logFd, `$ code-server ${args.join(' ')}\n`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(codeServerBin(), args, {
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, XDG_DATA_HOME: dir('xdg-data'), XDG_CONFIG_HOME: dir('xdg-config'), XDG_CACHE_HOME: dir('xdg-cache'), TMPDIR: dir('tmp') },
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  fs.closeSync(logFd);
  if (code !== 0) throw new Error(`code-server could not install ${path.basename(vsix)} (exit ${code}); its log: ${logFile}`);
  say(`installed ${path.basename(vsix)} into code-server`);
}

async function launch(bin: string, options: CodeServerOptions): Promise<CodeServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dir = (name: string): string => subdir(options.scratchDir, name);
  const userDataDir = dir('user-data');
  const workspace = options.workspace ?? dir('workspace');
  const configFile = path.join(options.scratchDir, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settings = options.workspaceTrust ? { ...USER_SETTINGS, ...TRUST_SETTINGS } : USER_SETTINGS;
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    dir('extensions'),
    '--config',
    configFile,
    workspace,
  ];
  const logFd = fs.openSync(options.logFile, 'a');
  fs.writeSync(logFd, `$ code-server ${args.join(' ')}\n`);
  const child = spawn(bin, args, {
    detached: true, // its own process group: kill(-pid) reaches everything it starts
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      ...options.env,
      // code-server and VS Code write logs, a device id and a default config under these.
      XDG_DATA_HOME: dir('xdg-data'),
      XDG_CONFIG_HOME: dir('xdg-config'),
      XDG_CACHE_HOME: dir('xdg-cache'),
      TMPDIR: dir('tmp'),
      // bash in a terminal a story opens keeps its history here, not in ~/.bash_history.
      HISTFILE: path.join(options.scratchDir, 'bash-history'),
    },
  });
  fs.closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${bin}; its log: ${options.logFile}`);

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.on('error', (error) => {
    exited = { code: null, signal: null };
    fs.appendFileSync(options.logFile, `\n[harness] spawn error: ${error.message}\n`);
  });
  const lastResort = (): void => killProcessGroupNow(pid);
  process.on('exit', lastResort);

  let stopping: Promise<void> | undefined;
  return {
    origin,
    port,
    pid,
    logFile: options.logFile,
    workspace,
    userDataDir,
    remoteUri: (absolutePath) => `vscode-remote://127.0.0.1:${port}${absolutePath.split(path.sep).join('/')}`,
    log: () => fs.readFileSync(options.logFile, 'utf8'),
    exit: () => exited,
    stop: () => {
      stopping ??= (async () => {
        const survivors = await stopProcessGroup(pid);
        process.off('exit', lastResort);
        if (survivors.length) say(`code-server: SIGKILL for pids ${survivors.join(', ')} that outlived SIGTERM`);
      })();
      return stopping;
    },
  };
}
