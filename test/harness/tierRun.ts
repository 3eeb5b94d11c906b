/**
 * One run of a tier in a real VS Code: the sandbox, code-server and Chromium up, the tier's body,
 * then everything stopped (also on Ctrl+C), artifacts kept in test-results/<tier>-<timestamp>/,
 * results printed, and the exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { Cleanup } from './cleanup';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { firstLine, say } from './log';
import { REPO_ROOT, assertBuilt, createRunDir, createScratchDir, type Tier } from './repo';
import { printResults, writeResultsAtomically, type SuiteResults } from './results';
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

export interface TierOptions {
  tier: Tier;
  /** The compiled suite for extensionTestsPath (integration); none for E2E. */
  extensionTestsPath?: string;
  /** Install this VSIX into code-server and load no development extension (the packaged tier). */
  installVsix?: string;
  /** Runs the tier; resolves to its results (failed tests included), throws when it could not finish. */
  body: (context: TierContext) => Promise<SuiteResults>;
}

/** Runs the tier and resolves to the process exit code. */
export async function runTier(options: TierOptions): Promise<number> {
  const { tier } = options;
  const started = Date.now();
  assertBuilt();
  const runDir = createRunDir(tier);
  const scratchDir = createScratchDir(tier);
  const resultsFile = path.join(runDir, 'results.json');
  say(`${tier}: artifacts in ${path.relative(REPO_ROOT, runDir)}/`);
  const cleanup = new Cleanup();
  cleanup.add('scratch folder', () => fs.rmSync(scratchDir, { recursive: true, force: true, maxRetries: 3 }));

  let results: SuiteResults | undefined;
  let failure: string | undefined;
  let workbench: Workbench | undefined;
  let codeServer: CodeServer | undefined;
  try {
    const sandbox = await startSandbox({ port: 0 });
    cleanup.add('sandbox', () => sandbox.close());
    say(`sandbox on ${sandbox.url}`);
    const env = { QB_SANDBOX_URL: sandbox.url, QB_TEST_RESULTS: resultsFile };
    const logFile = path.join(runDir, 'code-server.log');
    if (options.installVsix) await installExtension(options.installVsix, scratchDir, logFile);
    const server = await startCodeServer({ scratchDir, logFile, env });
    codeServer = server;
    cleanup.add('VS Code logs', () => copyVsCodeLogs(server, runDir)); // runs after code-server stopped
    cleanup.add('code-server', () => server.stop());
    const opened = await openWorkbench({ codeServer: server, scratchDir, runDir, extensionDevelopmentPath: options.installVsix ? undefined : REPO_ROOT, extensionTestsPath: options.extensionTestsPath });
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

  if (results && !options.extensionTestsPath) writeResultsAtomically(resultsFile, results);
  const ok = failure === undefined && results !== undefined && results.done && results.failures === 0 && results.passes > 0;
  if (failure) process.stdout.write(`${tier}: FAILED: ${failure}\n`);
  else if (results && results.passes === 0 && results.failures === 0) process.stdout.write(`${tier}: FAILED: no test ran\n`);
  const kept = [codeServer ? 'code-server.log' : '', workbench ? 'browser-console.log, screenshots' : '', results ? 'results.json' : ''].filter(Boolean).join(', ');
  say(`${tier}: ${ok ? 'passed' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s; ${kept || 'logs'} in ${path.relative(REPO_ROOT, runDir)}/`);
  // The closing line, `<tier>: N passed, N failed`, comes last.
  printResults(tier, results, failure && !results?.failures ? 1 : 0);
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
