/**
 * Entry: `node out/test/harness/runHostile.js` (npm run test:hostile). The hostile-folder tier: a
 * folder prepared as a cloned repository would be (test/harness/hostileFolder.ts: settings that
 * name its own endpoint, a `.env` symlink to a file outside it) is opened in code-server with
 * Workspace Trust on, and the trust dialog is answered "No, I don't trust the authors": the folder
 * is in Restricted Mode. Two servers on loopback play the folder's endpoint (H1, must get nothing)
 * and a hostile QuickBlox (H2, errors full of command links); the sandbox gives real sessions.
 * test/e2e/hostileStory.ts then drives the workbench as a person does. It closes with
 * `hostile: N passed, N failed` and writes test-results/figures/hostile.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostileStory, newTally, writeHostileFigures, type HostileContext } from '../e2e/hostileStory';
import { runSteps } from '../e2e/steps';
import { WorkbenchUi } from '../e2e/ui';
import { prepareHostileFolder, type HostileFolder } from './hostileFolder';
import { startFolderEndpoint, startHostileQuickBlox, type HostileServer } from './hostileServers';
import { say } from './log';
import { FIGURES_DIR, SCREENSHOTS_DIR } from './repo';
import { runMain, runTier } from './tierRun';

runMain('hostile', () => {
  let prepared: { h1: HostileServer; h2: HostileServer; folder: HostileFolder } | undefined;
  return runTier({
    tier: 'hostile',
    restrictedMode: true,
    prepare: async ({ scratchDir, onCleanup }) => {
      const h1 = await startFolderEndpoint();
      onCleanup('folder endpoint (H1)', () => h1.close());
      const h2 = await startHostileQuickBlox();
      onCleanup('hostile QuickBlox (H2)', () => h2.close());
      const folder = prepareHostileFolder(scratchDir, h1.url);
      say(`folder ${folder.folder}: its settings name ${h1.url} (H1); .env -> ${folder.outsideFile}; hostile QuickBlox (H2) on ${h2.url}`);
      prepared = { h1, h2, folder };
      return { workspace: folder.folder };
    },
    body: async ({ workbench, sandbox, runDir }) => {
      if (!prepared) throw new Error('the hostile folder was not prepared');
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      const context: HostileContext = {
        ui: new WorkbenchUi(workbench.page),
        workbench,
        sandbox,
        screenshotsDir: SCREENSHOTS_DIR,
        ...prepared,
        tally: newTally(prepared.folder),
      };
      const results = await runSteps(hostileStory, context, workbench, runDir, 'hostile');
      results.host = 'code-server + Chromium (Playwright), Workspace Trust on, Restricted Mode';
      const figures = writeHostileFigures(context, results, path.join(FIGURES_DIR, 'hostile.json'));
      say(`hostile: ${figures.tried} hostile inputs tried, ${figures.escapes} escapes found (test-results/figures/hostile.json)`);
      return results;
    },
  });
});
