import vscode = require('vscode');
import { config } from '../host/config';
import type { Clock } from '../host/clock';
import type { LocalSandbox } from '../localSandbox/localSandbox';
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

export function registerViews(
  context: vscode.ExtensionContext,
  parts: { profiles: ProfileStore; sessions: SessionStore; clock: Clock; localSandbox: LocalSandbox },
): Views {
  const now = (): number => parts.clock.now();
  const { localSandbox } = parts;
  const tree = new ProfilesTree(parts.profiles, parts.sessions, localSandbox, now);
  const view = vscode.window.createTreeView('quickblox.profiles', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = new SessionStatusBar(now);
  const updateStatus = (): void =>
    statusBar.update(statusState(parts.sessions.active(), parts.profiles, now()), config.statusBarEnabled(), localSandbox.running()?.host);
  const updateContext = (): void => void vscode.commands.executeCommand('setContext', 'quickblox.hasProfiles', parts.profiles.list().length > 0);
  // Stop Local Sandbox is in the palette only while it runs.
  const updateSandboxContext = (): void =>
    void vscode.commands.executeCommand('setContext', 'quickblox.localSandboxRunning', localSandbox.running() !== undefined);
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
    localSandbox.onDidChange(() => {
      updateStatus();
      updateSandboxContext();
    }),
  );
  updateStatus();
  // An unset context key reads as false: with no profile at start there is nothing to tell the workbench.
  if (parts.profiles.list().length > 0) updateContext();
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
