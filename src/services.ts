import type { Clock } from './core';
import type { Log } from './log';
import type { ProfileStore } from './profiles/profileStore';
import type { ResponseView } from './responseView';
import type { SessionStore } from './sessions/sessionStore';

/** What commands and views share; built once in activate(). */
export interface Services {
  profiles: ProfileStore;
  sessions: SessionStore;
  responses: ResponseView;
  log: Log;
  now: Clock;
  /** Tracked session id -> the id of its response document (memory only). */
  responseOf: Map<string, string>;
  /** The last exchange, success or failure, for "Show Last Response". */
  lastResponse?: string;
  /** The last failure sentence shown to the person (read by the extension's tests). */
  lastFailure?: string;
}
