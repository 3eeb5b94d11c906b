import type * as vscode from 'vscode';

const PROFILE = 'quickblox.profileRecord.';
const SESSION = 'quickblox.sessionRecord.';
const PENDING_SECRET = 'quickblox.pendingSecret.';
const PENDING_DELETE = 'quickblox.pendingDelete.';

/**
 * Where each item lives in globalState: one key per profile, session and pending secret, so a
 * window writes only the item it changes and never puts back its own, possibly older, copy of
 * another window's items. Only ids appear in keys. None of these names is, or starts like, a
 * SecretStorage key (secretKeys.ts: `quickblox.profile.…`, `quickblox.session.…`).
 */
export const stateKeys = {
  profile: (profileId: string) => `${PROFILE}${profileId}`,
  session: (sessionId: string) => `${SESSION}${sessionId}`,
  /** A secret about to be stored, before the item that refers to it is written: `{ key, at }`, never the value. */
  pendingSecret: (recordId: string) => `${PENDING_SECRET}${recordId}`,
  /** A secret about to be deleted, once the item that referred to it is written without it: `{ key, at }`. */
  pendingDelete: (recordId: string) => `${PENDING_DELETE}${recordId}`,
  prefix: { profile: PROFILE, session: SESSION, pendingSecret: PENDING_SECRET, pendingDelete: PENDING_DELETE },
  /** The status bar's session; a single key, since only its latest value matters. */
  activeSession: 'quickblox.activeSession',
  /** Whole arrays, as kept before one key per item; moved to their own keys on first use, then removed. */
  legacy: { profiles: 'quickblox.profiles', sessions: 'quickblox.sessions', pendingDeletes: 'quickblox.pendingSecretDeletes' },
};

/** Every value stored under a key that starts with `prefix`, with the key. */
export function itemsUnder(state: vscode.Memento, prefix: string): Array<{ key: string; value: unknown }> {
  return state
    .keys()
    .filter((key) => key.startsWith(prefix))
    .map((key) => ({ key, value: state.get<unknown>(key) }))
    .filter(({ value }) => value !== undefined && value !== null);
}
