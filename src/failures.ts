import { describeSkew } from './clockSkew';
import { TIMESTAMP_WINDOW_SECONDS, type QuickBloxError } from './core';

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
      return { message: `${subject}: ${error.message}`, actions: [/application/.test(error.message) ? 'Edit Profile' : 'Retry', ...show] };
    case 'bad_timestamp':
      // The core's sentence names the measured clock difference.
      return { message: `${subject}: ${error.message}`, actions: ['Retry', ...show] };
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
