/**
 * The names a create-session request carries, and the names developers send or sign instead of
 * them (`app_id`, `authKey`, `timeStamp`, a bare `login`), so that a diagnosis can tell a wrong
 * name from an unknown parameter.
 */

/** What every create-session request signs, whichever way the user signs in. */
export const APPLICATION_PARAMETERS: readonly string[] = ['application_id', 'auth_key', 'nonce', 'timestamp'];

/** Every name the create-session reference page lists, `signature` included. */
export const SESSION_PARAMETERS: readonly string[] = [
  ...APPLICATION_PARAMETERS,
  'signature',
  'provider',
  'user[login]',
  'user[email]',
  'user[password]',
  'keys[token]',
  'keys[secret]',
  'firebase_phone[project_id]',
  'firebase_phone[access_token]',
];

/**
 * Misspellings that no change of letter case, `_` or `-` explains, keyed by their normalized
 * form (see `normalized`). Top-level `login`, `email` and `password` are the sign-in fields
 * written without their `user` object.
 */
const EXTRA_ALIASES: Readonly<Record<string, string>> = {
  appid: 'application_id',
  authorizationkey: 'auth_key',
  authorisationkey: 'auth_key',
  ts: 'timestamp',
  time: 'timestamp',
  sig: 'signature',
  login: 'user[login]',
  email: 'user[email]',
  password: 'user[password]',
};

/**
 * Wrong names a developer's code may sign while the request itself sends the right one (seen in
 * public issue threads: a string signed with `app_id=` beside a body with `application_id`).
 */
export const SIGNED_ALIASES: Readonly<Record<string, readonly string[]>> = {
  application_id: ['app_id', 'appId', 'applicationId'],
  auth_key: ['authKey', 'authorization_key'],
  timestamp: ['timeStamp', 'ts'],
};

/** Letter case, `_` and `-` removed from each part: `appId`, `App_ID` and `app-id` all read `appid`. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

const CANONICAL = new Map<string, string>([...SESSION_PARAMETERS.map((name): [string, string] => [normalized(name), name]), ...Object.entries(EXTRA_ALIASES)]);

/** The name QuickBlox reads for `name`: itself when it is right or unknown, else the one it stands for. */
export function canonicalName(name: string): string {
  if (name.length > 100) return name;
  return CANONICAL.get(normalized(name)) ?? name;
}

/** The top-level part of a name: `user` for `user[login]`. */
export function topLevelName(name: string): string {
  const bracket = name.indexOf('[');
  return bracket > 0 ? name.slice(0, bracket) : name;
}
