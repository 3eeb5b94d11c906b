import * as vscode from 'vscode';
import { createSession, isQuickBloxError, type QuickBloxError, type SessionAuth, type SessionResult } from '../core';
import { config } from '../config';
import { explainFailure, type FailureAction } from '../failures';
import type { Profile } from '../profiles/profile';
import type { Services } from '../services';
import { copyToken } from './clipboard';
import { KIND_LABELS, type TrackedSession } from './trackedSession';
import { userAgent } from '../userAgent';

export interface SessionRequest {
  profile: Profile;
  auth: SessionAuth;
  /** Who signs in, for lists: a login, an email or the provider. */
  user?: string;
}

/**
 * Creates a session under a cancellable progress notification, records the exchange, remembers
 * the session and makes it active. Failures become one sentence with actions; the promise
 * resolves to undefined then, and never waits for the person to answer a notification.
 */
export async function runCreateSession(services: Services, request: SessionRequest): Promise<TrackedSession | undefined> {
  const result = await exchange(services, request, `Creating ${KIND_LABELS[request.auth.type].toLowerCase()} session for ${request.profile.name}`);
  if (!result) return undefined;
  const tracked = await services.sessions.add(request.profile.id, request.auth.type, request.user, result.value);
  services.responseOf.set(tracked.id, result.responseId);
  if (config.showResponse() === 'always') await services.responses.open(result.responseId);
  void vscode.window
    .showInformationMessage(`QuickBlox session created for ${request.profile.name} (${KIND_LABELS[request.auth.type]}), token ${tracked.tokenPrefix}`, 'Copy Token', 'Show Response')
    .then(async (action) => {
      if (action === 'Copy Token') await copyToken(services, tracked);
      if (action === 'Show Response') await services.responses.open(result.responseId);
    });
  return tracked;
}

/** Test Profile: an application session that is reported and not kept. */
export async function runTestProfile(services: Services, profile: Profile): Promise<boolean> {
  const result = await exchange(services, { profile, auth: { type: 'application' } }, `Testing ${profile.name}`);
  if (!result) return false;
  const skew = result.value.clockSkewSeconds;
  const clock = skew !== undefined && Math.abs(skew) > 300 ? ` Note: this computer's clock differs from the server's by ${Math.round(Math.abs(skew) / 60)} minutes.` : '';
  void vscode.window
    .showInformationMessage(`${profile.name} works: QuickBlox created an application session in ${Math.round(result.value.response.durationMs)} ms.${clock}`, 'Show Response')
    .then((action) => (action ? services.responses.open(result.responseId) : undefined));
  return true;
}

async function exchange(services: Services, request: SessionRequest, title: string): Promise<{ value: SessionResult; responseId: string } | undefined> {
  const { profile } = request;
  const secrets = await services.profiles.secretsOf(profile.id);
  if (!secrets) {
    void offer(services, request, `The auth key or secret of ${profile.name} is missing from this machine's secret storage: edit the profile to enter them.`, ['Edit Profile']);
    return undefined;
  }
  try {
    const value = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `QuickBlox: ${title}…`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return createSession({
          endpoint: profile.endpoint,
          applicationId: profile.applicationId,
          authKey: secrets.authKey,
          authSecret: secrets.authSecret,
          accountKey: secrets.accountKey,
          hash: profile.hash,
          auth: request.auth,
          timeoutMs: config.requestTimeoutMs(),
          signal: controller.signal,
          now: services.now,
          userAgent: userAgent(),
        });
      },
    );
    services.log.exchange(value.request, value.response);
    const responseId = services.responses.add({ title: `${profile.name} ${request.auth.type} session`, at: services.now(), request: value.request, response: value.response, clockSkewSeconds: value.clockSkewSeconds });
    services.lastResponse = responseId;
    return { value, responseId };
  } catch (error) {
    if (!isQuickBloxError(error)) throw error;
    await reportFailure(services, request, error);
    return undefined;
  }
}

async function reportFailure(services: Services, request: SessionRequest, error: QuickBloxError): Promise<void> {
  services.log.exchange(error.request, error.response, error);
  if (error.kind === 'cancelled') return;
  const responseId = services.responses.add({
    title: `${request.profile.name} ${request.auth.type} session failed`,
    at: services.now(),
    request: error.request,
    response: error.response,
    error,
    clockSkewSeconds: error.clockSkewSeconds,
  });
  services.lastResponse = responseId;
  if (config.showResponse() !== 'never' && error.request) await services.responses.open(responseId);
  const explained = explainFailure(error, `Could not create a session for ${request.profile.name}`);
  void offer(services, request, explained.message, explained.actions, responseId, explained.setting);
}

async function offer(services: Services, request: SessionRequest, message: string, actions: FailureAction[], responseId?: string, setting?: string): Promise<void> {
  services.lastFailure = message;
  const action = await vscode.window.showErrorMessage(message, ...actions);
  switch (action) {
    case 'Retry':
      await runCreateSession(services, request);
      return;
    case 'Edit Profile':
      await vscode.commands.executeCommand('quickblox.editProfile', { type: 'profile', profile: request.profile });
      return;
    case 'Show Response':
      if (responseId) await services.responses.open(responseId);
      return;
    case 'Open Settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', setting ?? 'quickblox');
      return;
    case 'Create Session':
      await vscode.commands.executeCommand('quickblox.createSession', { profileId: request.profile.id });
      return;
  }
}
