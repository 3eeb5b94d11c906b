import type { Profile } from '../profiles/profile';
import { hasUser, sessionTitle, type TrackedSession } from '../sessions/store/trackedSession';
import { EXPIRING_MS } from './statusBarText';
import { kinds, timeLeft, tree } from '../feedback/messages';

/** A codicon id, and the theme colour id to draw it in, if any. */
export interface ItemIcon {
  id: string;
  color?: string;
}

/** What a row of the Profiles tree shows, as plain values; the tree turns it into a TreeItem. */
export interface TreeItemText {
  label: string;
  /** Stable across refreshes; VS Code keeps a row's collapsed state by it. */
  id: string;
  /** Words that menus match (`viewItem == profile`, `viewItem =~ /\bexpired\b/`). */
  contextValue: string;
  description: string;
  /** Markdown, with outside text escaped. */
  tooltip: string;
  icon: ItemIcon;
}

export interface ProfileItemText extends TreeItemText {
  /** Shown open: the profile has sessions to list. */
  expanded: boolean;
}

export type SessionLiveness = 'live' | 'expiring' | 'expired';

/** Whether a session is live, expires within EXPIRING_MS, or has expired, at `now`. */
export function sessionLiveness(session: TrackedSession, now: number): SessionLiveness {
  const left = session.expiresAt - now;
  return left <= 0 ? 'expired' : left < EXPIRING_MS ? 'expiring' : 'live';
}

/** For the Local Sandbox's profile: where the sandbox runs in this window (`127.0.0.1:PORT`), undefined while it does not. */
export interface SandboxMark {
  runningOn: string | undefined;
}

/**
 * A profile's row: its name, application id and host, and its details in the tooltip. The Local
 * Sandbox's profile (`sandbox` given) says instead whether the sandbox runs, and where.
 */
export function profileItemText(profile: Profile, hasSessions: boolean, sandbox?: SandboxMark): ProfileItemText {
  const host = profile.endpoint.replace(/^https?:\/\//, '');
  const users = profile.savedUsers.length ? profile.savedUsers.map((user) => escapeMarkdown(user.identifier)).join(', ') : undefined;
  const tooltip = tree.profileTooltip(
    escapeMarkdown(profile.name),
    profile.applicationId,
    escapeMarkdown(profile.endpoint),
    profile.hash,
    profile.hasAccountKey,
    users,
  );
  const running = sandbox?.runningOn;
  return {
    label: profile.name,
    // A profile that gains its first session gets a new id, so that it opens on its sessions.
    id: `profile:${profile.id}:${hasSessions ? 'sessions' : 'empty'}`,
    contextValue: 'profile',
    description: !sandbox
      ? tree.profileDescription(profile.applicationId, host)
      : running
        ? tree.sandboxRunning(profile.applicationId, running)
        : tree.sandboxNotRunning(profile.applicationId),
    tooltip: !sandbox ? tooltip : `${tooltip}\n\n${running ? tree.sandboxRunningTooltip(running) : tree.sandboxNotRunningTooltip()}`,
    icon: !sandbox ? { id: 'account' } : running ? { id: 'beaker', color: 'testing.iconPassed' } : { id: 'beaker' },
    expanded: hasSessions,
  };
}

/** A session's row: who signed in, the token's label, time left, and the details in the tooltip. */
export function sessionItemText(session: TrackedSession, active: boolean, now: number): TreeItemText {
  const state = sessionLiveness(session, now);
  const left = timeLeft(session.expiresAt, now);
  return {
    label: sessionTitle(session),
    id: `session:${session.id}`,
    // Menus match words of this value: session, app|user, keepAlive|noKeepAlive, live|expiring|expired.
    contextValue: ['session', hasUser(session) ? 'user' : 'app', session.keepAlive ? 'keepAlive' : 'noKeepAlive', state].join(' '),
    description: tree.sessionDescription(session.tokenPrefix, left, session.keepAlive === true && state !== 'expired', active),
    tooltip: tree.sessionTooltip({
      kindLabel: kinds.label(session.kind),
      user: session.user ? escapeMarkdown(session.user) : undefined,
      token: session.tokenPrefix,
      sessionId: session.sessionId,
      userId: session.userId,
      canWrite: hasUser(session),
      created: new Date(session.createdAt).toLocaleString(),
      expires: new Date(session.expiresAt).toLocaleString(),
      left: state === 'expired' ? undefined : left,
      keepAlive: session.keepAlive === true,
    }),
    icon:
      state === 'expired'
        ? { id: 'error', color: 'list.errorForeground' }
        : state === 'expiring'
          ? { id: 'warning', color: 'list.warningForeground' }
          : { id: active ? 'pass-filled' : hasUser(session) ? 'person' : 'key' },
  };
}

/** Backslash-escapes Markdown's special characters, so names and logins show as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
