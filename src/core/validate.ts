import { invalidInput } from './errors';
import { HASH_ALGORITHMS, type HashAlgorithm } from './signature';

const MAX_FIELD_LENGTH = 1024;
/** Provider tokens (a Firebase ID token is a JWT of 1 KiB and more) and other user inputs. */
const MAX_USER_FIELD_LENGTH = 8192;
const MAX_ENDPOINT_LENGTH = 2048;
const MAX_TIMEOUT_MS = 10 * 60 * 1000;
/**
 * Auth keys and secrets QuickBlox issues are far longer; a shorter value is a typo, and masking a
 * value that short wherever it occurs would shred ordinary words in logs and messages.
 */
export const MIN_KEY_LENGTH = 8;
/** The characters a session token is made of (JWTs included), and its length. */
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/;
export const MAX_TOKEN_LENGTH = 4096;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const PLAIN_APPLICATION_ID = /^[1-9]\d{0,11}$/;
/** A key that passes checkKey: MIN_KEY_LENGTH to MAX_FIELD_LENGTH characters, none of them CONTROL or white space. */
const PLAIN_KEY = new RegExp(`^[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]{${MIN_KEY_LENGTH},${MAX_FIELD_LENGTH}}$`);
/** CONTROL or white space, in one search. */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The endpoint's origin (`https://api.quickblox.com`) or an `invalid_input` error saying what
 * to change. Plain `http://` is accepted only for loopback hosts; paths, queries, fragments and
 * credentials are refused, a trailing slash is tolerated.
 */
/** The last endpoint that passed, as given and as normalized: every request of a profile checks the same text again. */
let lastEndpoint: { raw: string; normalized: string } | undefined;

export function normalizeEndpoint(raw: unknown): string {
  if (lastEndpoint !== undefined && raw === lastEndpoint.raw) return lastEndpoint.normalized;
  const normalized = checkedEndpoint(raw);
  lastEndpoint = { raw: raw as string, normalized };
  return normalized;
}

function checkedEndpoint(raw: unknown): string {
  const field = 'endpoint';
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw invalidInput(field, 'Enter the API endpoint, for example https://api.quickblox.com.');
  }
  const text = raw.trim();
  if (text.length > MAX_ENDPOINT_LENGTH) throw invalidInput(field, 'The endpoint is too long: enter just the API address, such as https://api.quickblox.com.');
  if (CONTROL.test(text) || /[\s\\]/.test(text)) {
    throw invalidInput(field, 'The endpoint contains spaces, backslashes or control characters: enter a plain address such as https://api.quickblox.com.');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInput(field, 'The endpoint is not an absolute URL: it should look like https://api.quickblox.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidInput(field, `The endpoint must use https:// (it uses ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw invalidInput(field, 'The endpoint must use https://; plain http:// is allowed only for localhost.');
  }
  if (url.username !== '' || url.password !== '' || text.includes('@')) {
    throw invalidInput(field, 'Remove the user name or password from the endpoint URL: credentials belong in the profile, not the address.');
  }
  if (text.includes('?') || text.includes('#')) {
    throw invalidInput(field, 'Remove the query (?…) or fragment (#…) from the endpoint: enter only the API address.');
  }
  const path = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  if (url.pathname !== '/' || (path !== '' && path !== '/')) {
    throw invalidInput(field, `Remove the path "${path}" from the endpoint: enter only the API address, such as https://api.quickblox.com.`);
  }
  return `${url.protocol}//${url.host}`;
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The application id as the digits it is made of. */
export function normalizeApplicationId(raw: unknown): string {
  const given = typeof raw === 'number' ? String(raw) : raw;
  // The usual case, one search: 1 to 12 digits, no leading zero, nothing to trim.
  if (typeof given === 'string' && PLAIN_APPLICATION_ID.test(given)) return given;
  const text = typeof given === 'string' ? given.trim() : '';
  if (text === '') throw invalidInput('applicationId', 'Enter the application id: the number shown in the QuickBlox dashboard under Overview.');
  if (!/^\d{1,12}$/.test(text) || /^0+$/.test(text)) {
    throw invalidInput('applicationId', 'The application id must be a positive whole number of at most 12 digits, such as 76730.');
  }
  return text.replace(/^0+/, '');
}

/**
 * A credential issued by QuickBlox (auth key, auth secret, account key): non-empty, no
 * surrounding spaces (a classic copy-and-paste mistake), no control characters.
 */
export function checkCredential(field: string, label: string, raw: unknown): string {
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  if (trimmed === '') throw invalidInput(field, `Enter the ${label}.`);
  const text = raw as string;
  if (text.length > MAX_FIELD_LENGTH) {
    throw invalidInput(field, `The ${label} is longer than ${MAX_FIELD_LENGTH} characters: paste only the value from the dashboard.`);
  }
  if (text !== trimmed) throw invalidInput(field, `The ${label} starts or ends with spaces: remove them.`);
  if (CONTROL_OR_SPACE.test(text)) {
    throw invalidInput(field, `The ${label} contains spaces, line breaks or control characters: paste only the value from the dashboard.`);
  }
  return text;
}

/** An auth key or auth secret: a credential (see `checkCredential`) of at least MIN_KEY_LENGTH characters. */
export function checkKey(field: string, label: string, raw: unknown): string {
  // The usual case, one search: every check below passes a key of 8 to 1024 characters none of which is white space or a control character.
  if (typeof raw === 'string' && PLAIN_KEY.test(raw)) return raw;
  const key = checkCredential(field, label, raw);
  if (key.length < MIN_KEY_LENGTH) {
    throw invalidInput(
      field,
      `The ${label} is shorter than ${MIN_KEY_LENGTH} characters, far shorter than QuickBlox issues: copy the whole value from the dashboard.`,
    );
  }
  return key;
}

/** A user-supplied value (login, password, provider token): non-empty after trimming, sent as typed. */
export function checkUserField(field: string, label: string, raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw invalidInput(field, `Enter the ${label}.`);
  if (raw.length > MAX_USER_FIELD_LENGTH) throw invalidInput(field, `The ${label} is longer than ${MAX_USER_FIELD_LENGTH} characters.`);
  if (CONTROL.test(raw)) throw invalidInput(field, `The ${label} contains line breaks or control characters: remove them.`);
  return raw;
}

export function checkEmail(field: string, raw: unknown): string {
  const email = checkUserField(field, 'email', raw);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw invalidInput(field, 'Enter an email address such as name@example.com.');
  return email;
}

export function checkHash(raw: unknown): HashAlgorithm {
  if (raw === undefined) return 'sha1';
  if (typeof raw === 'string' && (HASH_ALGORITHMS as readonly string[]).includes(raw)) return raw as HashAlgorithm;
  throw invalidInput('hash', 'The signature hash must be "sha1" or "sha256".');
}

export function checkTimeout(raw: unknown, fallbackMs: number): number {
  if (raw === undefined) return fallbackMs;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0 || raw > MAX_TIMEOUT_MS) {
    throw invalidInput('timeoutMs', 'The request timeout must be between 1 millisecond and 10 minutes.');
  }
  return raw;
}

/**
 * A session token as sent in `QB-Token` and handed to shells and files: printable ASCII token
 * characters only (`A–Z a–z 0–9 . _ ~ + / = -`, which JWTs use too), 1 to 4,096 of them. The
 * message never repeats the token.
 */
export function checkToken(raw: unknown): string {
  const problem = tokenProblem(raw);
  if (problem) throw invalidInput('token', `The session token ${problem}: create a new session.`);
  return raw as string;
}

/** What makes a value unusable as a session token, as the end of a sentence, or undefined when it is fine. */
export function tokenProblem(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw === '') return 'is empty';
  if (raw.length > MAX_TOKEN_LENGTH) return `is ${raw.length} characters long, more than the ${MAX_TOKEN_LENGTH} a token can be`;
  if (!TOKEN.test(raw)) return 'holds characters a QuickBlox token never has (only letters, digits and . _ ~ + / = - are)';
  return undefined;
}
