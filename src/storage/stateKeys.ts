const PROFILE = 'quickblox.profileRecord.';
const SESSION = 'quickblox.sessionRecord.';
const PENDING_SECRET = 'quickblox.pendingSecret.';
const PENDING_DELETE = 'quickblox.pendingDelete.';

/**
 * Where each item lives in globalState: one key per profile, session and pending secret, so a
 * window writes only the item it changes and can tell which of its own writes another window's
 * save undid (see ItemState). Only ids appear in keys. None of these names is, or starts like, a
 * SecretStorage key (secretKeys.ts: `quickblox.profile.…`, `quickblox.session.…`).
 */
export const stateKeys = {
  /** A profile `{ order, profile }`, or a tombstone once deleted, stamped by ItemState. */
  profile: (profileId: string) => `${PROFILE}${profileId}`,
  /** A tracked session, or a tombstone once forgotten, stamped by ItemState. */
  session: (sessionId: string) => `${SESSION}${sessionId}`,
  /** A secret about to be stored, before the item that refers to it is written: `{ key, at }`, never the value. */
  pendingSecret: (recordId: string) => `${PENDING_SECRET}${recordId}`,
  /** A secret about to be deleted, once the item that referred to it is written without it: `{ key, at }`. */
  pendingDelete: (recordId: string) => `${PENDING_DELETE}${recordId}`,
  prefix: { profile: PROFILE, session: SESSION, pendingSecret: PENDING_SECRET, pendingDelete: PENDING_DELETE },
  /** The status bar's session; a single key, since only its latest value matters. */
  activeSession: 'quickblox.activeSession',
  /** The id of the profile "QuickBlox: Start Local Sandbox" made (never a secret); a single key. */
  localSandboxProfile: 'quickblox.localSandboxProfile',
  /** Whole arrays, as kept before one key per item; moved to their own keys on first use, then removed. */
  legacy: { profiles: 'quickblox.profiles', sessions: 'quickblox.sessions', pendingDeletes: 'quickblox.pendingSecretDeletes' },
};
