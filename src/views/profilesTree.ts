import * as vscode from 'vscode';
import type { Clock } from '../core';
import type { Profile } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import type { SessionStore } from '../sessions/store/sessionStore';
import { hasUser, KIND_LABELS, sessionTitle, timeLeft, type TrackedSession } from '../sessions/store/trackedSession';
import { EXPIRING_MS } from './statusBar';

export type ProfilesTreeNode = { type: 'profile'; profile: Profile } | { type: 'session'; session: TrackedSession; active: boolean };

/** Profiles, each expanding to the sessions created with it. */
export class ProfilesTree implements vscode.TreeDataProvider<ProfilesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProfilesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly profiles: ProfileStore,
    private readonly sessions: SessionStore,
    private readonly now: Clock = Date.now,
  ) {
    this.subscriptions = [this.changed, profiles.onDidChange(() => this.refresh()), sessions.onDidChange(() => this.refresh())];
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
    const hasSessions = this.sessions.forProfile(profile.id).length > 0;
    const item = new vscode.TreeItem(profile.name, hasSessions ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    // VS Code keeps a row's collapsed state by id: a profile that gains its first session gets a
    // new id so that it opens on its sessions.
    item.id = `profile:${profile.id}:${hasSessions ? 'sessions' : 'empty'}`;
    item.contextValue = 'profile';
    item.iconPath = new vscode.ThemeIcon('account');
    const host = profile.endpoint.replace(/^https?:\/\//, '');
    item.description = `app ${profile.applicationId} · ${host}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${escape(profile.name)}**\n\n`);
    tooltip.appendMarkdown(`Application id: ${profile.applicationId}  \nEndpoint: ${escape(profile.endpoint)}  \nSignature: HMAC-${profile.hash.toUpperCase()}  \n`);
    tooltip.appendMarkdown(`Account key: ${profile.hasAccountKey ? 'saved' : 'none'}  \nSaved users: ${profile.savedUsers.length ? profile.savedUsers.map((user) => escape(user.identifier)).join(', ') : 'none'}`);
    item.tooltip = tooltip;
    return item;
  }

  private sessionItem(session: TrackedSession, active: boolean): vscode.TreeItem {
    const now = this.now();
    const left = session.expiresAt - now;
    const state = left <= 0 ? 'expired' : left < EXPIRING_MS ? 'expiring' : 'live';
    const item = new vscode.TreeItem(sessionTitle(session), vscode.TreeItemCollapsibleState.None);
    item.id = `session:${session.id}`;
    // Menus match words of this value: session, app|user, keepAlive|noKeepAlive, live|expiring|expired.
    item.contextValue = ['session', hasUser(session) ? 'user' : 'app', session.keepAlive ? 'keepAlive' : 'noKeepAlive', state].join(' ');
    item.iconPath =
      state === 'expired'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : state === 'expiring'
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon(active ? 'pass-filled' : hasUser(session) ? 'person' : 'key');
    item.description = `${session.tokenPrefix} · ${timeLeft(session.expiresAt, now)}${session.keepAlive && state !== 'expired' ? ' · kept alive' : ''}${active ? ' · active' : ''}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${KIND_LABELS[session.kind]}**${session.user ? ` — ${escape(session.user)}` : ''}\n\n`);
    tooltip.appendMarkdown(`Token: \`${session.tokenPrefix}\`  \nSession id: ${session.sessionId ?? 'not stated'}  \nUser id: ${session.userId ?? 'not stated'}${hasUser(session) ? ' (can write)' : ' (read-only)'}  \n`);
    tooltip.appendMarkdown(`Created: ${new Date(session.createdAt).toLocaleString()}  \nExpires: ${new Date(session.expiresAt).toLocaleString()} (${state === 'expired' ? 'expired' : `${timeLeft(session.expiresAt, now)} left`})  \n`);
    tooltip.appendMarkdown(`Keep-alive: ${session.keepAlive ? 'on' : 'off'}`);
    item.tooltip = tooltip;
    item.command = { command: 'quickblox.setActiveSession', title: 'Make Active', arguments: [{ type: 'session', session, active } satisfies ProfilesTreeNode] };
    return item;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
