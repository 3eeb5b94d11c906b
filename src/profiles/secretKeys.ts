/** Where each secret lives in SecretStorage. Only ids appear in keys, never names or values. */
export const secretKeys = {
  // A profile's credentials are written under a fresh version on every change, and the profile's
  // record is switched to that version last: a change that fails half way never touches the version in use.
  authKey: (profileId: string, version: string) => `quickblox.profile.${profileId}.${version}.authKey`,
  authSecret: (profileId: string, version: string) => `quickblox.profile.${profileId}.${version}.authSecret`,
  accountKey: (profileId: string, version: string) => `quickblox.profile.${profileId}.${version}.accountKey`,
  userPassword: (profileId: string, userId: string) => `quickblox.profile.${profileId}.user.${userId}.password`,
  sessionToken: (sessionId: string) => `quickblox.session.${sessionId}.token`,
  /** Bumped after every change so other windows hear of it through `secrets.onDidChange`. */
  revision: 'quickblox.revision',
};

/** A profile's credential or saved password (the profile store's to settle when pending). */
export function isProfileSecret(key: string): boolean {
  return key.startsWith('quickblox.profile.');
}

/** A session token (the session store's to settle when pending). */
export function isSessionToken(key: string): boolean {
  return key.startsWith('quickblox.session.') && key.endsWith('.token');
}
