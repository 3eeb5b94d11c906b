/**
 * The results a tier writes (the integration suite from inside the extension host, the E2E runner
 * from the harness) and how the harness prints them. Plain Node: test/integration/index.ts
 * uses it inside the extension host too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestRecord {
  /** Suite titles and the test title, joined by spaces. */
  title: string;
  state: TestState;
  durationMs?: number;
  /** The failure's message and stack. */
  error?: string;
}

export interface SuiteResults {
  tier: string;
  /** False while running; true once the run ended (even when it could not start). */
  done: boolean;
  passes: number;
  failures: number;
  pending: number;
  tests: TestRecord[];
  durationMs: number;
  /** Where it ran, e.g. "VS Code 1.100.3 (web)" or "code-server + Chromium". */
  host?: string;
}

export function emptyResults(tier: string): SuiteResults {
  return { tier, done: false, passes: 0, failures: 0, pending: 0, tests: [], durationMs: 0 };
}

export function readResults(file: string): SuiteResults {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeResultsAtomically(file: string, results: SuiteResults): void {
  writeJsonAtomically(file, results);
}

/** Any JSON (figures too), through a temporary file and a rename. */
export function writeJsonAtomically(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

const MARK: Record<TestState, string> = { passed: 'ok  ', failed: 'FAIL', pending: 'skip' };

/** Each test with its state, failures with their message, and the closing `<tier>: N passed, N failed` line. */
export function printResults(tier: string, results: SuiteResults | undefined, extraFailures = 0): void {
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out('');
  for (const test of results?.tests ?? []) {
    out(`  ${MARK[test.state]} ${test.title}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}`);
    if (test.state === 'failed' && test.error) {
      out(
        test.error
          .split('\n')
          .slice(0, 12)
          .map((line) => `         ${line}`)
          .join('\n'),
      );
    }
  }
  const passes = results?.passes ?? 0;
  const failures = (results?.failures ?? 0) + extraFailures;
  const pending = results?.pending ?? 0;
  out('');
  out(`${tier}: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
}
