import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { NewProfile, Profile } from '../../src/profiles/profile';
import type { Prompt } from '../../src/feedback/prompts';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { secretKeys } from '../../src/profiles/secretKeys';
import fixtures from '../sandbox/fixtures.json';

export const EXTENSION_ID = 'quickblox-sessions.quickblox-sessions';

/** Every prompt the extension showed since the suite began, as the notifier reports them. */
const shown: Prompt[] = [];
let failuresFrom = 0;
let watching = false;

/** The extension's own test API (it exists only in test mode). */
export async function api(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const testApi = await extension.activate();
  assert.ok(testApi, 'the extension exposes its test API in test mode');
  if (!watching) {
    watching = true;
    testApi.prompts.onDidAsk((prompt) => shown.push(prompt));
  }
  return testApi;
}

/**
 * The last failure the person was told about (an error or warning notification, not a question in
 * a modal dialog) since the last clearFailures(), as the notifier showed it.
 */
export function lastFailure(): string | undefined {
  for (let i = shown.length - 1; i >= failuresFrom; i--) {
    const prompt = shown[i];
    if ((prompt.severity === 'error' || prompt.severity === 'warning') && !prompt.modal) return prompt.message;
  }
  return undefined;
}

/** The last notification of any kind since the last clearFailures(). */
export function lastNotification(): string | undefined {
  return shown.length > failuresFrom ? shown[shown.length - 1].message : undefined;
}

/** Failures shown before now no longer count for lastFailure(). */
export function clearFailures(): void {
  failuresFrom = shown.length;
}

export function sandboxUrl(): string {
  const url = process.env.QB_SANDBOX_URL;
  assert.ok(url, 'QB_SANDBOX_URL must name the sandbox the harness started');
  return url.replace(/\/$/, '');
}

export const demo = fixtures.apps[0];
export const idp = fixtures.apps[1];

export function demoProfile(name = 'Demo', overrides: Partial<NewProfile> = {}): NewProfile {
  return {
    name,
    applicationId: String(demo.applicationId),
    endpoint: sandboxUrl(),
    hash: 'sha1',
    secrets: { authKey: demo.authKey, authSecret: demo.authSecret, accountKey: demo.accountKey },
    ...overrides,
  };
}

/** Removes every profile and session, through the extension's own stores. */
export async function clean(): Promise<void> {
  const services = await api();
  for (const profile of services.profiles.list()) {
    await services.sessions.forgetProfile(profile.id);
    await services.profiles.remove(profile.id);
  }
  await services.sessions.forget(services.sessions.list().map((session) => session.id));
  await postControl('/_sandbox/reset');
}

export async function postControl(route: string, body?: unknown): Promise<void> {
  const response = await fetch(`${sandboxUrl()}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(response.ok, `${route} answered ${response.status}`);
}

export async function addDemoProfile(name = 'Demo', overrides: Partial<NewProfile> = {}): Promise<Profile> {
  return (await api()).profiles.add(demoProfile(name, overrides));
}

/** Every file the extension or VS Code wrote for this user, as raw bytes (state databases included). */
export function userDataFiles(context: vscode.ExtensionContext): Array<{ file: string; bytes: Buffer }> {
  // globalStorageUri is <user data>/User/globalStorage/<extension id>: two levels up is User/.
  const userDir = path.resolve(context.globalStorageUri.fsPath, '..', '..');
  const out: Array<{ file: string; bytes: Buffer }> = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ file: full, bytes: fs.readFileSync(full) });
    }
  };
  walk(userDir);
  return out;
}

/** Asserts that none of the secrets occurs in any of the files, in UTF-8 or UTF-16. */
export function assertNoSecretsOnDisk(files: Array<{ file: string; bytes: Buffer }>, secrets: string[]): void {
  for (const secret of secrets) {
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const needle = Buffer.from(secret, encoding);
      const hit = files.find(({ bytes }) => bytes.includes(needle));
      assert.equal(hit, undefined, `a secret (${secret.slice(0, 3)}…) was written to ${hit?.file}`);
    }
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The document the extension just opened rendered: the active tab is VS Code's Markdown preview
 * (its label, "Preview <file>", matches `name`), no editor shows the Markdown source, and the
 * document it renders is found among the open documents for its text.
 */
export async function renderedDocument(name: RegExp): Promise<{ tab: vscode.Tab; document: vscode.TextDocument }> {
  const isPreview = (tab: vscode.Tab | undefined): tab is vscode.Tab =>
    tab?.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType) && name.test(tab.label);
  const tab = await waitFor(`the rendered document ${name}`, () => {
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    return isPreview(active) ? active : undefined;
  }).catch((error: unknown) => {
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const described = tabs.map(
      (other) => `${other.isActive ? '*' : ''}${other.label} (${other.input instanceof vscode.TabInputWebview ? other.input.viewType : typeof other.input})`,
    );
    throw new Error(`${String(error)}; tabs: ${described.join(', ')}`);
  });
  const document = await waitFor(`the document under ${tab.label}`, () =>
    vscode.workspace.textDocuments.find((opened) => opened.uri.scheme === 'quickblox-response' && tab.label.endsWith(path.posix.basename(opened.uri.path))),
  );
  const asSource = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((other) => other.input instanceof vscode.TabInputText && other.input.uri.toString() === document.uri.toString());
  assert.deepEqual(
    asSource.map((other) => other.label),
    [],
    'the Markdown source is not open in an editor',
  );
  return { tab, document };
}

/** Everything the extension keeps: profiles, their secrets and saved passwords, sessions, the active one and their tokens. */
export async function storedState(services: TestApi, context: vscode.ExtensionContext): Promise<unknown> {
  const profiles = services.profiles.list();
  const sessions = services.sessions.list();
  return {
    profiles,
    secrets: await Promise.all(profiles.map((profile) => services.profiles.secretsOf(profile.id))),
    passwords: await Promise.all(profiles.flatMap((profile) => profile.savedUsers.map((user) => services.profiles.userPassword(profile.id, user.id)))),
    sessions,
    active: services.sessions.active()?.id,
    tokens: await Promise.all(sessions.map((session) => context.secrets.get(secretKeys.sessionToken(session.id)))),
  };
}

/**
 * Answers the extension's notifications the way a person clicks their buttons, for the rest of a
 * test: `choose` gets each prompt and returns the button to press (undefined dismisses it).
 * Returns the prompts seen and a function that puts the real notifications back.
 */
export async function answerPrompts(choose: (prompt: Prompt) => string | undefined = () => undefined): Promise<{ seen: Prompt[]; restore: () => void }> {
  const services = await api();
  const seen: Prompt[] = [];
  const original = services.prompts.answer;
  services.prompts.answer = (prompt) => {
    seen.push(prompt);
    return Promise.resolve(choose(prompt));
  };
  return { seen, restore: () => (services.prompts.answer = original) };
}

/**
 * The prompts of one test file, answered as each test says: `answer` puts a new answerer in place
 * of the last (and resolves to the list it will fill), `seen` is what was asked since, `restore`
 * puts production's answering back.
 */
export function promptAnswerer(): {
  answer: (choose?: (prompt: Prompt) => string | undefined) => Promise<Prompt[]>;
  seen: () => Prompt[];
  restore: () => void;
} {
  let current: Awaited<ReturnType<typeof answerPrompts>> | undefined;
  return {
    answer: async (choose) => {
      current?.restore();
      current = await answerPrompts(choose);
      return current.seen;
    },
    seen: () => current?.seen ?? [],
    restore: () => current?.restore(),
  };
}

/** The sandbox's live sessions, tokens included (from its control API). */
export async function sandboxSessions(): Promise<Array<{ id: number; token: string; userId: number; expiresAt: string }>> {
  return (await (await fetch(`${sandboxUrl()}/_sandbox/sessions`)).json()) as Array<{ id: number; token: string; userId: number; expiresAt: string }>;
}

/** The requests the sandbox received since its last reset (method and path). */
export async function sandboxRequests(): Promise<Array<{ method: string; path: string; headers: Record<string, string> }>> {
  return (await (await fetch(`${sandboxUrl()}/_sandbox/requests`)).json()) as Array<{ method: string; path: string; headers: Record<string, string> }>;
}

/**
 * Runs a command that asks in the quick input (a pick, a step of a flow) and answers each question
 * with the given workbench commands (such as `workbench.action.quickOpenSelectNext`, then
 * `workbench.action.acceptSelectedQuickOpenItem`), as a person's keys do, until the command ends.
 */
export async function answeringQuickInput<T>(run: () => Thenable<T>, ...keys: string[]): Promise<T> {
  let settled = false;
  const pending = Promise.resolve(run()).finally(() => (settled = true));
  const started = Date.now();
  while (!settled) {
    if (Date.now() - started > 15_000) assert.fail('the quick input never closed');
    await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, 300))]);
    for (const key of keys) if (!settled) await vscode.commands.executeCommand(key);
  }
  return pending;
}

/** An application session of the profile, made through Create Session, with its stored token. */
export async function createApplicationSession(profileId: string): Promise<{ session: TrackedSession; token: string }> {
  const session = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId, auth: { type: 'application' } });
  assert.ok(session, `no session was created: ${lastFailure()}`);
  const token = await (await api()).sessions.token(session.id);
  assert.ok(token);
  return { session, token };
}

/** Moves this window's clock and the sandbox's by the same amount, as time passing does. */
export async function letTimePass(ms: number): Promise<void> {
  const services = await api();
  const before = services.clock.now;
  services.clock.now = () => before() + ms;
  const offset = (await (await fetch(`${sandboxUrl()}/_sandbox/clock`)).json()) as { offsetSeconds: number };
  await postControl('/_sandbox/clock', { offsetSeconds: offset.offsetSeconds + ms / 1000 });
}
