import { UserFacingError } from '../feedback/userFacingError';
import * as vscode from 'vscode';
import { profileFieldProblem, type ProfileField, type SessionAuth, type SessionAuthType } from '../core';
import type { Profile, SavedUser } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import type { SessionRequest } from '../sessions/operations/runSession';
import { KIND_LABELS } from '../sessions/store/trackedSession';
import { FlowInput, type Step } from '../feedback/inputFlow';

type KindItem = vscode.QuickPickItem & ({ authType: SessionAuthType } | { saved: SavedUser });

const KIND_DETAILS: Record<SessionAuthType, string> = {
  application: 'Read-only token for the application, no user',
  login: 'user[login] + user[password]',
  email: 'user[email] + user[password]',
  facebook: 'provider=facebook with a Facebook access token',
  firebase_phone: 'provider=firebase_phone with a Firebase project id and ID token',
  custom: 'Login + password checked by your custom identity provider',
};

/** Every input is checked as the core checks it before sending: what the box accepts is what can be sent. */
const required = (field: ProfileField) => (value: string) => profileFieldProblem(field, value);

/** Asks which kind of session and its inputs; undefined when cancelled. */
export async function askSessionRequest(profiles: ProfileStore, profile: Profile, presetKind?: SessionAuthType): Promise<SessionRequest | undefined> {
  let auth: SessionAuth | undefined;
  let user: string | undefined;
  const kindItems: KindItem[] = [
    ...(Object.keys(KIND_LABELS) as SessionAuthType[]).map((authType) => ({ label: KIND_LABELS[authType], detail: KIND_DETAILS[authType], authType })),
    ...(profile.savedUsers.length ? [{ label: 'Saved users', kind: vscode.QuickPickItemKind.Separator, authType: 'application' } as KindItem] : []),
    ...profile.savedUsers.map((saved) => ({ label: `$(person) ${saved.identifier}`, description: saved.kind === 'email' ? 'email + saved password' : 'login + saved password', saved })),
  ];
  const inputs = (kind: SessionAuthType, step: number, total: number): Step | undefined => {
    switch (kind) {
      case 'application':
        auth = { type: 'application' };
        return undefined;
      case 'login':
      case 'custom':
      case 'email': {
        const field = kind === 'email' ? 'email' : 'login';
        let identifier = '';
        const password: Step = async (input) => {
          const value = await input.text({ step: step + 1, totalSteps: total, prompt: `Password for ${identifier}`, password: true, validate: required('password') });
          auth = kind === 'email' ? { type: 'email', email: identifier, password: value } : { type: kind, login: identifier, password: value };
          user = identifier;
          return undefined;
        };
        return async (input) => {
          identifier = await input.text({ step, totalSteps: total, prompt: kind === 'email' ? 'User email' : 'User login', validate: required(field) });
          return password;
        };
      }
      case 'facebook': {
        let token = '';
        const secret: Step = async (input) => {
          const value = await input.text({ step: step + 1, totalSteps: total, prompt: 'Facebook access token secret (optional: leave empty if none)', password: true, validate: required('facebookSecret') });
          auth = value ? { type: 'facebook', token, secret: value } : { type: 'facebook', token };
          user = 'facebook';
          return undefined;
        };
        return async (input) => {
          token = await input.text({ step, totalSteps: total, prompt: 'Facebook access token', password: true, validate: required('facebookToken') });
          return secret;
        };
      }
      case 'firebase_phone': {
        let projectId = '';
        const accessToken: Step = async (input) => {
          const value = await input.text({ step: step + 1, totalSteps: total, prompt: 'Firebase user ID token', password: true, validate: required('firebaseIdToken') });
          auth = { type: 'firebase_phone', projectId, accessToken: value };
          user = `firebase ${projectId}`;
          return undefined;
        };
        return async (input) => {
          projectId = await input.text({ step, totalSteps: total, prompt: 'Firebase project ID', validate: required('firebaseProjectId') });
          return accessToken;
        };
      }
    }
  };
  let first: Step | undefined;
  if (presetKind) {
    first = inputs(presetKind, 1, presetKind === 'application' ? 1 : 2);
    if (!first) return { profile, auth: { type: 'application' } };
  } else {
    first = async (input) => {
      const chosen = await input.pick({ step: 1, totalSteps: 3, placeholder: `Which kind of session for ${profile.name}?`, items: kindItems });
      if ('saved' in chosen) {
        const password = await profiles.userPassword(profile.id, chosen.saved.id);
        if (password === undefined) throw new UserFacingError(`The password of ${chosen.saved.identifier} is no longer stored: create the session by ${chosen.saved.kind} again to save it.`);
        auth = chosen.saved.kind === 'email' ? { type: 'email', email: chosen.saved.identifier, password } : { type: 'login', login: chosen.saved.identifier, password };
        user = chosen.saved.identifier;
        return undefined;
      }
      if (!('authType' in chosen)) return undefined;
      return inputs(chosen.authType, 2, chosen.authType === 'application' ? 1 : 3);
    };
  }
  if (!(await FlowInput.run('QuickBlox: Create Session', first)) || !auth) return undefined;
  return { profile, auth, ...(user ? { user } : {}) };
}
