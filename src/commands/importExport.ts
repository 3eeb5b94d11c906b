import { UserFacingError } from '../feedback/userFacingError';
import { homedir } from 'node:os';
import vscode = require('vscode');
import {
  describeEndpointHost,
  findQbInit,
  isQuickBloxError,
  MAX_PROFILE_FILE_BYTES,
  parseProfileFile,
  profileFieldProblem,
  profileFileText,
  type ExportedProfile,
} from '../core';
import { hostSummary } from '../profiles/endpointTrust';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { askNewProfile } from './profileFlows';
import { importExport as messages } from '../feedback/messages';

/** Export Profiles (no secrets) and Import Profiles (a file, or a QB.init call in the editor). */
export function importExportCommands(parts: Pick<Parts, 'profiles' | 'prompts' | 'log'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  register<vscode.Uri | undefined>('quickblox.exportProfiles', (target) => exportProfiles(parts, target));
  register<vscode.Uri | undefined>('quickblox.importProfiles', (source) => importProfiles(parts, source));
  return handlers;
}

async function exportProfiles(parts: Pick<Parts, 'profiles' | 'prompts' | 'log'>, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const profiles = parts.profiles.list();
  if (profiles.length === 0) {
    void parts.prompts.info(messages.nothingToExport());
    return undefined;
  }
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: messages.exportTitle(),
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir()), 'quickblox-profiles.json'),
      filters: { JSON: ['json'] },
    }));
  if (!uri) return undefined;
  const exported: ExportedProfile[] = profiles.map((profile) => ({
    name: profile.name,
    applicationId: profile.applicationId,
    endpoint: profile.endpoint,
    hash: profile.hash,
    hasAccountKey: profile.hasAccountKey,
    savedUsers: profile.savedUsers.map((user) => ({ kind: user.kind, identifier: user.identifier })),
  }));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(profileFileText(exported), 'utf8'));
  parts.log.info(`Exported ${profiles.length} profile(s) to ${uri.toString(true)}`);
  void parts.prompts.info(messages.exported(profiles.length));
  return uri;
}

async function importProfiles(parts: Pick<Parts, 'profiles' | 'prompts' | 'log'>, source?: vscode.Uri): Promise<number> {
  if (!source) {
    const init = qbInitInEditor();
    const choices = [
      { label: messages.fromFile(), detail: messages.fromFileDetail(), from: 'file' as const },
      ...(init ? [{ label: messages.fromInit(), detail: messages.fromInitDetail(init.applicationId), from: 'init' as const }] : []),
    ];
    const chosen = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: messages.importTitle() });
    if (!chosen) return 0;
    if (chosen.from === 'init' && init) {
      const input = await askNewProfile(parts.profiles, {
        applicationId: init.applicationId,
        secrets: { authKey: init.authKey, authSecret: init.authSecret, ...(init.accountKey ? { accountKey: init.accountKey } : {}) },
      });
      if (!input) return 0;
      await parts.profiles.add(input);
      return 1;
    }
    const picked = await vscode.window.showOpenDialog({ title: messages.openTitle(), canSelectMany: false, filters: { JSON: ['json'] } });
    if (!picked?.[0]) return 0;
    source = picked[0];
  }
  const stat = await vscode.workspace.fs.stat(source);
  if (stat.size > MAX_PROFILE_FILE_BYTES) throw new UserFacingError(messages.tooLarge());
  let entries: ExportedProfile[];
  try {
    entries = parseProfileFile(Buffer.from(await vscode.workspace.fs.readFile(source)).toString('utf8'));
  } catch (error) {
    if (isQuickBloxError(error)) throw new UserFacingError(messages.nothingImported(error.message));
    throw error;
  }
  let imported = 0;
  for (const entry of entries) {
    if (await importOne(parts, entry)) imported++;
  }
  void parts.prompts.info(messages.imported(imported, entries.length));
  return imported;
}

/** Asks for the secrets the file does not hold; a skipped or cancelled profile is not saved. */
async function importOne(parts: Pick<Parts, 'profiles' | 'prompts' | 'log'>, entry: ExportedProfile): Promise<boolean> {
  const { profiles } = parts;
  let name = entry.name;
  const taken = profiles.list().map((profile) => profile.name);
  if (profileFieldProblem('name', name, taken)) {
    const renamed = await vscode.window.showInputBox({
      title: messages.profileTitle(entry.name),
      prompt: messages.nameTaken(),
      value: messages.importedName(entry.name),
      validateInput: (v) => profileFieldProblem('name', v, taken),
    });
    if (renamed === undefined) return false;
    name = renamed.trim();
  }
  // Where the profile's credentials would go is shown, and agreed to, before any of them is asked for.
  const host = describeEndpointHost(entry.endpoint);
  const where = await parts.prompts.choose(
    'warning',
    messages.question(name, entry.applicationId, entry.endpoint),
    [{ id: 'import', label: messages.import() }],
    {
      modal: true,
      detail: messages.detail(hostSummary(host), entry.hasAccountKey, entry.savedUsers.length > 0, entry.endpoint),
    },
  );
  if (where !== 'import') return false;
  const ask = (label: string, field: 'authKey' | 'authSecret' | 'accountKey' | 'password') =>
    vscode.window.showInputBox({
      title: messages.profileTitle(name),
      prompt: label,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => profileFieldProblem(field, v),
    });
  const authKey = await ask(messages.askAuthKey(entry.applicationId), 'authKey');
  if (authKey === undefined) return false;
  const authSecret = await ask(messages.askAuthSecret(entry.applicationId), 'authSecret');
  if (authSecret === undefined) return false;
  const accountKey = entry.hasAccountKey ? await ask(messages.askAccountKey(), 'accountKey') : '';
  if (accountKey === undefined) return false;
  const added = await profiles.add({
    name,
    applicationId: entry.applicationId,
    endpoint: entry.endpoint,
    hash: entry.hash,
    secrets: { authKey, authSecret, ...(accountKey ? { accountKey } : {}) },
  });
  // The host was named and agreed to above: no second question when the profile is first used.
  const profile = host.kind === 'other' ? await profiles.update(added.id, { confirmedHost: host.host }) : added;
  for (const user of entry.savedUsers) {
    const password = await ask(messages.askSavedUserPassword(user.identifier), 'password');
    if (password !== undefined) await profiles.addSavedUser(profile.id, user.kind, user.identifier, password);
  }
  return true;
}

function qbInitInEditor(): ReturnType<typeof findQbInit> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const selected = editor.document.getText(editor.selection);
  return (selected ? findQbInit(selected) : undefined) ?? findQbInit(editor.document.getText());
}
