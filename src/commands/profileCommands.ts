import vscode = require('vscode');
import { profileFieldProblem } from '../core';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { askNewProfile, editProfileField } from './profileFlows';
import { accountSettingsUrlFor, lookUpEndpoint } from './lookUpEndpoint';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { pick, profiles as messages } from '../feedback/messages';

/** Add, edit, rename, duplicate, delete and test profiles. */
export function profileCommands(
  parts: Pick<Parts, 'context' | 'profiles' | 'sessions' | 'prompts' | 'log' | 'clock' | 'documents' | 'operations'>,
): CommandHandlers {
  const { handlers, register } = handlerTable();
  const { profiles } = parts;

  register<ProfileArgument>('quickblox.addProfile', async () => {
    const input = await askNewProfile(profiles);
    if (!input) return undefined;
    const profile = await profiles.add(input);
    parts.log.info(`Added profile "${profile.name}" (app ${profile.applicationId}, ${profile.endpoint})`);
    // With an account key, the account's own API host can be looked up (dedicated and enterprise accounts have one).
    const actions = [
      ...(profile.hasAccountKey ? [{ id: 'lookUp' as const, label: messages.lookUpEndpoint() }] : []),
      { id: 'test' as const, label: messages.testProfile() },
      { id: 'create' as const, label: messages.createSession() },
    ];
    void parts.prompts.choose('info', messages.saved(profile.name), actions).then((action) => {
      if (action === 'lookUp') return vscode.commands.executeCommand('quickblox.lookUpEndpoint', { profileId: profile.id });
      if (action === 'test') return vscode.commands.executeCommand('quickblox.testProfile', { profileId: profile.id });
      if (action === 'create') return vscode.commands.executeCommand('quickblox.createSession', { profileId: profile.id });
      return undefined;
    });
    return profile;
  });

  register<ProfileArgument>('quickblox.editProfile', async (argument) => {
    const profile = await resolveProfile(parts, argument, pick.profileToEdit());
    if (!profile) return undefined;
    const edited = await editProfileField(profiles, profile);
    return edited === 'lookUpEndpoint' ? lookUpEndpoint(parts, profile, accountSettingsUrlFor(parts.context)) : edited;
  });

  register<ProfileArgument>('quickblox.lookUpEndpoint', async (argument) => {
    const profile = await resolveProfile(parts, argument, pick.profileToLookUp());
    return profile ? lookUpEndpoint(parts, profile, accountSettingsUrlFor(parts.context)) : undefined;
  });

  register<ProfileArgument>('quickblox.renameProfile', async (argument) => {
    const profile = await resolveProfile(parts, argument, pick.profileToRename());
    if (!profile) return undefined;
    const taken = profiles
      .list()
      .filter((other) => other.id !== profile.id)
      .map((other) => other.name);
    const name = await vscode.window.showInputBox({
      title: messages.renameTitle(profile.name),
      value: profile.name,
      validateInput: (v) => profileFieldProblem('name', v, taken),
    });
    return name === undefined ? undefined : profiles.rename(profile.id, name);
  });

  register<ProfileArgument>('quickblox.duplicateProfile', async (argument) => {
    const profile = await resolveProfile(parts, argument, pick.profileToDuplicate());
    if (!profile) return undefined;
    const taken = profiles.list().map((other) => other.name);
    const name = await vscode.window.showInputBox({
      title: messages.duplicateTitle(profile.name),
      value: messages.copyName(profile.name),
      validateInput: (v) => profileFieldProblem('name', v, taken),
    });
    return name === undefined ? undefined : profiles.duplicate(profile.id, name);
  });

  register<ProfileArgument>('quickblox.deleteProfile', async (argument) => {
    const profile = await resolveProfile(parts, argument, pick.profileToDelete());
    if (!profile) return false;
    const sessions = parts.sessions.forProfile(profile.id).length;
    const answer = await parts.prompts.choose('warning', messages.deleteQuestion(profile.name), [{ id: 'delete', label: messages.delete() }], {
      modal: true,
      detail: messages.deleteDetail(profile.hasAccountKey, sessions),
    });
    if (answer !== 'delete') return false;
    // The profile goes first: a session being created for it meanwhile is then either refused by
    // the session store (and ended on the server) or stored before its sessions are forgotten.
    await profiles.remove(profile.id);
    await parts.sessions.forgetProfile(profile.id);
    parts.log.info(`Deleted profile "${profile.name}"`);
    return true;
  });

  register<ProfileArgument | { profileId: string; identifiers: string[] }>('quickblox.removeSavedUser', async (argument) => {
    const given = argument && 'identifiers' in argument ? argument : undefined;
    const profile = await resolveProfile(parts, given ? { profileId: given.profileId } : (argument as ProfileArgument), pick.profileToRemoveUsersOf());
    if (!profile) return false;
    if (profile.savedUsers.length === 0) {
      void parts.prompts.info(messages.noSavedUsers(profile.name));
      return false;
    }
    const chosen = given
      ? profile.savedUsers.filter((user) => given.identifiers.includes(user.identifier))
      : (
          await vscode.window.showQuickPick(
            profile.savedUsers.map((user) => ({ label: user.identifier, description: messages.savedUserKind(user.kind), user })),
            { title: messages.removeSavedUserTitle(), placeHolder: messages.whichSavedUsers(profile.name), canPickMany: true },
          )
        )?.map((item) => item.user);
    if (!chosen || chosen.length === 0) return false;
    const names = chosen.map((user) => user.identifier).join(', ');
    const answer = await parts.prompts.choose('warning', messages.removeQuestion(names, profile.name), [{ id: 'remove', label: messages.remove() }], {
      modal: true,
      detail: messages.removeDetail(chosen.length),
    });
    if (answer !== 'remove') return false;
    await profiles.removeSavedUsers(
      profile.id,
      chosen.map((user) => user.id),
    );
    parts.log.info(`Removed saved user${chosen.length === 1 ? '' : 's'} ${names} from "${profile.name}"`);
    return true;
  });

  register<ProfileArgument>('quickblox.testProfile', async (argument) => {
    const profile = await resolveProfile(parts, argument, pick.profileToTest());
    return profile ? parts.operations.test(profile) : undefined;
  });
  return handlers;
}
