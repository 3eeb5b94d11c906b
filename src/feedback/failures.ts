import { describeSkew } from '../host/clockSkew';
import { TIMESTAMP_WINDOW_SECONDS, type QuickBloxError, type SessionAuthType } from '../core';

export type FailureAction =
  | 'Retry'
  | 'Edit Profile'
  | 'Show Response'
  | 'Open Settings'
  | 'Create Session'
  | 'Recreate Session'
  | 'Upgrade Session'
  | 'Explain Signature'
  | 'Sign With Server Time'
  | 'Re-enter Password'
  | 'Re-enter Token'
  | `Retry in ${number} s`;

export interface Explained {
  message: string;
  actions: FailureAction[];
  /** The setting "Open Settings" should show. */
  setting?: string;
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
}

/** One plain sentence per failure kind, and the actions that help with it. */
export function explainFailure(error: QuickBloxError, subject: string, context: FailureContext = {}): Explained {
  const hasResponse = error.response !== undefined;
  const show: FailureAction[] = hasResponse ? ['Show Response'] : [];
  switch (error.kind) {
    case 'invalid_signature': {
      // Measured against the time the request was signed with, so a correction in use is accounted for.
      const skew = error.clockSkewSeconds;
      const clockIsCause = skew !== undefined && Math.abs(skew) > TIMESTAMP_WINDOW_SECONDS;
      const clock = !clockIsCause
        ? ' The usual cause is a wrong auth secret, or a computer clock that is off.'
        : context.correctingClock
          ? ` The request was signed ${describeSkew(skew)} the server's time even with quickblox.correctClockSkew on: this computer's clock has changed since; try again.`
          : ` The cause is this computer's clock: it is ${describeSkew(skew)} the server's, more than the 60 minutes allowed. Correct the clock, or sign with the server's time.`;
      const fix: FailureAction[] = clockIsCause && !context.correctingClock ? ['Sign With Server Time'] : [];
      return { message: `${subject}: QuickBlox answered "Unexpected signature".${clock}`, actions: [...fix, 'Explain Signature', 'Edit Profile', ...show, 'Retry'] };
    }
    case 'unauthorized':
      return unauthorized(error, subject, context, show);
    case 'bad_timestamp': {
      const skew = error.clockSkewSeconds;
      const how = skew === undefined ? "is off by more than the 60 minutes QuickBlox allows (the server's clock is not known: its answer had no Date header)" : `is ${describeSkew(skew)} the server's, more than the 60 minutes QuickBlox allows`;
      if (context.correctingClock) {
        return { message: `${subject}: QuickBlox answered "Bad timestamp" even though requests are signed with the server's time: this computer's clock has changed since; try again.`, actions: ['Retry', ...show] };
      }
      return { message: `${subject}: QuickBlox answered "Bad timestamp": this computer's clock ${how}. Correct the clock, or sign with the server's time.`, actions: ['Sign With Server Time', ...show, 'Retry'] };
    }
    case 'session_missing':
      return {
        message: `${subject}: the session does not exist on the server any more (it expired or was ended).`,
        actions: [context.forSession ? 'Recreate Session' : 'Create Session', ...show],
      };
    case 'user_required':
      return {
        message: `${subject}: QuickBlox answered "Forbidden. Need user.": application sessions are read-only, and writes need a user. Sign a user in to the session, or create a user session.`,
        actions: ['Upgrade Session', 'Create Session', ...show],
      };
    case 'validation':
      return { message: `${subject}: ${error.message}`, actions: [...show, 'Retry'] };
    case 'rate_limited': {
      const wait = error.retryAfterSeconds;
      if (context.retriedAfterLimit) {
        return { message: `${subject}: still too many requests after waiting; try again later.`, actions: show };
      }
      return {
        message: `${subject}: too many requests${wait !== undefined ? `; QuickBlox asks to wait ${wait} s` : ''}.`,
        actions: [wait !== undefined ? `Retry in ${wait} s` : 'Retry', ...show],
      };
    }
    case 'server':
      return { message: `${subject}: ${error.message}`, actions: ['Retry', ...show] };
    case 'timeout':
      return { message: `${subject}: ${error.message}`, actions: ['Retry', 'Open Settings'], setting: 'quickblox.requestTimeoutSeconds' };
    case 'network':
      return { message: `${subject}: ${error.message}`, actions: ['Retry', 'Edit Profile', 'Open Settings'], setting: 'http.proxy' };
    case 'bad_response':
      return { message: `${subject}: ${error.message}`, actions: ['Edit Profile', ...show] };
    case 'invalid_input':
      return { message: `${subject}: ${error.message}`, actions: ['Edit Profile'] };
    case 'cancelled':
      return { message: `${subject}: cancelled.`, actions: [] };
  }
}

/** A 401: with user credentials, the extra request (see credentialProbe.ts) says whose QuickBlox refused. */
function unauthorized(error: QuickBloxError, subject: string, context: FailureContext, show: FailureAction[]): Explained {
  if (error.status === 401 && error.userCredentialsSent && context.refused === 'user') {
    const kind = context.signIn?.kind;
    const who = context.signIn?.identifier ?? 'the user';
    const checked = " (the application's credentials are fine: one extra request showed it)";
    if (kind === 'facebook') return { message: `${subject}: QuickBlox refused the Facebook access token${checked}.`, actions: ['Re-enter Token', ...show] };
    if (kind === 'firebase_phone') return { message: `${subject}: QuickBlox refused the Firebase ID token${checked}.`, actions: ['Re-enter Token', ...show] };
    if (kind === 'custom') return { message: `${subject}: your identity service refused the login or password of ${who}; QuickBlox forwards them to the custom identity provider${checked}.`, actions: ['Re-enter Password', ...show] };
    return { message: `${subject}: QuickBlox refused the password for ${who}${checked}.`, actions: ['Re-enter Password', ...show] };
  }
  if (error.status === 401 && (context.refused === 'application' || !error.userCredentialsSent)) {
    return { message: `${subject}: QuickBlox did not accept the application credentials (${error.status}): check the application id and auth key.`, actions: ['Edit Profile', ...show] };
  }
  return { message: `${subject}: ${error.message}`, actions: ['Retry', 'Edit Profile', ...show] };
}
