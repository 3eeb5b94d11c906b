import type { QuickBloxError } from './core';

export type FailureAction = 'Retry' | 'Edit Profile' | 'Show Response' | 'Open Settings' | 'Create Session';

export interface Explained {
  message: string;
  actions: FailureAction[];
  /** The setting "Open Settings" should show. */
  setting?: string;
}

/** One plain sentence per failure kind, and the actions that help with it. */
export function explainFailure(error: QuickBloxError, subject: string): Explained {
  const hasResponse = error.response !== undefined;
  const show: FailureAction[] = hasResponse ? ['Show Response'] : [];
  switch (error.kind) {
    case 'invalid_signature': {
      const skew = error.clockSkewSeconds;
      const clock =
        skew !== undefined && Math.abs(skew) > 3600
          ? ` This computer's clock is ${Math.round(Math.abs(skew) / 60)} minutes ${skew > 0 ? 'behind' : 'ahead of'} the server's, more than the 60 allowed: correct the clock.`
          : ' The usual cause is a wrong auth secret, or a computer clock that is off.';
      return { message: `${subject}: QuickBlox answered "Unexpected signature".${clock}`, actions: ['Edit Profile', ...show, 'Retry'] };
    }
    case 'unauthorized':
      return { message: `${subject}: ${error.message}`, actions: [/application/.test(error.message) ? 'Edit Profile' : 'Retry', ...show] };
    case 'session_missing':
      return { message: `${subject}: the session does not exist or has expired.`, actions: ['Create Session', ...show] };
    case 'validation':
      return { message: `${subject}: ${error.message}`, actions: [...show, 'Retry'] };
    case 'rate_limited':
      return {
        message: `${subject}: too many requests${error.retryAfterSeconds !== undefined ? `; QuickBlox asks to wait ${error.retryAfterSeconds} s` : ''}.`,
        actions: ['Retry', ...show],
      };
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
