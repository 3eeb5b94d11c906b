/**
 * The E2E tier is one story told as named steps: each passes or fails on its own line, and the
 * first failure stops the story (later steps build on earlier ones) with a screenshot and the
 * page's DOM of that moment. Steps after it are reported as skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstLine, say } from '../harness/log';
import { emptyResults, type SuiteResults } from '../harness/results';
import type { Workbench } from '../harness/workbench';

export interface Step<C> {
  title: string;
  run(context: C): Promise<void>;
}

/** `tier` names the results and the progress lines (the hostile-folder tier tells its own story). */
export async function runSteps<C>(steps: ReadonlyArray<Step<C>>, context: C, workbench: Workbench, runDir: string, tier = 'e2e'): Promise<SuiteResults> {
  const results = emptyResults(tier);
  results.host = 'code-server + Chromium (Playwright)';
  const started = Date.now();
  let failed = false;
  for (const [index, step] of steps.entries()) {
    const title = `${index + 1}. ${step.title}`;
    if (failed) {
      results.pending++;
      results.tests.push({ title, state: 'pending' });
      continue;
    }
    const stepStarted = Date.now();
    say(`${tier} step ${title}`);
    try {
      await step.run(context);
      results.passes++;
      results.tests.push({ title, state: 'passed', durationMs: Date.now() - stepStarted });
    } catch (error) {
      failed = true;
      results.failures++;
      const shot = await workbench.screenshot(path.join(runDir, `failed-step-${index + 1}.png`));
      await saveDom(workbench, path.join(runDir, `failed-step-${index + 1}.html`));
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.tests.push({ title, state: 'failed', durationMs: Date.now() - stepStarted, error: `${detail}${shot ? `\nscreenshot: ${shot}` : ''}` });
      say(`${tier} step ${index + 1} failed: ${firstLine(error)}`);
    }
  }
  results.done = true;
  results.durationMs = Date.now() - started;
  return results;
}

async function saveDom(workbench: Workbench, file: string): Promise<void> {
  try {
    fs.writeFileSync(file, await workbench.page.content());
  } catch {
    // the page is gone; the screenshot (if any) has to do
  }
}
