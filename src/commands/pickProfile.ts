import vscode = require('vscode');
import type { Profile } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import type { Prompts } from '../feedback/prompts';
import type { ProfilesTreeNode } from '../views/profilesTree';
import { pick } from '../feedback/messages';

/** What a command may be given: a tree node, `{ profileId }` from another command, or nothing. */
export type ProfileArgument = ProfilesTreeNode | { profileId: string } | undefined;

/**
 * The profile a command is about: from its argument, else the only one, else the person's pick.
 * With none saved it offers Add Profile.
 */
export async function resolveProfile(
  { profiles, prompts }: { profiles: ProfileStore; prompts: Prompts },
  argument: ProfileArgument,
  placeHolder: string,
): Promise<Profile | undefined> {
  if (argument && 'type' in argument) {
    return argument.type === 'profile' ? profiles.get(argument.profile.id) : profiles.get(argument.session.profileId);
  }
  if (argument && 'profileId' in argument) return profiles.get(argument.profileId);
  const all = profiles.list();
  if (all.length === 1) return all[0];
  if (all.length === 0) {
    const add = await prompts.choose('info', pick.noProfile(), [{ id: 'add', label: pick.addProfile() }]);
    if (add === 'add') await vscode.commands.executeCommand('quickblox.addProfile');
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    all.map((profile) => ({
      label: profile.name,
      description: pick.profileDescription(profile.applicationId, profile.endpoint.replace(/^https?:\/\//, '')),
      profile,
    })),
    { title: pick.title(), placeHolder },
  );
  return chosen?.profile;
}
