/**
 * Entry: `node out/test/harness/runIntegration.js` (npm run test:integration). Runs the mocha suite
 * of out/test/integration/ inside code-server's extension host, with the sandbox's URL in
 * QB_SANDBOX_URL, and waits for the results the suite writes to QB_TEST_RESULTS.
 * QB_SUITE_TIMEOUT_S (default 300) bounds the suite.
 */
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CodeServer } from './codeServer';
import { envSeconds, say, seconds } from './log';
import { INTEGRATION_ENTRY } from './repo';
import { readResults, type SuiteResults } from './results';
import { runMain, runTier } from './tierRun';

/** code-server logs this when the extension host ends, which it does once run() settled. */
const HOST_EXITED = /Extension Host Process exited/;
/** How long results may lag behind the extension host's exit. */
const RESULTS_GRACE_MS = 3000;

async function waitForResults(file: string, codeServer: CodeServer, timeoutMs: number): Promise<SuiteResults> {
  const deadline = Date.now() + timeoutMs;
  let hostExitedAt: number | undefined;
  while (!fs.existsSync(file)) {
    const exit = codeServer.exit();
    if (exit) throw new Error(`code-server exited (code ${exit.code}, signal ${exit.signal}) while the suite ran; its log: ${codeServer.logFile}`);
    if (hostExitedAt === undefined && HOST_EXITED.test(codeServer.log())) hostExitedAt = Date.now();
    if (hostExitedAt !== undefined && Date.now() - hostExitedAt > RESULTS_GRACE_MS) {
      throw new Error(`the extension host exited without results (nothing in ${file}); see code-server.log and browser-console.log`);
    }
    if (Date.now() > deadline) throw new Error(`the suite timed out after ${seconds(timeoutMs)} (no results in ${file})`);
    await sleep(250);
  }
  return readResults(file);
}

runMain('integration', () =>
  runTier({
    tier: 'integration',
    // The benchmark swaps in its own probe (scripts/benchLoadProbe.ts).
    extensionTestsPath: process.env.QB_EXTENSION_TESTS_PATH ?? INTEGRATION_ENTRY,
    body: async ({ codeServer, resultsFile }) => {
      const timeoutMs = envSeconds('QB_SUITE_TIMEOUT_S', 300);
      say(`waiting for the suite (at most ${seconds(timeoutMs)})`);
      const results = await waitForResults(resultsFile, codeServer, timeoutMs);
      say(`suite finished in ${seconds(results.durationMs)} in ${results.host ?? 'the extension host'}`);
      return results;
    },
  }),
);
