/**
 * The Local Sandbox from the palette, as a Marketplace user meets it: started inside VS Code (no
 * sandbox of the harness involved), its profile in the tree, the status bar's mark, an application
 * session created against it, and Stop. The VSIX tier runs these after the session story's first
 * steps, so they prove that the packaged extension ships and loads dist/sandbox.js.
 */
import type { Step } from './steps';
import type { StoryContext } from './sessionStory';

const START = 'QuickBlox: Start Local Sandbox';
const STOP = 'QuickBlox: Stop Local Sandbox';
const CREATE = 'QuickBlox: Create Session';
const PROFILE = 'Local Sandbox';
const RUNNING = /The Local Sandbox is running on 127\.0\.0\.1:(\d+), inside VS Code/;

export const localSandboxSteps: ReadonlyArray<Step<StoryContext>> = [
  {
    title: `"${START}" starts it on 127.0.0.1, and its profile shows in the tree as running there`,
    run: async ({ ui }) => {
      await ui.clearNotifications();
      await ui.runCommand(START);
      const message = await ui.waitForNotification(RUNNING);
      const port = RUNNING.exec(message)?.[1];
      if (!port) throw new Error(`no port in "${message}"`);
      await ui.treeRow(`${PROFILE} app 4242 · running on 127.0.0.1:${port}`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      // The status-bar item, whichever session it shows, carries the sandbox's mark.
      await ui.statusItem('beaker', /\S/).waitFor({ state: 'visible', timeout: ui.timeoutMs });
    },
  },
  {
    title: `"${CREATE}" with the Local Sandbox profile: an application session from the sandbox inside VS Code`,
    run: async ({ ui }) => {
      await ui.clearNotifications();
      await ui.runCommand(CREATE);
      await ui.pick('QuickBlox', undefined, PROFILE);
      await ui.pick(CREATE, '1/3', 'Application');
      await ui.waitForNotification(`QuickBlox session created for ${PROFILE} (Application)`);
      await ui.statusItem('key', `${PROFILE} · app`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
    },
  },
  {
    title: `"${STOP}" stops it; the profile stays and says it is not running`,
    run: async ({ ui }) => {
      await ui.clearNotifications();
      await ui.runCommand(STOP);
      await ui.waitForNotification('The Local Sandbox stopped.');
      await ui.treeRow(`${PROFILE} app 4242 · not running`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
    },
  },
];
