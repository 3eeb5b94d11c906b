import * as vscode from 'vscode';
import { profileFieldProblem, type HashAlgorithm } from '../core';
import { config } from '../host/config';
import type { NewProfile, Profile, ProfileSecrets } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import { FlowInput, type Step } from '../feedback/inputFlow';

const HASH_ITEMS: Array<vscode.QuickPickItem & { hash: HashAlgorithm }> = [
  { label: 'HMAC-SHA1', description: 'default', detail: "The signature QuickBlox's REST reference documents, and the one the SDKs send by default.", hash: 'sha1' },
  { label: 'HMAC-SHA256', description: 'unconfirmed', detail: "The JS SDK can sign with it (hash: 'sha256'), but QuickBlox's REST reference documents only HMAC-SHA1: use it only if your server is known to accept it.", hash: 'sha256' },
];

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
    state.name = await input.text({ step: 1, totalSteps, prompt: 'A name for this profile', placeholder: 'Staging', value: state.name, validate: (v) => profileFieldProblem('name', v, taken) });
    return endpoint;
  };
  const endpoint: Step = async (input) => {
    state.endpoint = await input.text({ step: 2, totalSteps, prompt: 'API endpoint (your dedicated API host, or the default)', value: state.endpoint, validate: (v) => profileFieldProblem('endpoint', v) });
    return applicationId;
  };
  const applicationId: Step = async (input) => {
    state.applicationId = await input.text({ step: 3, totalSteps, prompt: 'Application ID (Dashboard → your app → Overview)', placeholder: '76730', value: state.applicationId, validate: (v) => profileFieldProblem('applicationId', v) });
    return authKey;
  };
  const authKey: Step = async (input) => {
    state.authKey = await input.text({ step: 4, totalSteps, prompt: 'Authorization key (auth_key), kept in secret storage', value: state.authKey, password: true, validate: (v) => profileFieldProblem('authKey', v) });
    return authSecret;
  };
  const authSecret: Step = async (input) => {
    state.authSecret = await input.text({ step: 5, totalSteps, prompt: 'Authorization secret, kept in secret storage and never sent', value: state.authSecret, password: true, validate: (v) => profileFieldProblem('authSecret', v) });
    return accountKey;
  };
  const accountKey: Step = async (input) => {
    state.accountKey = await input.text({ step: 6, totalSteps, prompt: 'Account key (optional: leave empty if you have none)', value: state.accountKey, password: true, validate: (v) => profileFieldProblem('accountKey', v) });
    return hash;
  };
  const hash: Step = async (input) => {
    const chosen = await input.pick({ step: 7, totalSteps, placeholder: 'Signature algorithm', items: HASH_ITEMS, active: HASH_ITEMS.find((item) => item.hash === state.hash) });
    state.hash = chosen.hash;
    return undefined;
  };
  if (!(await FlowInput.run('QuickBlox: Add Profile', name))) return undefined;
  const secrets: ProfileSecrets = { authKey: state.authKey, authSecret: state.authSecret, ...(state.accountKey ? { accountKey: state.accountKey } : {}) };
  return { name: state.name.trim(), endpoint: state.endpoint.trim(), applicationId: state.applicationId.trim(), hash: state.hash, secrets };
}

type EditableField = 'name' | 'endpoint' | 'applicationId' | 'authKey' | 'authSecret' | 'accountKey' | 'hash';

/** Edit Profile: pick one field, enter its new value, save only that; or ask to look the endpoint up from the account key. */
export async function editProfileField(profiles: ProfileStore, profile: Profile): Promise<Profile | 'lookUpEndpoint' | undefined> {
  const items: Array<vscode.QuickPickItem & { field: EditableField | 'lookUpEndpoint' }> = [
    { label: 'Name', description: profile.name, field: 'name' },
    { label: 'API endpoint', description: profile.endpoint, field: 'endpoint' },
    ...(profile.hasAccountKey ? [{ label: '$(search) Look up endpoint', description: 'from the account key (GET api.quickblox.com/account_settings.json)', field: 'lookUpEndpoint' as const }] : []),
    { label: 'Application ID', description: profile.applicationId, field: 'applicationId' },
    { label: 'Authorization key', description: 'secret', field: 'authKey' },
    { label: 'Authorization secret', description: 'secret', field: 'authSecret' },
    { label: 'Account key', description: profile.hasAccountKey ? 'secret' : 'none', field: 'accountKey' },
    { label: 'Signature algorithm', description: `HMAC-${profile.hash.toUpperCase()}`, field: 'hash' },
  ];
  const chosen = await vscode.window.showQuickPick(items, { title: `QuickBlox: Edit ${profile.name}`, placeHolder: 'Which field?' });
  if (!chosen) return undefined;
  if (chosen.field === 'lookUpEndpoint') return 'lookUpEndpoint';
  if (chosen.field === 'hash') {
    const hash = await vscode.window.showQuickPick(HASH_ITEMS, { title: `QuickBlox: ${profile.name} signature algorithm` });
    return hash ? profiles.update(profile.id, { hash: hash.hash }) : undefined;
  }
  const secret = chosen.field === 'authKey' || chosen.field === 'authSecret' || chosen.field === 'accountKey';
  const taken = profiles.list().filter((other) => other.id !== profile.id).map((other) => other.name);
  const value = await vscode.window.showInputBox({
    title: `QuickBlox: ${profile.name} ${chosen.label.toLowerCase()}`,
    prompt: secret ? `New ${chosen.label.toLowerCase()} (kept in secret storage)${chosen.field === 'accountKey' ? '; empty removes it' : ''}` : `New ${chosen.label.toLowerCase()}`,
    value: chosen.field === 'name' || chosen.field === 'endpoint' || chosen.field === 'applicationId' ? profile[chosen.field] : '',
    password: secret,
    ignoreFocusOut: true,
    validateInput: (v) => profileFieldProblem(chosen.field as Exclude<EditableField, 'hash'>, v, taken),
  });
  if (value === undefined) return undefined;
  return secret ? profiles.update(profile.id, {}, { [chosen.field]: value }) : profiles.update(profile.id, { [chosen.field]: value.trim() });
}
