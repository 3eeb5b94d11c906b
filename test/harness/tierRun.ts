/**
 * One run of a tier in a real VS Code: the sandbox, code-server and Chromium up, the tier's body,
 * then everything stopped (also on Ctrl+C), the tier's audit of what the run wrote (if it has one)
 * before the scratch folder goes, artifacts kept in test-results/<tier>-<timestamp>/ (with
 * harness-output.log, a copy of this process's stdout), results printed, and the exit code.
 * code-server's environment, and so the extension host's, has QB_SANDBOX_URL, QB_TEST_RESULTS and
 * QB_FIGURES_DIR (test-results/figures/, created here). A tier may prepare the folder code-server
 * opens (`prepare`) and have it opened in Restricted Mode (`restrictedMode`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { Cleanup } from './cleanup';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { firstLine, say, teeStdout } from './log';
import { FIGURES_DIR, REPO_ROOT, assertBuilt, createRunDir, createScratchDir, type Tier } from './repo';
import { printResults, writeResultsAtomically, type SuiteResults, type TestRecord } from './results';
import { openWorkbench, type Workbench } from './workbench';

export interface TierContext {
  tier: Tier;
  runDir: string;
  /** Where the tier's results JSON goes. */
  resultsFile: string;
  sandbox: Sandbox;
  codeServer: CodeServer;
  workbench: Workbench;
}

/** What an audit of the run's files gets: everything is stopped except the sandbox, nothing is removed yet. */
export interface AuditContext {
  tier: Tier;
  runDir: string;
  /** The throwaway folder (user data, extensions, workspace, browser profile), still there. */
  scratchDir: string;
  /** The harness's own output so far (stdout is copied there). */
  harnessOutputFile: string;
  /** Still open: its sessions and requests can be read. */
  sandbox: Sandbox;
  /** Undefined when code-server did not start. */
  codeServer: CodeServer | undefined;
  /** The tier's results as they will be written and printed; undefined when the body did not finish. */
  results: SuiteResults | undefined;
}

export interface TierOptions {
  tier: Tier;
  /** The compiled suite for extensionTestsPath (integration); none for E2E. */
  extensionTestsPath?: string;
  /** Install this VSIX into code-server and load no development extension (the packaged tier). */
  installVsix?: string;
  /** Runs the tier; resolves to its results (failed tests included), throws when it could not finish. */
  body: (context: TierContext) => Promise<SuiteResults>;
  /**
   * Runs after Chromium and code-server stopped and VS Code's logs were copied, before the sandbox
   * closes and the scratch folder is removed (also after a failed body). Its records join the results.
   */
  audit?: (context: AuditContext) => Promise<TestRecord[]>;
  /**
   * Workspace Trust on, and the folder opened in Restricted Mode: the trust dialog is answered
   * "No, I don't trust the authors" before the body runs.
   */
  restrictedMode?: boolean;
  /**
   * Runs once the sandbox is up, before code-server starts: prepares the folder code-server opens
   * (default: an empty `<scratch>/workspace`) and starts what the tier needs; `onCleanup` undoes
   * it at the end (before the sandbox closes). A throw ends the run as a failure.
   */
  prepare?: (context: PrepareContext) => Promise<{ workspace?: string }>;
}

export interface PrepareContext {
  tier: Tier;
  runDir: string;
  scratchDir: string;
  sandbox: Sandbox;
  onCleanup(name: string, undo: () => Promise<void> | void): void;
}

/** Runs the tier and resolves to the process exit code. */
export async function runTier(options: TierOptions): Promise<number> {
  const { tier } = options;
  const started = Date.now();
  assertBuilt();
  const runDir = createRunDir(tier);
  const scratchDir = createScratchDir(tier);
  const resultsFile = path.join(runDir, 'results.json');
  const harnessOutputFile = path.join(runDir, 'harness-output.log');
  const stopTee = teeStdout(harnessOutputFile);
  say(`${tier}: artifacts in ${path.relative(REPO_ROOT, runDir)}/`);
  fs.mkdirSync(FIGURES_DIR, { recursive: true });
  const cleanup = new Cleanup();
  cleanup.add('scratch folder', () => fs.rmSync(scratchDir, { recursive: true, force: true, maxRetries: 3 }));

  let results: SuiteResults | undefined;
  let failure: string | undefined;
  let workbench: Workbench | undefined;
  let codeServer: CodeServer | undefined;
  let audited: TestRecord[] = [];
  try {
    const sandbox = await startSandbox({ port: 0 });
    cleanup.add('sandbox', () => sandbox.close());
    say(`sandbox on ${sandbox.url}`);
    const { audit } = options;
    // Cleanup runs newest first: this comes after Chromium, code-server and the log copy, before the sandbox and the scratch folder.
    if (audit) {
      cleanup.add('audit', async () => {
        audited = await audit({ tier, runDir, scratchDir, harnessOutputFile, sandbox, codeServer, results });
      });
    }
    const prepared = options.prepare ? await options.prepare({ tier, runDir, scratchDir, sandbox, onCleanup: (name, undo) => cleanup.add(name, undo) }) : {};
    // QB_ACCOUNT_SETTINGS_URL: Look Up Endpoint asks the sandbox instead of QuickBlox (honoured in test mode only).
    const env = { QB_SANDBOX_URL: sandbox.url, QB_ACCOUNT_SETTINGS_URL: sandbox.url, QB_TEST_RESULTS: resultsFile, QB_FIGURES_DIR: FIGURES_DIR };
    const logFile = path.join(runDir, 'code-server.log');
    if (options.installVsix) await installExtension(options.installVsix, scratchDir, logFile);
    const server = await startCodeServer({ scratchDir, logFile, env, workspaceTrust: options.restrictedMode, workspace: prepared.workspace });
    codeServer = server;
    cleanup.add('VS Code logs', () => copyVsCodeLogs(server, runDir)); // runs after code-server stopped
    cleanup.add('code-server', () => server.stop());
    const opened = await openWorkbench({
      codeServer: server,
      scratchDir,
      runDir,
      extensionDevelopmentPath: options.installVsix ? undefined : REPO_ROOT,
      extensionTestsPath: options.extensionTestsPath,
      declineTrust: options.restrictedMode,
    });
    workbench = opened;
    cleanup.add('Chromium', () => opened.close());
    results = await options.body({ tier, runDir, resultsFile, sandbox, codeServer: server, workbench: opened });
    await opened.screenshot(path.join(runDir, 'workbench.png'));
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    if (workbench) await workbench.screenshot(path.join(runDir, 'failure.png'));
  } finally {
    await cleanup.run();
  }

  if (options.audit && audited.length === 0 && results) audited = [{ title: 'audit: did not run (see cleanup messages above)', state: 'failed' }];
  if (results) {
    for (const record of audited) {
      results.tests.push(record);
      if (record.state === 'passed') results.passes++;
      else if (record.state === 'failed') results.failures++;
      else results.pending++;
    }
  }
  if (results && !options.extensionTestsPath) writeResultsAtomically(resultsFile, results);
  const ok = failure === undefined && results !== undefined && results.done && results.failures === 0 && results.passes > 0;
  if (failure) process.stdout.write(`${tier}: FAILED: ${failure}\n`);
  else if (results && results.passes === 0 && results.failures === 0) process.stdout.write(`${tier}: FAILED: no test ran\n`);
  const kept = [codeServer ? 'code-server.log' : '', workbench ? 'browser-console.log, screenshots' : '', results ? 'results.json' : '']
    .filter(Boolean)
    .join(', ');
  say(`${tier}: ${ok ? 'passed' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s; ${kept || 'logs'} in ${path.relative(REPO_ROOT, runDir)}/`);
  // The closing line, `<tier>: N passed, N failed`, comes last.
  printResults(tier, results, failure && !results?.failures ? 1 : 0);
  stopTee();
  return ok ? 0 : 1;
}

/** VS Code's own logs (extension host, the extension's output channel) next to the others. */
function copyVsCodeLogs(codeServer: CodeServer, runDir: string): void {
  const logs = path.join(codeServer.userDataDir, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(runDir, 'vscode-logs'), { recursive: true });
}

/** Entry-point wrapper: runs `main`, exits with its code, and reports a crash as a failure. */
export function runMain(tier: Tier, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      process.stdout.write(`${tier}: FAILED: ${firstLine(error)}\n`);
      printResults(tier, undefined, 1);
      process.exit(1);
    },
  );
}
