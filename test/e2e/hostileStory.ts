/**
 * The hostile-folder story: a person opens a cloned repository they do not trust (Workspace Trust
 * on, "No, I don't trust the authors", Restricted Mode) whose `.vscode/settings.json` names its own
 * endpoint (H1), sets the .env file and variable (`PATH`), and turns on auto-recreate and clock
 * correction, and whose `.env` is a symlink to a shell profile outside the folder. They use the
 * extension as usual: add a profile, create a session, write the token to .env, meet a hostile
 * server (H2) whose error holds command links, and paste such an error into Explain Error
 * Response. Nothing may reach H1, nothing outside the folder may change, and no command link may
 * be rendered. What was tried and what escaped goes to test-results/figures/hostile.json.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { OUTSIDE_PROFILE_TEXT, snapshot, snapshotChanges, type HostileFolder } from '../harness/hostileFolder';
import type { HostileServer } from '../harness/hostileServers';
import { writeJsonAtomically, type SuiteResults } from '../harness/results';
import { restrictedModeItem } from '../harness/workbench';
import { DEMO, type StoryContext } from './sessionStory';
import type { Step } from './steps';
import { selectors, type WorkbenchUi } from './ui';

export interface HostileContext extends StoryContext {
  /** The endpoint the folder's settings name: it must never be asked anything. */
  h1: HostileServer;
  /** The hostile QuickBlox, typed in as a profile's endpoint by the person. */
  h2: HostileServer;
  folder: HostileFolder;
  tally: HostileTally;
}

/** What the story tried, and the command links it saw rendered. */
export interface HostileTally {
  tried: string[];
  commandLinksRendered: string[];
}

export function newTally(folder: HostileFolder): HostileTally {
  // The folder is open in the workbench from the start: its settings and its symlink are tried by then.
  return {
    tried: [...Object.keys(folder.settings).map((key) => `folder setting ${key}`), '.env symlink to a file outside the folder'],
    commandLinksRendered: [],
  };
}

const DEFAULT_ENDPOINT = 'https://api.quickblox.com';
const ADD = 'QuickBlox: Add Profile';
const CREATE = 'QuickBlox: Create Session';
const WRITE_ENV = 'QuickBlox: Write Token to .env';
const EXPLAIN_ERROR = 'QuickBlox: Explain Error Response';
const PROFILE = 'Sandbox';
const HOSTILE_PROFILE = 'Hostile';
/** What the person types into an untitled editor and asks Explain Error Response about. */
const PASTED_LINK = '[Run](command:workbench.action.quit)';
export const PASTED_ERROR = `{"errors":{"base":["${PASTED_LINK}"]}}`;

function toasts(ui: WorkbenchUi): Locator {
  return ui.page.locator('.notifications-toasts .notification-toast');
}

/**
 * Links in the notifications (toasts and the notification center): every element with an `href`,
 * and every `<a>` except VS Code's own controls, which it draws as `<a>` without an `href` (the
 * action buttons, `a.monaco-button`, such as "Show Response"; the toolbar's `a.action-label`,
 * Clear and More Actions). Plus any element anywhere in the page whose `href` is a `command:` link
 * to what the hostile inputs name.
 */
async function renderedLinks(ui: WorkbenchUi): Promise<string[]> {
  const inNotifications = await ui.page
    .locator(':is(.notifications-toasts, .notifications-center) :is(a, [href])')
    .evaluateAll((elements) =>
      elements
        .filter((element) => element.hasAttribute('href') || !(element.classList.contains('monaco-button') || element.classList.contains('action-label')))
        .map(
          (element) =>
            `<${element.tagName.toLowerCase()} href="${element.getAttribute('href') ?? ''}">${element.textContent ?? ''}</${element.tagName.toLowerCase()}>`,
        ),
    );
  const commandHrefs = await ui.page
    .locator('[href^="command:"]')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('href') ?? '').filter((href) => /workbench\.action\.(quit|terminal)/.test(href)));
  const shown = new Set(inNotifications.join('\n').match(/href="[^"]*"/g) ?? []);
  return [...inNotifications, ...commandHrefs.map((href) => `href="${href}"`).filter((href) => !shown.has(href))];
}

/** Fails when a notification renders a link; records what it saw. */
async function assertNoLinks(context: HostileContext, where: string): Promise<void> {
  const links = await renderedLinks(context.ui);
  context.tally.commandLinksRendered.push(...links.map((link) => `${where}: ${link}`));
  assert.deepEqual(links, [], `${where}: the notification renders ${links.length} link(s) from text a server or a file chose: ${links.join(', ')}`);
}

async function terminalsOpen(ui: WorkbenchUi): Promise<number> {
  return ui.page.locator('.xterm, .terminal-wrapper, .integrated-terminal').count();
}

function outsideChanges(context: HostileContext): string[] {
  return snapshotChanges(context.folder.before, snapshot(context.folder.outside));
}

/** Add Profile's seven steps: the endpoint step must offer VS Code's own default, whatever the folder says; then `endpoint` is typed. */
async function addProfile(context: HostileContext, name: string, endpoint: string): Promise<void> {
  const { ui, h1 } = context;
  await ui.runCommand(ADD);
  await ui.answer(ADD, '1/7', 'A name for this profile', name);
  const offered = await ui.prefilled(ADD, '2/7');
  if (offered === h1.url) {
    assert.fail(
      `the endpoint step offers ${offered}, the folder's quickblox.defaultEndpoint: an untrusted folder chose where the credentials go (expected ${DEFAULT_ENDPOINT})`,
    );
  }
  assert.equal(offered, DEFAULT_ENDPOINT, 'the endpoint step offers the default endpoint');
  await ui.answer(ADD, '2/7', 'API endpoint', endpoint);
  await ui.answer(ADD, '3/7', 'Application ID', DEMO.applicationId);
  await ui.answer(ADD, '4/7', 'Authorization key', DEMO.authKey);
  await ui.answer(ADD, '5/7', 'Authorization secret', DEMO.authSecret);
  await ui.answer(ADD, '6/7', 'Account key (optional', '');
  await ui.pick(ADD, '7/7', 'HMAC-SHA1');
  await ui.waitForNotification(`Profile ${name} saved`);
}

export const hostileStory: ReadonlyArray<Step<HostileContext>> = [
  {
    title: 'the folder is open in Restricted Mode, and the extension still starts: the QuickBlox view opens',
    run: async ({ ui, folder }) => {
      await restrictedModeItem(ui.page).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.page
        .locator('.monaco-workbench')
        .filter({ hasText: 'Restricted Mode is intended for safe code browsing' })
        .waitFor({ state: 'visible', timeout: ui.timeoutMs });
      assert.ok(fs.lstatSync(folder.envLink).isSymbolicLink(), `${folder.envLink} is not a symlink`);
      await ui.statusItem('key', 'QuickBlox: no session').waitFor({ state: 'visible', timeout: 60_000 });
      await ui.openViewContainer('QuickBlox', 'Profiles');
      await ui.widenSideBar(440);
      await ui.page
        .locator(`${selectors.sideBar} .welcome-view-content`)
        .filter({ hasText: 'No QuickBlox profiles yet' })
        .waitFor({ state: 'visible', timeout: ui.timeoutMs });
    },
  },
  {
    title: `"${ADD}" offers ${DEFAULT_ENDPOINT}, not the endpoint the folder's settings name; the profile is saved against the sandbox`,
    run: async (context) => {
      await addProfile(context, PROFILE, context.sandbox.url);
      await context.ui.treeRow(`${PROFILE} `).waitFor({ state: 'visible', timeout: context.ui.timeoutMs });
    },
  },
  {
    title: `"${CREATE}" works in Restricted Mode: an application session appears in the tree`,
    run: async ({ ui, sandbox }) => {
      await ui.clearNotifications();
      await ui.runCommand(CREATE);
      await ui.pick(CREATE, '1/3', 'Application');
      await ui.waitForNotification(`QuickBlox session created for ${PROFILE} (Application)`);
      await ui.expandTreeRow(`${PROFILE} `);
      await ui.treeRow('app ').waitFor({ state: 'visible', timeout: ui.timeoutMs });
      assert.equal(
        sandbox.sessions().filter((session) => String(session.applicationId) === DEMO.applicationId).length,
        1,
        'the sandbox issued one application session',
      );
    },
  },
  {
    title: `"${WRITE_ENV}" refuses the .env symlink that leads outside the folder; nothing outside changes`,
    run: async (context) => {
      const { ui, folder } = context;
      await ui.clearNotifications();
      await ui.runCommand(WRITE_ENV);
      const refusal = toasts(ui).filter({ hasText: 'outside' }).first();
      const confirm = ui.page.locator('.monaco-dialog-box').filter({ hasText: 'Write the token' });
      await refusal.or(confirm).first().waitFor({ state: 'visible', timeout: ui.timeoutMs });
      if (await confirm.isVisible()) {
        // No refusal: the extension asks to write. A person who trusts the question clicks Write.
        const asked = (
          await confirm
            .locator('.dialog-message-text')
            .innerText()
            .catch(() => '')
        ).trim();
        await confirm
          .locator('.monaco-button')
          .filter({ hasText: /^\s*Write\s*$/ })
          .click({ timeout: ui.timeoutMs });
        await confirm.waitFor({ state: 'hidden', timeout: ui.timeoutMs });
        await ui
          .until(
            'the write ends (the outside folder changes, or a notification says so)',
            async () => outsideChanges(context).length > 0 || (await toasts(ui).count()) > 0,
          )
          .catch(() => undefined);
        const changes = outsideChanges(context);
        const size = fs.statSync(folder.outsideFile).size;
        assert.fail(
          `no refusal: the extension asked "${asked}", and once "Write" was clicked ${changes.length ? `it wrote through the .env symlink outside the folder (${changes.join(', ')}: ${path.basename(folder.outsideFile)} is now ${size} bytes, was ${Buffer.byteLength(OUTSIDE_PROFILE_TEXT)})` : 'nothing outside changed (yet)'}`,
        );
      }
      assert.ok(await refusal.locator('.codicon-error').count(), `the refusal is not shown as an error: "${await refusal.innerText()}"`);
      assert.deepEqual(outsideChanges(context), [], 'nothing outside the folder changed');
      assert.ok(fs.lstatSync(folder.envLink).isSymbolicLink(), '.env is still the symlink');
    },
  },
  {
    title: `once the person removes the .env link, "${WRITE_ENV}" asks to write .env as QUICKBLOX_TOKEN: the folder's own file (config.env) and variable (PATH) do not count in Restricted Mode; Cancel writes nothing`,
    run: async (context) => {
      const { ui, folder } = context;
      await ui.clearNotifications();
      fs.rmSync(folder.envLink);
      await ui.runCommand(WRITE_ENV);
      const confirm = ui.page.locator('.monaco-dialog-box').filter({ hasText: 'Write the token' });
      await confirm.waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const asked = (await confirm.locator('.dialog-message-text').innerText()).trim();
      assert.match(asked, /to \.env in cloned-repo as QUICKBLOX_TOKEN\?/, `the question: ${asked}`);
      await confirm
        .locator('.monaco-button')
        .filter({ hasText: /^\s*Cancel\s*$/ })
        .click({ timeout: ui.timeoutMs });
      await confirm.waitFor({ state: 'hidden', timeout: ui.timeoutMs });
      assert.ok(!fs.existsSync(folder.envLink), 'Cancel wrote nothing');
      assert.deepEqual(outsideChanges(context), [], 'nothing outside the folder changed');
    },
  },
  {
    title: 'a profile typed with a hostile server as its endpoint: its error, full of command links, shows as plain text; no terminal opens',
    run: async (context) => {
      const { ui, h2, tally } = context;
      await ui.clearNotifications();
      await addProfile(context, HOSTILE_PROFILE, h2.url);
      await ui.clearNotifications();
      await ui.runCommand(CREATE);
      await ui.pick('QuickBlox', undefined, HOSTILE_PROFILE);
      await ui.pick(CREATE, '1/3', 'Application');
      await ui.until('the hostile server is asked for a session', async () => h2.count() > 0);
      tally.tried.push('error body with a command link (hostile server)', 'reason phrase with a command link (hostile server)');
      const message = await ui.waitForNotification('Open the docs');
      const toast = toasts(ui).filter({ hasText: 'Open the docs' }).first();
      assert.ok(await toast.locator('.codicon-error').count(), `the hostile answer is not shown as an error: "${message}"`);
      await assertNoLinks(context, "the hostile server's error");
      assert.equal(await terminalsOpen(ui), 0, 'a terminal is open');
      await ui.page
        .locator(selectors.editorTab)
        .filter({ hasText: 'session-failed' })
        .first()
        .waitFor({ state: 'visible', timeout: ui.timeoutMs })
        .catch(() => undefined);
      const file = await context.workbench.screenshot(path.join(context.screenshotsDir, 'hostile-restricted-mode.png'));
      assert.ok(file, 'could not save hostile-restricted-mode.png');
    },
  },
  {
    title: `"${EXPLAIN_ERROR}" on a selection holding a command link: the explanation, in its notification and rendered, shows it as plain text`,
    run: async (context) => {
      const { ui, tally } = context;
      await ui.clearNotifications();
      await ui.newUntitledFile();
      const lines = ui.page.locator('.editor-instance .view-lines').first();
      await ui.page.keyboard.type(PASTED_ERROR, { delay: 20 });
      let typed = '';
      await ui
        .until('the editor holds the typed text', async () => (typed = (await lines.innerText()).replace(/\u00a0/g, ' ').trim()) === PASTED_ERROR, 10_000)
        .catch(() => {
          throw new Error(`the editor holds ${JSON.stringify(typed)}, not the typed ${JSON.stringify(PASTED_ERROR)}`);
        });
      await ui.page.keyboard.press('ControlOrMeta+A');
      await ui.runCommand(EXPLAIN_ERROR);
      tally.tried.push('editor selection with a command link (Explain Error Response)');
      // The notifications were cleared: the one that comes is the explanation (its source names the extension).
      await toasts(ui).filter({ hasText: 'QuickBlox' }).first().waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await assertNoLinks(context, 'the explanation of the pasted error');
      // The explanation also opens rendered (VS Code's Markdown preview): the link reads as text there.
      const preview = ui.preview();
      await preview.filter({ hasText: PASTED_LINK }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      // The preview's own scripts (from VS Code's Markdown extension) aside.
      const rendered = await preview
        .locator('a, [href], img, [src]')
        .evaluateAll((elements) =>
          elements
            .filter((element) => !(element.tagName === 'SCRIPT' && /\/extensions\/markdown-language-features\//.test(element.getAttribute('src') ?? '')))
            .map((element) => element.outerHTML.slice(0, 200)),
        );
      tally.commandLinksRendered.push(...rendered.map((element) => `the rendered explanation of the pasted error: ${element}`));
      assert.deepEqual(rendered, [], `the rendered explanation of the pasted error holds ${rendered.length} link(s) or image(s): ${rendered.join(', ')}`);
      assert.equal(await terminalsOpen(ui), 0, 'a terminal is open');
    },
  },
  {
    title: "the folder's endpoint was never asked anything, and nothing outside the folder changed",
    run: async (context) => {
      const { h1 } = context;
      assert.equal(h1.count(), 0, `${h1.name} got ${h1.count()} request(s): ${h1.requests.map((request) => `${request.method} ${request.url}`).join(', ')}`);
      assert.deepEqual(outsideChanges(context), [], 'nothing outside the folder changed');
    },
  },
];

/** hostile.json: what the story tried, and what escaped (each must be none). */
export function writeHostileFigures(context: HostileContext, results: SuiteResults, file: string): { tried: number; escapes: number } {
  const filesChangedOutside = outsideChanges(context);
  const escapes = {
    requestsToFolderEndpoint: context.h1.count(),
    filesChangedOutside: filesChangedOutside.length,
    commandLinksRendered: context.tally.commandLinksRendered.length,
  };
  const total = escapes.requestsToFolderEndpoint + escapes.filesChangedOutside + escapes.commandLinksRendered;
  writeJsonAtomically(file, {
    figure: 'hostile',
    measuredAt: new Date().toISOString(),
    complete: results.done && results.failures === 0 && results.pending === 0,
    tried: context.tally.tried.length,
    inputs: context.tally.tried,
    escapes: total,
    escapesFound: escapes,
    details: {
      filesChangedOutside,
      commandLinksRendered: context.tally.commandLinksRendered,
      requestsToFolderEndpoint: context.h1.requests.map((request) => `${request.method} ${request.url}`),
    },
    steps: { passed: results.passes, failed: results.failures, skipped: results.pending },
  });
  return { tried: context.tally.tried.length, escapes: total };
}
