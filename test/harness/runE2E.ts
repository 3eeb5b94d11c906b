/**
 * Entry: `node out/test/harness/runE2E.js` (npm run test:e2e). Only the extension is loaded (no
 * test suite inside VS Code); Playwright drives the workbench as a person would, against the
 * sandbox whose URL the extension host gets in QB_SANDBOX_URL. The stories run in one workbench,
 * one after the other: the token hand-off story (test/e2e/handoffStory.ts) in the fresh window,
 * against the Local Sandbox inside VS Code, leaving the view empty again; the session story; the
 * reliability story (test/e2e/reliabilityStory.ts) that starts from what the session story left;
 * the lifecycle story (test/e2e/lifecycleStory.ts); QuickBlox's real answers
 * (test/e2e/realAnswersStory.ts); your own code's signatures (test/e2e/ownCodeStory.ts); command
 * links in a Markdown preview (test/e2e/previewLinksStory.ts); the getting-started walkthrough
 * (test/e2e/walkthroughStory.ts). Once Chromium and code-server have stopped, the secret-leak
 * audit searches every file the run wrote for the secrets the stories typed, the tokens the sandbox
 * issued and those the Local Sandbox issued (test-results/figures/leaks.json). Screenshots for the
 * README land in test-results/screenshots/ (scripts/update-screenshots.sh copies them to
 * media/screenshots/).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { handoffStory, type HandoffContext } from '../e2e/handoffStory';
import { lifecycleStory } from '../e2e/lifecycleStory';
import { ownCodeStory } from '../e2e/ownCodeStory';
import { previewLinksStory } from '../e2e/previewLinksStory';
import { walkthroughStory } from '../e2e/walkthroughStory';
import { realAnswersStory } from '../e2e/realAnswersStory';
import { reliabilityStory, type ReliabilityContext } from '../e2e/reliabilityStory';
import { SESSION_STORY_SECRETS, sessionStory } from '../e2e/sessionStory';
import { runSteps, type Step } from '../e2e/steps';
import { WorkbenchUi } from '../e2e/ui';
import { auditFiles, knownSecrets } from './leakAudit';
import type { Sandbox } from '../sandbox/server';
import { FIGURES_DIR, SCREENSHOTS_DIR } from './repo';
import { runMain, runTier } from './tierRun';

const STEPS: ReadonlyArray<Step<ReliabilityContext & HandoffContext>> = [
  ...handoffStory,
  ...sessionStory,
  ...reliabilityStory,
  ...lifecycleStory,
  ...realAnswersStory,
  ...ownCodeStory,
  ...previewLinksStory,
  ...walkthroughStory,
];

const USER_DATA = 'code-server user data';
const WORKSPACE = 'workspace';
const GLOBAL_STATE = 'Chromium IndexedDB (globalState)';

/**
 * What the run surely wrote that is not secret, and where: when the audit cannot find these, it
 * cannot read that place (compressed, framed, or another encoding), and a pass would mean nothing.
 */
function canaries(sandbox: Sandbox): Array<{ label: string; value: string; areas: string[] }> {
  const found = [{ label: 'name of the profile "Wrong secret"', value: 'Wrong secret', areas: [GLOBAL_STATE, USER_DATA, WORKSPACE] }];
  // The session story copies demo-alice's token: globalState keeps its masked form, and the log names it so.
  const alice = sandbox.sessions().find((session) => session.userId === 1001);
  if (alice) found.push({ label: "masked prefix of demo-alice's session token", value: `${alice.token.slice(0, 6)}…`, areas: [GLOBAL_STATE, USER_DATA] });
  return found;
}

runMain('e2e', () => {
  /** Tokens of the Local Sandbox (inside VS Code, out of the harness's sight), as the hand-off story read them. */
  const localSandboxTokens: string[] = [];
  return runTier({
    tier: 'e2e',
    body: async ({ workbench, sandbox, runDir, codeServer }) => {
      fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
      const ui = new WorkbenchUi(workbench.page);
      const context = { ui, workbench, sandbox, screenshotsDir: SCREENSHOTS_DIR, codeServer, runDir, figuresDir: FIGURES_DIR, localSandboxTokens };
      return runSteps(STEPS, context, workbench, runDir);
    },
    audit: async ({ tier, runDir, scratchDir, sandbox, results }) => {
      const localSandbox = localSandboxTokens.map((value, index) => ({ label: `Local Sandbox session token ${index + 1}`, value }));
      const report = auditFiles({
        tier,
        secrets: knownSecrets(sandbox, [...SESSION_STORY_SECRETS, ...localSandbox]),
        // The whole scratch folder: code-server's user data (logs, User/, globalStorage), extensions,
        // XDG and tmp folders, the workspace with the exported file, and Chromium's profile.
        areas: [
          { name: USER_DATA, root: path.join(scratchDir, 'user-data') },
          { name: 'extensions', root: path.join(scratchDir, 'extensions') },
          { name: WORKSPACE, root: path.join(scratchDir, 'workspace') },
          { name: GLOBAL_STATE, root: path.join(scratchDir, 'chromium-profile', 'Default', 'IndexedDB') },
          { name: 'Chromium profile', root: path.join(scratchDir, 'chromium-profile') },
          { name: 'other scratch (XDG, tmp, config)', root: scratchDir },
          { name: 'run artifacts (logs, harness output)', root: runDir },
          { name: 'README screenshots', root: SCREENSHOTS_DIR },
        ],
        secretStorageDir: path.join(scratchDir, 'chromium-profile', 'Default', 'Local Storage'),
        pending: results ? { 'results.json': JSON.stringify(results, null, 2) } : {},
        canaries: canaries(sandbox),
        figuresFile: path.join(FIGURES_DIR, 'leaks.json'),
      });
      const title = `secret-leak audit: ${report.secrets} secrets in ${report.filesScanned} files the run wrote, none in plain text`;
      const blind = report.canaries.filter((canary) => canary.missingFrom.length);
      if (report.hits === 0 && blind.length === 0) return [{ title, state: 'passed' }];
      const detail = [
        ...report.leaks.map((leak) => `${leak.file}: ${leak.secret} (${leak.masked}, ${leak.encoding})`),
        ...blind.map((canary) => `blind: the ${canary.label} was not found in ${canary.missingFrom.join(', ')}`),
      ].join('\n');
      return [{ title, state: 'failed', error: `leak hits: ${report.hits}\n${detail}` }];
    },
  });
});
