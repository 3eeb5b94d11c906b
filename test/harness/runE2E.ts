/**
 * Entry: `node out/test/harness/runE2E.js` (npm run test:e2e). Only the extension is loaded (no
 * test suite inside VS Code); Playwright drives the workbench as a person would, against the
 * sandbox whose URL the extension host gets in QB_SANDBOX_URL. Screenshots for the README land in
 * test-results/screenshots/ (scripts/update-screenshots.sh copies them to media/screenshots/).
 */
import * as fs from 'node:fs';
import { runSteps } from '../e2e/steps';
import { sessionStory } from '../e2e/sessionStory';
import { WorkbenchUi } from '../e2e/ui';
import { SCREENSHOTS_DIR } from './repo';
import { runMain, runTier } from './tierRun';

runMain('e2e', () =>
  runTier({
    tier: 'e2e',
    body: async ({ workbench, sandbox, runDir }) => {
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      const ui = new WorkbenchUi(workbench.page);
      return runSteps(sessionStory, { ui, workbench, sandbox, screenshotsDir: SCREENSHOTS_DIR }, workbench, runDir);
    },
  }),
);
