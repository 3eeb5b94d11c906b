import { maskWhole, maskWithPrefix } from './redact';
import { SECRET_SIGN_IN_PARAMETERS, type SecretMasking } from './signInKinds';

export { authParameters, SESSION_AUTH_TYPES } from './signInKinds';

export type { SessionAuth, SessionAuthType } from './sessionAuth';

/** The names in the signed body whose values are secret, and how each is masked: the application's and every sign-in kind's. */
export const SECRET_PARAMETERS: Readonly<Record<string, SecretMasking | undefined>> = Object.freeze(
  // No prototype: a pasted parameter named "constructor" or "__proto__" finds nothing here.
  Object.assign(Object.create(null) as Record<string, SecretMasking>, {
    auth_key: 'prefix',
    signature: 'prefix',
    ...SECRET_SIGN_IN_PARAMETERS,
  }),
);

/** A body parameter's value as it may be shown: secret ones masked the way SECRET_PARAMETERS says. */
export function maskParameter(name: string, value: string): string {
  const how = Object.prototype.hasOwnProperty.call(SECRET_PARAMETERS, name) ? SECRET_PARAMETERS[name] : undefined;
  return how === 'whole' ? maskWhole(value) : how === 'prefix' ? maskWithPrefix(value) : value;
}
