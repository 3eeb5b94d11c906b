/**
 * Your own code gets "Unexpected signature", after the other stories: the person selects what their
 * code sent (a request whose code signed only the application parameters) in an editor, runs
 * Diagnose a Signature from Your Code, and reads the verdict in the rendered document.
 */
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as path from 'node:path';
import { DEMO, PROFILE, type StoryContext } from './sessionStory';
import type { Step } from './steps';
import { selectors } from './ui';

const DIAGNOSE = 'QuickBlox: Diagnose a Signature from Your Code';

/** What a developer's code sent: user parameters in the body, but only the application ones signed. */
function requestWithOneMistake(): string {
  const sent = {
    application_id: DEMO.applicationId,
    auth_key: DEMO.authKey,
    nonce: '90210',
    timestamp: String(Math.floor(Date.now() / 1000)),
    user: { login: DEMO.login, password: DEMO.password },
  };
  const signed = `application_id=${sent.application_id}&auth_key=${sent.auth_key}&nonce=${sent.nonce}&timestamp=${sent.timestamp}`;
  return JSON.stringify({ ...sent, signature: createHmac('sha1', DEMO.authSecret).update(signed).digest('hex') });
}

export const ownCodeStory: ReadonlyArray<Step<StoryContext>> = [
  {
    title: `a request with one mistake, selected in an editor: "${DIAGNOSE}" names the mistake in a rendered document`,
    run: async (context) => {
      const { ui, workbench } = context;
      await ui.clearNotifications();
      await ui.newUntitledFile();
      await ui.page.keyboard.insertText(requestWithOneMistake());
      await ui.page.keyboard.press('ControlOrMeta+A');
      await ui.runCommand(DIAGNOSE);
      await ui.pick('QuickBlox', undefined, PROFILE);
      await ui.waitForStep(DIAGNOSE);
      await ui.page.keyboard.press('Enter'); // no signed string
      const body = ui.preview();
      await body.filter({ hasText: /explained/i }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const text = await body.innerText();
      assert.match(text, /user\[login\]|user\[password\]|not signed|unsigned/i, `the document names the unsigned user parameters: ${text.slice(0, 400)}`);
      assert.ok(!text.includes(DEMO.authSecret) && !text.includes(DEMO.password), 'no secret in the rendered document');
      assert.ok(await workbench.screenshot(path.join(context.screenshotsDir, 'diagnose-signature.png')));
      // The untitled editor holds what the person pasted (made-up keys and a password): it is thrown
      // away, so VS Code's hot-exit backup of it does not outlive the story (the leak audit reads backups).
      const untitled = ui.page.locator(selectors.editorTab).filter({ hasText: 'Untitled-' });
      await untitled.first().click({ timeout: ui.timeoutMs });
      await ui.runCommand('View: Revert and Close Editor');
      await untitled.first().waitFor({ state: 'detached', timeout: ui.timeoutMs });
    },
  },
];
