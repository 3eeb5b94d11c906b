import { reportError } from '../../feedback/errorReport';
import type { SessionDeps } from './sessionDeps';
import type { SavedUserKind } from '../../profiles/profile';
import { sessions } from '../../feedback/messages';

/** After a sign-in with a user not saved yet, offers to save them (the password to secret storage). */
export async function offerToSaveUser(
  deps: Pick<SessionDeps, 'profiles' | 'prompts' | 'log'>,
  profileId: string,
  user: { kind: SavedUserKind; identifier: string; password: string },
): Promise<void> {
  const profile = deps.profiles.get(profileId);
  if (!profile || profile.savedUsers.some((saved) => saved.kind === user.kind && saved.identifier === user.identifier)) return;
  const answer = await deps.prompts.choose('info', sessions.offerToSave(user.identifier, profile.name), [{ id: 'save', label: sessions.saveUser() }]);
  if (answer !== 'save') return;
  try {
    await deps.profiles.addSavedUser(profileId, user.kind, user.identifier, user.password);
  } catch (error) {
    reportError(deps, error, sessions.saving(user.identifier));
  }
}
