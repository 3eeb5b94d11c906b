import type { RequestRecord, ResponseRecord } from './exchange';

export const ERROR_KINDS = [
  'unauthorized',
  'invalid_signature',
  /** `Bad timestamp`: the request's timestamp is more than 60 minutes from the server's clock. */
  'bad_timestamp',
  'session_missing',
  'user_required',
  'validation',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'cancelled',
  'bad_response',
  'invalid_input',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface QuickBloxErrorDetails {
  status?: number;
  messages?: string[];
  retryAfterSeconds?: number;
  request?: RequestRecord;
  response?: ResponseRecord;
  /** The input field to fix, for `invalid_input`. */
  field?: string;
  /** A system error code such as ECONNREFUSED, for `network`. */
  code?: string;
  /** The host (and port) the request went to, for `network`, `timeout` and an oversized answer. */
  host?: string;
  /** How long the request was given, for `timeout`. */
  timeoutMs?: number;
  /** Why an answer was not usable, when it is one of these; other `bad_response` errors say it in their message. */
  reason?: 'too_large';
  serverDate?: Date;
  clockSkewSeconds?: number;
  /**
   * The failed request carried a user's credentials: a user create-session (any kind but
   * application) or `POST /login.json`. Undefined when nothing was sent.
   */
  userCredentialsSent?: boolean;
}

/** Every failure of the core ends as one of these; the message never holds a secret. */
export class QuickBloxError extends Error {
  override readonly name = 'QuickBloxError';
  readonly kind: ErrorKind;
  readonly status: number | undefined;
  readonly messages: string[];
  readonly retryAfterSeconds: number | undefined;
  readonly request: RequestRecord | undefined;
  readonly response: ResponseRecord | undefined;
  readonly field: string | undefined;
  readonly code: string | undefined;
  readonly host: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly reason: 'too_large' | undefined;
  readonly serverDate: Date | undefined;
  readonly clockSkewSeconds: number | undefined;
  readonly userCredentialsSent: boolean | undefined;

  constructor(kind: ErrorKind, message: string, details: QuickBloxErrorDetails = {}) {
    super(message);
    this.kind = kind;
    this.status = details.status;
    this.messages = details.messages ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.request = details.request;
    this.response = details.response;
    this.field = details.field;
    this.code = details.code;
    this.host = details.host;
    this.timeoutMs = details.timeoutMs;
    this.reason = details.reason;
    this.serverDate = details.serverDate;
    this.clockSkewSeconds = details.clockSkewSeconds;
    this.userCredentialsSent = details.userCredentialsSent;
  }
}

export function isQuickBloxError(value: unknown): value is QuickBloxError {
  return value instanceof QuickBloxError;
}

export function invalidInput(field: string, message: string): QuickBloxError {
  return new QuickBloxError('invalid_input', message, { field });
}
