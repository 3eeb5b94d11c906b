import vscode = require('vscode');
import type { Clock } from '../core';
import type { LocalSandbox } from '../localSandbox/localSandbox';
import type { Profile } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import type { SessionStore } from '../sessions/store/sessionStore';
import type { TrackedSession } from '../sessions/store/trackedSession';
import { profileItemText, sessionItemText, type ItemIcon } from './treeItemText';

export type ProfilesTreeNode = { type: 'profile'; profile: Profile } | { type: 'session'; session: TrackedSession; active: boolean };

/** Profiles, each expanding to the sessions created with it. */
export class ProfilesTree implements vscode.TreeDataProvider<ProfilesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProfilesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly profiles: ProfileStore,
    private readonly sessions: SessionStore,
    private readonly localSandbox: Pick<LocalSandbox, 'onDidChange' | 'profileId' | 'running'>,
    private readonly now: Clock = Date.now,
  ) {
    this.subscriptions = [
      this.changed,
      profiles.onDidChange(() => this.refresh()),
      sessions.onDidChange(() => this.refresh()),
      localSandbox.onDidChange(() => this.refresh()),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ProfilesTreeNode): ProfilesTreeNode[] {
    if (!node) return this.profiles.list().map((profile) => ({ type: 'profile', profile }));
    if (node.type === 'profile') {
      const activeId = this.sessions.active()?.id;
      return this.sessions.forProfile(node.profile.id).map((session) => ({ type: 'session', session, active: session.id === activeId }));
    }
    return [];
  }

  getParent(node: ProfilesTreeNode): ProfilesTreeNode | undefined {
    if (node.type === 'profile') return undefined;
    const profile = this.profiles.get(node.session.profileId);
    return profile ? { type: 'profile', profile } : undefined;
  }

  getTreeItem(node: ProfilesTreeNode): vscode.TreeItem {
    return node.type === 'profile' ? this.profileItem(node.profile) : this.sessionItem(node.session, node.active);
  }

  private profileItem(profile: Profile): vscode.TreeItem {
    const sandbox = profile.id === this.localSandbox.profileId() ? { runningOn: this.localSandbox.running()?.host } : undefined;
    const text = profileItemText(profile, this.sessions.forProfile(profile.id).length > 0, sandbox);
    const item = new vscode.TreeItem(text.label, text.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = text.id;
    item.contextValue = text.contextValue;
    item.iconPath = themeIcon(text.icon);
    item.description = text.description;
    item.tooltip = new vscode.MarkdownString(text.tooltip, true);
    return item;
  }

  private sessionItem(session: TrackedSession, active: boolean): vscode.TreeItem {
    const text = sessionItemText(session, active, this.now());
    const item = new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None);
    item.id = text.id;
    item.contextValue = text.contextValue;
    item.iconPath = themeIcon(text.icon);
    item.description = text.description;
    item.tooltip = new vscode.MarkdownString(text.tooltip);
    item.command = {
      command: 'quickblox.setActiveSession',
      title: 'Make Active',
      arguments: [{ type: 'session', session, active } satisfies ProfilesTreeNode],
    };
    return item;
  }
}

function themeIcon(icon: ItemIcon): vscode.ThemeIcon {
  return icon.color === undefined ? new vscode.ThemeIcon(icon.id) : new vscode.ThemeIcon(icon.id, new vscode.ThemeColor(icon.color));
}
