/**
 * The getting-started walkthrough, opened as a person does (Welcome: Open Walkthrough…) after the
 * other stories. VS Code counts a step's completion events from the moment its walkthrough service
 * starts, which is when the walkthrough first opens: the person then copies the token from the
 * status bar, and "Copy the token" ticks.
 */
import * as assert from 'node:assert/strict';
import { PROFILE, type StoryContext } from './sessionStory';
import type { Step } from './steps';
import { selectors } from './ui';

const TITLE = 'Get Started with QuickBlox';
const STEP_PREFIX = 'quickblox-sessions.quickblox-sessions#gettingStarted#';

export const walkthroughStory: ReadonlyArray<Step<StoryContext>> = [
  {
    title: `"${TITLE}" opens from Welcome: Open Walkthrough… with its four steps; copying the token ticks its step; a step's media renders`,
    run: async ({ ui }) => {
      await ui.focusWorkbench();
      await ui.runCommand('Welcome: Open Walkthrough...');
      await ui.page.locator(selectors.quickInputRow).filter({ hasText: TITLE }).first().click({ timeout: ui.timeoutMs });
      const steps = ui.page.locator(`button.getting-started-step[data-step-id^="${STEP_PREFIX}"]`);
      await steps.first().waitFor({ state: 'visible', timeout: ui.timeoutMs });
      assert.deepEqual(
        await steps.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-step-id'))),
        ['profile', 'session', 'copyToken', 'useToken'].map((id) => `${STEP_PREFIX}${id}`),
      );
      const copied = ui.page.locator(`[data-done-step-id="${STEP_PREFIX}copyToken"]`);
      assert.equal(await copied.getAttribute('aria-checked'), 'false', '"Copy the token" is ticked before anything was copied while the walkthrough ran');
      await ui.statusItem('key', `${PROFILE} · `).click({ timeout: ui.timeoutMs });
      await ui.until('"Copy the token" is ticked', async () => (await copied.getAttribute('aria-checked')) === 'true');

      await ui.page.locator(`button.getting-started-step[data-step-id="${STEP_PREFIX}useToken"]`).click({ timeout: ui.timeoutMs });
      await ui.preview().filter({ hasText: '${command:quickblox.activeToken}' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.focusWorkbench();
      await ui.runCommand('View: Close All Editors');
    },
  },
];
