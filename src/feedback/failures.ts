import { TIMESTAMP_WINDOW_SECONDS, type QuickBloxError, type SessionAuthType } from '../core';
import { failures, type FailureAction } from './messages';

export interface Explained {
  message: string;
  actions: FailureAction[];
  /** The setting "Open Settings" should show. */
  setting?: string;
  /** How long QuickBlox asked to wait, for "Retry in … s". */
  waitSeconds?: number;
}

export interface FailureContext {
  /** The failed call was made with a tracked session's token (so it can be recreated). */
  forSession?: boolean;
  /** Requests are already signed with the server's time. */
  correctingClock?: boolean;
  /** This was already the one retry after a rate limit: offer no other. */
  retriedAfterLimit?: boolean;
  /** After a 401 on a sign-in with user credentials: whose credentials QuickBlox refused (found with one extra request). */
  refused?: 'user' | 'application' | 'unknown';
  /** Who signed in, and how, for naming what was refused. */
  signIn?: { kind: SessionAuthType; identifier?: string };
  /** The profile is the Local Sandbox's, and the sandbox is not running in this window. */
  localSandboxStopped?: boolean;
}

/** Which sentence and which actions fit a failure: decided from the error's facts (kind, status, skew, wait). */
export function explainFailure(error: QuickBloxError, subject: string, context: FailureContext = {}): Explained {
  const show: FailureAction[] = error.response !== undefined ? ['showResponse'] : [];
  switch (error.kind) {
    case 'invalid_signature': {
      // Measured against the time the request was signed with, so a correction in use is accounted for.
      const skew = error.clockSkewSeconds;
      const clockIsCause = skew !== undefined && Math.abs(skew) > TIMESTAMP_WINDOW_SECONDS;
      const message = !clockIsCause
        ? failures.unexpectedSignature(subject)
        : context.correctingClock
          ? failures.unexpectedSignatureClockCorrected(subject, skew)
          : failures.unexpectedSignatureClock(subject, skew);
      const fix: FailureAction[] = clockIsCause && !context.correctingClock ? ['signWithServerTime'] : [];
      return { message, actions: [...fix, 'explainSignature', 'editProfile', ...show, 'retry'] };
    }
    case 'unauthorized':
      return unauthorized(error, subject, context, show);
    case 'bad_timestamp':
      if (context.correctingClock) return { message: failures.badTimestampCorrected(subject), actions: ['retry', ...show] };
      return { message: failures.badTimestamp(subject, error.clockSkewSeconds), actions: ['signWithServerTime', ...show, 'retry'] };
    case 'session_missing':
      return { message: failures.sessionMissing(subject), actions: [context.forSession ? 'recreateSession' : 'createSession', ...show] };
    case 'user_required':
      return { message: failures.userRequired(subject), actions: ['upgradeSession', 'createSession', ...show] };
    case 'validation':
      return { message: failures.withDetail(subject, failures.detail(error)), actions: [...show, 'retry'] };
    case 'rate_limited': {
      if (context.retriedAfterLimit) return { message: failures.stillRateLimited(subject), actions: show };
      const wait = error.retryAfterSeconds;
      return {
        message: failures.rateLimited(subject, wait),
        actions: [wait !== undefined ? 'retryAfterWait' : 'retry', ...show],
        ...(wait !== undefined ? { waitSeconds: wait } : {}),
      };
    }
    case 'server':
      return { message: failures.withDetail(subject, failures.detail(error)), actions: ['retry', ...show] };
    case 'timeout':
      return { message: failures.withDetail(subject, failures.detail(error)), actions: ['retry', 'openSettings'], setting: 'quickblox.requestTimeoutSeconds' };
    case 'network':
      // The Local Sandbox's profile while it is stopped in this window: starting it is the fix, no proxy is involved.
      if (context.localSandboxStopped) {
        return { message: failures.withDetail(subject, failures.detail(error)), actions: ['startLocalSandbox', 'retry', 'editProfile'] };
      }
      return { message: failures.withDetail(subject, failures.detail(error)), actions: ['retry', 'editProfile', 'openSettings'], setting: 'http.proxy' };
    case 'bad_response':
      return { message: failures.withDetail(subject, failures.detail(error)), actions: ['editProfile', ...show] };
    case 'invalid_input':
      return { message: failures.withDetail(subject, failures.detail(error)), actions: ['editProfile'] };
    case 'cancelled':
      return { message: failures.cancelled(subject), actions: [] };
  }
}

/** A 401: with user credentials, the extra request (see credentialProbe.ts) says whose QuickBlox refused. */
function unauthorized(error: QuickBloxError, subject: string, context: FailureContext, show: FailureAction[]): Explained {
  if (error.status === 401 && error.userCredentialsSent && context.refused === 'user') {
    const kind = context.signIn?.kind;
    const who = context.signIn?.identifier ?? failures.theUser();
    if (kind === 'facebook') return { message: failures.refusedFacebookToken(subject), actions: ['reenterToken', ...show] };
    if (kind === 'firebase_phone') return { message: failures.refusedFirebaseToken(subject), actions: ['reenterToken', ...show] };
    if (kind === 'custom') return { message: failures.refusedByIdentityService(subject, who), actions: ['reenterPassword', ...show] };
    return { message: failures.refusedPassword(subject, who), actions: ['reenterPassword', ...show] };
  }
  if (error.status === 401 && (context.refused === 'application' || !error.userCredentialsSent)) {
    return { message: failures.refusedApplication(subject, error.status), actions: ['editProfile', ...show] };
  }
  return { message: failures.withDetail(subject, failures.detail(error)), actions: ['retry', 'editProfile', ...show] };
}
