import { authParameters, maskParameter, type SessionAuth } from './auth';
import { QuickBloxError, type ErrorKind } from './errors';
import type { RequestRecord, ResponseRecord } from './exchange';
import { processNonces } from './nonce';
import { MAX_JSON_DEPTH, parseBoundedJson } from './boundedJson';
import { outsideText } from './outsideText';
import { maskKnown, maskWhole, maskWithPrefix, redactText, type SecretValues } from './redact';
import { errorMessagesOf, kindOfFailure } from './serverErrors';
import { readSession, type Session } from './session';
import { hmacHex, joinPairs, signaturePairs, type HashAlgorithm, type SignableBody } from './signature';
import { clockSkewSeconds, parseExpirationDate, parseHttpDate, parseRetryAfter, SESSION_LIFETIME_MS, SKEW_NOTICE_SECONDS, TIMESTAMP_WINDOW_SECONDS, type Clock } from './time';
import { send } from './transport';
import { defaultUserAgent } from './userAgent';
import { checkCredential, checkEmail, checkHash, checkKey, checkTimeout, checkToken, checkUserField, normalizeApplicationId, normalizeEndpoint } from './validate';

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
  /** Sent as `QB-Account-Key` when given. */
  accountKey?: string;
  auth: SessionAuth;
  hash?: HashAlgorithm;
  /** Normally drawn at random; a test may fix it. */
  nonce?: number;
}

export interface TokenRequest extends CallOptions {
  endpoint: string;
  token: string;
  accountKey?: string;
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

/** `POST /login.json` signs a user in to a session: `login` or `email`, and `password`. */
export type UserSignIn = { login: string; password: string } | { email: string; password: string };

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
  return clockSkewSeconds !== undefined && Math.abs(clockSkewSeconds) > SKEW_NOTICE_SECONDS ? new Date(serverExpiry.getTime() - clockSkewSeconds * 1000) : serverExpiry;
}

/** `POST /session.json`: an application session, or a user session of any sign-in kind. */
export async function createSession(request: CreateSessionRequest): Promise<SessionResult> {
  const endpoint = normalizeEndpoint(request.endpoint);
  const applicationId = normalizeApplicationId(request.applicationId);
  const authKey = checkKey('authKey', 'auth key', request.authKey);
  const authSecret = checkKey('authSecret', 'auth secret', request.authSecret);
  const accountKey = optionalCredential('accountKey', 'account key', request.accountKey);
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
  const pairs = signaturePairs(params);
  const signature = hmacHex(joinPairs(pairs), authSecret, hash);
  const body = { ...params, signature };

  const headers = headersFor(request, accountKey, true);
  const record: RequestRecord = {
    method: 'POST',
    url: `${endpoint}/session.json`,
    headers: redactHeaders(headers),
    body: redactBody(body),
    stringToSign: joinPairs(pairs.map(([name, value]) => [name, maskParameter(name, value)] as [string, string])),
  };
  const secrets: SecretValues = {
    whole: [authSecret, secretOf(request.auth, 'password'), secretOf(request.auth, 'secret')],
    prefixed: [authKey, accountKey, signature, secretOf(request.auth, 'token'), secretOf(request.auth, 'accessToken')],
  };
  const exchange = await run(
    { method: 'POST', url: record.url, headers, body: JSON.stringify(body), record, timeoutMs, signal: request.signal },
    clock,
    secrets,
    request.auth.type !== 'application',
  );
  return withSession(exchange);
}

/** `GET /session.json`: the server's view of a session; every such call extends its expiry. */
export async function getSession(request: TokenRequest): Promise<SessionResult> {
  return withSession(await tokenCall('GET', '/session.json', request));
}

/** `DELETE /session.json`: ends the session on the server. */
export async function destroySession(request: TokenRequest): Promise<ExchangeResult> {
  const { exchange } = await tokenCall('DELETE', '/session.json', request);
  return exchange;
}

/** `POST /login.json`: turns an application session into a session of the given user. */
export async function upgradeSession(request: UpgradeRequest): Promise<UpgradeResult> {
  const given = (request.user ?? {}) as Record<string, unknown>;
  const password = checkUserField('password', 'password', given.password);
  const signIn: Record<string, string> = 'email' in given ? { email: checkEmail('email', given.email) } : { login: checkUserField('login', 'login', given.login) };
  const body = { ...signIn, password };
  const answered = await tokenCall('POST', '/login.json', request, { body, record: { ...signIn, password: maskWhole(password) }, whole: [password] });
  const user = (answered.json as { user?: Record<string, unknown> } | undefined)?.user;
  const userId = typeof user?.id === 'number' ? user.id : Number(user?.id);
  if (!user || !Number.isSafeInteger(userId) || userId <= 0) {
    throw new QuickBloxError('bad_response', 'The answer to the sign-in names no user: check the endpoint.', { status: answered.exchange.response.status, request: answered.exchange.request, response: answered.exchange.response });
  }
  return {
    ...answered.exchange,
    userId,
    ...(typeof user.login === 'string' ? { login: user.login } : {}),
    ...(typeof user.email === 'string' ? { email: user.email } : {}),
  };
}

/** `DELETE /login.json`: signs the user out; the session goes on as an application session. */
export async function downgradeSession(request: TokenRequest): Promise<ExchangeResult> {
  const { exchange } = await tokenCall('DELETE', '/login.json', request);
  return exchange;
}

interface Answered {
  exchange: ExchangeResult;
  json: unknown;
  receivedAt: number;
}

interface TokenCallBody {
  body: Record<string, string>;
  /** The body as shown and logged. */
  record: Record<string, string>;
  /** Values in it masked whole wherever the server echoes them. */
  whole: string[];
}

async function tokenCall(method: 'GET' | 'POST' | 'DELETE', path: string, request: TokenRequest, payload?: TokenCallBody): Promise<Answered> {
  const endpoint = normalizeEndpoint(request.endpoint);
  const token = checkToken(request.token);
  const accountKey = optionalCredential('accountKey', 'account key', request.accountKey);
  const timeoutMs = checkTimeout(request.timeoutMs, DEFAULT_TIMEOUT_MS);
  const headers = { ...headersFor(request, accountKey, payload !== undefined), 'QB-Token': token };
  const record: RequestRecord = { method, url: `${endpoint}${path}`, headers: redactHeaders(headers), ...(payload ? { body: payload.record } : {}) };
  return run(
    { method, url: record.url, headers, record, timeoutMs, signal: request.signal, ...(payload ? { body: JSON.stringify(payload.body) } : {}) },
    request.now ?? Date.now,
    { whole: payload?.whole ?? [], prefixed: [token, accountKey] },
    payload !== undefined,
  );
}

async function run(
  out: Parameters<typeof send>[0],
  clock: Clock,
  secrets: SecretValues,
  userCredentials: boolean,
): Promise<Answered> {
  const sentAt = clock();
  const received = await send(out);
  const receivedAt = clock();
  // What is shown and kept has every known secret masked, also where the server echoes one back.
  const response = maskResponse(received, secrets);
  const serverDate = parseHttpDate(response.headers['date']);
  const skew = serverDate ? clockSkewSeconds(serverDate, sentAt, receivedAt) : undefined;
  const serverExpiry = parseExpirationDate(response.headers['qb-token-expirationdate']);
  const exchange: ExchangeResult = {
    serverDate,
    clockSkewSeconds: skew,
    ...(serverExpiry ? { tokenExpiresAt: localExpiry(serverExpiry, skew) } : {}),
    request: out.record,
    response,
  };
  const parsed = parseBoundedJson(received.body);
  const host = new URL(out.url).host;
  if (!parsed.ok && parsed.problem === 'too_deep') throw tooDeep(exchange, host);
  const json = parsed.ok ? parsed.value : undefined;
  if (response.status >= 200 && response.status < 300) {
    if (!parsed.ok && parsed.problem === 'invalid') throw notJson(exchange, host);
    return { exchange, json, receivedAt };
  }
  const messages = json === undefined ? undefined : errorMessagesOf(json);
  const kind = response.status >= 300 && response.status < 400 ? 'bad_response' : kindOfFailure(response.status, messages);
  const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], receivedAt);
  const safeMessages = (messages ?? []).slice(0, MAX_MESSAGES_KEPT).map((text) => outsideText(redactText(text, secrets), MAX_MESSAGE_LENGTH));
  const sentence = failureSentence(kind, response, safeMessages, {
    host,
    retryAfterSeconds,
    skew,
    userCredentials: userCredentials && !Array.isArray((json as { errors?: unknown } | undefined)?.errors),
  });
  throw new QuickBloxError(kind, sentence, {
    status: response.status,
    messages: safeMessages,
    retryAfterSeconds,
    request: out.record,
    response,
    serverDate,
    clockSkewSeconds: skew,
  });
}

/** Server messages kept with an error, and how long each may be (a body is the server's to fill). */
const MAX_MESSAGES_KEPT = 20;
const MAX_MESSAGE_LENGTH = 500;
/** How much of the server's messages and reason phrase a one-sentence failure quotes. */
const MESSAGES_QUOTED = 3;
const QUOTED_MESSAGE_LENGTH = 200;
const REASON_LENGTH = 60;

function maskResponse(response: ResponseRecord, secrets: SecretValues): ResponseRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = maskKnown(value, secrets);
  return { ...response, statusText: maskKnown(response.statusText, secrets), headers, body: maskKnown(response.body, secrets) };
}

function withSession({ exchange, json, receivedAt }: Answered): SessionResult {
  const session = readSession(json);
  if (typeof session === 'string') {
    throw new QuickBloxError('bad_response', `The answer is not a QuickBlox session (${session}): check the endpoint.`, {
      status: exchange.response.status,
      request: exchange.request,
      response: exchange.response,
      serverDate: exchange.serverDate,
      clockSkewSeconds: exchange.clockSkewSeconds,
    });
  }
  const stated = parseExpirationDate(exchange.response.headers['qb-token-expirationdate']);
  const expiresAt = stated ?? new Date(receivedAt + SESSION_LIFETIME_MS);
  return { ...exchange, session, expiresAt, expiresAtLocal: exchange.tokenExpiresAt ?? expiresAt };
}

interface SentenceContext {
  host: string;
  retryAfterSeconds: number | undefined;
  skew: number | undefined;
  userCredentials: boolean;
}

function failureSentence(kind: ErrorKind, response: ResponseRecord, messages: string[], context: SentenceContext): string {
  const reason = outsideText(response.statusText, REASON_LENGTH);
  const status = `${response.status}${reason ? ` ${reason}` : ''}`;
  const quoted = messages.slice(0, MESSAGES_QUOTED).map((text) => outsideText(text, QUOTED_MESSAGE_LENGTH));
  const more = messages.length > MESSAGES_QUOTED ? `; and ${messages.length - MESSAGES_QUOTED} more` : '';
  const said = quoted.length > 0 ? `: ${quoted.join('; ')}${more}` : '';
  switch (kind) {
    case 'invalid_signature': {
      const skew = context.skew !== undefined && Math.abs(context.skew) > TIMESTAMP_WINDOW_SECONDS ? ` Your clock differs from the server's by ${Math.round(Math.abs(context.skew) / 60)} minutes, more than the 60 allowed.` : '';
      return `QuickBlox rejected the signature (${status}${said}): the auth secret is wrong, or the computer's clock is off.${skew}`;
    }
    case 'session_missing':
      return `The session does not exist or has expired (${status}${said}): create a new one.`;
    case 'user_required':
      return `QuickBlox refused a write made with an application session (${status}${said}): application sessions are read-only; sign a user in to the session, or create a user session.`;
    case 'unauthorized':
      if (response.status === 403) return `QuickBlox refused the request (${status}${said}).`;
      return context.userCredentials
        ? `QuickBlox did not accept the user's credentials (${status}${said}): check the login, email, password or provider token.`
        : `QuickBlox did not accept the application credentials (${status}${said}): check the application id and auth key.`;
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

function notJson(exchange: ExchangeResult, host: string): QuickBloxError {
  const html = isHtml(exchange.response);
  return new QuickBloxError(
    'bad_response',
    `The answer from ${host} is not valid JSON (${html ? 'an HTML page' : 'malformed or cut short'}): check the endpoint, or try again.`,
    { status: exchange.response.status, request: exchange.request, response: exchange.response, serverDate: exchange.serverDate, clockSkewSeconds: exchange.clockSkewSeconds },
  );
}

function tooDeep(exchange: ExchangeResult, host: string): QuickBloxError {
  return new QuickBloxError('bad_response', `The answer from ${host} is JSON nested more than ${MAX_JSON_DEPTH} levels deep, which no QuickBlox answer is: check the endpoint.`, {
    status: exchange.response.status,
    request: exchange.request,
    response: exchange.response,
    serverDate: exchange.serverDate,
    clockSkewSeconds: exchange.clockSkewSeconds,
  });
}

function isHtml(response: ResponseRecord): boolean {
  return /text\/html/i.test(response.headers['content-type'] ?? '') || /^\s*</.test(response.body);
}

function headersFor(options: CallOptions, accountKey: string | undefined, withBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': options.userAgent ?? defaultUserAgent(),
    'QuickBlox-REST-API-Version': '0.1.1',
  };
  if (withBody) headers['Content-Type'] = 'application/json';
  if (accountKey) headers['QB-Account-Key'] = accountKey;
  return headers;
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = /^(qb-token|qb-account-key)$/i.test(name) ? maskWithPrefix(value) : value;
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


function optionalCredential(field: string, label: string, value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : checkCredential(field, label, value);
}

function secretOf(auth: SessionAuth, key: 'password' | 'secret' | 'token' | 'accessToken'): string | undefined {
  const value = (auth as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
