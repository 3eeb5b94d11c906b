/**
 * QuickBlox as it answers (test/sandbox/README.md cites each answer), after the lifecycle story:
 * a mistyped password is named as such and re-entered from the notification; a clock two hours
 * off meets "Bad timestamp", and "Sign With Server Time" on the notification creates the session;
 * a JWT session's token is copied from the status bar.
 */
import * as assert from 'node:assert/strict';
import { DEMO, PROFILE, type StoryContext } from './sessionStory';
import type { Step } from './steps';
import { selectors } from './ui';

const CREATE = 'QuickBlox: Create Session';

function toast(context: StoryContext, text: string | RegExp): ReturnType<StoryContext['ui']['notification']> {
  return context.ui.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
}

/** Create Session → the Sandbox profile → a kind (the palette asks for the profile: there are several by now). */
async function startCreate(context: StoryContext, kind: string): Promise<void> {
  const { ui } = context;
  await ui.clearNotifications();
  await ui.runCommand(CREATE);
  await ui.pick('QuickBlox', undefined, PROFILE);
  await ui.pick(CREATE, '1/3', kind);
}

export const realAnswersStory: ReadonlyArray<Step<StoryContext>> = [
  {
    title: 'a mistyped password is named as the password (after one extra request), and "Re-enter Password" on the notification creates the session',
    run: async (context) => {
      const { ui, sandbox } = context;
      await startCreate(context, 'User: login + password');
      await ui.answer(CREATE, '2/3', 'User login', DEMO.login);
      await ui.answer(CREATE, '3/3', `Password for ${DEMO.login}`, 'not-the-password-1');
      await ui.waitForNotification(`QuickBlox refused the password for ${DEMO.login}`);
      const before = sandbox.sessions().length;
      await toast(context, 'refused the password').getByRole('button', { name: 'Re-enter Password' }).click({ timeout: ui.timeoutMs });
      await ui.answer(CREATE, '1/2', 'User login', DEMO.login);
      await ui.answer(CREATE, '2/2', `Password for ${DEMO.login}`, DEMO.password);
      // The sandbox is the witness (a "created" toast can be crowded out by the failure's): one new
      // session, the extra one made to tell the two 401s apart having been destroyed.
      await ui.until('the sandbox issued the session', async () => sandbox.sessions().length === before + 1);
      assert.equal(sandbox.sessions().at(-1)?.userId, 1001, 'for demo-alice');
    },
  },
  {
    title: 'a clock two hours behind meets "Bad timestamp", and "Sign With Server Time" on the notification creates the session',
    run: async (context) => {
      const { ui, sandbox } = context;
      sandbox.setClockOffset(2 * 3600);
      try {
        await startCreate(context, 'Application');
        await ui.waitForNotification(/"Bad timestamp": this computer's clock is 2 hours behind the server's/);
        const before = sandbox.sessions().length;
        await toast(context, 'Bad timestamp').getByRole('button', { name: 'Sign With Server Time' }).click({ timeout: ui.timeoutMs });
        // The sandbox is the witness: its "created" toast may be crowded out by the clock notice that follows it.
        await ui.until('the sandbox issued the session signed with the server time', async () => sandbox.sessions().length === before + 1);
        const sent = sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/session.json').at(-1)?.body as
          { timestamp?: string } | undefined;
        assert.ok(Math.abs(Number(sent?.timestamp) - (Date.now() / 1000 + 7200)) < 60, "the retry was signed with the server's time");
      } finally {
        sandbox.setClockOffset(0);
      }
    },
  },
  {
    title: 'a JWT session: clicking the status-bar item copies exactly the JWT the sandbox issued',
    run: async (context) => {
      const { ui, sandbox } = context;
      sandbox.setBehaviour({ tokenFormat: 'jwt' });
      try {
        const before = sandbox.sessions().length;
        await startCreate(context, 'Application');
        await ui.until('the sandbox issued a session', async () => sandbox.sessions().length === before + 1);
        const jwt = sandbox.sessions().at(-1)?.token ?? '';
        assert.equal(jwt.split('.').length, 3, 'the sandbox issued a JWT');
        // The tree lists it, named by its signature (every JWT begins alike), once the extension has stored it as the active one.
        await ui.page.locator(`${selectors.treeRow}[aria-label*="jwt …"][aria-label$="· active"]`).first().waitFor({ state: 'visible', timeout: ui.timeoutMs });
        await ui.clearNotifications();
        await ui.statusItem('key', `${PROFILE} · app`).click({ timeout: ui.timeoutMs });
        let copied = '';
        await ui
          .until('the clipboard holds the JWT', async () => (copied = await ui.clipboard().catch(() => '')) === jwt)
          .catch((error: unknown) => {
            throw new Error(`${error instanceof Error ? error.message : String(error)}; the clipboard holds ${copied.length} characters`);
          });
      } finally {
        sandbox.setBehaviour({ tokenFormat: 'hex' });
      }
    },
  },
];
