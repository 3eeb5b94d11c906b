// extensionTestsPath for the benchmark: activates the extension in the real extension host and
// reports how long its activate() took, to the file in QB_BENCH_OUT and as a one-test result.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { emptyResults, writeResultsAtomically } from '../harness/results';

export async function run(): Promise<void> {
  const results = emptyResults('integration');
  const api = await vscode.extensions.getExtension<TestApi | undefined>('quickblox-sessions.quickblox-sessions')?.activate();
  const activationMs = api?.activationMs;
  if (activationMs !== undefined && process.env.QB_BENCH_OUT) fs.writeFileSync(process.env.QB_BENCH_OUT, JSON.stringify({ activationMs }));
  results.done = true;
  results.passes = activationMs === undefined ? 0 : 1;
  results.failures = activationMs === undefined ? 1 : 0;
  results.tests.push({ title: `activate() took ${activationMs?.toFixed(2)} ms`, state: activationMs === undefined ? 'failed' : 'passed' });
  if (process.env.QB_TEST_RESULTS) writeResultsAtomically(process.env.QB_TEST_RESULTS, results);
}
