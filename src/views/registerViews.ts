import vscode = require('vscode');
import { config } from '../host/config';
import type { Clock } from '../host/clock';
import type { ProfileStore } from '../profiles/profileStore';
import type { SessionStore } from '../sessions/store/sessionStore';
import { SessionStatusBar, statusState, type StatusLook } from './statusBar';
import { ProfilesTree } from './profilesTree';

/** How often the tree and the status bar recount time left. */
const TICK_MS = 30_000;

/** The Profiles tree, the status-bar item, and the tick that keeps their countdowns current. */
export interface Views {
  tree: ProfilesTree;
  statusBarText: () => string | undefined;
  statusBarLook: () => StatusLook | undefined;
  refreshViews: () => void;
}

export function registerViews(context: vscode.ExtensionContext, parts: { profiles: ProfileStore; sessions: SessionStore; clock: Clock }): Views {
  const now = (): number => parts.clock.now();
  const tree = new ProfilesTree(parts.profiles, parts.sessions, now);
  const view = vscode.window.createTreeView('quickblox.profiles', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new SessionStatusBar(now);
  const updateStatus = (): void => statusBar.update(statusState(parts.sessions.active(), parts.profiles, now()), config.statusBarEnabled());
  const updateContext = (): void => void vscode.commands.executeCommand('setContext', 'quickblox.hasProfiles', parts.profiles.list().length > 0);
  const tick = setInterval(() => {
    updateStatus();
    if (view.visible) tree.refresh();
  }, TICK_MS);
  context.subscriptions.push(
    tree,
    view,
    statusBar,
    { dispose: () => clearInterval(tick) },
    parts.sessions.onDidChange(updateStatus),
    parts.profiles.onDidChange(() => {
      updateStatus();
      updateContext();
    }),
    config.onDidChange(['statusBar.enabled'], updateStatus),
  );
  updateStatus();
  updateContext();
  return {
    tree,
    statusBarText: () => statusBar.text(),
    statusBarLook: () => statusBar.look(),
    refreshViews: () => {
      updateStatus();
      tree.refresh();
    },
  };
}
