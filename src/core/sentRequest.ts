import { flattenObjectText, type FlatPair, type FlatProblem } from './objectText';
import { canonicalName } from './parameterNames';
import { shellWords } from './shellWords';
import { percentDecode } from './urlEncoding';

/**
 * Reads a create-session request a developer pasted, in whichever form they have it: a JSON or
 * form-encoded body, a URL, a cURL command, or the request log of QuickBlox's Android or
 * JavaScript SDK. The result is what QuickBlox received: the name/value pairs in the order they
 * were sent, values decoded as the server decodes them, and the `signature` apart.
 *
 * Pasted text is untrusted: sizes are bounded, nothing recurses, and odd input gives a `problem`
 * instead of an exception.
 */

export type SentForm = 'json' | 'form' | 'url' | 'curl' | 'android_log' | 'js_log';

export const SENT_FORMS: readonly SentForm[] = ['json', 'form', 'url', 'curl', 'android_log', 'js_log'];

/** How a sentence names each form: "read as a cURL command". */
export const SENT_FORM_NAMES: Readonly<Record<SentForm, string>> = {
  json: 'a JSON body',
  form: 'a form-encoded body',
  url: 'a URL with a query string',
  curl: 'a cURL command',
  android_log: 'an Android SDK request log',
  js_log: 'a JavaScript SDK request log',
};

export interface SentParameter {
  /** The name as sent (decoded): `user[login]`, or a wrong one such as `app_id`. */
  name: string;
  /** The value as QuickBlox reads it: URL-decoded when the form encodes it. */
  value: string;
  /** The pair was written URL-encoded (form body, query string) and decoding changed it. */
  encoded: boolean;
  /** `name=value` exactly as it was written, when it was URL-encoded there. */
  wire?: string;
}

export type SentProblem = 'not_text' | 'empty' | 'too_large' | 'too_deep' | 'too_many' | 'unrecognised' | 'no_parameters';

export interface SentRequest {
  /** The form the text was read as; absent when none fits. */
  form?: SentForm;
  /** Every parameter but the signature, in the order sent; a name sent twice keeps both. */
  parameters: SentParameter[];
  /** The value of the last `signature` parameter (or a misspelling of it such as `sig`). */
  signature?: string;
  /** The name the signature was sent under, when it was not `signature`. */
  signatureName?: string;
  problem?: SentProblem;
  /** What the text points to but does not hold, such as the file of `curl -d @body.json`. */
  unread: string[];
}

/** Longer text is refused unread: a create-session request with a Firebase token is a few kilobytes. */
export const MAX_SENT_TEXT = 100_000;
export const MAX_SENT_PARAMETERS = 64;
/** Characters in one name or value (a Firebase ID token is about 1,000). */
export const MAX_SENT_VALUE = 16_384;
/** A create-session body nests two levels (`user[login]`); deeper text is not one. */
export const MAX_SENT_NESTING = 8;

const LIMITS = { depth: MAX_SENT_NESTING, pairs: MAX_SENT_PARAMETERS, length: MAX_SENT_VALUE };
const MAX_WORDS = 2_000;
/** A name a form body or log line may carry: `application_id`, `user[login]`, `tags[]`. */
const NAME = /^[A-Za-z_$][\w$.-]{0,99}(?:\[[\w$.-]{0,100}\]){0,4}$/;

type Parsed = { parameters: RawPair[]; unread?: string[] } | { problem: SentProblem };

/** A pair as read, before the signature is taken apart. */
type RawPair = SentParameter;

export function parseSentRequest(text: unknown): SentRequest {
  if (typeof text !== 'string') return failed('not_text');
  if (text.length > MAX_SENT_TEXT) return failed('too_large');
  if (text.trim() === '') return failed('empty');
  const form = formOf(text);
  if (!form) return failed('unrecognised');
  const parsed = READERS[form.form](text, form.at);
  if ('problem' in parsed) return { ...failed(parsed.problem), form: form.form };
  return finish(form.form, parsed.parameters, parsed.unread ?? []);
}

function failed(problem: SentProblem): SentRequest {
  return { parameters: [], problem, unread: [] };
}

/** Takes the signature out, and checks the pairs against the limits. */
function finish(form: SentForm, pairs: RawPair[], unread: string[]): SentRequest {
  if (pairs.length > MAX_SENT_PARAMETERS) return { ...failed('too_many'), form };
  if (pairs.some((pair) => pair.name.length > MAX_SENT_VALUE || pair.value.length > MAX_SENT_VALUE)) return { ...failed('too_large'), form };
  const result: SentRequest = { form, parameters: [], unread };
  for (const pair of pairs) {
    if (canonicalName(pair.name) === 'signature') {
      result.signature = pair.value.trim();
      if (pair.name === 'signature') delete result.signatureName;
      else result.signatureName = pair.name;
    } else {
      result.parameters.push(pair);
    }
  }
  if (result.parameters.length === 0 && result.signature === undefined) result.problem = 'no_parameters';
  return result;
}

/** Which form the text is in, and where the part to read starts. */
function formOf(text: string): { form: SentForm; at: number } | undefined {
  const curl = /(?:^|\n)[ \t]*(?:\$[ \t]*)?(curl(?:\.exe)?)[ \t\\]/.exec(text);
  if (curl) return { form: 'curl', at: curl.index + curl[0].indexOf(curl[1]) + curl[1].length };
  if (logSection(text, 'PARAMETERS') >= 0 || logSection(text, 'INLINE') >= 0) return { form: 'android_log', at: 0 };
  const marker = /\[(?:Request|ServiceProxy|QBProxy)\]/.exec(text);
  if (marker && text.indexOf('{', marker.index) >= 0) return { form: 'js_log', at: text.indexOf('{', marker.index) };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return { form: 'json', at: text.length - trimmed.length };
  if (urlStart(text) >= 0 || trimmed.startsWith('/')) return { form: 'url', at: 0 };
  if (readForm(text)) return { form: 'form', at: 0 };
  const brace = text.indexOf('{');
  if (brace >= 0) return { form: 'json', at: brace };
  return undefined;
}

const READERS: Record<SentForm, (text: string, at: number) => Parsed> = {
  json: (text, at) => fromObject(text, at),
  js_log: (text, at) => fromObject(text, at),
  form: (text) => {
    const pairs = readForm(text);
    return pairs ? { parameters: pairs } : { problem: 'unrecognised' };
  },
  url: (text) => {
    const start = urlStart(text);
    const url = start >= 0 ? urlAt(text, start) : text.trim().split(/\s/)[0];
    const pairs = queryPairs(url);
    return pairs ? { parameters: pairs } : { problem: 'unrecognised' };
  },
  curl: (text, at) => readCurl(shellWords(text, at, MAX_WORDS)),
  android_log: (text) => readAndroidLog(text),
};

function fromObject(text: string, at: number): Parsed {
  const read = flattenObjectText(text, at, LIMITS);
  if (!read.ok) return { problem: flatProblem(read.problem) };
  let pairs: FlatPair[] = read.pairs;
  // An older JavaScript SDK logged `{data: '<the body as JSON>'}`.
  if (pairs.length === 1 && pairs[0].name === 'data' && pairs[0].value.trimStart().startsWith('{')) {
    const inner = flattenObjectText(pairs[0].value, 0, LIMITS);
    if (inner.ok) pairs = inner.pairs;
  }
  return { parameters: pairs.map((pair) => ({ ...pair, encoded: false })) };
}

function flatProblem(problem: FlatProblem): SentProblem {
  return problem === 'invalid' ? 'unrecognised' : problem;
}

/** `name=value` pairs split by `&` or by lines, URL-decoded; undefined unless every piece is one. */
function readForm(text: string): RawPair[] | undefined {
  const trimmed = text.trim();
  const pieces = (trimmed.includes('&') ? trimmed.split('&') : trimmed.split(/\r?\n/)).map((piece) => piece.trim()).filter((piece) => piece !== '');
  if (pieces.length === 0 || pieces.length > MAX_SENT_PARAMETERS * 2) return undefined;
  const pairs: RawPair[] = [];
  for (const piece of pieces) {
    const pair = encodedPair(piece);
    if (!pair) return undefined;
    pairs.push(pair);
  }
  return pairs;
}

/** One `name=value` of a form body or query string: decoded as the server decodes it, `+` a space. */
function encodedPair(piece: string): RawPair | undefined {
  const equals = piece.indexOf('=');
  if (equals <= 0) return undefined;
  const rawName = piece.slice(0, equals);
  const rawValue = piece.slice(equals + 1);
  const name = percentDecode(rawName, true);
  if (!NAME.test(name)) return undefined;
  const value = percentDecode(rawValue, true);
  const encoded = name !== rawName || value !== rawValue;
  return encoded ? { name, value, encoded, wire: piece } : { name, value, encoded };
}

/** Where the first `http://` or `https://` starts, or -1. */
function urlStart(text: string): number {
  return text.search(/https?:\/\//i);
}

/** The URL that starts at `start`: up to whitespace, a quote or an angle bracket. */
function urlAt(text: string, start: number): string {
  let end = start;
  while (end < text.length && !/[\s"'<>`]/.test(text[end])) end++;
  return text.slice(start, end);
}

/** The pairs of a URL's query string; undefined when it has none. */
function queryPairs(url: string): RawPair[] | undefined {
  const question = url.indexOf('?');
  if (question < 0) return undefined;
  const hash = url.indexOf('#', question);
  const query = url.slice(question + 1, hash < 0 ? url.length : hash);
  const pairs: RawPair[] = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const pair = encodedPair(piece.includes('=') ? piece : `${piece}=`);
    if (!pair) return undefined;
    pairs.push(pair);
  }
  return pairs.length > 0 ? pairs : undefined;
}

// --- cURL -------------------------------------------------------------------------------------

/** curl's options that take an argument (the others are flags). */
const CURL_WITH_ARGUMENT = new Set([
  '-d',
  '--data',
  '--data-ascii',
  '--data-binary',
  '--data-raw',
  '--data-urlencode',
  '--json',
  '-F',
  '--form',
  '--form-string',
  '-H',
  '--header',
  '--url',
  '-X',
  '--request',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-u',
  '--user',
  '-b',
  '--cookie',
  '-c',
  '--cookie-jar',
  '-o',
  '--output',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-x',
  '--proxy',
  '-U',
  '--proxy-user',
  '-T',
  '--upload-file',
  '-w',
  '--write-out',
  '-K',
  '--config',
  '-E',
  '--cert',
  '--cacert',
  '--capath',
  '--key',
  '-r',
  '--range',
  '-C',
  '--continue-at',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
  '--resolve',
  '--connect-to',
  '--limit-rate',
  '-y',
  '--speed-time',
  '-Y',
  '--speed-limit',
  '-z',
  '--time-cond',
  '-D',
  '--dump-header',
  '--trace',
  '--trace-ascii',
  '--stderr',
  '--interface',
  '--max-filesize',
  '--max-redirs',
  '--oauth2-bearer',
  '--aws-sigv4',
  '--variable',
  '-Q',
  '--quote',
  '-t',
  '--telnet-option',
  '--local-port',
  '--noproxy',
  '--proxy-header',
  '--unix-socket',
]);
const SHORT_WITH_ARGUMENT = new Set([...CURL_WITH_ARGUMENT].filter((option) => option.length === 2).map((option) => option[1]));

interface CurlData {
  kind: 'data' | 'raw' | 'urlencode' | 'form' | 'form-string' | 'json';
  text: string;
}

function readCurl(words: string[]): Parsed {
  let url: string | undefined;
  let json = false;
  const data: CurlData[] = [];
  const take = (option: string, argument: string | undefined): void => {
    if (argument === undefined) return;
    switch (option) {
      case '-d':
      case '--data':
      case '--data-ascii':
      case '--data-binary':
        data.push({ kind: 'data', text: argument });
        return;
      case '--data-raw':
        data.push({ kind: 'raw', text: argument });
        return;
      case '--json':
        json = true;
        data.push({ kind: 'json', text: argument });
        return;
      case '--data-urlencode':
        data.push({ kind: 'urlencode', text: argument });
        return;
      case '-F':
      case '--form':
        data.push({ kind: 'form', text: argument });
        return;
      case '--form-string':
        data.push({ kind: 'form-string', text: argument });
        return;
      case '-H':
      case '--header':
        if (/^\s*content-type\s*:\s*application\/json/i.test(argument)) json = true;
        return;
      case '--url':
        url ??= argument;
        return;
    }
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.startsWith('--')) {
      if (CURL_WITH_ARGUMENT.has(word)) take(word, words[++i]);
    } else if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length; j++) {
        if (!SHORT_WITH_ARGUMENT.has(word[j])) continue;
        const attached = word.slice(j + 1);
        take(`-${word[j]}`, attached !== '' ? attached : words[++i]);
        break;
      }
    } else {
      url ??= word;
    }
  }
  const unread: string[] = [];
  const parameters: RawPair[] = [...(url ? (queryPairs(url) ?? []) : [])];
  const isBody = (item: CurlData): boolean => item.kind === 'data' || item.kind === 'raw' || item.kind === 'json';
  const fromFile = (item: CurlData): boolean => item.kind === 'data' && item.text.startsWith('@');
  const firstBody = data.find((item) => isBody(item) && !fromFile(item));
  const jsonBody = json || (firstBody !== undefined && firstBody.text.trimStart().startsWith('{'));
  // curl joins the pieces in the order of the command line; a JSON body is its first piece.
  for (const item of data) {
    if (isBody(item)) {
      if (fromFile(item)) {
        unread.push(item.text);
      } else if (!jsonBody) {
        const pairs = readForm(item.text);
        if (!pairs) return { problem: 'unrecognised' };
        parameters.push(...pairs);
      } else if (item === firstBody) {
        const parsed = fromObject(item.text, item.text.length - item.text.trimStart().length);
        if ('problem' in parsed) return parsed;
        parameters.push(...parsed.parameters);
      }
    } else if (item.kind === 'urlencode') {
      curlUrlencoded(item.text, parameters, unread);
    } else {
      curlFormPart(item, parameters, unread);
    }
  }
  return { parameters, unread };
}

/** `--data-urlencode name=content`: curl encodes the content, so it was written raw. */
function curlUrlencoded(text: string, parameters: RawPair[], unread: string[]): void {
  const equals = text.indexOf('=');
  const at = text.indexOf('@');
  if (at >= 0 && (equals < 0 || at < equals)) {
    unread.push(text);
    return;
  }
  if (equals <= 0) return;
  const name = text.slice(0, equals);
  if (NAME.test(name)) parameters.push({ name, value: text.slice(equals + 1), encoded: false });
}

/** `-F name=value`: a multipart field, sent raw; `@file` and `<file` are read by curl. */
function curlFormPart(item: CurlData, parameters: RawPair[], unread: string[]): void {
  const equals = item.text.indexOf('=');
  if (equals <= 0) return;
  const name = item.text.slice(0, equals);
  let value = item.text.slice(equals + 1);
  if (item.kind === 'form') {
    if (value.startsWith('@') || value.startsWith('<')) {
      unread.push(item.text);
      return;
    }
    value = value.replace(/;\s*type=[^;]*$/, '');
  }
  if (NAME.test(name)) parameters.push({ name, value, encoded: false });
}

// --- SDK logs ---------------------------------------------------------------------------------

const SECTIONS = ['REQUEST', 'HEADERS', 'PARAMETERS', 'INLINE', 'RESPONSE', 'BODY', 'STATUS'];

/**
 * The line index of a section heading of the Android SDK's request log (`PARAMETERS`,
 * `INLINE`), a logcat prefix allowed before it; -1 when there is none.
 */
function logSection(text: string, section: string): number {
  const lines = text.split('\n');
  return lines.findIndex((line) => sectionOf(line) === section);
}

function sectionOf(line: string): string | undefined {
  const words = line.trim().split(/[\s:﹕]+/);
  const last = words[words.length - 1];
  if (SECTIONS.includes(last)) return last;
  // `INLINE POST https://…` on one line.
  const inline = words.indexOf('INLINE');
  return inline >= 0 && words.length > inline + 1 && /^[A-Z]+$/.test(words[inline + 1]) ? 'INLINE' : undefined;
}

/**
 * The Android SDK logs a request as sections: `PARAMETERS` followed by one `name=value` a line,
 * raw, and `INLINE` followed by the request as one URL with URL-encoded values. Each line may
 * carry a logcat prefix (`D/QBASDK: `).
 */
function readAndroidLog(text: string): Parsed {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => sectionOf(line) === 'PARAMETERS');
  if (start >= 0) {
    const parameters: RawPair[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.trim() === '') continue;
      if (sectionOf(line) !== undefined || /^[=*]{3}/.test(line.trim())) break;
      const pair = logLinePair(line);
      if (!pair) break;
      parameters.push(pair);
      if (parameters.length > MAX_SENT_PARAMETERS) return { problem: 'too_many' };
    }
    if (parameters.length > 0) return { parameters };
  }
  const inline = lines.findIndex((line) => sectionOf(line) === 'INLINE');
  for (const line of inline >= 0 ? lines.slice(inline, inline + 3) : []) {
    const at = urlStart(line);
    const pairs = at >= 0 ? queryPairs(urlAt(line, at)) : undefined;
    if (pairs) return { parameters: pairs };
  }
  return { problem: 'no_parameters' };
}

/** `name=value` at the end of a log line, after any logcat prefix; the value is the rest of the line. */
function logLinePair(line: string): RawPair | undefined {
  const text = line.replace(/\r$/, '');
  const equals = text.indexOf('=');
  if (equals <= 0) return undefined;
  const head = text.slice(0, equals).split(/[\s:﹕]+/);
  const name = head[head.length - 1];
  if (!NAME.test(name)) return undefined;
  return { name, value: text.slice(equals + 1).trimEnd(), encoded: false };
}
