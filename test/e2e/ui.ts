/**
 * What a person does in the workbench, as Playwright calls: the command palette, multi-step
 * inputs, quick picks, notifications, the activity bar, tree rows, the status bar, the clipboard.
 * Every wait is a Playwright locator wait with a generous timeout (2-core CI machines are slow).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';

export const selectors = {
  quickInput: '.quick-input-widget',
  quickInputTitle: '.quick-input-widget .quick-input-title',
  quickInputMessage: '.quick-input-widget .quick-input-message',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  toastMessage: '.notifications-toasts .notification-list-item-message',
  statusItem: '#workbench\\.parts\\.statusbar .statusbar-item',
  sideBar: '#workbench\\.parts\\.sidebar',
  treeRow: '#workbench\\.parts\\.sidebar .monaco-list-row[role="treeitem"]',
  editorTab: '.tabs-container .tab',
} as const;

/** A string matched as the whole text (trimmed), for labels that are substrings of others. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

export class WorkbenchUi {
  constructor(
    readonly page: Page,
    /** Default wait for anything to appear. */
    readonly timeoutMs = 30_000,
  ) {}

  /**
   * Runs a command from the palette by its full title ("QuickBlox: Add Profile"). Right after the
   * workbench loads, the palette may not list the extension's commands yet: it retries.
   */
  async runCommand(title: string, withinMs = 60_000): Promise<void> {
    const { page } = this;
    const deadline = Date.now() + withinMs;
    const box = page.locator(selectors.quickInputBox);
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      await box.waitFor({ state: 'visible', timeout: this.timeoutMs });
      await box.fill(`>${title}`);
      const row = page.locator(`${selectors.quickInputRow}.focused`).filter({ hasText: title });
      try {
        await row.waitFor({ state: 'visible', timeout: 3000 });
        await box.press('Enter');
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the palette did not offer "${title}" (${attempt} tries): ${String(error)}`);
        await page.keyboard.press('Escape');
        await sleep(500);
      }
    }
  }

  /**
   * "File: New Untitled Text File" from the palette, and waits for its editor to have focus. The
   * palette puts "File: Compare New Untitled Text Files" first for that text, so the row is clicked
   * rather than taken with Enter.
   */
  async newUntitledFile(): Promise<void> {
    await this.runExactCommand('File: New Untitled Text File');
    await this.page.locator(selectors.editorTab).filter({ hasText: 'Untitled-' }).first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /**
   * Runs the palette's command titled exactly `title`, clicking its row: for a title that other
   * commands' titles contain or outrank ("Markdown: Open Preview" comes after "Markdown: Open
   * Locked Preview to the Side").
   */
  async runExactCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const box = this.page.locator(selectors.quickInputBox);
    await box.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await box.fill(`>${title}`);
    await this.page
      .locator(selectors.quickInputRow)
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) })
      .first()
      .click({ timeout: this.timeoutMs });
    await box.waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** The multi-step input whose title reads `<title> (<step>/<total>)`. */
  async waitForStep(title: string, step?: string): Promise<void> {
    const text = step ? `${title} (${step})` : title;
    await this.page
      .locator(selectors.quickInputTitle)
      .filter({ hasText: exactly(text) })
      .waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /** Waits for the input box of `step` (its title and prompt), replaces its value with `value`, and presses Enter. */
  async answer(title: string, step: string, prompt: string, value: string): Promise<void> {
    await this.waitForStep(title, step);
    await this.page.locator(selectors.quickInputMessage).filter({ hasText: prompt }).waitFor({ state: 'visible', timeout: this.timeoutMs });
    const box = this.page.locator(selectors.quickInputBox);
    await box.fill(value);
    await box.press('Enter');
    await this.leftStep(title, step);
  }

  /** The value an input box of `step` was opened with. */
  async prefilled(title: string, step: string): Promise<string> {
    await this.waitForStep(title, step);
    return this.page.locator(selectors.quickInputBox).inputValue();
  }

  /** Picks the item labelled exactly `label` in the quick pick titled `title` (and `step`). */
  async pick(title: string, step: string | undefined, label: string): Promise<void> {
    await this.waitForStep(title, step);
    const row = this.page.locator(selectors.quickInputRow).filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
    await row.first().click({ timeout: this.timeoutMs });
    await this.leftStep(title, step);
  }

  /** After Enter: the step is gone (the next one shows, or the input closed). A validation message keeps it: fail with it. */
  private async leftStep(title: string, step: string | undefined): Promise<void> {
    const text = step ? `${title} (${step})` : title;
    const current = this.page.locator(`${selectors.quickInput}:visible .quick-input-title`).filter({ hasText: exactly(text) });
    try {
      await current.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    } catch {
      const message = await this.page
        .locator(selectors.quickInputMessage)
        .innerText()
        .catch(() => '');
      throw new Error(`"${text}" did not accept the answer: ${message}`);
    }
  }

  /** A notification toast whose message contains `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator(selectors.toastMessage).filter({ hasText: text }).first();
  }

  /** Clicks the button labelled `button` on the notification toast that contains `text`. */
  async clickNotificationButton(text: string, button: string): Promise<void> {
    await this.page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: text })
      .getByRole('button', { name: button })
      .click({ timeout: this.timeoutMs });
  }

  async waitForNotification(text: string | RegExp, timeoutMs = this.timeoutMs): Promise<string> {
    const toast = this.notification(text);
    await toast.waitFor({ state: 'visible', timeout: timeoutMs });
    return toast.innerText();
  }

  /**
   * Opens a view container from the activity bar; clicking the active one would close it. A second
   * window of the same workspace restores the side bar on its own, maybe just after this looked:
   * the item is clicked only while it is not checked, and the title is awaited in short rounds.
   */
  async openViewContainer(label: string, viewTitle: string): Promise<void> {
    const header = this.page.locator(`${selectors.sideBar} .pane-header`).filter({ hasText: viewTitle });
    if (await header.isVisible()) return;
    const title = this.page.locator(`${selectors.sideBar} .composite.title`).filter({ hasText: label });
    const link = this.page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${label}"]`);
    const item = this.page.locator('.part.activitybar .action-item').filter({ has: this.page.locator(`a.action-label[aria-label^="${label}"]`) });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      if (!(await title.isVisible()) && !(await item.evaluate((element) => element.classList.contains('checked'), undefined, { timeout: this.timeoutMs }))) {
        await link.click({ timeout: this.timeoutMs });
      }
      try {
        await title.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(1, deadline - Date.now())) });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  /** Drags the side bar's edge so it is at least `width` pixels wide (for readable screenshots). */
  async widenSideBar(width: number): Promise<void> {
    const box = await this.page.locator(selectors.sideBar).boundingBox();
    if (!box || box.width >= width) return;
    const edge = { x: box.x + box.width, y: box.y + box.height / 2 };
    await this.page.mouse.move(edge.x - 1, edge.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, edge.y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Closes every notification, so a screenshot shows only what comes next. */
  async clearNotifications(): Promise<void> {
    // A notification that an earlier step's work shows late (such as "Save User?" after a sign-in)
    // can arrive just after a clear: clear again until none is left.
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      await this.runCommand('Notifications: Clear All Notifications');
      try {
        await this.page.locator(selectors.toastMessage).first().waitFor({ state: 'hidden', timeout: 3000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  /** A row of the tree in the side bar whose accessible label (label, then description) starts with `label`. */
  treeRow(label: string): Locator {
    return this.page.locator(`${selectors.treeRow}[aria-label^="${label.replace(/["\\]/g, '\\$&')}"]`).first();
  }

  /** Expands a collapsed tree row (VS Code may keep a row collapsed that its provider now marks expanded). */
  async expandTreeRow(label: string): Promise<void> {
    const row = this.treeRow(label);
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
    await row.and(this.page.locator('[aria-expanded="true"]')).waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /**
   * Right-clicks `row` and chooses the context-menu entry titled exactly `entry`. A menu sometimes
   * ignores a click that comes right after it opened; the entry is then highlighted, and Enter runs it.
   */
  async contextMenu(row: Locator, entry: string): Promise<void> {
    await row.click({ button: 'right', timeout: this.timeoutMs });
    const item = this.page
      .locator('.monaco-menu .action-item .action-label')
      .filter({ hasText: exactly(entry), visible: true })
      .first();
    await item.click({ timeout: this.timeoutMs });
    const menu = this.page.locator('.monaco-menu').filter({ visible: true });
    try {
      await menu.waitFor({ state: 'hidden', timeout: 1000 });
    } catch {
      await item.hover({ timeout: this.timeoutMs });
      await this.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    }
  }

  /** A status-bar item showing the codicon `icon` and `text`. */
  statusItem(icon: string, text: string | RegExp): Locator {
    return this.page
      .locator(selectors.statusItem)
      .filter({ has: this.page.locator(`.codicon-${icon}`), hasText: text })
      .first();
  }

  /**
   * The body of the Markdown preview the editor area shows: a webview, which is an iframe holding
   * the page's own iframe. Only the visible one counts (a preview in a background tab may keep its
   * frame).
   */
  preview(): Locator {
    return this.page.locator('iframe.webview.ready').filter({ visible: true }).first().contentFrame().locator('#active-frame').contentFrame().locator('body');
  }

  /**
   * Gives the keyboard back to the workbench: after a click in a webview (or once a focused webview
   * is closed) keys go to its frame, and F1 opens no palette. A click on the editor area's corner
   * (the tab bar, or the empty area) takes focus back.
   */
  async focusWorkbench(): Promise<void> {
    await this.page.locator('#workbench\\.parts\\.editor').click({ position: { x: 4, y: 4 }, timeout: this.timeoutMs });
  }

  /** The browser's clipboard (the workbench's origin was granted clipboard-read). */
  clipboard(): Promise<string> {
    return this.page.evaluate<string>('navigator.clipboard.readText()');
  }

  /** Polls `probe` until it returns true, or throws `what` after `timeoutMs`. */
  async until(what: string, probe: () => Promise<boolean>, timeoutMs = this.timeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting until ${what}`);
      await sleep(200);
    }
  }
}
