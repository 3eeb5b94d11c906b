import { isQuickBloxError } from './errors';
import { checkCredential, checkEmail, checkKey, checkUserField, normalizeApplicationId, normalizeEndpoint } from './validate';

/**
 * The profile fields a person types, each checked as typed, and the sign-in inputs of a user
 * session (Facebook token and secret, Firebase project id and ID token), checked as the core
 * checks them before sending (`authParameters`).
 */
export type ProfileField =
  | 'name'
  | 'applicationId'
  | 'authKey'
  | 'authSecret'
  | 'accountKey'
  | 'endpoint'
  | 'login'
  | 'email'
  | 'password'
  | 'facebookToken'
  | 'facebookSecret'
  | 'firebaseProjectId'
  | 'firebaseIdToken';

const MAX_NAME_LENGTH = 64;
/** Zero-width and bidirectional-override characters: two names that look alike must be alike. */
const INVISIBLE = /[\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What is wrong with a value for a field, as a sentence saying what to change, or undefined when
 * it is fine. `takenNames` holds the names of the other profiles (compared without case).
 */
export function profileFieldProblem(field: ProfileField, value: string, takenNames: readonly string[] = []): string | undefined {
  try {
    switch (field) {
      case 'name':
        return nameProblem(value, takenNames);
      case 'applicationId':
        normalizeApplicationId(value);
        return undefined;
      case 'authKey':
        checkKey(field, 'auth key', value);
        return undefined;
      case 'authSecret':
        checkKey(field, 'auth secret', value);
        return undefined;
      case 'accountKey':
        if (value !== '') checkCredential(field, 'account key', value);
        return undefined;
      case 'endpoint':
        normalizeEndpoint(value);
        return undefined;
      case 'login':
        checkUserField(field, 'login', value);
        return undefined;
      case 'email':
        checkEmail(field, value);
        return undefined;
      case 'password':
        checkUserField(field, 'password', value);
        return undefined;
      case 'facebookToken':
        checkUserField('token', 'Facebook access token', value);
        return undefined;
      case 'facebookSecret':
        if (value !== '') checkUserField('secret', 'Facebook token secret', value);
        return undefined;
      case 'firebaseProjectId':
        checkUserField('projectId', 'Firebase project id', value);
        return /\s/.test(value)
          ? "The Firebase project id contains spaces: enter the id shown in the Firebase console's project settings, such as my-app-1a2b3."
          : undefined;
      case 'firebaseIdToken':
        checkUserField('accessToken', 'Firebase ID token', value);
        return undefined;
    }
  } catch (error) {
    if (isQuickBloxError(error)) return error.message;
    throw error;
  }
}

function nameProblem(value: string, takenNames: readonly string[]): string | undefined {
  const name = value.trim();
  if (name === '') return 'Enter a name for the profile, such as "Staging".';
  if (name.length > MAX_NAME_LENGTH) return `Keep the name under ${MAX_NAME_LENGTH} characters.`;
  if (CONTROL.test(name)) return 'Remove line breaks and control characters from the name.';
  if (INVISIBLE.test(name)) return 'Remove invisible or direction-changing characters from the name.';
  if (takenNames.some((taken) => taken.trim().toLowerCase() === name.toLowerCase())) return `A profile named "${name}" already exists: choose another name.`;
  return undefined;
}

export interface QbInitCall {
  applicationId: string;
  authKey: string;
  authSecret: string;
  accountKey?: string;
}

/**
 * The first `QB.init(appId, authKey, authSecret[, accountKey])` call with literal arguments in a
 * text (JavaScript, TypeScript), or undefined. Arguments may be numbers or quoted strings.
 */
export function findQbInit(text: string): QbInitCall | undefined {
  const literal = String.raw`(?:\d+|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\x60(?:[^\x60\\$]|\\.)*\x60)`;
  const pattern = new RegExp(String.raw`\bQB\s*\.\s*init\s*\(\s*(${literal})\s*,\s*(${literal})\s*,\s*(${literal})\s*(?:,\s*(${literal})\s*)?[,)]`);
  const match = pattern.exec(text);
  if (!match) return undefined;
  const [, applicationId, authKey, authSecret, accountKey] = match.map((part) => (part === undefined ? undefined : unquote(part)));
  if (!applicationId || !authKey || !authSecret) return undefined;
  return accountKey ? { applicationId, authKey, authSecret, accountKey } : { applicationId, authKey, authSecret };
}

function unquote(literal: string): string {
  if (/^\d+$/.test(literal)) return literal;
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}
