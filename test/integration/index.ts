/**
 * The integration suite's entry (extensionTestsPath), for both runners: code-server + Chromium
 * (test/harness/runIntegration.ts) and desktop VS Code (scripts/run-desktop-tests.ts, through
 * @vscode/test-electron). VS Code calls run() inside the extension host; it runs mocha on every
 * *.test.js beside this file, writes the results as JSON to QB_TEST_RESULTS (atomically, so a
 * watcher never reads half a file), and resolves, or rejects when a test failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { emptyResults, writeResultsAtomically, type SuiteResults } from '../harness/results';

/** Without QB_TEST_RESULTS: test-results/integration-results.json in the repository. */
function resultsFile(): string {
  return process.env.QB_TEST_RESULTS ?? path.resolve(__dirname, '..', '..', '..', 'test-results', 'integration-results.json');
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

export function run(): Promise<void> {
  const file = resultsFile();
  const started = Date.now();
  const results: SuiteResults = {
    ...emptyResults('integration'),
    host: `VS Code ${vscode.version} (${vscode.env.appHost}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`,
  };
  const finish = (): void => {
    results.done = true;
    results.durationMs = Date.now() - started;
    writeResultsAtomically(file, results);
  };

  return new Promise<void>((resolve, reject) => {
    try {
      // QB_INTEGRATION_GREP runs only the tests whose full title matches (for working on one area).
      const grep = process.env.QB_INTEGRATION_GREP;
      const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
      // live.test.js talks to a real QuickBlox: only `npm run test:live` runs it (QB_LIVE_SUITE=1), and then alone.
      const live = process.env.QB_LIVE_SUITE === '1';
      const tests = fs
        .readdirSync(__dirname)
        .filter((name) => name.endsWith('.test.js') && (name === 'live.test.js') === live)
        .sort();
      for (const test of tests) mocha.addFile(path.join(__dirname, test));
      const runner = mocha.run((failures) => {
        try {
          finish();
        } catch (error) {
          reject(new Error(`could not write the results to ${file}: ${errorText(error)}`));
          return;
        }
        if (failures > 0) reject(new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`));
        else resolve();
      });
      runner.on('pass', (test) => {
        results.passes++;
        results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
      });
      runner.on('pending', (test) => {
        results.pending++;
        results.tests.push({ title: test.fullTitle(), state: 'pending' });
      });
      runner.on('fail', (test, error) => {
        results.failures++;
        results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration, error: errorText(error) });
      });
    } catch (error) {
      // A test file that does not load: report it as a failure, with the reason.
      results.failures++;
      results.tests.push({ title: 'loading the integration suite', state: 'failed', error: errorText(error) });
      try {
        finish();
      } catch (writeError) {
        console.error(`could not write ${file}: ${errorText(writeError)}`);
      }
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
