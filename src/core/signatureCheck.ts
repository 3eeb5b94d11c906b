import { maskParameter, SECRET_PARAMETERS, type SessionAuth } from './auth';
import type { ErrorKind } from './errors';
import { cell, code, fenced, prose } from './markdown';
import { maskWithPrefix, redactText } from './redact';
import { shellQuote } from './shellQuote';
import { computeSignature, joinPairs, signaturePairs, type HashAlgorithm, type SignableBody } from './signature';
import {
  FIXED_SIGN_IN_PARAMETERS,
  inputParameterName,
  isSessionAuthType,
  SECRET_INPUT_NAMES,
  SIGN_IN_INPUTS,
  signInKind,
  uncheckedSignInPairs,
} from './signInKinds';
import { durationWords, SKEW_NOTICE_SECONDS, TIMESTAMP_WINDOW_SECONDS } from './time';
import { normalizeApplicationId } from './validate';

export interface SignatureInput {
  applicationId: string;
  authKey: string;
  authSecret: string;
  hash: HashAlgorithm;
  auth: SessionAuth;
  /** As sent; seconds are expected, milliseconds are a mistake to report. */
  timestamp: number;
  nonce: number;
  /** Server clock minus local clock in seconds, when a response has shown it. */
  clockSkewSeconds?: number;
  /** When explaining a failed request: how it failed. */
  failure?: ErrorKind;
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'info';
export type CheckId = 'secret-as-key' | 'secret-in-string' | 'url-encoded' | 'whitespace' | 'hash' | 'timestamp-ms' | 'clock';

export interface SignatureCheck {
  id: CheckId;
  status: CheckStatus;
  title: string;
  detail: string;
}

type AlgorithmName = 'HMAC-SHA1' | 'HMAC-SHA256';

export interface SignatureExplanation {
  /** Every signed parameter in signing order; secret values masked (see SECRET_PARAMETERS in auth.ts and maskWithPrefix/maskWhole in redact.ts). */
  parameters: Array<{ name: string; value: string; masked: boolean }>;
  /** The sorted `name=value&…` string with secret values masked. */
  stringToSign: string;
  algorithm: AlgorithmName;
  /** The full lowercase hex signature the extension would send. */
  signature: string;
  /** The same string signed with the other hash, to compare when the hash setting is suspect. */
  otherSignature: { algorithm: AlgorithmName; signature: string };
  /** Always all seven checks, in the CheckId order above. */
  checks: SignatureCheck[];
  /** One sentence: what the checks and the failure, taken together, point at. */
  verdict: string;
}

export interface ExplanationHeading {
  title: string;
  profileName: string;
  endpoint: string;
  kindLabel: string;
  /** e.g. "Explains the request that failed at 12:03 with Unexpected signature" */
  note?: string;
  /**
   * The request was signed only to be explained, never sent: its signature would still be
   * accepted with its timestamp and nonce, so both signatures are shown masked.
   */
  unsent?: boolean;
}

const ALGORITHM_NAMES: Record<HashAlgorithm, AlgorithmName> = { sha1: 'HMAC-SHA1', sha256: 'HMAC-SHA256' };

/** Parameters the extension writes or normalizes itself; every other value is signed as typed or pasted. */
const FIXED_PARAMETERS = new Set(['application_id', 'nonce', 'timestamp', ...FIXED_SIGN_IN_PARAMETERS]);

/** Non-secret sign-in values, whose decoded form a check may show. */
const SHOWN_DECODED = new Set(SIGN_IN_INPUTS.filter((input) => input.secret === undefined).map(inputParameterName));

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
const MILLISECOND_TIMESTAMPS = 1e11;
/** Shorter secrets occur by chance inside other values, so looking for them says nothing. */
const SHORTEST_SEARCHED_SECRET = 4;

interface Values {
  authKey: string;
  authSecret: string;
  hash: HashAlgorithm;
  /** Unsorted `[name, raw value]` of the body, secrets included. */
  signed: Array<[string, string]>;
}

/**
 * Takes a create-session request apart as QuickBlox will check it: the signed parameters, the
 * string-to-sign, both HMACs and the usual mistakes. Works on raw, unvalidated values and never
 * throws for them; secrets come back masked.
 */
export function explainSignature(input: SignatureInput): SignatureExplanation {
  const values = readValues(input);
  const body: Record<string, SignableBody[string]> = {};
  for (const [name, value] of values.signed) body[name] = value;
  const pairs = signaturePairs(body);
  const other: HashAlgorithm = values.hash === 'sha1' ? 'sha256' : 'sha1';
  const shown = (name: string, value: string): string => {
    if (SECRET_PARAMETERS[name]) return maskParameter(name, value);
    // Numbers the extension wrote itself are left alone: a short numeric password could match inside them.
    const written = FIXED_SIGN_IN_PARAMETERS.includes(name) || (FIXED_PARAMETERS.has(name) && /^\d*$/.test(value));
    return written ? value : hideSecrets(value, input);
  };
  const parameters = pairs.map(([name, value]) => {
    const display = shown(name, value);
    return { name, value: display, masked: SECRET_PARAMETERS[name] !== undefined || display !== value };
  });
  const checks = [
    secretAsKeyCheck(values, input.failure, isUserSignIn(input.auth)),
    secretInStringCheck(values),
    urlEncodedCheck(values, input),
    whitespaceCheck(values),
    hashCheck(input.hash, input.failure),
    timestampCheck(input.timestamp),
    clockCheck(input.clockSkewSeconds),
  ];
  return {
    parameters,
    stringToSign: joinPairs(parameters.map((parameter) => [parameter.name, parameter.value] as [string, string])),
    algorithm: ALGORITHM_NAMES[values.hash],
    signature: computeSignature(body, values.authSecret, values.hash),
    otherSignature: { algorithm: ALGORITHM_NAMES[other], signature: computeSignature(body, values.authSecret, other) },
    checks,
    verdict: verdictOf(checks, input.failure, isUserSignIn(input.auth)),
  };
}

function verdictOf(checks: SignatureCheck[], failure: ErrorKind | undefined, userSignIn: boolean): string {
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.length > 0) return `Fix what ${failed.length === 1 ? 'the failed check names' : `the ${failed.length} failed checks name`}, then try again.`;
  if (failure === 'invalid_signature') {
    return "Nothing here is malformed and QuickBlox accepted the application id and auth key, so the auth secret itself is not this application's: copy it again from the application's credentials in the QuickBlox dashboard.";
  }
  if (failure === 'bad_timestamp') {
    return "QuickBlox refused the request's timestamp, not its signature: the clock check says how far this computer's clock is from the server's.";
  }
  if (failure === 'unauthorized') {
    return userSignIn
      ? "QuickBlox refused either the user's credentials or the application id and auth key, and gives both the same answer; either way it did not refuse the signature."
      : 'QuickBlox refused the application id or the auth key before it looked at the signature: check those two.';
  }
  return checks.some((check) => check.status === 'warn')
    ? 'Nothing fails; the warnings are worth a look.'
    : 'Nothing looks wrong: this is the signature the extension sends.';
}

function readValues(input: SignatureInput): Values {
  const authKey = asText(input.authKey) ?? '';
  const signed: Array<[string, string]> = [
    ['application_id', applicationIdAsSent(input.applicationId)],
    ['auth_key', authKey],
    ['nonce', String(input.nonce)],
    ['timestamp', String(input.timestamp)],
    ...signInPairs(input.auth),
  ];
  return { authKey, authSecret: asText(input.authSecret) ?? '', hash: input.hash === 'sha256' ? 'sha256' : 'sha1', signed };
}

/** The same digits the client sends; anything it would refuse is shown as typed. */
function applicationIdAsSent(raw: unknown): string {
  try {
    return normalizeApplicationId(raw);
  } catch {
    return (asText(raw) ?? '').trim();
  }
}

/** The sign-in parameters under the names `authParameters` gives them, without its checks. */
function signInPairs(auth: SessionAuth | undefined): Array<[string, string]> {
  return uncheckedSignInPairs(auth, (value) => asText(value) ?? '');
}

/** A sign-in of a user (any kind but application), whose refusal reads the same as the application's. */
function isUserSignIn(auth: unknown): boolean {
  const type = typeof auth === 'object' && auth !== null ? (auth as { type?: unknown }).type : undefined;
  return isSessionAuthType(type) && signInKind(type).user;
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Masks any secret of the input that was typed into a value meant to be shown. */
function hideSecrets(text: string, input: SignatureInput): string {
  const auth = (typeof input.auth === 'object' && input.auth !== null ? input.auth : {}) as Record<string, unknown>;
  const searchable = (values: unknown[]): string[] =>
    values.map((value) => asText(value)?.trim() ?? '').filter((value) => value.length >= SHORTEST_SEARCHED_SECRET);
  return redactText(text, {
    whole: searchable([input.authSecret, ...SECRET_INPUT_NAMES.whole.map((name) => auth[name])]),
    prefixed: searchable([input.authKey, ...SECRET_INPUT_NAMES.prefix.map((name) => auth[name])]),
  });
}

/** How the check lists name a signed value. */
function label(name: string): string {
  return name === 'auth_key' ? 'auth key' : name;
}

/** The values someone typed or pasted: the auth key and the sign-in values. */
function typedValues(values: Values): Array<[string, string]> {
  return values.signed.filter(([name]) => !FIXED_PARAMETERS.has(name));
}

function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function secretAsKeyCheck(values: Values, failure: ErrorKind | undefined, userSignIn: boolean): SignatureCheck {
  const same = values.authKey.trim() === values.authSecret.trim();
  const title = 'Auth key is not the auth secret';
  if (failure === 'unauthorized' && userSignIn) {
    // QuickBlox answers a wrong password and a wrong auth key with the same body.
    const refused = "the server refused the user's credentials or the application id and auth key (its answer is the same for both), not the signature";
    return same
      ? {
          id: 'secret-as-key',
          status: 'fail',
          title,
          detail: `The auth key and the auth secret are the same value, and ${refused}: copy both again from the application in the QuickBlox dashboard.`,
        }
      : {
          id: 'secret-as-key',
          status: 'pass',
          title,
          detail: `The auth key and the auth secret differ; ${refused}, so compare the key with the application in the QuickBlox dashboard and the user's credentials with the user's.`,
        };
  }
  if (same) {
    const detail =
      failure === 'invalid_signature'
        ? 'The auth key and the auth secret are the same value; QuickBlox checks the application id and auth key before the signature, so those were accepted and the auth secret is the suspect: copy the authorization secret from the application in the QuickBlox dashboard into the profile.'
        : failure === 'unauthorized'
          ? 'The auth key and the auth secret are the same value, and the server rejected the application id or auth key, not the signature (for example the key and secret were swapped): copy both again from the application in the QuickBlox dashboard.'
          : 'The auth key and the auth secret are the same value; copy the authorization secret from the application in the QuickBlox dashboard into the profile.';
    return { id: 'secret-as-key', status: 'fail', title, detail };
  }
  const detail =
    failure === 'invalid_signature'
      ? 'The auth key and the auth secret differ; QuickBlox checks the application id and auth key before the signature, so those were accepted and the auth secret is the suspect.'
      : failure === 'unauthorized'
        ? 'The auth key and the auth secret differ, but the server rejected the application id or auth key, not the signature (for example the key and secret were swapped), so compare both with the application in the QuickBlox dashboard.'
        : 'The auth key and the auth secret differ.';
  return { id: 'secret-as-key', status: 'pass', title, detail };
}

function secretInStringCheck(values: Values): SignatureCheck {
  const secret = values.authSecret.trim();
  const holds = (value: string): boolean => (secret.length >= SHORTEST_SEARCHED_SECRET && value.includes(secret)) || /auth_secret=|authSecret=/.test(value);
  const where = values.signed.filter(([, value]) => holds(value)).map(([name]) => label(name));
  const title = 'Auth secret stays out of the signed string';
  if (where.length === 0) {
    return { id: 'secret-in-string', status: 'pass', title, detail: 'The auth secret is not in the string-to-sign; it is only the HMAC key.' };
  }
  return {
    id: 'secret-in-string',
    status: 'fail',
    title,
    detail: `The auth secret is part of the signed parameters (in ${listed(where)}); take it out of ${where.length === 1 ? 'that value' : 'those values'}, because it is only the HMAC key and is never sent.`,
  };
}

function urlEncodedCheck(values: Values, input: SignatureInput): SignatureCheck {
  const found: string[] = [];
  for (const [name, value] of typedValues(values)) {
    if (!PERCENT_ESCAPE.test(value)) continue;
    const decoded = SHOWN_DECODED.has(name) ? percentDecoded(value) : undefined;
    found.push(decoded === undefined ? label(name) : `${label(name)} (should read ${JSON.stringify(hideSecrets(decoded, input))})`);
  }
  const title = 'Values are not URL-encoded';
  if (found.length === 0) {
    return { id: 'url-encoded', status: 'pass', title, detail: 'No value contains a percent escape; values are signed raw.' };
  }
  return {
    id: 'url-encoded',
    status: 'warn',
    title,
    detail: `Percent escapes such as %40 in ${listed(found)}: QuickBlox signs values raw, so enter them as plain text.`,
  };
}

function percentDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function whitespaceCheck(values: Values): SignatureCheck {
  const candidates: Array<[string, string]> = [
    ...typedValues(values).map(([name, value]): [string, string] => [label(name), value]),
    ['auth secret', values.authSecret],
  ];
  const found: string[] = [];
  for (const [name, value] of candidates) {
    const problems: string[] = [];
    if (value !== value.trim()) problems.push('space at an end');
    if (/[\t\r\n]/.test(value.trim())) problems.push('tab or line break inside');
    if (problems.length > 0) found.push(`${name} (${problems.join(', ')})`);
  }
  const title = 'No stray spaces or line breaks';
  if (found.length === 0) {
    return { id: 'whitespace', status: 'pass', title, detail: 'No credential or sign-in value starts or ends with spaces or holds a tab or line break.' };
  }
  return {
    id: 'whitespace',
    status: 'fail',
    title,
    detail: `Remove the extra whitespace from ${listed(found)}, because values are signed exactly as entered.`,
  };
}

function hashCheck(hash: unknown, failure: ErrorKind | undefined): SignatureCheck {
  const title = 'Hash algorithm';
  const compare = failure === 'invalid_signature';
  if (hash === 'sha1' || hash === undefined) {
    const detail = compare ? "HMAC-SHA1, QuickBlox's default; the HMAC-SHA256 signature is shown for comparison." : "HMAC-SHA1, QuickBlox's default.";
    return { id: 'hash', status: 'pass', title, detail };
  }
  if (hash === 'sha256') {
    // The JavaScript SDK offers HMAC-SHA256 as a client setting; QuickBlox's REST reference documents HMAC-SHA1 only.
    const known =
      "HMAC-SHA256: QuickBlox's REST reference documents only HMAC-SHA1; the JavaScript SDK can sign with HMAC-SHA256 as a client setting, but whether a given server accepts it is unconfirmed";
    const detail = compare
      ? `${known}, so switch the profile's signature setting to SHA-1 (the HMAC-SHA1 signature is shown for comparison).`
      : `${known}; switch the profile's signature setting to SHA-1 if requests fail.`;
    return { id: 'hash', status: 'warn', title, detail };
  }
  return {
    id: 'hash',
    status: 'fail',
    title,
    detail: "The profile's signature setting names no hash the extension can sign with (shown here with HMAC-SHA1); set it to SHA-1.",
  };
}

function timestampCheck(timestamp: unknown): SignatureCheck {
  const title = 'Timestamp in Unix seconds';
  const value = typeof timestamp === 'number' ? timestamp : Number.NaN;
  if (!Number.isSafeInteger(value) || value <= 0) {
    return {
      id: 'timestamp-ms',
      status: 'fail',
      title,
      detail: `The timestamp ${String(timestamp)} is not a positive whole number; send the current Unix time in whole seconds.`,
    };
  }
  if (value > MILLISECOND_TIMESTAMPS) {
    return {
      id: 'timestamp-ms',
      status: 'fail',
      title,
      detail: `The timestamp ${value} is in milliseconds; QuickBlox wants Unix seconds, so divide it by 1000 (${Math.floor(value / 1000)}).`,
    };
  }
  const iso = new Date(value * 1000).toISOString().replace('.000Z', 'Z');
  return { id: 'timestamp-ms', status: 'pass', title, detail: `Unix seconds: ${iso}.` };
}

function clockCheck(skew: number | undefined): SignatureCheck {
  const title = 'Clock within 60 minutes of QuickBlox';
  if (typeof skew !== 'number' || !Number.isFinite(skew)) {
    return { id: 'clock', status: 'info', title, detail: "Not known until QuickBlox answers: its Date header shows the server's clock." };
  }
  const seconds = Math.round(Math.abs(skew));
  const direction = skew > 0 ? 'behind' : 'ahead of';
  if (seconds > TIMESTAMP_WINDOW_SECONDS) {
    return {
      id: 'clock',
      status: 'fail',
      title,
      detail: `This computer's clock is ${durationWords(seconds)} ${direction} QuickBlox's, more than the 60 minutes the server allows; correct the computer's clock, or sign with the server's time.`,
    };
  }
  if (seconds > SKEW_NOTICE_SECONDS) {
    return {
      id: 'clock',
      status: 'warn',
      title,
      detail: `This computer's clock is ${durationWords(seconds)} ${direction} QuickBlox's, within the 60 minutes the server allows; correct the computer's clock (or sign with the server's time) before it drifts further.`,
    };
  }
  const detail =
    seconds === 0
      ? "This computer's clock agrees with QuickBlox's."
      : `This computer's clock is ${durationWords(seconds)} ${direction} QuickBlox's, well within the 60 minutes allowed.`;
  return { id: 'clock', status: 'pass', title, detail };
}

const MARKERS: Record<CheckStatus, string> = { pass: '✓ pass', fail: '✗ fail', warn: '⚠ warn', info: 'ℹ info' };

/** The Markdown document. Never contains the auth secret, auth key, passwords or provider tokens in full. */
export function renderSignatureExplanation(explanation: SignatureExplanation, heading: ExplanationHeading): string {
  const lines: string[] = [`# ${prose(heading.title)}`, ''];
  const about = [`Profile **${prose(heading.profileName)}**`, `endpoint ${code(heading.endpoint)}`, `sign-in: ${prose(heading.kindLabel)}`];
  lines.push(about.join(' · '));
  if (heading.note) lines.push('', `_${prose(heading.note)}_`);
  lines.push('', `**Verdict:** ${prose(explanation.verdict)}`);

  // The verdict first: what to change, if anything; the workings follow.
  lines.push('', '## Checks', '');
  for (const check of explanation.checks) lines.push(`- ${MARKERS[check.status]}: **${prose(check.title)}**. ${prose(check.detail)}`);

  lines.push('', '## Parameters', '', 'In signing order: sorted by the whole `name=value` text, in character-code order.', '');
  lines.push('| Parameter | Value | Masking |', '| --- | --- | --- |');
  for (const parameter of explanation.parameters) {
    const value = parameter.value === '' ? '_(empty)_' : code(parameter.value);
    lines.push(`| ${cell(code(parameter.name))} | ${cell(value)} | ${maskingOf(parameter)} |`);
  }

  lines.push('', '## String to sign', '', 'Values joined raw with `&`, never URL-encoded; secret values are masked here.', '');
  lines.push(...fenced(explanation.stringToSign, 'text'));

  lines.push('', '## Signature', '');
  lines.push(`- Algorithm: ${explanation.algorithm}`);
  lines.push('- Key: the auth secret, never sent');
  const signature = (value: string): string => code(heading.unsent ? maskWithPrefix(value) : value);
  lines.push(`- Signature: ${signature(explanation.signature)}`);
  lines.push(`- With ${explanation.otherSignature.algorithm} instead: ${signature(explanation.otherSignature.signature)}`);
  if (heading.unsent) lines.push('- Both are shown masked: this request was never sent, and its signature would be accepted with its timestamp and nonce.');

  const digest = explanation.algorithm === 'HMAC-SHA256' ? 'sha256' : 'sha1';
  lines.push('', '## Reproduce it', '');
  if (/[\0\r\n]/.test(explanation.stringToSign)) {
    // A shell command cannot carry them on one pasted line (see the whitespace check).
    lines.push('The string-to-sign holds a line break or NUL character, which no one-line shell command can carry: remove it from the value first.', '');
    return lines.join('\n');
  }
  lines.push(
    'Replace each masked value (shown as `••••••••` or ending in `…`) with the real one, then run these two lines in bash or zsh. The first reads the auth secret without showing it or keeping it in the shell history: paste it and press Enter.',
    '',
  );
  lines.push(...fenced(`read -rs QB_AUTH_SECRET\nprintf '%s' ${shellQuote(explanation.stringToSign)} | openssl dgst -${digest} -hmac "$QB_AUTH_SECRET"`, 'sh'));
  lines.push(
    '',
    `The hex digest it prints must ${heading.unsent ? 'begin like' : 'equal'} the signature above; if it does not, the values differ from what is shown.`,
    '',
  );
  return lines.join('\n');
}

function maskingOf(parameter: { name: string; masked: boolean }): string {
  const how = SECRET_PARAMETERS[parameter.name];
  if (how === 'whole') return 'hidden entirely';
  if (how === 'prefix') return 'first characters only';
  return parameter.masked ? 'a secret typed into it is masked' : 'shown as sent';
}
