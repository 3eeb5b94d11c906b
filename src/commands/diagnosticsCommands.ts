import { randomInt } from 'node:crypto';
import * as vscode from 'vscode';
import { errorMessagesOf, explainSignature, kindOfFailure, outsideText, parseBoundedJson, QuickBloxError, renderSignatureExplanation, type SessionAuth, type SessionAuthType, type SignatureExplanation } from '../core';
import { explainFailure, type Explained } from '../feedback/failures';
import type { Profile } from '../profiles/profile';
import type { FailedCreate } from '../sessions/operations/failedCreate';
import { showFailure } from '../feedback/failureActions';
import { hasUser, KIND_LABELS } from '../sessions/store/trackedSession';
import { resolveProfile, type ProfileArgument } from './pickProfile';
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { askSessionRequest } from './sessionFlows';

/** Explain Signature takes `{ lastFailure: true }`, or `{ profileId, kind?, auth? }` to skip questions. */
export type ExplainArgument = ProfileArgument | { lastFailure: true } | { profileId: string; kind?: SessionAuthType; auth?: SessionAuth };

/** Explain Error takes the response text (a status line is optional), else the editor's selection, else asks for it. */
export type ExplainErrorArgument = { text: string } | undefined;

export function diagnosticsCommands(services: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock' | 'clockSkew' | 'documents' | 'operations'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  register<ExplainArgument>('quickblox.explainSignature', async (argument) => {
    const failed = services.operations.lastFailedCreate();
    if (argument && 'lastFailure' in argument) {
      if (failed) return showExplanation(services, failed);
      void services.prompts.info('No session request has failed in this window yet: choose a profile and a kind to explain instead.');
    } else if (!argument && failed) {
      const chosen = await vscode.window.showQuickPick(
        [
          { label: `$(error) The request that failed at ${new Date(failed.at).toLocaleTimeString()}`, description: `${failed.profile.name} · ${KIND_LABELS[failed.auth.type]}`, last: true },
          { label: '$(account) A profile and a kind of session…', last: false },
        ],
        { title: 'QuickBlox: Explain Signature', placeHolder: 'Explain which signature?' },
      );
      if (!chosen) return undefined;
      if (chosen.last) return showExplanation(services, failed);
    }
    const given = argument && 'profileId' in argument ? (argument as { profileId: string; kind?: SessionAuthType; auth?: SessionAuth }) : undefined;
    const profile = await resolveProfile(services, given ? { profileId: given.profileId } : (argument as ProfileArgument), 'Explain the signature of which profile?');
    if (!profile) return undefined;
    const auth = given?.auth ?? (await askSessionRequest(services.profiles, profile, given?.kind))?.auth;
    if (!auth) return undefined;
    const timestamp = Math.floor(services.clockSkew.signingClock()() / 1000);
    const known = services.clockSkew.seconds;
    // The skew the timestamp would carry: what remains after the correction in use.
    const clockSkewSeconds = known === undefined ? undefined : known - services.clockSkew.correction();
    return showExplanation(services, { profile, auth, timestamp, nonce: randomInt(1, 2_147_483_647), at: services.clock.now(), kind: 'none', ...(clockSkewSeconds !== undefined ? { clockSkewSeconds } : {}) });
  });

  register<ExplainErrorArgument>('quickblox.explainError', async (argument) => {
    const selection = vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection).trim();
    const text =
      argument?.text ??
      (selection ||
        (await vscode.window.showInputBox({
          title: 'QuickBlox: Explain Error',
          prompt: 'Paste the error QuickBlox answered (the JSON body; a status such as 403 before it helps)',
          placeHolder: '403 {"errors":{"base":["Forbidden. Need user."]}}',
          ignoreFocusOut: true,
        })));
    if (!text) return undefined;
    return explainPastedError(services, text);
  });
  return handlers;
}

type Diagnostics = Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock' | 'clockSkew' | 'documents' | 'operations'>;

/** How a failure reads in the explanation's heading. */
const FAILURE_WORDS: Record<string, string> = {
  invalid_signature: 'QuickBlox answered "Unexpected signature"',
  unauthorized: 'QuickBlox answered "Unauthorized"',
  session_missing: 'QuickBlox answered "Required session does not exist"',
  validation: 'QuickBlox rejected a parameter',
  rate_limited: 'too many requests',
  server: 'a server error',
  network: 'a network error',
  timeout: 'no answer in time',
  bad_response: 'an answer that was not QuickBlox JSON',
};

async function showExplanation(services: Diagnostics, request: FailedCreate): Promise<SignatureExplanation | undefined> {
  // The profile as it is now: it may have been edited since the request failed.
  const profile = services.profiles.get(request.profile.id) ?? request.profile;
  const secrets = await services.profiles.secretsOf(profile.id);
  if (!secrets) {
    void services.prompts.error(`The auth key or secret of ${profile.name} is missing from this machine's secret storage: edit the profile to enter them.`);
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
    title: `Signature: ${KIND_LABELS[request.auth.type]} session`,
    profileName: profile.name,
    endpoint: profile.endpoint,
    kindLabel: KIND_LABELS[request.auth.type],
    // Signed here and never sent (a fresh request, or the failed one with keys it was not sent with): its signature stays masked.
    unsent: !failed || changed,
    note: !failed
      ? 'A fresh timestamp and nonce; nothing was sent.'
      : changed
        ? `The request that failed at ${at} was signed with keys this profile no longer has (it was edited since): this is how it signs now, with that request's timestamp and nonce.`
        : `Explains the request that failed at ${at} (${FAILURE_WORDS[request.kind] ?? request.kind}), signed again with its own timestamp and nonce.`,
  });
  const id = services.documents.addDocument({ title: `signature ${profile.name} ${request.auth.type}`, text, language: 'markdown' });
  await services.documents.open(id);
  return explanation;
}

/** Reads a pasted QuickBlox error and says what it means, with the action that helps. */
async function explainPastedError(services: Diagnostics, text: string): Promise<Explained | undefined> {
  if (text.length > MAX_PASTED_LENGTH) {
    const message = `That text is ${text.length} characters long, far more than an error body: paste or select only the JSON QuickBlox answered.`;
    void services.prompts.warn(message);
    return undefined;
  }
  const status = statusOf(text);
  const messages = errorMessagesOf(jsonIn(text))?.slice(0, 20).map((line) => outsideText(line));
  if (!messages) {
    const message = 'That is not a QuickBlox error body: paste the JSON the API answered, such as {"errors":{"base":["Unexpected signature"]}}, with its status before it if you have it.';
    void services.prompts.ask('warning', message);
    return undefined;
  }
  const effective = status ?? (messages.some((line) => /unauthorized/i.test(line)) ? 401 : 422);
  const kind = kindOfFailure(effective, messages);
  const error = new QuickBloxError(kind, `QuickBlox refused the request (${status ?? 'status not given'}: ${messages.join('; ')}).`, { status: effective, messages });
  const explained = explainFailure(error, 'The pasted response', {});
  const active = services.sessions.active();
  const appSession = active && !hasUser(active) && active.expiresAt > services.clock.now() ? active : undefined;
  showFailure(services, explained, { ...(appSession ? { sessionId: appSession.id } : {}), ...profileOf(services, appSession?.profileId) }, 'info', ['retry']);
  return explained;
}

function profileOf(services: Diagnostics, id: string | undefined): { profile?: Profile } {
  const profile = id ? services.profiles.get(id) : undefined;
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
