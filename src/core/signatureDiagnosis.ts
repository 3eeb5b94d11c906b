import { createHmac } from 'node:crypto';
import { maskParameter, SECRET_PARAMETERS } from './auth';
import { outsideText } from './outsideText';
import { APPLICATION_PARAMETERS, canonicalName } from './parameterNames';
import { maskKnown, maskWhole } from './redact';
import { MAX_SENT_PARAMETERS, MAX_SENT_TEXT, parseSentRequest, SENT_FORM_NAMES, type SentForm, type SentRequest } from './sentRequest';
import { computeSignature, signaturePairs, type HashAlgorithm, type SignableBody } from './signature';
import {
  MAX_SIGNATURE_CANDIDATES,
  piecesOf,
  readSentDigest,
  searchSignature,
  type DigestFormat,
  type DimensionId,
  type Piece,
  type SearchResult,
  type SentDigest,
  type SignedPair,
  type Variant,
} from './signatureSearch';
import { durationWords, TIMESTAMP_WINDOW_SECONDS } from './time';
import { percentDecode } from './urlEncoding';

/**
 * Diagnoses the signature of a create-session request that a developer's own code built: reads
 * the request as sent, works out the signature QuickBlox expects for it, and when the two differ
 * looks for the usual mistakes that reproduce the sent one exactly. Synchronous, bounded, and
 * never throws; secrets in the result are masked.
 */

export type DiagnosisVerdict = 'correct' | 'explained' | 'unexplained' | 'no_signature';

/** Mistakes that reproduce a sent signature (or that a signed string shows). */
export type MistakeCode =
  | 'wrong_parameter_name'
  | 'unsigned_parameters'
  | 'url_encoded_values'
  | 'sorted_by_name'
  | 'unsorted'
  | 'wrong_hash'
  | 'digest_format'
  | 'trailing_newline'
  | 'timestamp_milliseconds'
  | 'nonce_mismatch'
  | 'timestamp_mismatch'
  | 'wrong_key';

export type FindingCode =
  | MistakeCode
  /** A signed string gives a parameter another value than the one sent. */
  | 'different_value'
  /** A signed string holds parameters the request does not send. */
  | 'unsent_parameters'
  | 'secret_in_string'
  | 'duplicate_parameter'
  | 'missing_parameters'
  /** The text points to data it does not hold (`curl -d @file`). */
  | 'unread_data'
  | 'clock'
  | 'nonce_reuse'
  | 'other_application'
  | 'different_secret'
  | 'not_searchable'
  | 'signature_length'
  | 'signed_string_mismatch'
  | 'no_signature';

export interface DiagnosisFinding {
  code: FindingCode;
  /** One plain sentence; secret values masked. */
  message: string;
}

export interface DiagnosisInput {
  /** What was sent, in any form `parseSentRequest` reads. */
  text: string;
  authSecret: string;
  /** The profile's auth key, tried as the HMAC key (the auth key the request sends is tried too). */
  authKey?: string;
  /** The string the developer's code signed, when they have it. */
  signedString?: string;
  /** The hash expected; HMAC-SHA1 unless `sha256`. */
  hash?: HashAlgorithm;
  /** Epoch milliseconds to compare the timestamp with; the computer's clock by default. */
  now?: number;
}

export interface DiagnosedParameter {
  name: string;
  /** As sent, secret values masked. */
  value: string;
  masked: boolean;
  /** Travelled URL-encoded (form body, query string); `value` is decoded. */
  encoded: boolean;
}

/** One parameter of the correct string-to-sign beside the string the developer's code signed. */
export interface ComparisonRow {
  /** The parameter, by the name QuickBlox signs. */
  name: string;
  /** `name=value` in the correct string (masked), absent when QuickBlox does not sign it. */
  expected?: string;
  /** `name=value` as the code signed it (masked), absent when it left the parameter out. */
  signed?: string;
  /** 1-based positions in each string. */
  expectedPosition?: number;
  signedPosition?: number;
  /** The texts differ, or one side lacks the parameter. */
  differs: boolean;
  /** It stands elsewhere relative to the parameters both strings hold. */
  moved: boolean;
}

export type SignatureAlgorithmName = 'HMAC-SHA1' | 'HMAC-SHA256';

export interface SignatureDiagnosis {
  verdict: DiagnosisVerdict;
  /** The form the text was read as. */
  form?: SentForm;
  sentSignature?: string;
  /** Every parameter as sent (the signature apart), in order, secret values masked. */
  parameters: DiagnosedParameter[];
  /** The correct string-to-sign for what was sent (masked) and its signature. */
  expected: { stringToSign: string; signature: string; algorithm: SignatureAlgorithmName };
  findings: DiagnosisFinding[];
  /** What the search tried, when nothing reproduced the sent signature. */
  tried?: string[];
  /** The string the developer's code must have signed (masked), when the signature is explained. */
  signedString?: string;
  /** The correct string beside `signedString`, parameter by parameter. */
  comparison?: ComparisonRow[];
  /** HMACs computed, the expected signature's included; never more than MAX_SIGNATURE_CANDIDATES. */
  candidatesTried: number;
}

export { MAX_SIGNATURE_CANDIDATES };

const ALGORITHMS: Record<HashAlgorithm, SignatureAlgorithmName> = { sha1: 'HMAC-SHA1', sha256: 'HMAC-SHA256' };

/** Values the request writes as numbers or fixed words, shown as they are. */
const PLAIN_PARAMETERS = new Set(['application_id', 'nonce', 'timestamp', 'provider']);
/** Shorter secrets occur by chance inside other values, so masking them would hide ordinary text. */
const SHORTEST_MASKED = 4;
/** A Unix time past this is in milliseconds (it would be the year 5138 in seconds). */
const MILLISECONDS_FROM = 1e11;
/** Characters of a value quoted in a message. */
const QUOTED = 60;

const FORMS_UNDERSTOOD = 'a JSON body, a form-encoded body, a URL with its query string, a cURL command, or an Android or JavaScript SDK request log';

export function diagnoseSignature(input: DiagnosisInput): SignatureDiagnosis {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Partial<Record<keyof DiagnosisInput, unknown>>;
  const authSecret = typeof raw.authSecret === 'string' ? raw.authSecret : '';
  const hash: HashAlgorithm = raw.hash === 'sha256' ? 'sha256' : 'sha1';
  const now = typeof raw.now === 'number' && Number.isFinite(raw.now) ? raw.now : Date.now();
  const given = typeof raw.signedString === 'string' && raw.signedString !== '' && raw.signedString.length <= MAX_SENT_TEXT ? raw.signedString : undefined;
  const sent = parseSentRequest(raw.text);
  const request = readRequest(sent, authSecret, typeof raw.authKey === 'string' ? raw.authKey.trim() : '');

  // What QuickBlox signs is what the client signs: the same sorted pairs give the string shown and the signature.
  const expectedBody = bodyOf(request.pairs);
  const expectedPieces = signaturePairs(expectedBody).map(([name, value]): Piece => ({ name, nameText: name, valueText: value }));
  const hasPairs = request.pairs.length > 0;
  const result: SignatureDiagnosis = {
    verdict: 'no_signature',
    ...(sent.form ? { form: sent.form } : {}),
    ...(sent.signature ? { sentSignature: sent.signature } : {}),
    parameters: request.parameters,
    expected: {
      stringToSign: hasPairs ? request.shownString(expectedPieces) : '',
      signature: hasPairs ? computeSignature(expectedBody, authSecret, hash) : '',
      algorithm: ALGORITHMS[hash],
    },
    findings: [],
    candidatesTried: hasPairs ? 1 : 0,
  };
  if (sent.problem !== undefined || !sent.signature || !hasPairs) {
    result.findings = [...requestFindings(request, sent), noSignatureFinding(sent)];
    return result;
  }
  const sentSignature = sent.signature;
  const analysis = given === undefined ? undefined : analyseSignedString(given, request, expectedPieces, readSentDigest(sentSignature), authSecret);
  if (analysis) result.candidatesTried += analysis.hmacs;

  if (sentSignature === result.expected.signature) {
    result.verdict = 'correct';
    result.findings = [...requestFindings(request, sent), ...(analysis ? givenButRight(analysis) : []), ...remainingChecks(request, now)];
    if (analysis && analysis.findings.length > 0) result.comparison = analysis.rows;
    return result;
  }

  if (analysis?.reproduces) {
    const { reproduces } = analysis;
    result.verdict = 'explained';
    result.signedString = analysis.shown;
    result.comparison = analysis.rows;
    result.findings = [
      ...analysis.findings,
      ...signingFindings(reproduces.hash, hash, reproduces.format, reproduces.authKey, request),
      ...requestFindings(request, sent),
    ];
    return result;
  }

  const digest = readSentDigest(sentSignature);
  if (!digest) {
    result.verdict = 'unexplained';
    result.tried = ['reading the sent signature as a hexadecimal or base64 HMAC-SHA1 or HMAC-SHA256 digest'];
    result.findings = [...requestFindings(request, sent), signatureLengthFinding(sentSignature), ...(analysis ? analysis.findings : [])];
    return result;
  }

  const search = searchSignature({
    pairs: request.pairs,
    wrongNames: request.wrongNames.length > 0,
    authSecret,
    authKeys: request.authKeys,
    digest,
    spent: result.candidatesTried,
  });
  result.candidatesTried += search.hmacs;
  if (search.match) {
    const { variant, format } = search.match;
    const pieces = piecesOf(request.pairs, variant);
    result.verdict = 'explained';
    result.signedString = request.shownString(pieces, variant.newline);
    result.comparison = compareRows(expectedPieces, pieces, request).rows;
    result.findings = [
      ...variantFindings(variant, pieces, request),
      ...signingFindings(digest.hash, hash, format, variant.key.kind === 'auth_key' ? variant.key.value : undefined, request),
      ...requestFindings(request, sent, variant),
      ...(analysis ? [givenNotSigned(analysis)] : []),
    ];
    return result;
  }

  result.verdict = 'unexplained';
  result.tried = triedList(search, digest, request);
  result.findings = [
    ...requestFindings(request, sent),
    ...(analysis ? analysis.findings : []),
    differentSecretFinding(request),
    ...(analysis ? [] : [notSearchableFinding()]),
  ];
  if (analysis) result.comparison = analysis.rows;
  return result;
}

/** The pairs as a flat body (`user[login]` stays one name); no prototype, so any name sent is only a name. */
function bodyOf(pairs: readonly SignedPair[]): SignableBody {
  const body = Object.create(null) as Record<string, string>;
  for (const pair of pairs) body[pair.name] = pair.value;
  return body;
}

// --- the request as QuickBlox reads it ------------------------------------------------------------

interface Request {
  /** What QuickBlox signs, in the order sent, under the names it wants. */
  pairs: SignedPair[];
  parameters: DiagnosedParameter[];
  /** Names sent that QuickBlox reads under another. */
  wrongNames: Array<{ sent: string; right: string }>;
  duplicates: string[];
  /** Auth keys to try as the HMAC key. */
  authKeys: string[];
  profileAuthKey: string;
  authSecret: string;
  /** A value fit to show: secret ones masked, and any secret typed into another value. */
  show(name: string, value: string): string;
  /** A name fit to show. */
  showName(name: string): string;
  shownString(pieces: readonly Piece[], newline?: string): string;
}

function readRequest(sent: SentRequest, authSecret: string, profileAuthKey: string): Request {
  const sentNames = new Set(sent.parameters.map((parameter) => parameter.name));
  const pairs: SignedPair[] = [];
  const byName = new Map<string, SignedPair>();
  const wrongNames: Request['wrongNames'] = [];
  const duplicates: string[] = [];
  sent.parameters.forEach((parameter, index) => {
    const right = canonicalName(parameter.name);
    // A misspelled name is read as the right one, unless the right one was sent as well.
    const name = right !== parameter.name && !sentNames.has(right) ? right : parameter.name;
    if (name !== parameter.name && !wrongNames.some((wrong) => wrong.sent === parameter.name)) wrongNames.push({ sent: parameter.name, right: name });
    const existing = byName.get(name);
    if (existing) {
      // QuickBlox keeps the last value of a name sent twice.
      if (!duplicates.includes(name)) duplicates.push(name);
      Object.assign(existing, { value: parameter.value, sentName: parameter.name, wire: parameter.wire });
      return;
    }
    const pair: SignedPair = {
      name,
      sentName: parameter.name,
      value: parameter.value,
      index,
      ...(parameter.wire !== undefined ? { wire: parameter.wire } : {}),
    };
    byName.set(name, pair);
    pairs.push(pair);
  });
  if (sent.signatureName !== undefined) wrongNames.push({ sent: sent.signatureName, right: 'signature' });

  const sentAuthKey = byName.get('auth_key')?.value.trim() ?? '';
  const authKeys = [...new Set([profileAuthKey, sentAuthKey])].filter((key) => key !== '' && key !== authSecret);
  const valuesOf = (how: 'whole' | 'prefix'): string[] =>
    pairs.filter((pair) => SECRET_PARAMETERS[pair.name] === how && pair.name !== 'signature').map((pair) => pair.value);
  const secrets = {
    whole: [authSecret, ...valuesOf('whole')].filter((value) => value.trim().length >= SHORTEST_MASKED),
    prefixed: [...authKeys, ...valuesOf('prefix')].filter((value) => value.trim().length >= SHORTEST_MASKED),
  };
  const holdsSecret = (text: string): boolean => authSecret.trim().length >= SHORTEST_MASKED && text.includes(authSecret.trim());
  const show = (name: string, value: string): string => {
    if (holdsSecret(value)) return maskWhole(value);
    const right = canonicalName(percentDecode(name, true));
    if (SECRET_PARAMETERS[right] !== undefined && right !== 'signature') return maskParameter(right, value);
    if (PLAIN_PARAMETERS.has(right) && /^[-\w.]*$/.test(value)) return value;
    return maskKnown(value, secrets);
  };
  const showName = (name: string): string => maskKnown(name, { whole: secrets.whole });
  const parameters = sent.parameters.map((parameter) => {
    const value = show(parameter.name, parameter.value);
    return { name: showName(parameter.name), value, masked: value !== parameter.value, encoded: parameter.encoded };
  });
  return {
    pairs,
    parameters,
    wrongNames,
    duplicates,
    authKeys,
    profileAuthKey,
    authSecret,
    show,
    showName,
    shownString: (pieces, newline = '') => pieces.map((piece) => `${showName(piece.nameText)}=${show(piece.name, piece.valueText)}`).join('&') + newline,
  };
}

// --- findings ---------------------------------------------------------------------------------

function finding(code: FindingCode, message: string): DiagnosisFinding {
  return { code, message };
}

/** A name or value from outside, fit for a sentence: one line, capped. */
function quoted(text: string): string {
  return outsideText(text, QUOTED);
}

function listed(items: readonly string[]): string {
  const shown = items.length > 5 ? [...items.slice(0, 4), `${items.length - 4} more`] : [...items];
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function pairText(request: Request, name: string, value: string): string {
  return quoted(`${request.showName(name)}=${request.show(name, value)}`);
}

/** What the request itself gets wrong or leaves out, whatever the signature. */
function requestFindings(request: Request, sent: SentRequest, variant?: Variant): DiagnosisFinding[] {
  const findings: DiagnosisFinding[] = [];
  const wrong = request.wrongNames.filter((item) => !(variant?.names.kind === 'sent' && item.right !== 'signature'));
  if (wrong.length > 0) {
    const names = wrong.map((item) => `${quoted(request.showName(item.sent))} where QuickBlox expects ${item.right}`);
    findings.push(finding('wrong_parameter_name', `The request sends ${listed(names)}.`));
  }
  for (const name of request.duplicates) {
    findings.push(
      finding('duplicate_parameter', `The request sends ${quoted(request.showName(name))} more than once, and QuickBlox keeps only the last value.`),
    );
  }
  const names = new Set(request.pairs.map((pair) => pair.name));
  const missing = APPLICATION_PARAMETERS.filter((name) => !names.has(name));
  if (request.pairs.length > 0 && missing.length > 0) {
    findings.push(finding('missing_parameters', `The request does not send ${listed(missing)}, which every create-session request needs.`));
  }
  const timestamp = request.pairs.find((pair) => pair.name === 'timestamp')?.value ?? '';
  if (/^\d+$/.test(timestamp) && Number(timestamp) >= MILLISECONDS_FROM && variant?.timestamp.kind !== 'seconds') {
    findings.push(
      finding(
        'timestamp_milliseconds',
        `The request sends timestamp=${quoted(timestamp)}, a time in milliseconds, while QuickBlox wants Unix seconds (${Math.floor(Number(timestamp) / 1000)}) and answers Bad timestamp otherwise.`,
      ),
    );
  }
  for (const item of sent.unread) {
    findings.push(
      finding(
        'unread_data',
        `The command has curl read ${quoted(item)} from a file the text does not hold, so the parameters in it are missing here: paste the file's content in its place.`,
      ),
    );
  }
  return findings;
}

function noSignatureFinding(sent: SentRequest): DiagnosisFinding {
  const as = sent.form ? `The text reads as ${SENT_FORM_NAMES[sent.form]}` : 'The text';
  const cause: Record<string, string> = {
    not_text: 'The text to diagnose is missing',
    empty: 'The text is empty',
    too_large: `The text is longer than ${MAX_SENT_TEXT} characters or holds a value that long, far more than a create-session request`,
    too_deep: `${as} but nests objects deeper than a create-session request does`,
    too_many: `${as} but holds more than ${MAX_SENT_PARAMETERS} parameters, far more than a create-session request`,
    unrecognised: sent.form ? `${as} but could not be read as one` : 'The text reads as none of the forms understood',
    no_parameters: `${as} but holds no parameters`,
  };
  const start = sent.problem
    ? cause[sent.problem]
    : sent.signature
      ? `${as} but holds nothing besides the signature`
      : `${as} but holds no signature parameter`;
  return finding('no_signature', `${start}: paste ${FORMS_UNDERSTOOD}, with its signature.`);
}

function signatureLengthFinding(signature: string): DiagnosisFinding {
  return finding(
    'signature_length',
    `The sent signature is ${signature.length} characters long, and reads as neither an HMAC-SHA1 digest (40 hexadecimal characters) nor an HMAC-SHA256 one (64), so no string signed with any key gives it.`,
  );
}

function differentSecretFinding(request: Request): DiagnosisFinding {
  const sentKey = request.pairs.find((pair) => pair.name === 'auth_key')?.value.trim() ?? '';
  if (request.profileAuthKey !== '' && sentKey !== '' && sentKey !== request.profileAuthKey) {
    return finding(
      'different_secret',
      `The request sends the auth key ${request.show('auth_key', sentKey)} while this profile's is ${request.show('auth_key', request.profileAuthKey)}, so your code signs with another application's auth secret than the one used here.`,
    );
  }
  return finding(
    'different_secret',
    "No combination of the usual mistakes reproduces the sent signature with this auth secret, which usually means your code signs with a different auth secret (another application's, an old one, or one with a stray space or line break).",
  );
}

function notSearchableFinding(): DiagnosisFinding {
  return finding(
    'not_searchable',
    'A nonce, or any value, that your code signed differently from what it sent cannot be guessed (only a timestamp off by a second or two or written in milliseconds can), so give the string your code signed to compare it with the one QuickBlox signs.',
  );
}

/** What remains to check when the signature is right. */
function remainingChecks(request: Request, now: number): DiagnosisFinding[] {
  const findings: DiagnosisFinding[] = [];
  const timestamp = request.pairs.find((pair) => pair.name === 'timestamp')?.value ?? '';
  const nonce = request.pairs.find((pair) => pair.name === 'nonce')?.value ?? '';
  if (/^\d{1,11}$/.test(timestamp) && Number(timestamp) < MILLISECONDS_FROM) {
    const seconds = Number(timestamp);
    const skew = Math.round(seconds - now / 1000);
    const when = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    const distance =
      skew === 0 ? "the same as this computer's clock" : `${durationWords(Math.abs(skew))} ${skew < 0 ? 'behind' : 'ahead of'} this computer's clock`;
    findings.push(
      Math.abs(skew) <= TIMESTAMP_WINDOW_SECONDS
        ? finding('clock', `The timestamp ${timestamp} (${when}) is ${distance}, within the 60 minutes QuickBlox allows, as long as that clock is right.`)
        : finding(
            'clock',
            `The timestamp ${timestamp} (${when}) is ${distance}, outside the 60 minutes QuickBlox allows, so QuickBlox answers Bad timestamp: sign a new request with the current time.`,
          ),
    );
  }
  if (nonce !== '' && timestamp !== '') {
    findings.push(
      finding(
        'nonce_reuse',
        `QuickBlox accepts each timestamp and nonce pair once, so sending nonce=${quoted(nonce)} with timestamp=${quoted(timestamp)} a second time is refused even with this signature: draw a new random nonce for every request.`,
      ),
    );
  }
  const applicationId = request.pairs.find((pair) => pair.name === 'application_id')?.value ?? '';
  const sentKey = request.pairs.find((pair) => pair.name === 'auth_key')?.value.trim() ?? '';
  findings.push(
    request.profileAuthKey !== '' && sentKey !== '' && sentKey !== request.profileAuthKey
      ? finding(
          'other_application',
          `The request sends the auth key ${request.show('auth_key', sentKey)} while this profile's is ${request.show('auth_key', request.profileAuthKey)}, so if QuickBlox refuses the signature, this profile's auth secret belongs to another application.`,
        )
      : finding(
          'other_application',
          `If QuickBlox still answers Unexpected signature, the auth secret used here is not the one of the application ${applicationId === '' ? 'the request names' : `with id ${quoted(applicationId)}`}: copy the auth key and auth secret from that application in the QuickBlox dashboard.`,
        ),
  );
  return findings;
}

/** Hash, digest format and key, as the sent signature shows them. */
function signingFindings(
  used: HashAlgorithm,
  expected: HashAlgorithm,
  format: DigestFormat,
  authKey: string | undefined,
  request: Request,
): DiagnosisFinding[] {
  const findings: DiagnosisFinding[] = [];
  if (used !== expected) {
    findings.push(
      finding(
        'wrong_hash',
        `Your code signed with ${ALGORITHMS[used]} where ${ALGORITHMS[expected]} is expected${expected === 'sha1' ? " (QuickBlox's default, and the only hash its REST reference documents)" : ''}.`,
      ),
    );
  }
  const formats: Record<DigestFormat, string | undefined> = {
    hex: undefined,
    hex_upper: 'uppercase hexadecimal',
    hex_mixed: 'hexadecimal in mixed case',
    base64: 'base64',
    base64url: 'URL-safe base64',
  };
  const written = formats[format];
  if (written) {
    findings.push(
      finding('digest_format', `The signature was sent as ${written}, while QuickBlox compares it with the digest written as lowercase hexadecimal.`),
    );
  }
  if (authKey !== undefined) {
    findings.push(finding('wrong_key', `Your code used the auth key (${request.show('auth_key', authKey)}) as the HMAC key, where the auth secret belongs.`));
  }
  return findings;
}

const STYLE_NAMES: Record<string, string> = {
  component: "JavaScript's encodeURIComponent",
  form: "URLSearchParams or Java's URLEncoder",
  python: "Python's urlencode",
  php: "PHP's urlencode or http_build_query",
};

/** One finding for each mistake of the variant that reproduced the sent signature. */
function variantFindings(variant: Variant, pieces: readonly Piece[], request: Request): DiagnosisFinding[] {
  const findings: DiagnosisFinding[] = [];
  const signed = new Set(pieces.map((piece) => piece.name));
  const left = request.pairs.map((pair) => pair.name).filter((name) => !signed.has(name));
  switch (variant.subset.kind) {
    case 'application':
      findings.push(
        finding(
          'unsigned_parameters',
          `Your code signed only ${listed(APPLICATION_PARAMETERS.filter((name) => signed.has(name)))}, leaving out ${listed(left.map(quoted))}, which the request also sends and QuickBlox signs too.`,
        ),
      );
      break;
    case 'drop':
      findings.push(
        finding(
          'unsigned_parameters',
          `Your code left ${quoted(variant.subset.name)} out of the signed string, while the request sends it and QuickBlox signs every parameter it receives.`,
        ),
      );
      break;
    case 'only':
      findings.push(
        finding(
          'unsigned_parameters',
          `Your code signed ${quoted(variant.subset.name)} but left out ${listed(left.map(quoted))}, which the request also sends and QuickBlox signs too.`,
        ),
      );
      break;
    case 'all':
      break;
  }
  if (variant.encoding !== 'raw') findings.push(encodingFinding(variant, pieces, request));
  if (variant.order !== 'text') findings.push(orderFinding(variant.order, pieces));
  if (variant.names.kind === 'sent') {
    const names = request.wrongNames.filter((item) => item.right !== 'signature').map((item) => `${quoted(item.sent)} where QuickBlox expects ${item.right}`);
    findings.push(finding('wrong_parameter_name', `The request sends ${listed(names)}, and your code signed the wrong name too.`));
  } else if (variant.names.kind === 'alias') {
    findings.push(
      finding('wrong_parameter_name', `Your code signed ${variant.names.as} where the request rightly sends ${variant.names.of}, the name QuickBlox signs.`),
    );
  }
  if (variant.newline === '\n') {
    findings.push(
      finding('trailing_newline', "Your code signed the string with a newline at its end, as echo adds one before openssl reads it (printf '%s' adds none)."),
    );
  } else if (variant.newline === '\r\n') {
    findings.push(
      finding('trailing_newline', 'Your code signed the string with a Windows line ending (CR LF) at its end, as the echo of Command Prompt adds one.'),
    );
  }
  const timestamp = request.pairs.find((pair) => pair.name === 'timestamp')?.value ?? '';
  switch (variant.timestamp.kind) {
    case 'milliseconds':
      findings.push(
        finding(
          'timestamp_milliseconds',
          `Your code signed timestamp=${variant.timestamp.value}, the time in milliseconds, while the request sends timestamp=${quoted(timestamp)} in seconds.`,
        ),
      );
      break;
    case 'seconds':
      findings.push(
        finding(
          'timestamp_milliseconds',
          `The request sends timestamp=${quoted(timestamp)} in milliseconds while your code signed ${variant.timestamp.value} in seconds, and QuickBlox wants seconds in both.`,
        ),
      );
      break;
    case 'offset':
      findings.push(
        finding(
          'timestamp_mismatch',
          `Your code signed timestamp=${variant.timestamp.value} while the request sends timestamp=${quoted(timestamp)}, so it read the clock twice: take the time once and use it for both.`,
        ),
      );
      break;
    case 'sent':
      break;
  }
  return findings;
}

function encodingFinding(variant: Variant, pieces: readonly Piece[], request: Request): DiagnosisFinding {
  const pair = (name: string): SignedPair | undefined => request.pairs.find((candidate) => candidate.name === name);
  const changed = pieces.filter((piece) => {
    const original = pair(piece.name);
    return (
      original !== undefined &&
      (piece.valueText !== (piece.name === 'timestamp' && variant.timestamp.kind !== 'sent' ? variant.timestamp.value : original.value) ||
        piece.nameText !== namedAs(original, variant))
    );
  });
  const example = changed.find((piece) => SECRET_PARAMETERS[piece.name] === undefined) ?? changed[0];
  let shown = '';
  if (example) {
    const original = pair(example.name) as SignedPair;
    const signedText = pairText(request, example.nameText, example.valueText);
    const rightText = pairText(request, example.name, original.value);
    shown = signedText === rightText ? ` (${quoted(example.name)}, whose value is hidden here)` : ` (${signedText} where QuickBlox signs ${rightText})`;
  }
  if (variant.encoding === 'wire') {
    return finding(
      'url_encoded_values',
      `Your code signed the parameters as they were URL-encoded for sending${shown}, while QuickBlox signs the decoded values.`,
    );
  }
  const [scope, style] = variant.encoding.split(':');
  const what = scope === 'all' ? 'names and values' : 'values';
  return finding('url_encoded_values', `Your code signed URL-encoded ${what}${shown}, as ${STYLE_NAMES[style]} writes them, while QuickBlox signs them raw.`);
}

function namedAs(pair: SignedPair, variant: Variant): string {
  if (variant.names.kind === 'sent') return pair.sentName;
  if (variant.names.kind === 'alias' && variant.names.of === pair.name) return variant.names.as;
  return pair.name;
}

/** How the pieces were ordered instead of by their whole text: `own` is an order that is neither by name nor as sent. */
function orderFinding(order: Exclude<Variant['order'], 'text'> | 'own', pieces: readonly Piece[]): DiagnosisFinding {
  const text = (piece: Piece): string => `${piece.nameText}=${piece.valueText}`;
  const sorted = [...pieces].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
  const at = pieces.findIndex((piece, index) => piece !== sorted[index]);
  const puts = at >= 0 ? `, which puts ${quoted(pieces[at].nameText)} before ${quoted(sorted[at].nameText)}` : '';
  switch (order) {
    case 'name':
      return finding('sorted_by_name', `Your code sorted the parameters by name${puts}, while QuickBlox sorts the whole name=value texts.`);
    case 'top_name':
      return finding(
        'sorted_by_name',
        `Your code sorted only the top-level names and kept the nested ones in the order sent${puts}, while QuickBlox sorts every name=value text, nested ones included.`,
      );
    case 'sent':
      return finding(
        'unsorted',
        `Your code signed the parameters in the order they were sent${puts}, instead of sorting the name=value texts as QuickBlox does.`,
      );
    case 'own':
      return finding('unsorted', `Your code signed the parameters in an order of its own${puts}, instead of sorting the name=value texts as QuickBlox does.`);
  }
}

function triedList(search: SearchResult, digest: SentDigest, request: Request): string[] {
  const has = (id: DimensionId): boolean => search.dimensions.includes(id);
  const tried: string[] = [`the string QuickBlox signs, with ${ALGORITHMS[digest.hash]} (the hash the sent signature's length shows)`];
  if (has('subset')) tried.push("leaving out the user's parameters, or any one parameter");
  if (has('encoding')) {
    tried.push(
      `URL-encoding the values, or the names and values, as encodeURIComponent, URLSearchParams, Python and PHP do${request.pairs.some((pair) => pair.wire !== undefined) ? ', and the text exactly as it was sent' : ''}`,
    );
  }
  if (has('order')) tried.push('sorting by name, by top-level name only, or not at all (the order sent)');
  if (has('names')) {
    tried.push(`signing ${request.wrongNames.length > 0 ? 'the names as sent, or ' : ''}app_id, appId, authKey, timeStamp or ts in place of the right names`);
  }
  if (has('newline')) tried.push('a newline (LF or CR LF) at the end of the signed string');
  if (has('key')) tried.push('the auth key as the HMAC key');
  if (has('timestamp')) tried.push('the timestamp in milliseconds, in seconds, or one or two seconds off');
  const timestamp = request.pairs.find((pair) => pair.name === 'timestamp')?.value ?? '';
  if (/^\d{1,11}$/.test(timestamp) && Number(timestamp) < MILLISECONDS_FROM) {
    tried.push('every millisecond of the sent second as a signed timestamp in milliseconds');
  }
  tried.push(
    search.exhausted
      ? `combinations of two of these, and of three until the limit of ${MAX_SIGNATURE_CANDIDATES} HMACs was reached`
      : 'every combination of up to three of these',
  );
  return tried;
}

// --- a signed string the developer gave ------------------------------------------------------------

interface SignedStringAnalysis {
  findings: DiagnosisFinding[];
  rows: ComparisonRow[];
  shown: string;
  /** How the given string gives the sent signature, when it does. */
  reproduces?: { hash: HashAlgorithm; format: DigestFormat; authKey?: string };
  hmacs: number;
}

function analyseSignedString(
  given: string,
  request: Request,
  expected: readonly Piece[],
  digest: SentDigest | undefined,
  authSecret: string,
): SignedStringAnalysis {
  const newline = /(?:\r?\n)+$/.exec(given);
  const core = newline ? given.slice(0, newline.index) : given;
  const expectedNames = new Set(expected.map((piece) => piece.name));
  const pieces: Piece[] = core
    .split('&')
    .filter((part) => part !== '')
    .slice(0, MAX_SENT_PARAMETERS * 2)
    .map((part) => {
      const equals = part.indexOf('=');
      const nameText = equals < 0 ? part : part.slice(0, equals);
      const right = canonicalName(percentDecode(nameText, false));
      return { name: expectedNames.has(right) ? right : nameText, nameText, valueText: equals < 0 ? '' : part.slice(equals + 1) };
    });

  let hmacs = 0;
  let reproduces: SignedStringAnalysis['reproduces'];
  let withNewline = false;
  if (digest) {
    const keys: Array<string | undefined> = [undefined, ...request.authKeys];
    search: for (const text of new Set([given, core, `${core}\n`])) {
      for (const key of keys) {
        hmacs++;
        const bytes = createHmac(digest.hash, key ?? authSecret)
          .update(text, 'utf8')
          .digest();
        const form = digest.forms.find((candidate) => candidate.bytes.equals(bytes));
        if (form) {
          reproduces = { hash: digest.hash, format: form.format, ...(key !== undefined ? { authKey: key } : {}) };
          withNewline = text !== core;
          break search;
        }
      }
    }
  }

  const compared = compareRows(expected, pieces, request);
  const findings: DiagnosisFinding[] = [];
  if (!reproduces) {
    findings.push(
      finding(
        'signed_string_mismatch',
        'The string you gave does not give the sent signature with this auth secret (nor with the auth key, either hash or a newline at its end), so your code signed another string or with another key.',
      ),
    );
  }
  findings.push(...compared.findings);
  if (authSecret.trim().length >= SHORTEST_MASKED && given.includes(authSecret.trim())) {
    findings.push(finding('secret_in_string', 'The string you gave holds the auth secret, which is only the HMAC key and never part of the signed text.'));
  }
  if (newline && (withNewline || !reproduces)) {
    findings.push(
      finding(
        'trailing_newline',
        "The string you gave ends with a line break, as echo adds one before openssl reads it (printf '%s' adds none), and QuickBlox signs none.",
      ),
    );
  }
  return {
    findings,
    rows: compared.rows,
    shown: request.shownString(pieces, withNewline ? given.slice(core.length) : ''),
    ...(reproduces ? { reproduces } : {}),
    hmacs,
  };
}

/** The sent signature is right, yet the developer gave a string: say whether it is the right one. */
function givenButRight(analysis: SignedStringAnalysis): DiagnosisFinding[] {
  const differences = analysis.findings.filter((item) => item.code !== 'signed_string_mismatch');
  if (differences.length === 0) return [];
  return [
    finding(
      'signed_string_mismatch',
      'The sent signature is right, so the string you gave, which differs from the one QuickBlox signs, is not the one your code signed.',
    ),
    ...differences,
  ];
}

function givenNotSigned(analysis: SignedStringAnalysis): DiagnosisFinding {
  return (
    analysis.findings.find((item) => item.code === 'signed_string_mismatch') ??
    finding('signed_string_mismatch', 'The string you gave is not the one your code signed.')
  );
}

/** The correct pieces beside signed ones, and what differs, as findings. */
function compareRows(expected: readonly Piece[], signed: readonly Piece[], request: Request): { rows: ComparisonRow[]; findings: DiagnosisFinding[] } {
  const used = new Set<number>();
  const matches: Array<{ expected: number; signed: number }> = [];
  const rows: ComparisonRow[] = [];
  const shown = (piece: Piece): string => `${request.showName(piece.nameText)}=${request.show(piece.name, piece.valueText)}`;
  const text = (piece: Piece): string => `${piece.nameText}=${piece.valueText}`;
  expected.forEach((piece, index) => {
    const at = signed.findIndex((candidate, position) => !used.has(position) && candidate.name === piece.name);
    if (at >= 0) {
      used.add(at);
      matches.push({ expected: index, signed: at });
    }
    rows.push({
      name: request.showName(piece.name),
      expected: shown(piece),
      ...(at >= 0 ? { signed: shown(signed[at]), signedPosition: at + 1 } : {}),
      expectedPosition: index + 1,
      differs: at < 0 || text(signed[at]) !== text(piece),
      moved: false,
    });
  });
  signed.forEach((piece, position) => {
    if (!used.has(position)) rows.push({ name: request.showName(piece.name), signed: shown(piece), signedPosition: position + 1, differs: true, moved: false });
  });
  // Moved: its rank among the parameters both strings hold differs.
  const bySigned = [...matches].sort((a, b) => a.signed - b.signed);
  bySigned.forEach((match, rank) => {
    const row = rows[match.expected];
    row.moved = matches.indexOf(match) !== rank;
  });

  const findings: DiagnosisFinding[] = [];
  const encoded: string[] = [];
  const wrongNames: string[] = [];
  const different: string[] = [];
  for (const match of matches) {
    const right = expected[match.expected];
    const piece = signed[match.signed];
    if (piece.nameText !== right.nameText) {
      if (percentDecode(piece.nameText, true) === right.nameText) encoded.push(quoted(request.showName(piece.nameText)));
      else wrongNames.push(`${quoted(request.showName(piece.nameText))} where QuickBlox signs ${right.nameText}`);
    }
    if (piece.valueText === right.valueText) continue;
    if (percentDecode(piece.valueText, true) === right.valueText || percentDecode(piece.valueText, false) === right.valueText) {
      encoded.push(pairText(request, piece.nameText, piece.valueText));
    } else if (right.name === 'timestamp') {
      findings.push(timestampDifference(piece.valueText, right.valueText));
    } else if (right.name === 'nonce') {
      findings.push(
        finding(
          'nonce_mismatch',
          `Your code signed nonce=${quoted(piece.valueText)} while the request sends nonce=${quoted(right.valueText)}: draw the nonce once and use it for both.`,
        ),
      );
    } else if (request.show(right.name, right.valueText) !== right.valueText) {
      different.push(`${quoted(request.showName(piece.nameText))} with another value than the request sends (both hidden here)`);
    } else {
      different.push(`${pairText(request, piece.nameText, piece.valueText)} where the request sends ${pairText(request, right.nameText, right.valueText)}`);
    }
  }
  if (wrongNames.length > 0) findings.push(finding('wrong_parameter_name', `Your code signed ${listed(wrongNames)}.`));
  if (encoded.length > 0) {
    findings.push(finding('url_encoded_values', `Your code signed URL-encoded text (${listed(encoded)}), while QuickBlox signs names and values raw.`));
  }
  if (different.length > 0) findings.push(finding('different_value', `Your code signed ${listed(different)}.`));
  const missing = expected.filter((_, index) => !matches.some((match) => match.expected === index)).map((piece) => quoted(piece.name));
  if (missing.length > 0) {
    findings.push(
      finding(
        'unsigned_parameters',
        `Your code left ${listed(missing)} out of the signed string, while the request sends ${missing.length === 1 ? 'it' : 'them'} and QuickBlox signs every parameter it receives.`,
      ),
    );
  }
  const extra = signed.filter((_, position) => !used.has(position)).map((piece) => quoted(request.showName(piece.nameText)));
  if (extra.length > 0) {
    findings.push(
      finding('unsent_parameters', `Your code signed ${listed(extra)}, which the request does not send, while QuickBlox signs only what it receives.`),
    );
  }
  if (rows.some((row) => row.moved)) {
    const inOrder = bySigned.map((match) => signed[match.signed]);
    const sentIndex = (piece: Piece): number => request.pairs.find((pair) => pair.name === piece.name)?.index ?? -1;
    const byName = inOrder.every((piece, index) => index === 0 || inOrder[index - 1].nameText <= piece.nameText);
    const asSent = inOrder.every((piece, index) => index === 0 || sentIndex(inOrder[index - 1]) < sentIndex(piece));
    findings.push(orderFinding(byName ? 'name' : asSent ? 'sent' : 'own', inOrder));
  }
  return { rows, findings };
}

function timestampDifference(signed: string, sent: string): DiagnosisFinding {
  const signedNumber = Number(signed);
  const sentNumber = Number(sent);
  if (/^\d+$/.test(signed) && /^\d+$/.test(sent)) {
    if (signedNumber >= MILLISECONDS_FROM && Math.floor(signedNumber / 1000) === sentNumber) {
      return finding(
        'timestamp_milliseconds',
        `Your code signed timestamp=${quoted(signed)}, the time in milliseconds, while the request sends timestamp=${quoted(sent)} in seconds.`,
      );
    }
    if (sentNumber >= MILLISECONDS_FROM && Math.floor(sentNumber / 1000) === signedNumber) {
      return finding(
        'timestamp_milliseconds',
        `The request sends timestamp=${quoted(sent)} in milliseconds while your code signed ${quoted(signed)} in seconds, and QuickBlox wants seconds in both.`,
      );
    }
  }
  return finding(
    'timestamp_mismatch',
    `Your code signed timestamp=${quoted(signed)} while the request sends timestamp=${quoted(sent)}: take the time once and use it for both.`,
  );
}
