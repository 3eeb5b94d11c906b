/**
 * The token hand-off story, told first, in the fresh window (no profile yet): "Try the Local
 * Sandbox" clicked in the empty QuickBlox view, an application session created against that
 * sandbox, its token handed to a task through `${command:quickblox.activeToken}` and to a terminal
 * through Export Session to Terminals, the sandbox stopped, and its profile deleted so that the
 * session story after it meets the empty view again. The Local Sandbox runs inside VS Code's
 * extension host: the harness's sandbox plays no part here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import type { CodeServer } from '../harness/codeServer';
import type { StoryContext } from './sessionStory';
import type { Step } from './steps';
import { exactly, selectors, type WorkbenchUi } from './ui';

export interface HandoffContext extends StoryContext {
  codeServer: CodeServer;
  /**
   * The tokens the Local Sandbox issued, as this story read them. It runs inside VS Code, where the
   * harness cannot list its sessions, so the story hands them on: the leak audit searches for them too.
   */
  localSandboxTokens: string[];
}

const CREATE = 'QuickBlox: Create Session';
const EXPORT = 'QuickBlox: Export Session to Terminals';
const STOP_EXPORT = 'QuickBlox: Stop Exporting to Terminals';
const STOP = 'QuickBlox: Stop Local Sandbox';
const PROFILE = 'Local Sandbox';
const APPLICATION_ID = '4242';
const RUNNING = /The Local Sandbox is running on 127\.0\.0\.1:(\d+), inside VS Code/;
const TASK = 'QuickBlox token to a file';
const TASK_FILE = 'token-from-task.txt';
const TERMINAL_FILE = 'token-from-terminal.txt';
const AFTER_STOP_FILE = 'token-after-stop.txt';

/** What the steps learn and later steps use. */
const seen: { port?: string; token?: string } = {};

function issuedToken(): string {
  assert.ok(seen.token, 'no token was read from the Local Sandbox (an earlier step failed)');
  return seen.token;
}

/** The first characters of a token, as the extension shows them: test output never holds a whole token. */
function masked(token: string): string {
  return `${token.slice(0, 6)}…`;
}

/**
 * Waits until `file` in the workspace holds `expected`, then removes it (it holds a token, and the
 * leak audit searches the workspace). Failures name lengths and prefixes only.
 */
async function takeFile(ui: WorkbenchUi, file: string, expected: string, what: string, timeoutMs = ui.timeoutMs): Promise<void> {
  let content: string | undefined;
  try {
    await ui.until(
      `${what} is written to ${path.basename(file)}`,
      async () => {
        content = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
        return content === expected;
      },
      timeoutMs,
    );
  } catch (error) {
    const found = content === undefined ? 'no file' : `${content.length} characters beginning "${masked(content)}"`;
    throw new Error(`${error instanceof Error ? error.message : String(error)}; found ${found}, expected ${expected.length} beginning "${masked(expected)}"`);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * "Tasks: Run Task" and the task labelled `label`. Its row is clicked ("Tasks: Restart Running Task"
 * comes first for that text), and the task list takes the palette's place. The folder's tasks.json
 * may be read a moment after it is written: asks again.
 */
async function runTask(ui: WorkbenchUi, label: string): Promise<void> {
  const title = 'Tasks: Run Task';
  const deadline = Date.now() + ui.timeoutMs;
  const box = ui.page.locator(selectors.quickInputBox);
  const taskList = ui.page.locator(`${selectors.quickInputBox}[placeholder="Select the task to run"]`);
  const labelled = (text: string): Locator =>
    ui.page.locator(selectors.quickInputRow).filter({ has: ui.page.locator('.label-name', { hasText: exactly(text) }) });
  const row = labelled(label);
  for (;;) {
    await ui.page.keyboard.press('F1');
    await box.waitFor({ state: 'visible', timeout: ui.timeoutMs });
    await box.fill(`>${title}`);
    await labelled(title).first().click({ timeout: ui.timeoutMs });
    await taskList.waitFor({ state: 'visible', timeout: ui.timeoutMs });
    await box.fill(label);
    try {
      await row.first().waitFor({ state: 'visible', timeout: 5000 });
      await row.first().click({ timeout: ui.timeoutMs });
      await ui.page.locator(selectors.quickInput).waitFor({ state: 'hidden', timeout: ui.timeoutMs });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`"Tasks: Run Task" did not offer "${label}": ${String(error)}`);
      await ui.page.keyboard.press('Escape');
    }
  }
}

/** What Stop Exporting to Terminals says, for a few seconds, in the status bar. */
function stoppedExporting(ui: WorkbenchUi): Locator {
  return ui.page
    .locator(selectors.statusItem)
    .filter({ hasText: `New terminals no longer get the QuickBlox session ${PROFILE} · app` })
    .first();
}

/** The terminals of the panel (xterm's element); a killed terminal's is removed. */
function terminals(ui: WorkbenchUi): Locator {
  return ui.page.locator('#workbench\\.parts\\.panel .terminal-wrapper .xterm');
}

/** "Terminal: Create New Terminal", then waits until the new terminal has the keyboard. */
async function newTerminal(ui: WorkbenchUi): Promise<void> {
  const before = await terminals(ui).count();
  await ui.runCommand('Terminal: Create New Terminal');
  await ui.until('a new terminal opens', async () => (await terminals(ui).count()) > before);
  await ui.page.locator('#workbench\\.parts\\.panel .terminal-wrapper.active .xterm.focus').waitFor({ state: 'visible', timeout: ui.timeoutMs });
}

/**
 * Types `command` and Enter in the focused terminal until `file` holds `expected`: keys typed
 * before the shell is ready are normally kept for it, but a shell that starts slowly may drop
 * them, so the (idempotent) command is typed again after a while.
 */
async function typeUntilWritten(ui: WorkbenchUi, command: string, file: string, expected: string, what: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await ui.page.keyboard.type(command);
    await ui.page.keyboard.press('Enter');
    try {
      await takeFile(ui, file, expected, what, attempt < 3 ? 10_000 : ui.timeoutMs);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Kills every terminal (the task's shows its command line, token included; a terminal open at exit
 * would be saved with its environment) and waits until none is left.
 */
async function killTerminals(ui: WorkbenchUi): Promise<void> {
  await ui.runCommand('Terminal: Kill All Terminals');
  await ui.until('no terminal is left', async () => (await terminals(ui).count()) === 0);
}

export const handoffStory: ReadonlyArray<Step<HandoffContext>> = [
  {
    title: 'a fresh window: the empty QuickBlox view offers "Try the Local Sandbox"; a click starts it, and its profile shows as running',
    run: async ({ ui }) => {
      await ui.statusItem('key', 'QuickBlox: no session').waitFor({ state: 'visible', timeout: 60_000 });
      await ui.openViewContainer('QuickBlox', 'Profiles');
      await ui.widenSideBar(440);
      const welcome = ui.page.locator(`${selectors.sideBar} .welcome-view-content`).filter({ hasText: 'No QuickBlox profiles yet' });
      await welcome.getByRole('button', { name: 'Try the Local Sandbox' }).click({ timeout: ui.timeoutMs });
      const message = await ui.waitForNotification(RUNNING);
      seen.port = RUNNING.exec(message)?.[1];
      assert.ok(seen.port, `no port in "${message}"`);
      await ui.treeRow(`${PROFILE} app ${APPLICATION_ID} · running on 127.0.0.1:${seen.port}`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await welcome.waitFor({ state: 'hidden', timeout: ui.timeoutMs });
    },
  },
  {
    title: `"${CREATE}" against it: the response document shows the token, and the sandbox itself knows it as that session's`,
    run: async (context) => {
      const { ui } = context;
      const port = seen.port;
      assert.ok(port, 'the Local Sandbox did not start');
      await ui.clearNotifications();
      await ui.runCommand(CREATE);
      await ui.pick(CREATE, '1/3', 'Application');
      await ui.waitForNotification(`QuickBlox session created for ${PROFILE} (Application)`);
      await ui.clickNotificationButton('QuickBlox session created', 'Show Response');
      await ui.page.locator(selectors.editorTab).filter({ hasText: 'application-session' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const lines = ui.page.locator('.editor-instance .view-lines').filter({ hasText: '"token"' });
      await lines.waitFor({ state: 'visible', timeout: ui.timeoutMs });
      // Which token is "the one the sandbox issued"? The Local Sandbox has no control API to list
      // its sessions, and what the extension stored (the status bar copies it) is what is under
      // test, so it cannot be the proof. The response document shows the sandbox's answer to
      // POST /session.json as it arrived: the whole document is copied (select all, copy), as a
      // person would, and its token read from the answer's body. Then the sandbox itself is asked
      // (GET /session.json with that token, from outside VS Code): it must know the token as the
      // session this very request made (same application, nonce and timestamp).
      await ui.page.evaluate('navigator.clipboard.writeText("")');
      await lines.click({ timeout: ui.timeoutMs });
      await ui.page.keyboard.press('ControlOrMeta+A');
      await ui.page.keyboard.press('ControlOrMeta+C');
      let document: ResponseDocument | undefined;
      await ui.until('the response document is on the clipboard', async () => {
        document = parseResponseDocument(await ui.clipboard().catch(() => ''));
        return document !== undefined;
      });
      assert.ok(document);
      await ui.page.evaluate('navigator.clipboard.writeText("")');
      const answered = document.response?.body?.session;
      const token = answered?.token;
      assert.equal(document.response?.status, 201, 'the document shows a 201 answer');
      assert.ok(typeof token === 'string' && /^[A-Za-z0-9._~+/=-]{16,}$/.test(token), 'the answer holds a token');
      assert.ok(document.request?.url?.startsWith(`http://127.0.0.1:${port}/`), `the request went to the Local Sandbox (${document.request?.url ?? 'no url'})`);
      seen.token = token;
      context.localSandboxTokens.push(token);

      const asked = await fetch(`http://127.0.0.1:${port}/session.json`, { headers: { 'QB-Token': token }, signal: AbortSignal.timeout(10_000) });
      const known = ((await asked.json()) as { session?: SandboxSession }).session;
      assert.equal(asked.status, 200, 'the Local Sandbox knows the token');
      assert.ok(known?.token === token, 'the Local Sandbox answers with the session of that token');
      assert.equal(String(known.application_id), APPLICATION_ID, 'an application of the demo');
      assert.equal(known.user_id, 0, 'an application session (no user)');
      const sent = document.request?.body;
      assert.equal(String(known.nonce), String(sent?.nonce), 'made by the request the document shows (its nonce)');
      assert.equal(String(known.ts), String(sent?.timestamp), 'made by the request the document shows (its timestamp)');
      await ui.statusItem('key', `${PROFILE} · app`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
    },
  },
  {
    title: 'a task of tasks.json, run from "Tasks: Run Task", gets that token through ${command:quickblox.activeToken}',
    run: async ({ ui, codeServer }) => {
      const token = issuedToken();
      const folder = codeServer.workspace;
      fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      const tasks = {
        version: '2.0.0',
        tasks: [
          {
            label: TASK,
            type: 'shell',
            // As the README shows it: the variable in the task's environment, not in its command line.
            // VS Code prints a task's command line in its terminal, and its terminal command history
            // (kept in VS Code's storage, on disk) records it: the leak audit found the token there
            // when this command was `printf %s "${command:quickblox.activeToken}"`.
            command: `printf %s "$QB_TOKEN" > ${TASK_FILE}`,
            options: { env: { QB_TOKEN: '${command:quickblox.activeToken}' } },
            problemMatcher: [],
          },
        ],
      };
      fs.writeFileSync(path.join(folder, '.vscode', 'tasks.json'), `${JSON.stringify(tasks, null, 2)}\n`);
      await ui.clearNotifications();
      await runTask(ui, TASK);
      await takeFile(ui, path.join(folder, TASK_FILE), token, 'the token from the task');
      // The task's terminal has the token in its environment: killed before VS Code could save it at exit.
      await killTerminals(ui);
    },
  },
  {
    title: `"${EXPORT}" gives a new terminal QUICKBLOX_TOKEN; once it is killed, "${STOP_EXPORT}" leaves the next terminal without it`,
    run: async ({ ui, codeServer }) => {
      const token = issuedToken();
      const folder = codeServer.workspace;
      await ui.clearNotifications();
      await ui.runCommand(EXPORT);
      await ui.waitForNotification(`New terminals get the token of the QuickBlox session ${PROFILE} · app (${masked(token)}) as QUICKBLOX_TOKEN`);
      await newTerminal(ui);
      await typeUntilWritten(
        ui,
        `printf %s "$QUICKBLOX_TOKEN" > ${TERMINAL_FILE}`,
        path.join(folder, TERMINAL_FILE),
        token,
        'QUICKBLOX_TOKEN of the new terminal',
      );
      // A terminal still open when VS Code exits is saved with its environment: it is killed first.
      await killTerminals(ui);
      await ui.runCommand(STOP_EXPORT);
      await stoppedExporting(ui).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await newTerminal(ui);
      await typeUntilWritten(
        ui,
        `printf %s "\${QUICKBLOX_TOKEN-unset}" > ${AFTER_STOP_FILE}`,
        path.join(folder, AFTER_STOP_FILE),
        'unset',
        'QUICKBLOX_TOKEN of a terminal opened after the stop',
      );
      await killTerminals(ui);
    },
  },
  {
    title: `"${STOP}" from the palette: the tree says the profile's sandbox is not running, and nothing answers on its port`,
    run: async ({ ui }) => {
      await ui.clearNotifications();
      await ui.runCommand(STOP);
      await ui.waitForNotification('The Local Sandbox stopped.');
      await ui.treeRow(`${PROFILE} app ${APPLICATION_ID} · not running`).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      const answered = await fetch(`http://127.0.0.1:${seen.port}/session.json`, { signal: AbortSignal.timeout(5000) }).then(
        (response) => response.status,
        () => undefined,
      );
      assert.equal(answered, undefined, `the stopped sandbox still answered (${answered})`);
    },
  },
  {
    title: 'the Local Sandbox profile deleted from its context menu: the view welcomes again, with no session, for the stories that follow',
    run: async ({ ui }) => {
      await ui.clearNotifications();
      await ui.contextMenu(ui.treeRow(`${PROFILE} `), 'Delete Profile');
      const dialog = ui.page.locator('.monaco-dialog-box').filter({ hasText: `Delete the profile "${PROFILE}"?` });
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click({ timeout: ui.timeoutMs });
      await ui.page
        .locator(`${selectors.sideBar} .welcome-view-content`)
        .filter({ hasText: 'No QuickBlox profiles yet' })
        .waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.statusItem('key', 'QuickBlox: no session').waitFor({ state: 'visible', timeout: ui.timeoutMs });
      // The response document showed the token: closed, like every editor, so the next window's look is the first one's.
      await ui.runCommand('View: Close All Editors');
      await ui.page.locator(selectors.editorTab).first().waitFor({ state: 'detached', timeout: ui.timeoutMs });
      await ui.clearNotifications();
      // Stop Exporting's word in the status bar lasts a few seconds: gone before the next story's screenshots.
      await stoppedExporting(ui).waitFor({ state: 'hidden', timeout: ui.timeoutMs });
    },
  },
];

/** The parts of a response document (src/views/responseView.ts) this story reads. */
interface ResponseDocument {
  request?: { url?: string; body?: { nonce?: unknown; timestamp?: unknown } };
  response?: { status?: number; body?: { session?: SandboxSession } };
}

interface SandboxSession {
  token?: string;
  application_id?: unknown;
  user_id?: unknown;
  nonce?: unknown;
  ts?: unknown;
}

function parseResponseDocument(text: string): ResponseDocument | undefined {
  try {
    const parsed = JSON.parse(text) as ResponseDocument;
    return parsed && typeof parsed === 'object' && parsed.response ? parsed : undefined;
  } catch {
    return undefined;
  }
}
