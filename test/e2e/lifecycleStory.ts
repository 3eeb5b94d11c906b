/**
 * The lifecycle story, after the reliability story: an "Unexpected signature" error explained from
 * its notification, then a session kept alive and upgraded to a user from its context menu, as a
 * person does it. Runs against the sandbox.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEMO, PROFILE, type StoryContext } from './sessionStory';
import type { Step } from './steps';
import { selectors } from './ui';

const CREATE = 'QuickBlox: Create Session';
const UPGRADE = 'QuickBlox: Upgrade Session';
const RECREATE = 'QuickBlox: Recreate Session';

/** The tree row of the active application session of the Sandbox profile. */
function activeAppRow(context: StoryContext): ReturnType<StoryContext['ui']['treeRow']> {
  return context.ui.page.locator(`${selectors.treeRow}[aria-label^="app "][aria-label$=" · active"]`).first();
}

export const lifecycleStory: ReadonlyArray<Step<StoryContext>> = [
  {
    title: 'an "Unexpected signature" error offers Explain Signature, which opens the explanation rendered, with its checks',
    run: async (context) => {
      const { ui, workbench } = context;
      await ui.clearNotifications();
      await ui.runCommand(CREATE);
      await ui.pick('QuickBlox', undefined, 'Wrong secret');
      await ui.pick(CREATE, '1/3', 'Application');
      await ui.waitForNotification(/Unexpected signature/);
      await ui.clickNotificationButton('Unexpected signature', 'Explain Signature');
      // It opens rendered (VS Code's Markdown preview), not as Markdown source.
      await ui.page
        .locator(selectors.editorTab)
        .filter({ hasText: /Preview signature-Wrong-secret/ })
        .waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const body = ui.preview();
      await body.filter({ hasText: 'Auth key is not the auth secret' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const rendered = await body.innerText();
      assert.doesNotMatch(rendered, /\*\*Verdict:\*\*|^## /m, 'the preview shows the Markdown rendered, not its source');
      assert.ok(await body.locator('h2', { hasText: 'Checks' }).count(), 'the checks have their heading');
      assert.doesNotMatch(rendered, /demo-Secret-/, 'no auth secret in the rendered explanation');
      assert.equal(await ui.page.locator('.editor-instance .view-lines').filter({ hasText: '## Checks' }).count(), 0, 'no editor shows the Markdown source');
      await ui.clearNotifications();
      assert.ok(await workbench.screenshot(path.join(context.screenshotsDir, 'explain-signature.png')));
      // Closed again: a preview that keeps the focus would take it back from the next step's quick picks.
      await ui.focusWorkbench();
      await ui.runCommand('View: Close All Editors');
      await body.waitFor({ state: 'detached', timeout: ui.timeoutMs });
    },
  },
  {
    title: 'a new application session is kept alive from its context menu',
    run: async (context) => {
      const { ui } = context;
      await ui.runCommand(CREATE);
      await ui.pick('QuickBlox', undefined, PROFILE);
      await ui.pick(CREATE, '1/3', 'Application');
      await ui.waitForNotification(`QuickBlox session created for ${PROFILE} (Application)`);
      await ui.clearNotifications();
      await ui.contextMenu(activeAppRow(context), 'Keep Session Alive');
      await ui.page
        .locator(`${selectors.treeRow}[aria-label^="app "][aria-label$=" · kept alive · active"]`)
        .waitFor({ state: 'visible', timeout: ui.timeoutMs });
    },
  },
  {
    title: 'the context menu signs demo-alice in to it (POST /login.json): the row, the status bar and the sandbox agree',
    run: async (context) => {
      const { ui, sandbox } = context;
      const before = sandbox.sessions().filter((session) => session.userId === 1001).length;
      await ui.contextMenu(activeAppRow(context), 'Sign User In to Session (Upgrade)');
      await ui.pick(UPGRADE, '1/3', 'User: login + password…');
      await ui.answer(UPGRADE, '2/3', 'User login', DEMO.login);
      await ui.answer(UPGRADE, '3/3', `Password for ${DEMO.login}`, DEMO.password);
      await ui.waitForNotification(`${DEMO.login} is signed in`);
      await ui.treeRow(`app → ${DEMO.login}`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.statusItem('key', `${PROFILE} · app → ${DEMO.login}`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      assert.equal(sandbox.sessions().filter((session) => session.userId === 1001).length, before + 1, 'the sandbox now has one more session of demo-alice');
    },
  },
  {
    title: 'Recreate Session on the login session asks only for the password it never saved, and replaces the session',
    run: async (context) => {
      const { ui, sandbox } = context;
      const row = ui.treeRow(`login · ${DEMO.login} `);
      const before = await row.getAttribute('aria-label');
      const tokens = new Set(sandbox.sessions().map((session) => session.token));
      await ui.clearNotifications();
      await ui.contextMenu(row, 'Recreate Session');
      await ui.answer(RECREATE, '', `Password for ${DEMO.login}`, DEMO.password);
      await ui.waitForNotification(`QuickBlox session recreated for ${PROFILE} (User: login + password)`);
      const fresh = sandbox.sessions().filter((session) => !tokens.has(session.token));
      assert.deepEqual(
        fresh.map((session) => session.userId),
        [1001],
        'one new session, for demo-alice',
      );
      await ui.treeRow(`login · ${DEMO.login} ${fresh[0].token.slice(0, 6)}…`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      assert.equal(await ui.page.locator(`${selectors.treeRow}[aria-label="${before ?? ''}"]`).count(), 0, 'the old row is gone');
    },
  },
];
