import vscode = require('vscode');
import { profileFieldProblem, type HashAlgorithm } from '../core';
import { config } from '../host/config';
import type { NewProfile, Profile, ProfileSecrets } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import { FlowInput, type Step } from '../feedback/inputFlow';
import { profiles as messages, type ProfileField } from '../feedback/messages';

/** The signature algorithms, by name (the names are not translated). */
function hashItems(): Array<vscode.QuickPickItem & { hash: HashAlgorithm }> {
  return (['sha1', 'sha256'] as const).map((hash) => ({
    label: `HMAC-${hash.toUpperCase()}`,
    description: messages.hashDescription(hash),
    detail: messages.hashDetail(hash),
    hash,
  }));
}

/** Asks for every field of a new profile; nothing is saved unless the last step completes. */
export async function askNewProfile(profiles: ProfileStore, preset: Partial<NewProfile> = {}): Promise<NewProfile | undefined> {
  const taken = profiles.list().map((profile) => profile.name);
  const state = {
    name: preset.name ?? '',
    endpoint: preset.endpoint ?? config.defaultEndpoint(),
    applicationId: preset.applicationId ?? '',
    authKey: preset.secrets?.authKey ?? '',
    authSecret: preset.secrets?.authSecret ?? '',
    accountKey: preset.secrets?.accountKey ?? '',
    hash: preset.hash ?? ('sha1' as HashAlgorithm),
  };
  const totalSteps = 7;
  const name: Step = async (input) => {
    state.name = await input.text({
      step: 1,
      totalSteps,
      prompt: messages.askName(),
      placeholder: messages.namePlaceholder(),
      value: state.name,
      validate: (v) => profileFieldProblem('name', v, taken),
    });
    return endpoint;
  };
  const endpoint: Step = async (input) => {
    state.endpoint = await input.text({
      step: 2,
      totalSteps,
      prompt: messages.askEndpoint(),
      value: state.endpoint,
      validate: (v) => profileFieldProblem('endpoint', v),
    });
    return applicationId;
  };
  const applicationId: Step = async (input) => {
    state.applicationId = await input.text({
      step: 3,
      totalSteps,
      prompt: messages.askApplicationId(),
      placeholder: '76730',
      value: state.applicationId,
      validate: (v) => profileFieldProblem('applicationId', v),
    });
    return authKey;
  };
  const authKey: Step = async (input) => {
    state.authKey = await input.text({
      step: 4,
      totalSteps,
      prompt: messages.askAuthKey(),
      value: state.authKey,
      password: true,
      validate: (v) => profileFieldProblem('authKey', v),
    });
    return authSecret;
  };
  const authSecret: Step = async (input) => {
    state.authSecret = await input.text({
      step: 5,
      totalSteps,
      prompt: messages.askAuthSecret(),
      value: state.authSecret,
      password: true,
      validate: (v) => profileFieldProblem('authSecret', v),
    });
    return accountKey;
  };
  const accountKey: Step = async (input) => {
    state.accountKey = await input.text({
      step: 6,
      totalSteps,
      prompt: messages.askAccountKey(),
      value: state.accountKey,
      password: true,
      validate: (v) => profileFieldProblem('accountKey', v),
    });
    return hash;
  };
  const hash: Step = async (input) => {
    const items = hashItems();
    const chosen = await input.pick({ step: 7, totalSteps, placeholder: messages.askHash(), items, active: items.find((item) => item.hash === state.hash) });
    state.hash = chosen.hash;
    return undefined;
  };
  if (!(await FlowInput.run(messages.addTitle(), name))) return undefined;
  const secrets: ProfileSecrets = { authKey: state.authKey, authSecret: state.authSecret, ...(state.accountKey ? { accountKey: state.accountKey } : {}) };
  return { name: state.name.trim(), endpoint: state.endpoint.trim(), applicationId: state.applicationId.trim(), hash: state.hash, secrets };
}

/** Edit Profile: pick one field, enter its new value, save only that; or ask to look the endpoint up from the account key. */
export async function editProfileField(profiles: ProfileStore, profile: Profile): Promise<Profile | 'lookUpEndpoint' | undefined> {
  const item = (field: ProfileField, description: string) => ({ label: messages.fieldLabel(field), description, field });
  const items: Array<vscode.QuickPickItem & { field: ProfileField | 'lookUpEndpoint' }> = [
    item('name', profile.name),
    item('endpoint', profile.endpoint),
    ...(profile.hasAccountKey ? [{ label: messages.lookUpItem(), description: messages.lookUpItemDescription(), field: 'lookUpEndpoint' as const }] : []),
    item('applicationId', profile.applicationId),
    item('authKey', messages.secretField()),
    item('authSecret', messages.secretField()),
    item('accountKey', profile.hasAccountKey ? messages.secretField() : messages.noAccountKey()),
    item('hash', `HMAC-${profile.hash.toUpperCase()}`),
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: messages.editTitle(profile.name), placeHolder: messages.whichField() });
  if (!chosen) return undefined;
  if (chosen.field === 'lookUpEndpoint') return 'lookUpEndpoint';
  if (chosen.field === 'hash') {
    const hash = await vscode.window.showQuickPick(hashItems(), { title: messages.hashTitle(profile.name) });
    return hash ? profiles.update(profile.id, { hash: hash.hash }) : undefined;
  }
  const field = chosen.field;
  const secret = field === 'authKey' || field === 'authSecret' || field === 'accountKey';
  const taken = profiles
    .list()
    .filter((other) => other.id !== profile.id)
    .map((other) => other.name);
  const value = await vscode.window.showInputBox({
    title: messages.fieldTitle(profile.name, field),
    prompt: messages.fieldPrompt(field),
    value: field === 'name' || field === 'endpoint' || field === 'applicationId' ? profile[field] : '',
    password: secret,
    ignoreFocusOut: true,
    validateInput: (v) => profileFieldProblem(field, v, taken),
  });
  if (value === undefined) return undefined;
  return secret ? profiles.update(profile.id, {}, { [field]: value }) : profiles.update(profile.id, { [field]: value.trim() });
}
