import * as vscode from 'vscode';
import { profileFieldProblem } from '../core';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { askNewProfile, editProfileField } from './profileFlows';
import { accountSettingsUrlFor, lookUpEndpoint } from './lookUpEndpoint';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';

/** Add, edit, rename, duplicate, delete and test profiles. */
export function profileCommands(services: Pick<Parts, 'context' | 'profiles' | 'sessions' | 'prompts' | 'log' | 'clock' | 'documents' | 'operations'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  const { profiles } = services;

  register<ProfileArgument>('quickblox.addProfile', async () => {
    const input = await askNewProfile(profiles);
    if (!input) return undefined;
    const profile = await profiles.add(input);
    services.log.info(`Added profile "${profile.name}" (app ${profile.applicationId}, ${profile.endpoint})`);
    // With an account key, the account's own API host can be looked up (dedicated and enterprise accounts have one).
    const actions = profile.hasAccountKey ? ['Look Up Endpoint', 'Test Profile', 'Create Session'] : ['Test Profile', 'Create Session'];
    void services.prompts.info(`Profile ${profile.name} saved; its keys are in VS Code's secret storage.`, ...actions).then((action) => {
      if (action === 'Look Up Endpoint') return vscode.commands.executeCommand('quickblox.lookUpEndpoint', { profileId: profile.id });
      if (action === 'Test Profile') return vscode.commands.executeCommand('quickblox.testProfile', { profileId: profile.id });
      if (action === 'Create Session') return vscode.commands.executeCommand('quickblox.createSession', { profileId: profile.id });
      return undefined;
    });
    return profile;
  });

  register<ProfileArgument>('quickblox.editProfile', async (argument) => {
    const profile = await resolveProfile(services, argument, 'Which profile to edit?');
    if (!profile) return undefined;
    const edited = await editProfileField(profiles, profile);
    return edited === 'lookUpEndpoint' ? lookUpEndpoint(services, profile, accountSettingsUrlFor(services.context)) : edited;
  });

  register<ProfileArgument>('quickblox.lookUpEndpoint', async (argument) => {
    const profile = await resolveProfile(services, argument, 'Look up the API endpoint of which profile (from its account key)?');
    return profile ? lookUpEndpoint(services, profile, accountSettingsUrlFor(services.context)) : undefined;
  });

  register<ProfileArgument>('quickblox.renameProfile', async (argument) => {
    const profile = await resolveProfile(services, argument, 'Which profile to rename?');
    if (!profile) return undefined;
    const taken = profiles.list().filter((other) => other.id !== profile.id).map((other) => other.name);
    const name = await vscode.window.showInputBox({ title: `QuickBlox: Rename ${profile.name}`, value: profile.name, validateInput: (v) => profileFieldProblem('name', v, taken) });
    return name === undefined ? undefined : profiles.rename(profile.id, name);
  });

  register<ProfileArgument>('quickblox.duplicateProfile', async (argument) => {
    const profile = await resolveProfile(services, argument, 'Which profile to duplicate?');
    if (!profile) return undefined;
    const taken = profiles.list().map((other) => other.name);
    const name = await vscode.window.showInputBox({ title: `QuickBlox: Duplicate ${profile.name}`, value: `${profile.name} copy`, validateInput: (v) => profileFieldProblem('name', v, taken) });
    return name === undefined ? undefined : profiles.duplicate(profile.id, name);
  });

  register<ProfileArgument>('quickblox.deleteProfile', async (argument) => {
    const profile = await resolveProfile(services, argument, 'Which profile to delete?');
    if (!profile) return false;
    const sessions = services.sessions.forProfile(profile.id).length;
    const answer = await services.prompts.ask('warning', `Delete the profile "${profile.name}"?`, ['Delete'], {
      modal: true,
      detail: `Its auth key, auth secret${profile.hasAccountKey ? ', account key' : ''} and saved passwords are removed from secret storage${sessions ? `, and its ${sessions} session${sessions === 1 ? '' : 's'} forgotten` : ''}.`,
    });
    if (answer !== 'Delete') return false;
    // The profile goes first: a session being created for it meanwhile is then either refused by
    // the session store (and ended on the server) or stored before its sessions are forgotten.
    await profiles.remove(profile.id);
    await services.sessions.forgetProfile(profile.id);
    services.log.info(`Deleted profile "${profile.name}"`);
    return true;
  });

  register<ProfileArgument | { profileId: string; identifiers: string[] }>('quickblox.removeSavedUser', async (argument) => {
    const given = argument && 'identifiers' in argument ? argument : undefined;
    const profile = await resolveProfile(services, given ? { profileId: given.profileId } : (argument as ProfileArgument), 'Remove saved users of which profile?');
    if (!profile) return false;
    if (profile.savedUsers.length === 0) {
      void services.prompts.info(`${profile.name} has no saved users: a user is saved when you accept "Save User" after signing in.`);
      return false;
    }
    const chosen = given
      ? profile.savedUsers.filter((user) => given.identifiers.includes(user.identifier))
      : (
          await vscode.window.showQuickPick(
            profile.savedUsers.map((user) => ({ label: user.identifier, description: user.kind, user })),
            { title: 'QuickBlox: Remove Saved User', placeHolder: `Which saved users of ${profile.name} to remove?`, canPickMany: true },
          )
        )?.map((item) => item.user);
    if (!chosen || chosen.length === 0) return false;
    const names = chosen.map((user) => user.identifier).join(', ');
    const answer = await services.prompts.ask('warning', `Remove ${names} from ${profile.name}?`, ['Remove'], {
      modal: true,
      detail: `${chosen.length === 1 ? 'The password is' : 'Their passwords are'} deleted from secret storage. Sessions already created stay as they are.`,
    });
    if (answer !== 'Remove') return false;
    await profiles.removeSavedUsers(profile.id, chosen.map((user) => user.id));
    services.log.info(`Removed saved user${chosen.length === 1 ? '' : 's'} ${names} from "${profile.name}"`);
    return true;
  });

  register<ProfileArgument>('quickblox.testProfile', async (argument) => {
    const profile = await resolveProfile(services, argument, 'Which profile to test?');
    return profile ? services.operations.test(profile) : undefined;
  });
  return handlers;
}
