import vscode = require('vscode');
import {
  diagnoseSignature,
  generateSigningCode,
  MAX_SENT_TEXT,
  renderSignatureDiagnosis,
  SESSION_AUTH_TYPES,
  SIGNING_CODE_LANGUAGES,
  type SessionAuthType,
  type SignatureDiagnosis,
  type SigningCodeLanguage,
} from '../core';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { kinds, ownCode as messages, pick, sessions } from '../feedback/messages';

/** Diagnose takes `{ profileId, text, signedString? }` to skip questions (tests, keybindings). */
export type DiagnoseArgument = ProfileArgument | { profileId: string; text?: string; signedString?: string };
/** Generate takes `{ profileId, language, kind, copy? }` to skip questions. */
export type GenerateArgument = ProfileArgument | { profileId: string; language?: SigningCodeLanguage; kind?: SessionAuthType; copy?: boolean };

/**
 * For the developer whose own backend code gets "Unexpected signature": Diagnose a Signature from
 * Your Code (what their code sent, checked against the profile's auth secret, which is never
 * shown), and Generate Signing Code (correct, dependency-free code for their stack that reads the
 * secrets from the environment).
 */
export function ownCodeCommands(parts: Pick<Parts, 'profiles' | 'prompts' | 'log' | 'documents'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  register<DiagnoseArgument>('quickblox.diagnoseSignature', async (argument) => {
    const given = argument && 'profileId' in argument ? (argument as { profileId: string; text?: string; signedString?: string }) : undefined;
    const profile = await resolveProfile(parts, given ? { profileId: given.profileId } : (argument as ProfileArgument), pick.profileToDiagnose());
    if (!profile) return undefined;
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    const text =
      given?.text ??
      selected ??
      (await vscode.window.showInputBox({
        title: messages.diagnoseTitle(),
        prompt: messages.pasteSent(),
        placeHolder: '{"application_id":"76730","auth_key":"…","nonce":"…","timestamp":"…","signature":"…"}',
        ignoreFocusOut: true,
      }));
    if (!text) return undefined;
    if (text.length > MAX_SENT_TEXT) {
      void parts.prompts.warn(messages.tooLong(text.length));
      return undefined;
    }
    const signedString =
      given?.signedString ??
      (given
        ? undefined
        : await vscode.window.showInputBox({
            title: messages.diagnoseTitle(),
            prompt: messages.signedString(),
            ignoreFocusOut: true,
          }));
    const secrets = await parts.profiles.secretsOf(profile.id);
    if (!secrets) {
      void parts.prompts.error(sessions.secretsMissing(profile.name));
      return undefined;
    }
    const diagnosis: SignatureDiagnosis = diagnoseSignature({
      text,
      authSecret: secrets.authSecret,
      authKey: secrets.authKey,
      hash: profile.hash,
      ...(signedString ? { signedString } : {}),
    });
    const markdown = renderSignatureDiagnosis(diagnosis, { title: messages.diagnosisTitle(), profileName: profile.name, endpoint: profile.endpoint });
    const id = parts.documents.addDocument({ title: messages.diagnosisDocument(profile.name), text: markdown, language: 'markdown' });
    await parts.documents.openRendered(id);
    parts.log.info(`Diagnosed a signature from your code for ${profile.name}: ${diagnosis.verdict}`);
    return diagnosis;
  });

  register<GenerateArgument>('quickblox.generateSigningCode', async (argument) => {
    const given =
      argument && 'profileId' in argument
        ? (argument as { profileId: string; language?: SigningCodeLanguage; kind?: SessionAuthType; copy?: boolean })
        : undefined;
    const profile = await resolveProfile(parts, given ? { profileId: given.profileId } : (argument as ProfileArgument), pick.profileToGenerateFor());
    if (!profile) return undefined;
    const language =
      given?.language ??
      (
        await vscode.window.showQuickPick(
          SIGNING_CODE_LANGUAGES.map((entry) => ({ label: entry.label, description: entry.requires, language: entry.id })),
          { title: messages.generateTitle(), placeHolder: messages.whichLanguage() },
        )
      )?.language;
    if (!language) return undefined;
    const kind =
      given?.kind ??
      (
        await vscode.window.showQuickPick(
          SESSION_AUTH_TYPES.map((type) => ({ label: kinds.label(type), authType: type })),
          { title: messages.generateTitle(), placeHolder: messages.whichKind() },
        )
      )?.authType;
    if (!kind) return undefined;
    const generated = generateSigningCode({ language, applicationId: profile.applicationId, endpoint: profile.endpoint, kind });
    const copy =
      given?.copy ??
      (
        await vscode.window.showQuickPick(
          [
            { label: messages.openAsDocument(), copy: false },
            { label: messages.copyToClipboard(), copy: true },
          ],
          { title: messages.generateTitle() },
        )
      )?.copy;
    if (copy === undefined) return undefined;
    const variables = generated.env.join(', ');
    if (copy) {
      await vscode.env.clipboard.writeText(generated.code);
      void parts.prompts.info(messages.copied(kinds.label(kind), profile.name, variables));
      return generated;
    }
    const document = await vscode.workspace.openTextDocument({ language: generated.languageId, content: generated.code });
    await vscode.window.showTextDocument(document, { preview: false });
    void parts.prompts.info(messages.opened(profile.name, generated.fileName, variables));
    return generated;
  });
  return handlers;
}
