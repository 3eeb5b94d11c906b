import vscode = require('vscode');
import type { Clock } from '../core';
import { statusLook, type StatusLook, type StatusState } from './statusBarText';

// Also importable from here, where the commands, the views and the tests import them.
export { EXPIRING_MS, statusState, type StatusLook, type StatusState } from './statusBarText';

/** The status-bar item: the active session, its time left, and what a click does. */
export class SessionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quickblox.session', vscode.StatusBarAlignment.Left, 50);
  private visible = false;
  private background: string | undefined;

  constructor(private readonly now: Clock = Date.now) {
    this.item.name = 'QuickBlox Session';
  }

  dispose(): void {
    this.item.dispose();
  }

  /** What the item shows, undefined while hidden. */
  text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  look(): StatusLook | undefined {
    if (!this.visible) return undefined;
    const background = this.background;
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), ...(background ? { background } : {}) };
  }

  private setBackground(id: string | undefined): void {
    this.background = id;
    this.item.backgroundColor = id === undefined ? undefined : new vscode.ThemeColor(id);
  }

  /** `sandboxHost`: where the Local Sandbox runs, while it does. */
  update(state: StatusState, visible: boolean, sandboxHost?: string): void {
    const { item } = this;
    this.visible = visible;
    if (!visible) {
      item.hide();
      return;
    }
    const look = statusLook(state, this.now(), sandboxHost);
    item.text = look.text;
    item.tooltip = look.tooltip;
    item.command = look.command;
    this.setBackground(look.background);
    item.show();
  }
}
