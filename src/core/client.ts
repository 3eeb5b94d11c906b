import { authParameters, maskParameter, type SessionAuth } from './auth';
import { invalidInput, isQuickBloxError, QuickBloxError, type ErrorKind } from './errors';
import type { RequestRecord, ResponseRecord } from './exchange';
import { processNonces } from './nonce';
import { MAX_JSON_DEPTH, parseBoundedJson } from './boundedJson';
import { outsideText } from './outsideText';
import { knownMasker, maskWhole, maskWithPrefix, redactText, type KnownMasker, type SecretValues } from './redact';
import { errorMessagesOf, kindOfFailure } from './serverErrors';
import { readSession, type Session } from './session';
import { computeSignature, signatureBaseString, type HashAlgorithm, type SignableBody } from './signature';
import { isSessionAuthType, SESSION_AUTH_TYPES, signInKind, type SecretMasking } from './signInKinds';
import {
  clockSkewSeconds,
  parseExpirationDate,
  parseHttpDate,
  parseRetryAfter,
  SESSION_LIFETIME_MS,
  SKEW_NOTICE_SECONDS,
  TIMESTAMP_WINDOW_SECONDS,
  type Clock,
} from './time';
import { hostOf, send, type OutgoingRequest, type SendHooks } from './transport';
import { defaultUserAgent } from './userAgent';
import {
  checkCredential,
  checkEmail,
  checkHash,
  checkKey,
  checkTimeout,
  checkToken,
  checkUserField,
  normalizeApplicationId,
  normalizeEndpoint,
} from './validate';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface CallOptions {
  /** Default 15 s; covers connecting, sending and reading the whole answer. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Epoch milliseconds; timestamps, expiry fallback and clock skew use it. */
  now?: Clock;
  userAgent?: string;
}

export interface CreateSessionRequest extends CallOptions {
  endpoint: string;
  applicationId: string | number;
  authKey: string;
  authSecret: string;
  auth: SessionAuth;
  hash?: HashAlgorithm;
  /** Normally drawn at random; a test may fix it. */
  nonce?: number;
}

export interface TokenRequest extends CallOptions {
  endpoint: string;
  token: string;
}

export interface ExchangeResult {
  /** The server's `Date` header. */
  serverDate?: Date;
  /** Server clock minus local clock, seconds. */
  clockSkewSeconds?: number;
  /** `QB-Token-ExpirationDate` read on the local clock (see `localExpiry`), when the answer carries it. */
  tokenExpiresAt?: Date;
  request: RequestRecord;
  response: ResponseRecord;
}

export interface SessionResult extends ExchangeResult {
  session: Session;
  /** From `QB-Token-ExpirationDate` as the server states it, else two hours after the answer. */
  expiresAt: Date;
  /** The same moment on this computer's clock (see `localExpiry`). */
  expiresAtLocal: Date;
}

/**
 * `POST /login.json` signs a user in to a session: `login` or `email` with `password`, a Facebook
 * access token (`provider=facebook`, `keys[token]`, `keys[secret]`), or a Firebase ID token
 * (`provider=firebase_phone`, `firebase_phone[project_id]`, `firebase_phone[access_token]`).
 */
export type UserSignIn =
  | { login: string; password: string }
  | { email: string; password: string }
  | { provider: 'facebook'; token: string; secret?: string }
  | { provider: 'firebase_phone'; projectId: string; accessToken: string };

/** The providers `POST /login.json` signs in with, besides login or email and password: the kinds it takes that name a `provider`. */
export const SIGN_IN_PROVIDERS: readonly string[] = SESSION_AUTH_TYPES.filter(
  (type) => signInKind(type).signsInToSession && signInKind(type).fixed.provider === type,
);

export interface UpgradeRequest extends TokenRequest {
  user: UserSignIn;
}

export interface UpgradeResult extends ExchangeResult {
  /** The user the session now belongs to. */
  userId: number;
  login?: string;
  email?: string;
}

/** An expiry the server states on its clock, read on the local one beyond SKEW_NOTICE_SECONDS of skew; below it the header is read as is. */
export function localExpiry(serverExpiry: Date, clockSkewSeconds: number | undefined): Date {
  return clockSkewSeconds !== undefined && Math.abs(clockSkewSeconds) > SKEW_NOTICE_SECONDS
    ? new Date(serverExpiry.getTime() - clockSkewSeconds * 1000)
    : serverExpiry;
}

/** `POST /session.json`: an application session, or a user session of any sign-in kind. */
export async function createSession(request: CreateSessionRequest): Promise<SessionResult> {
  const endpoint = normalizeEndpoint(request.endpoint);
  const applicationId = normalizeApplicationId(request.applicationId);
  const authKey = checkKey('authKey', 'auth key', request.authKey);
  const authSecret = checkKey('authSecret', 'auth secret', request.authSecret);
  const hash = checkHash(request.hash);
  const timeoutMs = checkTimeout(request.timeoutMs, DEFAULT_TIMEOUT_MS);
  const signIn = authParameters(request.auth);
  const clock = request.now ?? Date.now;
  const timestamp = Math.floor(clock() / 1000);
  const nonce = request.nonce ?? processNonces.next(timestamp);
  if (request.nonce !== undefined) processNonces.claim(timestamp, request.nonce);

  const params: SignableBody = {
    application_id: applicationId,
    auth_key: authKey,
    nonce: String(nonce),
    timestamp: String(timestamp),
    ...signIn,
  };
  const signature = computeSignature(params, authSecret, hash);
  // Object.assign rather than `{ ...params, signature }`: V8 (Node 20) builds a spread followed by more fields many times slower.
  const body = Object.assign({}, params, { signature });
  const userSignIn = signInKind(request.auth.type).user;

  const headers = headersFor(request, true);
  const url = `${endpoint}/session.json`;
  const call = new Call(
    { method: 'POST', url, headers, body: JSON.stringify(body), timeoutMs, signal: request.signal },
    clock,
    {
      record: () => ({
        method: 'POST',
        url,
        headers: redactHeaders(headers),
        body: redactBody(body),
        stringToSign: signatureBaseString(params, maskParameter),
      }),
      secrets: () => ({
        whole: [authSecret, ...secretsOf(request.auth, 'whole')],
        prefixed: [authKey, signature, ...secretsOf(request.auth, 'prefix')],
      }),
    },
    { credentials: userSignIn ? 'user' : 'application', hash },
  );
  return withSession(call.answer(await call.send()), userSignIn);
}

/** `GET /session.json`: the server's view of a session; every such call extends its expiry. */
export async function getSession(request: TokenRequest): Promise<SessionResult> {
  return withSession(await tokenCall('GET', '/session.json', request), false);
}

/** `DELETE /session.json`: ends the session on the server. */
export async function destroySession(request: TokenRequest): Promise<ExchangeResult> {
  const { exchange } = await tokenCall('DELETE', '/session.json', request);
  return exchange;
}

/** `POST /login.json`: turns an application session into a session of the given user. */
export async function upgradeSession(request: UpgradeRequest): Promise<UpgradeResult> {
  const answered = await tokenCall('POST', '/login.json', request, signInBody(request.user));
  const user = (answered.json as { user?: Record<string, unknown> } | undefined)?.user;
  const userId = typeof user?.id === 'number' ? user.id : Number(user?.id);
  if (!user || !Number.isSafeInteger(userId) || userId <= 0) {
    throw new QuickBloxError('bad_response', 'The answer to the sign-in names no user: check the endpoint.', {
      status: answered.exchange.response.status,
      request: answered.exchange.request,
      response: answered.exchange.response,
      userCredentialsSent: true,
    });
  }
  return Object.assign({}, answered.exchange, {
    userId,
    ...(typeof user.login === 'string' ? { login: user.login } : {}),
    ...(typeof user.email === 'string' ? { email: user.email } : {}),
  });
}

/** `DELETE /login.json`: signs the user out; the session goes on as an application session. */
export async function downgradeSession(request: TokenRequest): Promise<ExchangeResult> {
  const { exchange } = await tokenCall('DELETE', '/login.json', request);
  return exchange;
}

/** Where `GET /account_settings.json` is asked unless told otherwise: QuickBlox's shared API host. */
export const ACCOUNT_SETTINGS_BASE_URL = 'https://api.quickblox.com';

export interface AccountSettingsRequest extends CallOptions {
  /** Sent as `QB-Account-Key`; masked in every record. */
  accountKey: string;
  /** Where to ask; default ACCOUNT_SETTINGS_BASE_URL. */
  baseUrl?: string;
}

export interface AccountSettingsResult {
  /** The account's API endpoint, as `normalizeEndpoint` writes it. */
  apiEndpoint: string;
  /** The account's chat host, as the answer names it, when it names one. */
  chatEndpoint?: string;
  request: RequestRecord;
  response: ResponseRecord;
  /** Server clock minus local clock, seconds. */
  clockSkewSeconds?: number;
  /** The server's `Date` header. */
  serverDate?: Date;
}

/**
 * `GET /account_settings.json` with the account key: the account's `api_endpoint` and
 * `chat_endpoint`, which is how dedicated and enterprise accounts find their API host.
 */
export async function lookupAccountSettings(request: AccountSettingsRequest): Promise<AccountSettingsResult> {
  const baseUrl = underField('baseUrl', () => normalizeEndpoint(request.baseUrl ?? ACCOUNT_SETTINGS_BASE_URL));
  const accountKey = checkCredential('accountKey', 'account key', request.accountKey);
  const timeoutMs = checkTimeout(request.timeoutMs, DEFAULT_TIMEOUT_MS);
  const headers = headersFor(request, false);
  headers['QB-Account-Key'] = accountKey;
  const url = `${baseUrl}/account_settings.json`;
  const call = new Call(
    { method: 'GET', url, headers, timeoutMs, signal: request.signal },
    request.now ?? Date.now,
    { record: () => ({ method: 'GET', url, headers: redactHeaders(headers) }), secrets: () => ({ prefixed: [accountKey] }) },
    { credentials: 'account' },
  );
  const { exchange, json } = call.answer(await call.send());
  const settings = (typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  const apiEndpoint = endpointOf(settings.api_endpoint);
  if (apiEndpoint === undefined) {
    const host = hostOf(url);
    const named = settings.api_endpoint;
    const why =
      named === undefined || named === null || named === ''
        ? 'no "api_endpoint"'
        : `an "api_endpoint" that is not an https address: ${JSON.stringify(outsideText(typeof named === 'string' ? named : JSON.stringify(named), 100))}`;
    throw new QuickBloxError('bad_response', `The account settings from ${host} hold ${why}.`, {
      status: exchange.response.status,
      request: exchange.request,
      response: exchange.response,
      serverDate: exchange.serverDate,
      clockSkewSeconds: exchange.clockSkewSeconds,
      userCredentialsSent: false,
    });
  }
  const chatEndpoint = hostText(settings.chat_endpoint);
  return {
    apiEndpoint,
    ...(chatEndpoint !== undefined ? { chatEndpoint } : {}),
    request: exchange.request,
    response: exchange.response,
    ...(exchange.clockSkewSeconds !== undefined ? { clockSkewSeconds: exchange.clockSkewSeconds } : {}),
    ...(exchange.serverDate !== undefined ? { serverDate: exchange.serverDate } : {}),
  };
}

interface Answered {
  exchange: ExchangeResult;
  json: unknown;
  receivedAt: number;
  /** `QB-Token-ExpirationDate` as the server stated it. */
  serverExpiry: Date | undefined;
}

interface TokenCallBody {
  body: Record<string, unknown>;
  /** The body as shown and logged. */
  record: Record<string, unknown>;
  /** Values in it masked wherever the server echoes them. */
  secrets: SecretValues;
}

/** Who vouches for a request: which credentials it carried besides the headers every call has. */
type Credentials = 'application' | 'user' | 'token' | 'account';

interface RunContext {
  credentials: Credentials;
  hash?: HashAlgorithm;
}

async function tokenCall(method: 'GET' | 'POST' | 'DELETE', path: string, request: TokenRequest, payload?: TokenCallBody): Promise<Answered> {
  const endpoint = normalizeEndpoint(request.endpoint);
  const token = checkToken(request.token);
  const timeoutMs = checkTimeout(request.timeoutMs, DEFAULT_TIMEOUT_MS);
  const headers = headersFor(request, payload !== undefined);
  headers['QB-Token'] = token;
  const url = `${endpoint}${path}`;
  const call = new Call(
    { method, url, headers, timeoutMs, signal: request.signal, ...(payload ? { body: JSON.stringify(payload.body) } : {}) },
    request.now ?? Date.now,
    {
      record: () => ({ method, url, headers: redactHeaders(headers), ...(payload ? { body: payload.record } : {}) }),
      secrets: () => ({ whole: payload?.secrets.whole ?? [], prefixed: [token, ...(payload?.secrets.prefixed ?? [])] }),
    },
    { credentials: payload ? 'user' : 'token' },
  );
  return call.answer(await call.send());
}

/** The body of `POST /login.json`, checked the way `authParameters` checks a create-session's sign-in. */
function signInBody(user: unknown): TokenCallBody {
  const given = (typeof user === 'object' && user !== null ? user : {}) as Record<string, unknown>;
  if ('provider' in given) {
    if (typeof given.provider !== 'string' || !SIGN_IN_PROVIDERS.includes(given.provider)) {
      throw invalidInput(
        'provider',
        typeof given.provider === 'string'
          ? `Unknown sign-in provider ${JSON.stringify(outsideText(given.provider, 40))}: use one of ${SIGN_IN_PROVIDERS.join(', ')}.`
          : `Choose a sign-in provider: one of ${SIGN_IN_PROVIDERS.join(', ')}.`,
      );
    }
    const body = authParameters({ ...given, type: given.provider });
    return {
      body,
      record: redactBody(body),
      secrets: { whole: secretsOf(given, 'whole', SIGN_IN_PROVIDERS), prefixed: secretsOf(given, 'prefix', SIGN_IN_PROVIDERS) },
    };
  }
  const password = checkUserField('password', 'password', given.password);
  const signIn: Record<string, string> =
    'email' in given ? { email: checkEmail('email', given.email) } : { login: checkUserField('login', 'login', given.login) };
  return { body: { ...signIn, password }, record: { ...signIn, password: maskWhole(password) }, secrets: { whole: [password] } };
}

/** How a request is shown (its redacted record), and which values its answer is masked for. */
interface Described {
  record: () => RequestRecord;
  secrets: () => SecretValues;
}

/**
 * One request: sent once, with what describes it made while it travels (see `send`'s `meanwhile`)
 * or when first needed, and its answer read. `send()` hands back the transport's own promise, so
 * the caller awaits the network once, with nothing in between.
 */
class Call implements SendHooks {
  private readonly sentAt: number;
  private readonly userCredentialsSent: boolean;
  private recordMade: RequestRecord | undefined;
  private secretsMade: SecretValues | undefined;
  private maskMade: KnownMasker | undefined;

  constructor(
    private readonly out: OutgoingRequest,
    private readonly clock: Clock,
    private readonly described: Described,
    private readonly context: RunContext,
  ) {
    this.userCredentialsSent = context.credentials === 'user';
    this.sentAt = clock();
  }

  send(): Promise<ResponseRecord> {
    // The call is its own hooks: nothing more is made per request to say what happens meanwhile or on failure.
    return send(this.out, this);
  }

  /** While the request travels: its record and the answer's masks, made before the answer needs them. */
  meanwhile(): void {
    this.record();
    this.mask();
  }

  failed(error: QuickBloxError): QuickBloxError {
    return withRequest(error, this.record(), this.userCredentialsSent);
  }

  /** Reads the answer: the exchange and its JSON when the status is 2xx, else the failure, thrown. */
  answer(received: ResponseRecord): Answered {
    const { out, context, userCredentialsSent, sentAt } = this;
    const receivedAt = this.clock();
    // What is shown and kept has every known secret masked, also where the server echoes one back.
    const response = maskResponse(received, this.mask());
    const serverDate = parseHttpDate(response.headers['date']);
    const skew = serverDate ? clockSkewSeconds(serverDate, sentAt, receivedAt) : undefined;
    const serverExpiry = parseExpirationDate(response.headers['qb-token-expirationdate']);
    const exchange: ExchangeResult = { serverDate, clockSkewSeconds: skew, request: this.record(), response };
    // Set afterwards rather than spread in: V8 (Node 20) builds a literal with a spread before more fields many times slower.
    if (serverExpiry) exchange.tokenExpiresAt = localExpiry(serverExpiry, skew);
    const parsed = parseBoundedJson(received.body);
    // The host is named only in failures.
    if (!parsed.ok && parsed.problem === 'too_deep') throw tooDeep(exchange, hostOf(out.url), userCredentialsSent);
    const json = parsed.ok ? parsed.value : undefined;
    if (response.status >= 200 && response.status < 300) {
      if (!parsed.ok && parsed.problem === 'invalid') throw notJson(exchange, hostOf(out.url), userCredentialsSent);
      return { exchange, json, receivedAt, serverExpiry };
    }
    const host = hostOf(out.url);
    const messages = json === undefined ? undefined : errorMessagesOf(json);
    const kind = response.status >= 300 && response.status < 400 ? 'bad_response' : kindOfFailure(response.status, messages);
    const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], receivedAt);
    const safeMessages = (messages ?? []).slice(0, MAX_MESSAGES_KEPT).map((text) => outsideText(redactText(text, this.secrets()), MAX_MESSAGE_LENGTH));
    const sentence = failureSentence(kind, response, safeMessages, {
      host,
      retryAfterSeconds,
      skew,
      credentials: context.credentials,
      hash: context.hash,
      // `{"errors":["Unauthorized"]}`: QuickBlox's answer to a wrong application id or auth key and to wrong user credentials alike.
      arrayOfErrors: Array.isArray((json as { errors?: unknown } | undefined)?.errors),
    });
    throw new QuickBloxError(kind, sentence, {
      status: response.status,
      messages: safeMessages,
      retryAfterSeconds,
      request: this.record(),
      response,
      serverDate,
      clockSkewSeconds: skew,
      userCredentialsSent,
    });
  }

  private record(): RequestRecord {
    return (this.recordMade ??= this.described.record());
  }

  private secrets(): SecretValues {
    return (this.secretsMade ??= this.described.secrets());
  }

  private mask(): KnownMasker {
    return (this.maskMade ??= knownMasker(this.secrets()));
  }
}

/** A transport failure of a request, with the request's record and whether it carried user credentials. */
function withRequest(error: QuickBloxError, request: RequestRecord, userCredentialsSent: boolean): QuickBloxError {
  return new QuickBloxError(error.kind, error.message, {
    status: error.status,
    messages: error.messages,
    retryAfterSeconds: error.retryAfterSeconds,
    request,
    response: error.response,
    field: error.field,
    code: error.code,
    host: error.host,
    timeoutMs: error.timeoutMs,
    reason: error.reason,
    serverDate: error.serverDate,
    clockSkewSeconds: error.clockSkewSeconds,
    userCredentialsSent,
  });
}

/** Server messages kept with an error, and how long each may be (a body is the server's to fill). */
const MAX_MESSAGES_KEPT = 20;
const MAX_MESSAGE_LENGTH = 500;
/** How much of the server's messages and reason phrase a one-sentence failure quotes. */
const MESSAGES_QUOTED = 3;
const QUOTED_MESSAGE_LENGTH = 200;
const REASON_LENGTH = 60;

function maskResponse(response: ResponseRecord, mask: KnownMasker): ResponseRecord {
  // Most answers hold no secret: one look through all their text, and the record stays as it is.
  let all = `${response.statusText}\n${response.body}`;
  for (const name in response.headers) all += `\n${response.headers[name]}`;
  if (!mask.finds(all)) return response;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = mask(value);
  return { status: response.status, statusText: mask(response.statusText), headers, body: mask(response.body), durationMs: response.durationMs };
}

function withSession({ exchange, json, receivedAt, serverExpiry }: Answered, userCredentialsSent: boolean): SessionResult {
  const session = readSession(json);
  if (typeof session === 'string') {
    throw badResponse(exchange, `The answer is not a QuickBlox session (${session}): check the endpoint.`, userCredentialsSent);
  }
  const expiresAt = serverExpiry ?? new Date(receivedAt + SESSION_LIFETIME_MS);
  return Object.assign({}, exchange, { session, expiresAt, expiresAtLocal: exchange.tokenExpiresAt ?? expiresAt });
}

interface SentenceContext {
  host: string;
  retryAfterSeconds: number | undefined;
  skew: number | undefined;
  credentials: Credentials;
  hash: HashAlgorithm | undefined;
  /** The body's `errors` is an array, as in `{"errors":["Unauthorized"]}` (not `{"errors":{"base":[...]}}`). */
  arrayOfErrors: boolean;
}

function failureSentence(kind: ErrorKind, response: ResponseRecord, messages: string[], context: SentenceContext): string {
  const reason = outsideText(response.statusText, REASON_LENGTH);
  const status = `${response.status}${reason ? ` ${reason}` : ''}`;
  const quoted = messages.slice(0, MESSAGES_QUOTED).map((text) => outsideText(text, QUOTED_MESSAGE_LENGTH));
  const more = messages.length > MESSAGES_QUOTED ? `; and ${messages.length - MESSAGES_QUOTED} more` : '';
  const said = quoted.length > 0 ? `: ${quoted.join('; ')}${more}` : '';
  switch (kind) {
    case 'invalid_signature': {
      const hash = context.hash === 'sha256' ? " It was signed with HMAC-SHA256; QuickBlox's REST reference documents HMAC-SHA1 only." : '';
      const skew =
        context.skew !== undefined && Math.abs(context.skew) > TIMESTAMP_WINDOW_SECONDS
          ? ` This computer's clock also differs from the server's by ${skewAmount(context.skew)}, more than the 60 minutes allowed.`
          : '';
      return `QuickBlox rejected the signature (${status}${said}): the auth secret is wrong, or the signed string differs from the one QuickBlox builds.${hash}${skew}`;
    }
    case 'bad_timestamp': {
      const clock =
        context.skew === undefined
          ? "by how much this computer's clock differs from the server's is unknown (the answer has no Date header)"
          : `this computer's clock differs from the server's by ${skewAmount(context.skew)}${context.skew > 0 ? ' (it is behind)' : context.skew < 0 ? ' (it is ahead)' : ''}`;
      return `QuickBlox refused the request's timestamp (${status}${said}): ${clock}.`;
    }
    case 'session_missing':
      return `The session does not exist or has expired (${status}${said}): create a new one.`;
    case 'user_required':
      return `QuickBlox refused a write made with an application session (${status}${said}): application sessions are read-only; sign a user in to the session, or create a user session.`;
    case 'unauthorized':
      if (response.status === 403) return `QuickBlox refused the request (${status}${said}).`;
      switch (context.credentials) {
        case 'user':
          return context.arrayOfErrors
            ? `QuickBlox refused either the user's credentials or the application's auth key (${status}${said}): it gives both the same answer, so the answer cannot say which.`
            : `QuickBlox did not accept the user's credentials (${status}${said}): check the login, email, password or provider token.`;
        case 'token':
          return `QuickBlox refused the request made with the session token (${status}${said}).`;
        case 'account':
          return `QuickBlox did not accept the account key (${status}${said}).`;
        default:
          return `QuickBlox did not accept the application credentials (${status}${said}): check the application id and auth key.`;
      }
    case 'rate_limited':
      return `Too many requests (${status})${context.retryAfterSeconds !== undefined ? `: retry after ${context.retryAfterSeconds} s` : ''}.`;
    case 'server':
      return `The server at ${context.host} failed (${status}${isHtml(response) ? ', an HTML error page' : said}): try again later.`;
    case 'validation':
      return `QuickBlox rejected the request (${status}${said}).`;
    default:
      if (response.status >= 300 && response.status < 400) {
        return `The endpoint redirects (${status}${response.headers['location'] ? ` to ${outsideText(response.headers['location'])}` : ''}): use the address it points to as the endpoint.`;
      }
      return `The answer from ${context.host} is not a QuickBlox API response (${status}${isHtml(response) ? ', an HTML page' : ''}): check the endpoint.`;
  }
}

/** A clock difference in whole minutes, or in seconds when under a minute. */
function skewAmount(skewSeconds: number): string {
  const seconds = Math.round(Math.abs(skewSeconds));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function notJson(exchange: ExchangeResult, host: string, userCredentialsSent: boolean): QuickBloxError {
  const html = isHtml(exchange.response);
  return badResponse(
    exchange,
    `The answer from ${host} is not valid JSON (${html ? 'an HTML page' : 'malformed or cut short'}): check the endpoint, or try again.`,
    userCredentialsSent,
  );
}

function tooDeep(exchange: ExchangeResult, host: string, userCredentialsSent: boolean): QuickBloxError {
  return badResponse(
    exchange,
    `The answer from ${host} is JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no QuickBlox answer is: check the endpoint.`,
    userCredentialsSent,
  );
}

/** A `bad_response` carrying the exchange it came from. */
function badResponse(exchange: ExchangeResult, message: string, userCredentialsSent: boolean): QuickBloxError {
  const { response, request, serverDate, clockSkewSeconds } = exchange;
  return new QuickBloxError('bad_response', message, { status: response.status, request, response, serverDate, clockSkewSeconds, userCredentialsSent });
}

function isHtml(response: ResponseRecord): boolean {
  return /text\/html/i.test(response.headers['content-type'] ?? '') || /^\s*</.test(response.body);
}

function headersFor(options: CallOptions, withBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': options.userAgent ?? defaultUserAgent(),
    'QuickBlox-REST-API-Version': '0.1.1',
  };
  if (withBody) headers['Content-Type'] = 'application/json';
  return headers;
}

const SECRET_HEADERS = new Set(['qb-token', 'qb-account-key']);

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? maskWithPrefix(value) : value;
  }
  return out;
}

/** The body with each secret parameter masked, same nesting. */
function redactBody(body: SignableBody, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (typeof value === 'object' && value !== null) out[key] = redactBody(value, name);
    else if (typeof value === 'string') out[key] = maskParameter(name, value);
    else out[key] = value;
  }
  return out;
}

/** Runs a check whose `invalid_input` should name another field than the check's own. */
function underField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (isQuickBloxError(error) && error.kind === 'invalid_input') throw invalidInput(field, error.message);
    throw error;
  }
}

/** `api_endpoint` as an endpoint origin; a bare host is read as https. Undefined when unusable. */
function endpointOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  try {
    return normalizeEndpoint(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
}

/** `chat_endpoint` as the answer names it (a host, sometimes with a scheme), when it is one plain word. */
function hostText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return /^[A-Za-z0-9._~:/[\]-]{1,255}$/.test(text) ? text : undefined;
}

/** The text values of a sign-in's inputs that are secret under any of `kinds`, masked as those kinds mask them. */
function secretsOf(
  auth: SessionAuth | Record<string, unknown>,
  masking: SecretMasking,
  kinds: readonly string[] = SESSION_AUTH_TYPES,
): Array<string | undefined> {
  const values = auth as Record<string, unknown>;
  return secretInputNames(kinds, masking).map((name) => (typeof values[name] === 'string' ? (values[name] as string) : undefined));
}

/** The names of the kinds' inputs masked this way, worked out once per list of kinds: the table does not change. */
const secretNamesByKinds = new WeakMap<readonly string[], Partial<Record<SecretMasking, string[]>>>();

function secretInputNames(kinds: readonly string[], masking: SecretMasking): string[] {
  let byMasking = secretNamesByKinds.get(kinds);
  if (!byMasking) secretNamesByKinds.set(kinds, (byMasking = {}));
  return (byMasking[masking] ??= [
    ...new Set(
      kinds.filter(isSessionAuthType).flatMap((type) =>
        signInKind(type)
          .inputs.filter((input) => input.secret === masking)
          .map((input) => input.name),
      ),
    ),
  ]);
}
