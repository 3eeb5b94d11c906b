import { invalidInput } from './errors';
import { maskWhole, maskWithPrefix } from './redact';
import { checkEmail, checkUserField } from './validate';
import type { SignableBody } from './signature';

/** The ways to sign in that `POST /session.json` offers. */
export type SessionAuth =
  | { type: 'application' }
  | { type: 'login'; login: string; password: string }
  | { type: 'email'; email: string; password: string }
  | { type: 'facebook'; token: string; secret?: string }
  | { type: 'firebase_phone'; projectId: string; accessToken: string }
  /** Custom identity provider: the server forwards login and password to the customer's service. */
  | { type: 'custom'; login: string; password: string };

export type SessionAuthType = SessionAuth['type'];

export const SESSION_AUTH_TYPES: readonly SessionAuthType[] = ['application', 'login', 'email', 'facebook', 'firebase_phone', 'custom'];

/** The names in the signed body whose values are secret, and how each is masked. */
export const SECRET_PARAMETERS: Readonly<Record<string, 'whole' | 'prefix'>> = {
  auth_key: 'prefix',
  signature: 'prefix',
  'user[password]': 'whole',
  'keys[token]': 'prefix',
  'keys[secret]': 'whole',
  'firebase_phone[access_token]': 'prefix',
};

/** A body parameter's value as it may be shown: secret ones masked the way SECRET_PARAMETERS says. */
export function maskParameter(name: string, value: string): string {
  const how = SECRET_PARAMETERS[name];
  return how === 'whole' ? maskWhole(value) : how === 'prefix' ? maskWithPrefix(value) : value;
}

/** Checks the sign-in inputs and returns them as the body fragment the reference page names. */
export function authParameters(auth: unknown): SignableBody {
  const value = (auth ?? {}) as Record<string, unknown>;
  switch (value.type) {
    case 'application':
      return {};
    case 'login':
    case 'custom':
      return {
        user: {
          login: checkUserField('login', 'login', value.login),
          password: checkUserField('password', 'password', value.password),
        },
      };
    case 'email':
      return {
        user: {
          email: checkEmail('email', value.email),
          password: checkUserField('password', 'password', value.password),
        },
      };
    case 'facebook': {
      const token = checkUserField('token', 'Facebook access token', value.token);
      const secret = value.secret === undefined || value.secret === '' ? undefined : checkUserField('secret', 'Facebook token secret', value.secret);
      return { provider: 'facebook', keys: secret === undefined ? { token } : { token, secret } };
    }
    case 'firebase_phone':
      return {
        provider: 'firebase_phone',
        firebase_phone: {
          project_id: checkUserField('projectId', 'Firebase project id', value.projectId),
          access_token: checkUserField('accessToken', 'Firebase ID token', value.accessToken),
        },
      };
    default:
      throw invalidInput(
        'auth',
        typeof value.type === 'string'
          ? `Unknown sign-in kind ${JSON.stringify(value.type.slice(0, 40))}: use one of ${SESSION_AUTH_TYPES.join(', ')}.`
          : `Choose a sign-in kind: one of ${SESSION_AUTH_TYPES.join(', ')}.`,
      );
  }
}
