import type { Clock, SessionAuth } from './core';
import type { ClockSkew } from './host/clockSkew';
import type { Log } from './host/log';
import type { Profile } from './profiles/profile';
import type { ProfileStore } from './profiles/profileStore';
import type { Prompts } from './feedback/prompts';
import type { ResponseView } from './views/responseView';
import type { SessionStore } from './sessions/store/sessionStore';

/** A create-session request that failed, kept in memory so Explain Signature can replay its signing. */
export interface FailedCreate {
  profile: Profile;
  auth: SessionAuth;
  timestamp: number;
  nonce: number;
  at: number;
  kind: string;
  clockSkewSeconds?: number;
  /** The signature sent, as recorded (masked to its first characters). */
  sentSignature?: string;
}

/** What commands and views share; built once in activate(). */
export interface Services {
  profiles: ProfileStore;
  sessions: SessionStore;
  responses: ResponseView;
  log: Log;
  prompts: Prompts;
  clockSkew: ClockSkew;
  /** Read through `services.now()` everywhere, so the extension's tests can move time. */
  now: Clock;
  /** Tracked session id -> the id of its response document (memory only). */
  responseOf: Map<string, string>;
  /** The last exchange, success or failure, for "Show Last Response". */
  lastResponse?: string;
  /** The last failure sentence shown to the person (read by the extension's tests). */
  lastFailure?: string;
  /** The last create-session request that failed (memory only). */
  lastFailedCreate?: FailedCreate;
}
