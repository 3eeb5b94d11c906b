import { maskWhole, maskWithPrefix } from './redact';
import { SECRET_SIGN_IN_PARAMETERS, type SecretMasking } from './signInKinds';

export { authParameters, SESSION_AUTH_TYPES } from './signInKinds';

/** The ways to sign in that `POST /session.json` offers; what each means is in SIGN_IN_KINDS (signInKinds.ts). */
export type SessionAuth =
  | { type: 'application' }
  | { type: 'login'; login: string; password: string }
  | { type: 'email'; email: string; password: string }
  | { type: 'facebook'; token: string; secret?: string }
  | { type: 'firebase_phone'; projectId: string; accessToken: string }
  /** Custom identity provider: the server forwards login and password to the customer's service. */
  | { type: 'custom'; login: string; password: string };

export type SessionAuthType = SessionAuth['type'];

/** The names in the signed body whose values are secret, and how each is masked: the application's and every sign-in kind's. */
export const SECRET_PARAMETERS: Readonly<Record<string, SecretMasking>> = {
  auth_key: 'prefix',
  signature: 'prefix',
  ...SECRET_SIGN_IN_PARAMETERS,
};

/** A body parameter's value as it may be shown: secret ones masked the way SECRET_PARAMETERS says. */
export function maskParameter(name: string, value: string): string {
  const how = Object.prototype.hasOwnProperty.call(SECRET_PARAMETERS, name) ? SECRET_PARAMETERS[name] : undefined;
  return how === 'whole' ? maskWhole(value) : how === 'prefix' ? maskWithPrefix(value) : value;
}
