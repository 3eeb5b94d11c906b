import * as vscode from 'vscode';
import { createSession, isQuickBloxError, localExpiry, TIMESTAMP_WINDOW_SECONDS, type QuickBloxError, type SessionAuth, type SessionResult } from '../../core';
import { config } from '../../host/config';
import { explainFailure } from '../../feedback/failures';
import { confirmEndpoint } from '../../profiles/endpointTrust';
import type { Profile } from '../../profiles/profile';
import type { Services } from '../../services';
import { userAgent } from '../../host/userAgent';
import { copyToken } from '../../handoff/clipboard';
import { endSessionOfDeletedProfile } from './deletedProfile';
import { whoseCredentials } from './credentialProbe';
import { runFailureAction } from '../../feedback/failureActions';
import { recordExchange, withRequestProgress } from '../../feedback/progress';
import { reportClockSkew } from '../../feedback/skewNotice';
import { KIND_LABELS, type TrackedSession } from '../store/trackedSession';

export interface SessionRequest {
  profile: Profile;
  auth: SessionAuth;
  /** Who signs in, for lists: a login, an email or the provider. */
  user?: string;
  /** Recreate: the tracked session the new one replaces. */
  replacing?: string;
}

/** How this attempt came about; each kind of automatic retry happens at most once. */
export interface Attempt {
  retriedAfterLimit?: boolean;
  retriedWithServerTime?: boolean;
}

/**
 * Creates a session under a cancellable progress notification, records the exchange, remembers
 * the session and makes it active. Failures become one sentence with actions; the promise
 * resolves to undefined then, and never waits for the person to answer a notification.
 */
export async function runCreateSession(services: Services, request: SessionRequest, attempt: Attempt = {}): Promise<TrackedSession | undefined> {
  const verb = request.replacing ? 'Recreating' : 'Creating';
  const again = (next: Attempt): Promise<TrackedSession | undefined> => runCreateSession(services, request, next);
  const result = await exchange(services, request, `${verb} ${KIND_LABELS[request.auth.type].toLowerCase()} session for ${request.profile.name}`, attempt, again);
  if (!result) return undefined;
  if ('again' in result) return again(result.again);
  const tracked = await services.sessions.add(request.profile.id, request.auth, request.user, result.value, result.expiresAt, request.replacing);
  if (!tracked) {
    await endSessionOfDeletedProfile(services, request.profile, result.value);
    return undefined;
  }
  services.responseOf.set(tracked.id, result.responseId);
  if (request.replacing) services.responseOf.delete(request.replacing);
  if (config.showResponse() === 'always') await services.responses.open(result.responseId);
  void services.prompts
    .ask('info', `QuickBlox session ${request.replacing ? 'recreated' : 'created'} for ${request.profile.name} (${KIND_LABELS[request.auth.type]}), token ${tracked.tokenPrefix}`, ['Copy Token', 'Show Response'])
    .then(async (action) => {
      if (action === 'Copy Token') await copyToken(services, tracked);
      if (action === 'Show Response') await services.responses.open(result.responseId);
    });
  return tracked;
}

/** Test Profile: an application session that is reported and not kept (its retries are Test Profile again). */
export async function runTestProfile(services: Services, profile: Profile, attempt: Attempt = {}): Promise<boolean> {
  const again = (next: Attempt): Promise<boolean> => runTestProfile(services, profile, next);
  const result = await exchange(services, { profile, auth: { type: 'application' } }, `Testing ${profile.name}`, attempt, again);
  if (!result) return false;
  if ('again' in result) return again(result.again);
  void services.prompts
    .ask('info', `${profile.name} works: QuickBlox created an application session in ${Math.round(result.value.response.durationMs)} ms.`, ['Show Response'])
    .then((action) => (action ? services.responses.open(result.responseId) : undefined));
  return true;
}

/** A success (with the account key it was made with), or the attempt to make next (signing again with the server's time). */
type Outcome = { value: SessionResult; responseId: string; expiresAt: number } | { again: Attempt };

async function exchange(services: Services, request: SessionRequest, title: string, attempt: Attempt, again: (next: Attempt) => Promise<unknown>): Promise<Outcome | undefined> {
  const { profile } = request;
  const secrets = await services.profiles.secretsOf(profile.id);
  if (!secrets) {
    const message = `The auth key or secret of ${profile.name} is missing from this machine's secret storage: edit the profile to enter them.`;
    services.lastFailure = message;
    void services.prompts.ask('error', message, ['Edit Profile']).then((action) => runFailureAction(services, action, { profile }));
    return undefined;
  }
  if (!(await confirmEndpoint(services, profile))) return undefined;
  const correction = services.clockSkew.correction();
  try {
    const value = await withRequestProgress(title, (signal) =>
      createSession({
        endpoint: profile.endpoint,
        applicationId: profile.applicationId,
        authKey: secrets.authKey,
        authSecret: secrets.authSecret,
        hash: profile.hash,
        auth: request.auth,
        timeoutMs: config.requestTimeoutMs(),
        signal,
        now: services.clockSkew.signingClock(),
        userAgent: userAgent(),
      }),
    );
    const skew = services.clockSkew.record(value.clockSkewSeconds, correction);
    const responseId = recordExchange(services, `${profile.name} ${request.auth.type} session`, value);
    reportClockSkew(services);
    // With a corrected clock the core reads times on the server's clock; move the expiry onto ours.
    const expiresAt = correction === 0 ? value.expiresAtLocal : localExpiry(value.expiresAt, skew);
    return { value, responseId, expiresAt: expiresAt.getTime() };
  } catch (error) {
    if (!isQuickBloxError(error)) throw error;
    services.clockSkew.record(error.clockSkewSeconds, correction);
    // Whether the clock is to blame depends on the time the request was signed with, corrected or not.
    const signedSkew = error.clockSkewSeconds;
    // "Bad timestamp" names the clock itself; "Unexpected signature" does when the skew is over the window.
    const clockIsCause = error.kind === 'bad_timestamp' || (error.kind === 'invalid_signature' && signedSkew !== undefined && Math.abs(signedSkew) > TIMESTAMP_WINDOW_SECONDS);
    if (clockIsCause && config.correctClockSkew() && !attempt.retriedWithServerTime) {
      recordExchange(services, `${profile.name} ${request.auth.type} session failed`, error, error);
      services.log.info(`Signing again with the server's time (the request was signed ${signedSkew === undefined ? 'an unknown time' : `${Math.round(signedSkew / 60)} min`} off the server's clock)`);
      return { again: { ...attempt, retriedWithServerTime: true } };
    }
    if (!clockIsCause) reportClockSkew(services);
    await reportFailure(services, request, error, attempt, again, correction !== 0);
    return undefined;
  }
}

async function reportFailure(services: Services, request: SessionRequest, error: QuickBloxError, attempt: Attempt, again: (next: Attempt) => Promise<unknown>, correctingClock: boolean): Promise<void> {
  // A 401 reads the same for a wrong password and a wrong auth key: one extra request tells which.
  const probe = error.kind === 'unauthorized' && error.status === 401 && error.userCredentialsSent ? await whoseCredentials(services, request.profile) : undefined;
  const responseId = recordExchange(services, `${request.profile.name} ${request.auth.type} session failed`, error, error, false, probe ? [probe.note] : []);
  if (error.kind === 'cancelled') return;
  rememberFailedCreate(services, request, error);
  if (config.showResponse() !== 'never' && error.request) await services.responses.open(responseId);
  const subject = `Could not ${request.replacing ? 'recreate' : 'create'} a session for ${request.profile.name}`;
  const signIn = { kind: request.auth.type, ...(request.user ? { identifier: request.user } : {}) };
  const explained = explainFailure(error, subject, { correctingClock, retriedAfterLimit: attempt.retriedAfterLimit, signIn, ...(probe ? { refused: probe.refused } : {}) });
  services.lastFailure = explained.message;
  void services.prompts.ask('error', explained.message, explained.actions).then((action) =>
    runFailureAction(services, action, {
      profile: request.profile,
      responseId,
      setting: explained.setting,
      retry: () => again({}),
      retryAfterLimit: () => again({ ...attempt, retriedAfterLimit: true }),
      retryAfterSeconds: error.retryAfterSeconds,
      // Asks for the sign-in inputs again (a saved user's stored password is what was refused).
      reenter: () => vscode.commands.executeCommand('quickblox.createSession', { profileId: request.profile.id, kind: request.auth.type }),
    }),
  );
}

/** Keeps what Explain Signature needs to sign the failed request again (memory only). */
function rememberFailedCreate(services: Services, request: SessionRequest, error: QuickBloxError): void {
  const body = error.request?.body as Record<string, unknown> | undefined;
  const timestamp = Number(body?.timestamp);
  const nonce = Number(body?.nonce);
  if (!Number.isFinite(timestamp) || !Number.isFinite(nonce)) return;
  services.lastFailedCreate = {
    profile: request.profile,
    auth: request.auth,
    timestamp,
    nonce,
    at: services.now(),
    kind: error.kind,
    // Against the time the request was signed with: that is what its timestamp was measured by.
    ...(error.clockSkewSeconds !== undefined ? { clockSkewSeconds: error.clockSkewSeconds } : {}),
    ...(typeof body?.signature === 'string' ? { sentSignature: body.signature } : {}),
  };
}
