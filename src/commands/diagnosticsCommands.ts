import { randomInt } from 'node:crypto';
import vscode = require('vscode');
import {
  errorMessagesOf,
  explainSignature,
  kindOfFailure,
  outsideText,
  parseBoundedJson,
  QuickBloxError,
  renderSignatureExplanation,
  type SessionAuth,
  type SessionAuthType,
  type SignatureExplanation,
} from '../core';
import { explainFailure, type Explained } from '../feedback/failures';
import type { Profile } from '../profiles/profile';
import type { FailedCreate } from '../sessions/operations/failedCreate';
import { showFailure } from '../feedback/failureActions';
import { hasUser } from '../sessions/store/trackedSession';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { askSessionRequest } from './sessionFlows';
import { kinds, diagnostics as messages, pick, sessions, type FailureAction } from '../feedback/messages';
import { errorExplanationMarkdown } from '../views/errorExplanationText';

/** Explain Signature takes `{ lastFailure: true }`, or `{ profileId, kind?, auth? }` to skip questions. */
export type ExplainArgument = ProfileArgument | { lastFailure: true } | { profileId: string; kind?: SessionAuthType; auth?: SessionAuth };

/** Explain Error takes the response text (a status line is optional), else the editor's selection, else asks for it. */
export type ExplainErrorArgument = { text: string } | undefined;

export function diagnosticsCommands(
  parts: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock' | 'clockSkew' | 'documents' | 'operations'>,
): CommandHandlers {
  const { handlers, register } = handlerTable();
  register<ExplainArgument>('quickblox.explainSignature', async (argument) => {
    const failed = parts.operations.lastFailedCreate();
    if (argument && 'lastFailure' in argument) {
      if (failed) return showExplanation(parts, failed);
      void parts.prompts.info(messages.noFailureYet());
    } else if (!argument && failed) {
      const chosen = await vscode.window.showQuickPick(
        [
          {
            label: messages.failedRequestItem(new Date(failed.at).toLocaleTimeString()),
            description: messages.failedRequestDescription(failed.profile.name, kinds.label(failed.auth.type)),
            last: true,
          },
          { label: messages.profileAndKindItem(), last: false },
        ],
        { title: messages.explainSignatureTitle(), placeHolder: messages.whichSignature() },
      );
      if (!chosen) return undefined;
      if (chosen.last) return showExplanation(parts, failed);
    }
    const given = argument && 'profileId' in argument ? (argument as { profileId: string; kind?: SessionAuthType; auth?: SessionAuth }) : undefined;
    const profile = await resolveProfile(parts, given ? { profileId: given.profileId } : (argument as ProfileArgument), pick.profileToExplain());
    if (!profile) return undefined;
    const auth = given?.auth ?? (await askSessionRequest(parts.profiles, profile, given?.kind))?.auth;
    if (!auth) return undefined;
    const timestamp = Math.floor(parts.clockSkew.signingClock()() / 1000);
    const known = parts.clockSkew.seconds;
    // The skew the timestamp would carry: what remains after the correction in use.
    const clockSkewSeconds = known === undefined ? undefined : known - parts.clockSkew.correction();
    return showExplanation(parts, {
      profile,
      auth,
      timestamp,
      nonce: randomInt(1, 2_147_483_647),
      at: parts.clock.now(),
      kind: 'none',
      ...(clockSkewSeconds !== undefined ? { clockSkewSeconds } : {}),
    });
  });

  register<ExplainErrorArgument>('quickblox.explainError', async (argument) => {
    const selection = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection).trim();
    const text =
      argument?.text ??
      (selection ||
        (await vscode.window.showInputBox({
          title: messages.explainErrorTitle(),
          prompt: messages.pasteError(),
          placeHolder: '403 {"errors":{"base":["Forbidden. Need user."]}}',
          ignoreFocusOut: true,
        })));
    if (!text) return undefined;
    return explainPastedError(parts, text);
  });
  return handlers;
}

type Diagnostics = Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock' | 'clockSkew' | 'documents' | 'operations'>;

async function showExplanation(parts: Diagnostics, request: FailedCreate): Promise<SignatureExplanation | undefined> {
  // The profile as it is now: it may have been edited since the request failed.
  const profile = parts.profiles.get(request.profile.id) ?? request.profile;
  const secrets = await parts.profiles.secretsOf(profile.id);
  if (!secrets) {
    void parts.prompts.error(sessions.secretsMissing(profile.name));
    return undefined;
  }
  const explain = (failure: QuickBloxError['kind'] | undefined): SignatureExplanation =>
    explainSignature({
      applicationId: profile.applicationId,
      authKey: secrets.authKey,
      authSecret: secrets.authSecret,
      hash: profile.hash,
      auth: request.auth,
      timestamp: request.timestamp,
      nonce: request.nonce,
      ...(request.clockSkewSeconds !== undefined ? { clockSkewSeconds: request.clockSkewSeconds } : {}),
      ...(failure ? { failure } : {}),
    });
  const failed = request.kind !== 'none';
  const sentPrefix = request.sentSignature?.replace(/…$/, '');
  let explanation = explain(failed ? (request.kind as QuickBloxError['kind']) : undefined);
  // Signed again, the request must give the signature that was sent; if not, the keys changed since.
  const changed = failed && sentPrefix !== undefined && !explanation.signature.startsWith(sentPrefix);
  if (changed) explanation = explain(undefined);
  const at = new Date(request.at).toLocaleTimeString();
  const text = renderSignatureExplanation(explanation, {
    title: messages.signatureTitle(kinds.label(request.auth.type)),
    profileName: profile.name,
    endpoint: profile.endpoint,
    kindLabel: kinds.label(request.auth.type),
    // Signed here and never sent (a fresh request, or the failed one with keys it was not sent with): its signature stays masked.
    unsent: !failed || changed,
    note: !failed
      ? messages.freshNote()
      : changed
        ? messages.keysChangedNote(at)
        : messages.failedNote(at, messages.failureWords(request.kind) ?? request.kind),
  });
  const id = parts.documents.addDocument({ title: messages.signatureDocument(profile.name, request.auth.type), text, language: 'markdown' });
  await parts.documents.openRendered(id);
  return explanation;
}

/** Reads a pasted QuickBlox error and says what it means, with the action that helps. */
async function explainPastedError(parts: Diagnostics, text: string): Promise<Explained | undefined> {
  if (text.length > MAX_PASTED_LENGTH) {
    void parts.prompts.warn(messages.pastedTooLong(text.length));
    return undefined;
  }
  const status = statusOf(text);
  const lines = errorMessagesOf(jsonIn(text))
    ?.slice(0, 20)
    .map((line) => outsideText(line));
  if (!lines) {
    void parts.prompts.ask('warning', messages.notAnErrorBody());
    return undefined;
  }
  const effective = status ?? (lines.some((line) => /unauthorized/i.test(line)) ? 401 : 422);
  const kind = kindOfFailure(effective, lines);
  const error = new QuickBloxError(kind, messages.pastedRefused(status, lines.join('; ')), { status: effective, messages: lines });
  const explained = explainFailure(error, messages.pastedResponse(), {});
  // Nothing was sent from here, so there is nothing to retry.
  const leaveOut: FailureAction[] = ['retry'];
  const markdown = errorExplanationMarkdown({
    ...(status !== undefined ? { status } : {}),
    lines,
    explained,
    offered: explained.actions.filter((action) => !leaveOut.includes(action)),
  });
  await parts.documents.openRendered(parts.documents.addDocument({ title: messages.errorDocument(), text: markdown, language: 'markdown' }));
  const active = parts.sessions.active();
  const appSession = active && !hasUser(active) && active.expiresAt > parts.clock.now() ? active : undefined;
  showFailure(parts, explained, { ...(appSession ? { sessionId: appSession.id } : {}), ...profileOf(parts, appSession?.profileId) }, 'info', leaveOut);
  return explained;
}

function profileOf(parts: Diagnostics, id: string | undefined): { profile?: Profile } {
  const profile = id ? parts.profiles.get(id) : undefined;
  return profile ? { profile } : {};
}

function statusOf(text: string): number | undefined {
  const match = /^\s*(?:HTTP\/[\d.]+\s+)?([1-5]\d\d)\b/.exec(text) ?? /"status"\s*:\s*([1-5]\d\d)\b/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Pasted or selected text is an error body, not a document: past this it is refused unread. */
const MAX_PASTED_LENGTH = 100_000;

function jsonIn(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  const parsed = parseBoundedJson(text.slice(start, end + 1));
  return parsed.ok ? parsed.value : undefined;
}
