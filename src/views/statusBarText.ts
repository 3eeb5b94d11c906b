import type { Profile } from '../profiles/profile';
import { sessions, statusBar, timeLeft } from '../feedback/messages';
import { sessionTitle, type TrackedSession } from '../sessions/store/trackedSession';

/** Below this the session is about to expire and the item warns. */
export const EXPIRING_MS = 10 * 60 * 1000;

export type StatusState = { kind: 'none' } | { kind: 'active' | 'expiring' | 'expired'; session: TrackedSession; profileName: string };

/** Where the status bar stands: no session, or the active one with how close it is to expiring. */
export function statusState(session: TrackedSession | undefined, profiles: { get(id: string): Profile | undefined }, now: number): StatusState {
  if (!session) return { kind: 'none' };
  const profileName = profiles.get(session.profileId)?.name ?? sessions.deletedProfile();
  const left = session.expiresAt - now;
  return { kind: left <= 0 ? 'expired' : left < EXPIRING_MS ? 'expiring' : 'active', session, profileName };
}

export interface StatusLook {
  text: string;
  tooltip: string;
  /** The theme colour id of the background, when it warns or errs. */
  background?: string;
}

/** What the status-bar item shows for a state, and the command a click runs. */
export interface StatusItemLook extends StatusLook {
  command: string;
}

/**
 * The item's text, tooltip, background and command for a state; time left is counted from `now`.
 * While the Local Sandbox runs (`sandboxHost`, `127.0.0.1:PORT`), the text carries its mark and the tooltip says where.
 */
export function statusLook(state: StatusState, now: number, sandboxHost?: string): StatusItemLook {
  const look = sessionLook(state, now);
  if (sandboxHost === undefined) return look;
  return { ...look, text: statusBar.withSandbox(look.text), tooltip: statusBar.withSandboxTooltip(look.tooltip, sandboxHost) };
}

function sessionLook(state: StatusState, now: number): StatusItemLook {
  if (state.kind === 'none') {
    return { text: statusBar.none(), tooltip: statusBar.noneTooltip(), command: 'quickblox.createSession' };
  }
  const { session, profileName } = state;
  const what = sessions.named(profileName, sessionTitle(session));
  const left = timeLeft(session.expiresAt, now);
  const command = 'quickblox.statusBarClicked';
  if (state.kind === 'active') {
    return {
      text: statusBar.active(what, left),
      tooltip: statusBar.activeTooltip(session.tokenPrefix, what, left, session.keepAlive === true),
      command,
    };
  }
  if (state.kind === 'expiring') {
    return {
      text: statusBar.expiring(what, left),
      tooltip: statusBar.expiringTooltip(session.tokenPrefix, left),
      background: 'statusBarItem.warningBackground',
      command,
    };
  }
  return {
    text: statusBar.expired(what),
    tooltip: statusBar.expiredTooltip(session.tokenPrefix),
    background: 'statusBarItem.errorBackground',
    command,
  };
}
