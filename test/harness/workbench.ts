/**
 * Headless Chromium (Debian's, driven by playwright-core) showing code-server's workbench with the
 * extension under development, and optionally a test suite, passed in the `payload` parameter.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { envSeconds, firstLine, say, seconds } from './log';
import { killDescendantsMatching } from './processTree';
import { subdir } from './repo';

export interface WorkbenchOptions {
  codeServer: CodeServer;
  /** Throwaway folder for the browser profile. */
  scratchDir: string;
  /** The browser console goes to <runDir>/browser-console.log. */
  runDir: string;
  /** The extension's folder; left out when the extension is installed from its VSIX instead. */
  extensionDevelopmentPath?: string;
  /** Integration tests: the compiled suite's index.js. E2E: leave out. */
  extensionTestsPath?: string;
  /**
   * Answer the Workspace Trust dialog (code-server started with `workspaceTrust`) with "No, I don't
   * trust the authors", and wait until the "Restricted Mode" status-bar item shows.
   */
  declineTrust?: boolean;
}

export interface Workbench {
  page: Page;
  consoleLogFile: string;
  /** Saves a PNG of the whole window; never throws (resolves to undefined when it failed). */
  screenshot(file: string): Promise<string | undefined>;
  /** Closes the browser; a browser that does not close within 15 s is killed. Safe to call twice. */
  close(): Promise<void>;
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function chromiumPath(): string {
  const bin = process.env.QB_CHROMIUM_BIN ?? '/usr/bin/chromium';
  if (!fs.existsSync(bin)) throw new Error(`Chromium is not at ${bin}: run \`npm run setup:test-env\` (it installs Debian's chromium) or set QB_CHROMIUM_BIN`);
  return bin;
}

export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const { codeServer } = options;
  const profileDir = subdir(options.scratchDir, 'chromium-profile');
  const chromiumXdg = subdir(options.scratchDir, 'chromium-xdg');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    // Chromium writes crash reports and dconf under these despite its own profile folder, and its
    // temporary files (shared memory, with --disable-dev-shm-usage) to TMPDIR: all in the scratch
    // folder, where the E2E secret-leak audit searches them and the cleanup removes them.
    env: { ...process.env, XDG_CONFIG_HOME: chromiumXdg, XDG_CACHE_HOME: chromiumXdg, TMPDIR: subdir(options.scratchDir, 'chromium-tmp') },
    args: CHROMIUM_FLAGS,
  });
  const workbench = wrap(context, profileDir, path.join(options.runDir, 'browser-console.log'));
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: codeServer.origin });
    const payload: Array<[string, string]> = options.extensionDevelopmentPath
      ? [['extensionDevelopmentPath', codeServer.remoteUri(options.extensionDevelopmentPath)]]
      : [];
    if (options.extensionTestsPath) payload.push(['extensionTestsPath', codeServer.remoteUri(options.extensionTestsPath)]);
    const url = `${codeServer.origin}/?folder=${encodeURIComponent(codeServer.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const loadMs = envSeconds('QB_WORKBENCH_LOAD_TIMEOUT_S', 90);
    const deadline = Date.now() + loadMs;
    const { page } = workbench;
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: loadMs });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
      await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) });
    } catch (error) {
      throw new Error(`the workbench did not load within ${seconds(loadMs)} (${firstLine(error)}); browser console: ${workbench.consoleLogFile}`);
    }
    if (options.declineTrust) {
      try {
        await declineWorkspaceTrust(page, Math.max(deadline, Date.now() + 60_000));
      } catch (error) {
        throw new Error(`the folder did not open in Restricted Mode (${firstLine(error)}); browser console: ${workbench.consoleLogFile}`);
      }
      say('workspace trust declined: the folder is open in Restricted Mode');
    }
    say(
      `workbench loaded (${options.extensionTestsPath ? 'extension + integration suite' : options.extensionDevelopmentPath ? 'extension only' : 'installed extensions'})`,
    );
    return workbench;
  } catch (error) {
    await workbench.screenshot(path.join(options.runDir, 'workbench-not-loaded.png'));
    await workbench.close();
    throw error;
  }
}

/** The "Restricted Mode" item VS Code adds to the status bar of an untrusted folder. */
export function restrictedModeItem(page: Page): Locator {
  return page.locator('#workbench\\.parts\\.statusbar .statusbar-item').filter({ hasText: 'Restricted Mode' }).first();
}

/** Clicks "No, I don't trust the authors" in the trust dialog, then waits for the Restricted Mode item. */
async function declineWorkspaceTrust(page: Page, deadline: number): Promise<void> {
  const left = (): number => Math.max(1, deadline - Date.now());
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: 'trust the authors' });
  await dialog.waitFor({ state: 'visible', timeout: left() });
  await dialog.locator('.monaco-button').filter({ hasText: "No, I don't trust the authors" }).click({ timeout: left() });
  await dialog.waitFor({ state: 'hidden', timeout: left() });
  await restrictedModeItem(page).waitFor({ state: 'visible', timeout: left() });
}

function wrap(context: BrowserContext, profileDir: string, consoleLogFile: string): Workbench {
  const page = context.pages()[0];
  if (!page) throw new Error('Chromium opened without a page');
  const consoleLog = fs.createWriteStream(consoleLogFile);
  page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.message}\n`));
  page.on('crash', () => consoleLog.write('[crash] the page crashed\n'));
  let closing: Promise<void> | undefined;
  return {
    page,
    consoleLogFile,
    screenshot: async (file) => {
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file, timeout: 15_000 });
        return file;
      } catch (error) {
        say(`could not save screenshot ${file}: ${firstLine(error)}`);
        return undefined;
      }
    },
    close: () => {
      closing ??= (async () => {
        const closed = await Promise.race([
          context.close().then(
            () => true,
            () => true,
          ),
          new Promise<false>((resolve) => setTimeout(() => resolve(false), 15_000).unref()),
        ]);
        const killed = killDescendantsMatching(profileDir);
        if (!closed || killed.length) say(`Chromium did not close in time: SIGKILL for pids ${killed.join(', ') || '(none left)'}`);
        await new Promise<void>((resolve) => consoleLog.end(resolve));
      })();
      return closing;
    },
  };
}
