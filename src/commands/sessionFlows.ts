import vscode = require('vscode');
import {
  authFromInputs,
  fieldsToAsk,
  identifierOf,
  keptFromIdentifier,
  profileFieldProblem,
  SESSION_AUTH_TYPES,
  type ProfileField,
  type SessionAuth,
  type SessionAuthType,
  type SignInValues,
} from '../core';
import { FlowInput, type Step } from '../feedback/inputFlow';
import { kinds, signIn } from '../feedback/messages';
import { UserFacingError } from '../feedback/userFacingError';
import type { Profile, SavedUser } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import type { SessionRequest } from '../sessions/operations/runSession';

type KindItem = vscode.QuickPickItem & ({ authType: SessionAuthType } | { saved: SavedUser });

/** Every input is checked as the core checks it before sending: what the box accepts is what can be sent. */
export const required = (field: ProfileField) => (value: string) => profileFieldProblem(field, value);

/** What a sign-in flow ends with: the sign-in, and who signs in (for lists). */
export interface SignInChoice {
  auth: SessionAuth;
  user?: string;
}

/**
 * The steps that ask for a kind's inputs (from the core's table), numbered from `step`; undefined
 * when the kind asks nothing. `done` gets the sign-in once the last input is entered.
 */
export function inputSteps(type: SessionAuthType, step: number, totalSteps: number, done: (choice: SignInChoice) => void): Step | undefined {
  const fields = fieldsToAsk(type, { mode: 'create' });
  const values: SignInValues = {};
  const finish = (): undefined => {
    const user = identifierOf(type, values);
    done({ auth: authFromInputs(type, values), ...(user ? { user } : {}) });
    return undefined;
  };
  if (fields.length === 0) {
    finish();
    return undefined;
  }
  const at =
    (index: number): Step =>
    async (input) => {
      const field = fields[index];
      values[field.name] = await input.text({
        step: step + index,
        totalSteps,
        prompt: kinds.prompt(field, 'create', values),
        password: field.password,
        validate: required(field.field),
      });
      return index + 1 < fields.length ? at(index + 1) : finish();
    };
  return at(0);
}

/** How many steps a kind's inputs take. */
export function inputCount(type: SessionAuthType): number {
  return fieldsToAsk(type, { mode: 'create' }).length;
}

/** Asks which kind of session and its inputs; undefined when cancelled. */
export async function askSessionRequest(profiles: ProfileStore, profile: Profile, presetKind?: SessionAuthType): Promise<SessionRequest | undefined> {
  let choice: SignInChoice | undefined;
  const keep = (made: SignInChoice): void => void (choice = made);
  const kindItems: KindItem[] = [
    ...SESSION_AUTH_TYPES.map((authType) => ({ label: kinds.label(authType), detail: kinds.detail(authType), authType })),
    ...(profile.savedUsers.length ? [{ label: signIn.savedUsers(), kind: vscode.QuickPickItemKind.Separator, authType: 'application' } as KindItem] : []),
    ...profile.savedUsers.map((saved) => ({ label: `$(person) ${saved.identifier}`, description: signIn.savedUserDescription(saved.kind), saved })),
  ];
  const most = Math.max(...SESSION_AUTH_TYPES.map(inputCount));
  let first: Step | undefined;
  if (presetKind) {
    first = inputSteps(presetKind, 1, Math.max(1, inputCount(presetKind)), keep);
    if (!first) return choice ? { profile, ...choice } : undefined;
  } else {
    first = async (input) => {
      const chosen = await input.pick({ step: 1, totalSteps: 1 + most, placeholder: signIn.whichKind(profile.name), items: kindItems });
      if ('saved' in chosen) {
        const password = await profiles.userPassword(profile.id, chosen.saved.id);
        if (password === undefined) throw new UserFacingError(signIn.passwordGone(chosen.saved.identifier, chosen.saved.kind));
        const { kind, identifier } = chosen.saved;
        choice = { auth: authFromInputs(kind, { ...keptFromIdentifier(kind, identifier), password }), user: identifier };
        return undefined;
      }
      if (!('authType' in chosen)) return undefined;
      const count = inputCount(chosen.authType);
      return inputSteps(chosen.authType, 2, count === 0 ? 1 : 1 + count, keep);
    };
  }
  if (!(await FlowInput.run(signIn.createTitle(), first)) || !choice) return undefined;
  return { profile, ...choice };
}
