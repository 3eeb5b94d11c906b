/**
 * The reliability story, told after the session story in the same workbench (it starts from its
 * "Sandbox" profile and sessions): two windows of one folder follow each other's profile changes,
 * Cancel on the progress notification stops a slow request cleanly, a reload in the middle of a
 * request leaves nothing half made, concurrent sessions are all kept and carry distinct nonces,
 * and Export Profiles writes a file for the secret-leak audit to search. What it measures goes to
 * test-results/figures/concurrency.json and reliability.json.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator } from 'playwright-core';
import type { CodeServer } from '../harness/codeServer';
import { writeJsonAtomically } from '../harness/results';
import type { ReceivedRequest, Sandbox } from '../sandbox/server';
import { addProfile, DEMO, PROFILE, type StoryContext } from './sessionStory';
import type { Step } from './steps';
import { selectors, WorkbenchUi } from './ui';

export interface ReliabilityContext extends StoryContext {
  codeServer: CodeServer;
  runDir: string;
  /** concurrency.json and reliability.json go here. */
  figuresDir: string;
  /** The second window, while it is open. */
  second?: WorkbenchUi;
}

const CREATE = 'QuickBlox: Create Session';
const DELETE = 'QuickBlox: Delete Profile';
const EXPORT = 'QuickBlox: Export Profiles';
const SECOND_PROFILE = 'Second window';
const ACCOUNT_KEY = 'demo-account-key-2f8a';
const FACEBOOK = { token: 'demo-fb-token-bob-0002', secret: 'demo-fb-secret-bob', userId: 1002 };
const FIREBASE = { projectId: 'demo-sandbox-firebase', token: 'demo-firebase-token-carol', userId: 1003 };
/** How slow the sandbox answers a Create Session that is cancelled (no run waits for it). */
const CANCEL_DELAY_MS = 15_000;
/** ... one that a reload interrupts (the step watches the tree until the answer would have come). */
const RELOAD_DELAY_MS = 8000;
/** ... each of three started one after the other, so that they are in flight together. */
const CONCURRENT_DELAY_MS = 6000;
/**
 * A change in one window must show in the other within this. The tree also redraws every 30 s on
 * its own, so this is well below that: a pass means the change itself was noticed.
 */
const CROSS_WINDOW_MS = 12_000;

/** What the story measured, written as figures. */
const measured: Record<string, unknown> = {};

function writeFigures(context: ReliabilityContext, name: 'concurrency' | 'reliability', value: Record<string, unknown>): void {
  writeJsonAtomically(path.join(context.figuresDir, `${name}.json`), { figure: name, measuredAt: new Date().toISOString(), ...value });
}

function sessionPosts(sandbox: Sandbox): ReceivedRequest[] {
  return sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/session.json');
}

function nonceOf(request: ReceivedRequest): string {
  const body = request.body as { nonce?: unknown; timestamp?: unknown } | undefined;
  return String(body?.nonce);
}

/** The session rows of the tree (profiles are level 1). */
function sessionRows(ui: WorkbenchUi): Locator {
  return ui.page.locator(`${selectors.treeRow}[aria-level="2"]`);
}

async function rowLabels(ui: WorkbenchUi): Promise<string[]> {
  return sessionRows(ui).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
}

async function waitForRowCount(ui: WorkbenchUi, count: number, timeoutMs = ui.timeoutMs): Promise<void> {
  let seen = -1;
  await ui
    .until(`the tree shows ${count} sessions`, async () => (seen = await sessionRows(ui).count()) === count, timeoutMs)
    .catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)} (it shows ${seen})`);
    });
}

/** The progress notification of a Create Session for the profile. */
function progressToast(ui: WorkbenchUi, kind = 'application'): Locator {
  return ui.page
    .locator('.notifications-toasts .notification-toast')
    .filter({ hasText: `Creating ${kind} session for ${PROFILE}` })
    .first();
}

function errorToasts(ui: WorkbenchUi): Locator {
  return ui.page.locator('.notifications-toasts .notification-toast').filter({ has: ui.page.locator('.codicon-error') });
}

/** The active session as the status bar names it, without its time left. */
async function statusWhat(ui: WorkbenchUi): Promise<string> {
  const item = ui.statusItem('key', `${PROFILE} · `);
  await item.waitFor({ state: 'visible', timeout: ui.timeoutMs });
  return (await item.innerText()).trim().replace(/ · [^·]*$/, '');
}

/** Clicks the status-bar item and returns what lands on the clipboard. */
async function copyActiveToken(ui: WorkbenchUi, sandbox: Sandbox): Promise<string> {
  await ui.page.evaluate('navigator.clipboard.writeText("")');
  await ui.statusItem('key', `${PROFILE} · `).click({ timeout: ui.timeoutMs });
  let copied = '';
  await ui.until('the status-bar item copies a token the sandbox issued', async () => {
    copied = await ui.clipboard().catch(() => '');
    return sandbox.sessions().some((session) => session.token === copied);
  });
  return copied;
}

/** Lines of the extension's log (every window's extension host) that match. */
function logLines(codeServer: CodeServer, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'QuickBlox.log') {
        found.push(
          ...fs
            .readFileSync(full, 'utf8')
            .split('\n')
            .filter((line) => pattern.test(line)),
        );
      }
    }
  };
  const logs = path.join(codeServer.userDataDir, 'logs');
  if (fs.existsSync(logs)) walk(logs);
  return found;
}

async function startCreate(ui: WorkbenchUi, kind: string): Promise<void> {
  await ui.runCommand(CREATE);
  await ui.pick('QuickBlox', undefined, PROFILE);
  await ui.pick(CREATE, '1/3', kind);
}

async function createApplicationSession(ui: WorkbenchUi): Promise<void> {
  await startCreate(ui, 'Application');
  await ui.waitForNotification(`QuickBlox session created for ${PROFILE} (Application)`);
}

async function waitForWorkbench(ui: WorkbenchUi): Promise<void> {
  await ui.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  await ui.page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: 90_000 });
}

export const reliabilityStory: ReadonlyArray<Step<ReliabilityContext>> = [
  {
    title: 'a second window of the same folder opens with the same profiles and active session',
    run: async (context) => {
      const { workbench, runDir } = context;
      const page = await workbench.page.context().newPage();
      const log = fs.createWriteStream(path.join(runDir, 'browser-console-window2.log'));
      page.on('console', (message) => log.write(`[${message.type()}] ${message.text()}\n`));
      page.on('close', () => log.end());
      const second = new WorkbenchUi(page);
      context.second = second;
      await page.goto(workbench.page.url(), { waitUntil: 'domcontentloaded', timeout: 90_000 });
      await waitForWorkbench(second);
      await second.statusItem('key', `${PROFILE} · `).waitFor({ state: 'visible', timeout: 60_000 });
      await second.openViewContainer('QuickBlox', 'Profiles');
      await second.treeRow(`${PROFILE} `).waitFor({ state: 'visible', timeout: second.timeoutMs });
    },
  },
  {
    title: `a profile added in window 1 appears in window 2's tree within ${CROSS_WINDOW_MS / 1000} s, without a reload`,
    run: async (context) => {
      const second = context.second;
      assert.ok(second, 'the second window is not open');
      await context.workbench.page.bringToFront();
      await addProfile(context, SECOND_PROFILE, DEMO.authSecret, undefined, ACCOUNT_KEY);
      await context.ui.treeRow(`${SECOND_PROFILE} `).waitFor({ state: 'visible', timeout: context.ui.timeoutMs });
      const saved = Date.now();
      await second.treeRow(`${SECOND_PROFILE} `).waitFor({ state: 'visible', timeout: CROSS_WINDOW_MS });
      measured.crossWindowAddMs = Date.now() - saved;
    },
  },
  {
    title: `a profile deleted in window 2 (palette, modal "Delete") leaves window 1's tree within ${CROSS_WINDOW_MS / 1000} s`,
    run: async (context) => {
      const second = context.second;
      assert.ok(second, 'the second window is not open');
      await second.page.bringToFront();
      await second.runCommand(DELETE);
      await second.pick('QuickBlox', undefined, SECOND_PROFILE);
      const dialog = second.page.locator('.monaco-dialog-box').filter({ hasText: `Delete the profile "${SECOND_PROFILE}"?` });
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click({ timeout: second.timeoutMs });
      await second.treeRow(`${SECOND_PROFILE} `).waitFor({ state: 'hidden', timeout: second.timeoutMs });
      const deleted = Date.now();
      await context.ui.treeRow(`${SECOND_PROFILE} `).waitFor({ state: 'hidden', timeout: CROSS_WINDOW_MS });
      measured.crossWindowDeleteMs = Date.now() - deleted;
      await context.ui.treeRow(`${PROFILE} `).waitFor({ state: 'visible', timeout: context.ui.timeoutMs });
      await second.page.close();
      context.second = undefined;
      await context.workbench.page.bringToFront();
      writeFigures(context, 'reliability', measured);
    },
  },
  {
    title: 'Cancel on the progress notification stops a slow Create Session: no session, no error, and the next one succeeds',
    run: async (context) => {
      const { ui, sandbox, codeServer } = context;
      await ui.clearNotifications();
      const rows = await sessionRows(ui).count();
      const status = await statusWhat(ui);
      const tabs = await ui.page.locator(selectors.editorTab).count();
      const cancelledBefore = logLines(codeServer, /\[cancelled\]/).length;
      const posts = sessionPosts(sandbox).length;
      sandbox.addFault({ type: 'delay', ms: CANCEL_DELAY_MS, method: 'POST', path: '/session.json' });
      await startCreate(ui, 'Application');
      const toast = progressToast(ui);
      await toast.waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.until('the request reached the sandbox', async () => sessionPosts(sandbox).length > posts);
      const clicked = Date.now();
      await toast.getByRole('button', { name: 'Cancel' }).click({ timeout: ui.timeoutMs });
      await toast.waitFor({ state: 'hidden', timeout: CANCEL_DELAY_MS / 2 });
      measured.cancelClosedProgressMs = Date.now() - clicked;
      await ui.until('the log records the request as cancelled', async () => logLines(codeServer, /\[cancelled\]/).length > cancelledBefore);
      // The error would follow the log line at once: watch briefly for one.
      const watchUntil = Date.now() + 1500;
      while (Date.now() < watchUntil) {
        assert.equal(await errorToasts(ui).count(), 0, 'a cancelled request shows no error notification');
        await sleep(200);
      }
      assert.equal(await sessionRows(ui).count(), rows, 'no session appears for the cancelled request');
      assert.equal(await statusWhat(ui), status, 'the status bar still shows the same session');
      assert.equal(await ui.page.locator(selectors.editorTab).count(), tabs, 'no response document opens for a cancel');
      sandbox.clearFaults();
      await createApplicationSession(ui);
      await waitForRowCount(ui, rows + 1);
      writeFigures(context, 'reliability', measured);
    },
  },
  {
    title: 'a reload while Create Session waits: the tree and status bar come back whole, no half-made session, and a new session works',
    run: async (context) => {
      const { ui, sandbox } = context;
      await ui.clearNotifications();
      const rows = await sessionRows(ui).count();
      const status = await statusWhat(ui);
      const token = await copyActiveToken(ui, sandbox);
      const issued = sandbox.sessions().length;
      const posts = sessionPosts(sandbox).length;
      sandbox.addFault({ type: 'delay', ms: RELOAD_DELAY_MS, method: 'POST', path: '/session.json' });
      await startCreate(ui, 'Application');
      await progressToast(ui).waitFor({ state: 'visible', timeout: ui.timeoutMs });
      await ui.until('the request reached the sandbox', async () => sessionPosts(sandbox).length > posts);
      const sent = Date.now();
      await ui.page.reload({ waitUntil: 'domcontentloaded', timeout: 90_000 });
      await waitForWorkbench(ui);
      await ui.statusItem('key', `${PROFILE} · `).waitFor({ state: 'visible', timeout: 60_000 });
      measured.reloadToStatusBarMs = Date.now() - sent;
      await ui.openViewContainer('QuickBlox', 'Profiles');
      await ui.expandTreeRow(`${PROFILE} `);
      await waitForRowCount(ui, rows);
      // Until the sandbox has answered the interrupted request (and a little more), nothing may appear.
      const watchUntil = sent + RELOAD_DELAY_MS + 3000;
      while (Date.now() < watchUntil) {
        assert.equal(await sessionRows(ui).count(), rows, 'no session appears for the request the reload interrupted');
        await sleep(250);
      }
      measured.reloadInterruptedRequestIssuedByServer = sandbox.sessions().length > issued;
      assert.equal(await statusWhat(ui), status, 'the status bar shows the session it showed before the reload');
      const active = (await rowLabels(ui)).filter((label) => label.includes('active'));
      assert.equal(active.length, 1, `exactly one session row is marked active (rows: ${(await rowLabels(ui)).join(' | ')})`);
      const kind = status.split(' · ')[1]?.split(' ')[0] ?? '';
      assert.ok(active[0].startsWith(kind), `the active row (${active[0]}) is the kind of session the status bar shows (${status})`);
      assert.equal(await copyActiveToken(ui, sandbox), token, "the active session's token is still in SecretStorage");
      assert.equal(await errorToasts(ui).count(), 0, 'no error notification after the reload');
      sandbox.clearFaults();
      await createApplicationSession(ui);
      await waitForRowCount(ui, rows + 1);
      writeFigures(context, 'reliability', measured);
    },
  },
  {
    title: 'three sessions created at once (application, Facebook, Firebase) are all kept, signed with distinct nonces',
    run: async (context) => {
      const { ui, sandbox } = context;
      await ui.clearNotifications();
      const rows = await sessionRows(ui).count();
      const issuedBefore = new Set(sandbox.sessions().map((session) => session.token));
      const posts = sessionPosts(sandbox).length;
      sandbox.addFault({ type: 'delay', ms: CONCURRENT_DELAY_MS, method: 'POST', path: '/session.json', times: 3 });
      await startCreate(ui, 'Application');
      await startCreate(ui, 'Facebook');
      await ui.answer(CREATE, '2/3', 'Facebook access token', FACEBOOK.token);
      await ui.answer(CREATE, '3/3', 'Facebook access token secret', FACEBOOK.secret);
      await startCreate(ui, 'Firebase phone');
      await ui.answer(CREATE, '2/3', 'Firebase project ID', FIREBASE.projectId);
      await ui.answer(CREATE, '3/3', 'Firebase user ID token', FIREBASE.token);
      await ui.until('the three requests reached the sandbox', async () => sessionPosts(sandbox).length >= posts + 3);
      const concurrent = sessionPosts(sandbox).slice(posts, posts + 3);
      const gaps = concurrent.slice(1).map((request, i) => request.receivedAt - concurrent[i].receivedAt);
      await waitForRowCount(ui, rows + 3, 60_000);
      const fresh = sandbox.sessions().filter((session) => !issuedBefore.has(session.token));
      assert.deepEqual(
        fresh.map((session) => session.userId).sort(),
        [0, FACEBOOK.userId, FIREBASE.userId].sort(),
        'the sandbox issued an application, a Facebook and a Firebase session',
      );
      const labels = await rowLabels(ui);
      const kept = fresh.filter((session) => labels.some((label) => label.includes(`${session.token.slice(0, 6)}…`)));
      const all = sessionPosts(sandbox).map(nonceOf);
      const together = concurrent.map(nonceOf);
      writeFigures(context, 'concurrency', {
        what: 'Create Session started three times in one window while the sandbox delayed each answer',
        tried: concurrent.length,
        ok: kept.length,
        inFlightTogether: gaps.every((gap) => gap < CONCURRENT_DELAY_MS),
        secondsBetweenStarts: gaps.map((gap) => gap / 1000),
        distinctNonces: new Set(together).size === together.length,
        sessionRequestsInRun: all.length,
        distinctNoncesInRun: new Set(all).size,
      });
      assert.ok(
        gaps.every((gap) => gap < CONCURRENT_DELAY_MS),
        `each request started while the one before it waited (gaps ${gaps.join(', ')} ms, delay ${CONCURRENT_DELAY_MS} ms)`,
      );
      assert.equal(kept.length, 3, `the tree shows all three new sessions (rows: ${labels.join(' | ')})`);
      assert.equal(new Set(together).size, 3, `the concurrent requests carry distinct nonces (${together.join(', ')})`);
      assert.equal(new Set(all).size, all.length, `every Create Session of the run carried its own nonce (${all.length} requests)`);
    },
  },
  {
    title: `"${EXPORT}" writes the profiles to the workspace, without a secret`,
    run: async ({ ui, codeServer }) => {
      const file = path.join(codeServer.workspace, 'quickblox-profiles.json');
      await ui.clearNotifications();
      await ui.runCommand(EXPORT);
      const box = ui.page.locator(selectors.quickInputBox);
      await ui.until('the save dialog offers quickblox-profiles.json', async () =>
        (await box.inputValue().catch(() => '')).endsWith('quickblox-profiles.json'),
      );
      await box.press('Enter');
      await ui.waitForNotification(/Exported 2 QuickBlox profiles without secrets/);
      const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles: Array<{ name: string }> };
      assert.deepEqual(exported.profiles.map((profile) => profile.name).sort(), [PROFILE, 'Wrong secret'].sort());
    },
  },
];
