/**
 * Entry: `node out/test/harness/runVsix.js` (npm run test:vsix, after `npm run package`). The
 * packaged extension is installed into code-server with `--install-extension`, no development
 * extension is loaded, and the E2E story runs against it up to the token copied from the status
 * bar: it activates, adds a profile and creates sessions against the sandbox. Then it starts the
 * Local Sandbox the VSIX ships (dist/sandbox.js, inside the extension host), creates a session
 * against that one and stops it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { localSandboxSteps } from '../e2e/localSandboxSteps';
import { runSteps } from '../e2e/steps';
import { sessionStory } from '../e2e/sessionStory';
import { WorkbenchUi } from '../e2e/ui';
import { VSIX_FILE } from './repo';
import { runMain, runTier } from './tierRun';

/** The story's steps up to and including the clipboard check, then the Local Sandbox's. */
const PACKAGED_STEPS = [...sessionStory.slice(0, sessionStory.findIndex((step) => /copies exactly the token/.test(step.title)) + 1), ...localSandboxSteps];

runMain('vsix', async () => {
  if (!fs.existsSync(VSIX_FILE)) throw new Error(`${path.basename(VSIX_FILE)} is missing: run \`npm run package\` first`);
  // Screenshots of this run stay with its artifacts; the README's come from the E2E tier.
  const screenshotsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-vsix-shots-'));
  try {
    return await runTier({
      tier: 'vsix',
      installVsix: VSIX_FILE,
      body: ({ workbench, sandbox, runDir }) =>
        runSteps(PACKAGED_STEPS, { ui: new WorkbenchUi(workbench.page), workbench, sandbox, screenshotsDir }, workbench, runDir),
    });
  } finally {
    fs.rmSync(screenshotsDir, { recursive: true, force: true });
  }
});
