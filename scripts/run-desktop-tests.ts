// `npm run test:desktop`: the integration suite (out/test/integration/) in desktop VS Code through
// @vscode/test-electron, which downloads VS Code into .vscode-test/ (it needs access to
// update.code.visualstudio.com, so it does not run on CI here: CI runs the same suite in code-server,
// `npm run test:integration`). QB_VSCODE_VERSION picks a version (default: the latest stable).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { firstLine } from '../test/harness/log';
import { createRunDir } from '../test/harness/repo';
import { printResults, readResults, type SuiteResults } from '../test/harness/results';
import { startSandbox } from '../test/sandbox/server';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  const sandbox = await startSandbox({ port: 0 });
  const runDir = createRunDir('desktop');
  const resultsFile = path.join(runDir, 'results.json');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-desktop-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  let failure: string | undefined;
  try {
    await runTests({
      ...(process.env.QB_VSCODE_VERSION ? { version: process.env.QB_VSCODE_VERSION } : {}),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: { QB_SANDBOX_URL: sandbox.url, QB_TEST_RESULTS: resultsFile },
      // A fresh profile each run, so no state from an earlier run leaks into this one.
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(scratch, 'user-data')}`],
    });
  } catch (error) {
    failure = firstLine(error);
  } finally {
    await sandbox.close();
    fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
  const results: SuiteResults | undefined = fs.existsSync(resultsFile) ? readResults(resultsFile) : undefined;
  if (!results) failure ??= `VS Code exited without results (nothing in ${resultsFile})`;
  if (failure) process.stdout.write(`desktop: FAILED: ${failure}\n`);
  printResults('desktop', results, failure && !results?.failures ? 1 : 0);
  return failure === undefined && results !== undefined && results.failures === 0 && results.passes > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stdout.write(`desktop: FAILED: ${firstLine(error)}\n`);
    process.exit(1);
  },
);
