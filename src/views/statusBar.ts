import * as vscode from 'vscode';
import type { Clock } from '../core';
import type { ProfileStore } from '../profiles/profileStore';
import { sessionTitle, timeLeft, type TrackedSession } from '../sessions/store/trackedSession';

/** Below this the session is about to expire and the item warns. */
export const EXPIRING_MS = 10 * 60 * 1000;

export type StatusState =
  | { kind: 'none' }
  | { kind: 'active' | 'expiring' | 'expired'; session: TrackedSession; profileName: string };

export function statusState(session: TrackedSession | undefined, profiles: ProfileStore, now: number): StatusState {
  if (!session) return { kind: 'none' };
  const profileName = profiles.get(session.profileId)?.name ?? 'deleted profile';
  const left = session.expiresAt - now;
  return { kind: left <= 0 ? 'expired' : left < EXPIRING_MS ? 'expiring' : 'active', session, profileName };
}

export interface StatusLook {
  text: string;
  tooltip: string;
  /** The theme colour id of the background, when it warns or errs. */
  background?: string;
}

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

  update(state: StatusState, visible: boolean): void {
    const { item } = this;
    this.visible = visible;
    if (!visible) {
      item.hide();
      return;
    }
    this.setBackground(undefined);
    if (state.kind === 'none') {
      item.text = '$(key) QuickBlox: no session';
      item.tooltip = 'No QuickBlox session yet: click to create one.';
      item.command = 'quickblox.createSession';
    } else {
      const { session, profileName } = state;
      const what = `${profileName} · ${sessionTitle(session)}`;
      const left = timeLeft(session.expiresAt, this.now());
      item.command = 'quickblox.statusBarClicked';
      if (state.kind === 'active') {
        item.text = `$(key) ${what} · ${left}`;
        item.tooltip = `QuickBlox session ${session.tokenPrefix} (${what}), ${left} left${session.keepAlive ? ', kept alive' : ''}.\nClick to copy its token.`;
      } else if (state.kind === 'expiring') {
        item.text = `$(warning) ${what} · ${left}`;
        item.tooltip = `QuickBlox session ${session.tokenPrefix} expires in ${left}.\nClick to copy its token, keep it alive or recreate it.`;
        this.setBackground('statusBarItem.warningBackground');
      } else {
        item.text = `$(error) ${what} · expired`;
        item.tooltip = `QuickBlox session ${session.tokenPrefix} has expired.\nClick to recreate it.`;
        this.setBackground('statusBarItem.errorBackground');
      }
    }
    item.show();
  }
}
