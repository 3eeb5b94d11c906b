/**
 * The E2E story, as a person meets the extension: an empty QuickBlox view, a profile added through
 * the seven-step input, an application and a user session, the tree, the status bar that copies the
 * very token the sandbox issued, and a wrong auth secret explained. Runs against the sandbox.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Sandbox } from '../sandbox/server';
import type { Workbench } from '../harness/workbench';
import type { Step } from './steps';
import { selectors, type WorkbenchUi } from './ui';

export interface StoryContext {
  ui: WorkbenchUi;
  workbench: Workbench;
  sandbox: Sandbox;
  /** README screenshots go here (test-results/screenshots/). */
  screenshotsDir: string;
}

export const DEMO = {
  applicationId: '4242',
  authKey: 'demo-Key-7qW3ePx',
  authSecret: 'demo-Secret-K9r2mTz',
  login: 'demo-alice',
  password: 'demo-Pass-alice1',
};
export const PROFILE = 'Sandbox';
const BROKEN_PROFILE = 'Wrong secret';
const WRONG_SECRET = 'demo-Secret-WRONG00';
/** What this story types that the sandbox's fixtures do not list (for the secret-leak audit). */
export const SESSION_STORY_SECRETS = [{ label: 'the wrong auth secret of "Wrong secret"', value: WRONG_SECRET }] as const;
const DEFAULT_ENDPOINT = 'https://api.quickblox.com';
const ADD = 'QuickBlox: Add Profile';
const CREATE = 'QuickBlox: Create Session';

async function screenshot(context: StoryContext, name: string): Promise<void> {
  const file = await context.workbench.screenshot(path.join(context.screenshotsDir, name));
  assert.ok(file, `could not save ${name}`);
}

/** Add Profile's seven steps; the endpoint step is checked for the default and replaced. */
export async function addProfile(context: StoryContext, name: string, authSecret: string, shot?: string, accountKey = ''): Promise<void> {
  const { ui, sandbox } = context;
  await ui.runCommand(ADD);
  await ui.answer(ADD, '1/7', 'A name for this profile', name);
  assert.equal(await ui.prefilled(ADD, '2/7'), DEFAULT_ENDPOINT, 'the endpoint step offers the default endpoint');
  await ui.answer(ADD, '2/7', 'API endpoint', sandbox.url);
  await ui.answer(ADD, '3/7', 'Application ID', DEMO.applicationId);
  await ui.answer(ADD, '4/7', 'Authorization key', DEMO.authKey);
  if (shot) {
    // The secret step, typed but not yet accepted: the value shows masked.
    await ui.waitForStep(ADD, '5/7');
    await ui.page.locator(selectors.quickInputBox).fill(authSecret);
    await screenshot(context, shot);
  }
  await ui.answer(ADD, '5/7', 'Authorization secret', authSecret);
  await ui.answer(ADD, '6/7', 'Account key (optional', accountKey);
  await ui.pick(ADD, '7/7', 'HMAC-SHA1');
  await ui.waitForNotification(`Profile ${name} saved`);
}

export const sessionStory: ReadonlyArray<Step<StoryContext>> = [
  {
    title: 'the extension starts: its status-bar item offers to create a session',
    run: async ({ ui }) => {
      await ui.statusItem('key', 'QuickBlox: no session').waitFor({ state: 'visible', timeout: 60_000 });
    },
  },
  {
    title: 'the QuickBlox view, opened from the activity bar, welcomes with an Add Profile button',
    run: async (context) => {
      const { ui } = context;
      await ui.openViewContainer('QuickBlox', 'Profiles');
      await ui.widenSideBar(440);
      const welcome = ui.page.locator(`${selectors.sideBar} .welcome-view-content`).filter({ hasText: 'No QuickBlox profiles yet' });
      await welcome.waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await welcome.getByRole('button', { name: 'Add Profile' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await screenshot(context, 'welcome.png');
    },
  },
  {
    title: `"${ADD}" asks its seven steps and saves the profile`,
    run: async (context) => {
      await addProfile(context, PROFILE, DEMO.authSecret, 'palette-add-profile.png');
      await context.ui.treeRow(`${PROFILE} `).waitFor({ state: 'visible', timeout: context.ui.timeoutMs });
    },
  },
  {
    title: `"${CREATE}" with the only profile: an application session, its response one click away`,
    run: async (context) => {
      const { ui } = context;
      await ui.runCommand(CREATE);
      await ui.pick(CREATE, '1/3', 'Application');
      await ui.waitForNotification(`QuickBlox session created for ${PROFILE} (Application)`);
      await ui.clickNotificationButton('QuickBlox session created', 'Show Response');
      await ui.page.locator(selectors.editorTab).filter({ hasText: 'application-session' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.page.locator('.editor-instance .view-lines').filter({ hasText: '"token"' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await screenshot(context, 'response-success.png');
    },
  },
  {
    title: `"${CREATE}" again: a user session by login and password`,
    run: async ({ ui }) => {
      await ui.runCommand(CREATE);
      await ui.pick(CREATE, '1/3', 'User: login + password');
      await ui.answer(CREATE, '2/3', 'User login', DEMO.login);
      await ui.answer(CREATE, '3/3', `Password for ${DEMO.login}`, DEMO.password);
      await ui.waitForNotification(`QuickBlox session created for ${PROFILE} (User: login + password)`);
    },
  },
  {
    title: 'the tree shows the profile with both sessions, and the sandbox issued them',
    run: async (context) => {
      const { ui, sandbox } = context;
      await ui.expandTreeRow(`${PROFILE} `);
      await ui.treeRow('app ').waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.treeRow(`login · ${DEMO.login}`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const issued = sandbox.sessions().filter((session) => String(session.applicationId) === DEMO.applicationId);
      assert.deepEqual(
        issued.map((session) => session.userId),
        [0, 1001],
        'the sandbox issued an application session, then one for demo-alice (1001)',
      );
      await ui.clearNotifications();
      await screenshot(context, 'tree-profiles-sessions.png');
    },
  },
  {
    title: 'clicking the status-bar item copies exactly the token the sandbox issued',
    run: async ({ ui, sandbox }) => {
      const item = ui.statusItem('key', `${PROFILE} · login · ${DEMO.login}`);
      await item.waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const alice = sandbox.sessions().find((session) => session.userId === 1001);
      assert.ok(alice, 'the sandbox has no session for demo-alice');
      await item.click();
      let copied = '';
      await ui
        .until('the clipboard holds the session token', async () => {
          copied = await ui.clipboard().catch(() => '');
          return copied === alice.token;
        })
        .catch((error: unknown) => {
          throw new Error(
            `${error instanceof Error ? error.message : String(error)}; the clipboard holds "${copied.slice(0, 8)}…" (${copied.length} characters)`,
          );
        });
    },
  },
  {
    title: 'a profile with a wrong auth secret: Create Session ends in an error that names the signature',
    run: async (context) => {
      const { ui } = context;
      await addProfile(context, BROKEN_PROFILE, WRONG_SECRET);
      await ui.clearNotifications();
      await ui.runCommand(CREATE);
      await ui.pick('QuickBlox', undefined, BROKEN_PROFILE);
      await ui.pick(CREATE, '1/3', 'Application');
      const message = await ui.waitForNotification(/signature/i);
      assert.match(message, new RegExp(`Could not create a session for ${BROKEN_PROFILE}`));
      await screenshot(context, 'error-signature.png');
    },
  },
  {
    title: 'the failed exchange opens as a read-only response document',
    run: async ({ ui }) => {
      await ui.page.locator(selectors.editorTab).filter({ hasText: 'session-failed' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.page.locator('.editor-instance .view-lines').filter({ hasText: 'Unexpected signature' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
    },
  },
];
