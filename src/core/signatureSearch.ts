import { createHmac } from 'node:crypto';
import { APPLICATION_PARAMETERS, SIGNED_ALIASES, topLevelName } from './parameterNames';
import type { HashAlgorithm } from './signature';
import { URL_ENCODING_STYLES, urlEncode, type UrlEncodingStyle } from './urlEncoding';

/**
 * The search behind a signature diagnosis: which string, signed how, gives the signature a
 * developer's code sent. Each usual mistake is a dimension with a few variants (the first is
 * what QuickBlox does); candidates combine variants of up to three dimensions, fewest mistakes
 * first, and each candidate costs one HMAC. The number of HMACs is bounded, so the search ends
 * in milliseconds whatever was pasted.
 */

/** A parameter as QuickBlox signs it, with what the request showed of it. */
export interface SignedPair {
  /** The name QuickBlox wants (a misspelled name sent is renamed unless the right one was sent too). */
  name: string;
  /** The name as sent. */
  sentName: string;
  value: string;
  /** Position in the request. */
  index: number;
  /** `name=value` as written when it travelled URL-encoded. */
  wire?: string;
}

export type Encoding = 'raw' | 'wire' | `values:${UrlEncodingStyle}` | `all:${UrlEncodingStyle}`;
export type Order = 'text' | 'name' | 'top_name' | 'sent';

export interface Variant {
  names: { kind: 'right' } | { kind: 'sent' } | { kind: 'alias'; of: string; as: string };
  subset: { kind: 'all' } | { kind: 'application' } | { kind: 'drop'; name: string } | { kind: 'only'; name: string };
  encoding: Encoding;
  order: Order;
  timestamp: { kind: 'sent' } | { kind: 'milliseconds' | 'seconds' | 'offset'; value: string };
  newline: '' | '\n' | '\r\n';
  key: { kind: 'secret' } | { kind: 'auth_key'; value: string };
}

export const QUICKBLOX_VARIANT: Variant = {
  names: { kind: 'right' },
  subset: { kind: 'all' },
  encoding: 'raw',
  order: 'text',
  timestamp: { kind: 'sent' },
  newline: '',
  key: { kind: 'secret' },
};

/** One `name=value` of a signed string; `name` is the parameter it stands for. */
export interface Piece {
  name: string;
  /** As written in the string: maybe misspelled or URL-encoded. */
  nameText: string;
  valueText: string;
}

export type DigestFormat = 'hex' | 'hex_upper' | 'hex_mixed' | 'base64' | 'base64url';

/** The sent signature read as digest bytes, in every way it can be read. */
export interface SentDigest {
  /** Told by the digest's length: 20 bytes for SHA-1, 32 for SHA-256. */
  hash: HashAlgorithm;
  forms: Array<{ bytes: Buffer; format: DigestFormat }>;
}

/** At most this many HMACs per diagnosis, the check of the expected signature included. */
export const MAX_SIGNATURE_CANDIDATES = 4000;
/** Candidate strings built (most repeat one already signed, and cost no HMAC). */
const MAX_BUILT = 12_000;
/** Characters of candidate strings built, and signed, in one search: long values make fewer candidates. */
const MAX_BUILT_CHARACTERS = 24_000_000;
/** Parameters placed into candidate strings: a request with many parameters makes fewer candidates. */
const MAX_BUILT_PIECES = 150_000;
const MAX_SIGNED_CHARACTERS = 6_000_000;
/** Longer candidate strings are signed without first checking whether they were signed already. */
const LONGEST_REMEMBERED = 4096;
/** Mistakes combined in one candidate at most (wrong hash and digest format come on top, free). */
export const MAX_COMBINED_MISTAKES = 3;

const HASH_BYTES: Record<number, HashAlgorithm> = { 20: 'sha1', 32: 'sha256' };

export function readSentDigest(signature: string): SentDigest | undefined {
  const text = signature.trim();
  const forms: SentDigest['forms'] = [];
  if (/^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0) {
    const format: DigestFormat = text === text.toLowerCase() ? 'hex' : text === text.toUpperCase() ? 'hex_upper' : 'hex_mixed';
    forms.push({ bytes: Buffer.from(text, 'hex'), format });
  }
  // A form body reads `+` as a space, so a base64 `+` may arrive as one.
  const base64 = text.replace(/ /g, '+');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(base64) && /[+/=]/.test(base64)) forms.push({ bytes: Buffer.from(base64, 'base64'), format: 'base64' });
  else if (/^[A-Za-z0-9_-]+$/.test(text) && /[_-]/.test(text)) forms.push({ bytes: Buffer.from(text, 'base64url'), format: 'base64url' });
  else if (/^[A-Za-z0-9]+$/.test(text) && forms.length === 0) forms.push({ bytes: Buffer.from(text, 'base64'), format: 'base64' });
  const digests = forms.filter((form) => HASH_BYTES[form.bytes.length] !== undefined);
  if (digests.length === 0) return undefined;
  const hash = HASH_BYTES[digests[0].bytes.length];
  return { hash, forms: digests.filter((form) => HASH_BYTES[form.bytes.length] === hash) };
}

/** Encoded texts by style and text, so that a search encodes each value once. */
type EncodingCache = Map<string, string>;

function encodeOnce(text: string, style: UrlEncodingStyle, cache: EncodingCache | undefined): string {
  if (!cache) return urlEncode(text, style);
  const key = `${style}\u0000${text}`;
  let encoded = cache.get(key);
  if (encoded === undefined) {
    encoded = urlEncode(text, style);
    cache.set(key, encoded);
  }
  return encoded;
}

/** The pieces a variant signs, in its order. */
export function piecesOf(pairs: readonly SignedPair[], variant: Variant, cache?: EncodingCache): Piece[] {
  const chosen = pairs.filter((pair) => kept(pair.name, variant.subset));
  const [scope, style] = variant.encoding.split(':') as ['raw' | 'wire' | 'values' | 'all', UrlEncodingStyle | undefined];
  const built = chosen.map((pair) => {
    const name =
      variant.names.kind === 'sent' ? pair.sentName : variant.names.kind === 'alias' && pair.name === variant.names.of ? variant.names.as : pair.name;
    const value = pair.name === 'timestamp' && variant.timestamp.kind !== 'sent' ? variant.timestamp.value : pair.value;
    const [nameText, valueText] = encoded(name, value, pair, scope, style, cache);
    return { piece: { name: pair.name, nameText, valueText }, text: `${nameText}=${valueText}`, sortName: name, index: pair.index };
  });
  const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  switch (variant.order) {
    case 'text':
      built.sort((a, b) => byCodeUnits(a.text, b.text));
      break;
    case 'name':
      built.sort((a, b) => byCodeUnits(a.sortName, b.sortName) || a.index - b.index);
      break;
    case 'top_name':
      built.sort((a, b) => byCodeUnits(topLevelName(a.sortName), topLevelName(b.sortName)) || a.index - b.index);
      break;
    case 'sent':
      built.sort((a, b) => a.index - b.index);
      break;
  }
  return built.map((entry) => entry.piece);
}

export function stringOf(pieces: readonly Piece[], newline: Variant['newline'] = ''): string {
  return pieces.map((piece) => `${piece.nameText}=${piece.valueText}`).join('&') + newline;
}

function kept(name: string, subset: Variant['subset']): boolean {
  switch (subset.kind) {
    case 'all':
      return true;
    case 'application':
      return APPLICATION_PARAMETERS.includes(name);
    case 'drop':
      return name !== subset.name;
    case 'only':
      return APPLICATION_PARAMETERS.includes(name) || name === subset.name;
  }
}

function encoded(
  name: string,
  value: string,
  pair: SignedPair,
  scope: 'raw' | 'wire' | 'values' | 'all',
  style: UrlEncodingStyle | undefined,
  cache: EncodingCache | undefined,
): [string, string] {
  if (scope === 'raw' || style === undefined) {
    if (scope !== 'wire' || pair.wire === undefined) return [name, value];
    const equals = pair.wire.indexOf('=');
    return [pair.wire.slice(0, equals), pair.wire.slice(equals + 1)];
  }
  return [scope === 'all' ? encodeOnce(name, style, cache) : name, encodeOnce(value, style, cache)];
}

export interface SearchSetup {
  pairs: readonly SignedPair[];
  /** The request's names that QuickBlox reads under another name. */
  wrongNames: boolean;
  authSecret: string;
  /** Auth keys to try as the HMAC key: the profile's and the one sent. */
  authKeys: readonly string[];
  digest: SentDigest;
  /** HMACs already spent before the search. */
  spent: number;
}

export interface SearchResult {
  match?: { variant: Variant; format: DigestFormat };
  /** HMACs computed by the search. */
  hmacs: number;
  /** The budget ran out before every candidate was tried. */
  exhausted: boolean;
  /** The dimensions that had variants to try, in search order. */
  dimensions: DimensionId[];
}

export type DimensionId = 'subset' | 'encoding' | 'order' | 'names' | 'newline' | 'key' | 'timestamp';

type Choice = Partial<Variant>;

interface Dimension {
  id: DimensionId;
  /** The mistaken variants; doing it right is implied. */
  choices: Choice[];
}

/** Every mistaken variant worth trying for this request, dimension by dimension. */
export function dimensionsOf(setup: Pick<SearchSetup, 'pairs' | 'wrongNames' | 'authKeys' | 'authSecret'>): Dimension[] {
  const names = setup.pairs.map((pair) => pair.name);
  const extras = names.filter((name) => !APPLICATION_PARAMETERS.includes(name));
  const subset: Choice[] = [];
  if (extras.length > 0 && extras.length < names.length) subset.push({ subset: { kind: 'application' } });
  if (names.length > 1) {
    for (const name of names) if (!(extras.length === 1 && extras[0] === name)) subset.push({ subset: { kind: 'drop', name } });
  }
  if (extras.length >= 3) for (const name of extras) subset.push({ subset: { kind: 'only', name } });

  const encoding: Choice[] = [];
  if (setup.pairs.some((pair) => pair.wire !== undefined)) encoding.push({ encoding: 'wire' });
  for (const style of URL_ENCODING_STYLES) encoding.push({ encoding: `values:${style}` });
  for (const style of URL_ENCODING_STYLES) encoding.push({ encoding: `all:${style}` });

  const order: Choice[] = [{ order: 'name' }, { order: 'top_name' }, { order: 'sent' }];

  const naming: Choice[] = setup.wrongNames ? [{ names: { kind: 'sent' } }] : [];
  for (const pair of setup.pairs) {
    if (pair.sentName !== pair.name) continue;
    for (const alias of SIGNED_ALIASES[pair.name] ?? []) naming.push({ names: { kind: 'alias', of: pair.name, as: alias } });
  }

  const newline: Choice[] = [{ newline: '\n' }, { newline: '\r\n' }];
  const key: Choice[] = setup.authKeys.filter((value) => value !== setup.authSecret).map((value) => ({ key: { kind: 'auth_key', value } }));

  const timestamp: Choice[] = [];
  const sent = setup.pairs.find((pair) => pair.name === 'timestamp')?.value ?? '';
  if (/^\d{1,16}$/.test(sent)) {
    const seconds = Number(sent);
    if (seconds >= 1e11) {
      for (const value of new Set([Math.floor(seconds / 1000), Math.round(seconds / 1000)])) {
        timestamp.push({ timestamp: { kind: 'seconds', value: String(value) } });
      }
    } else {
      timestamp.push({ timestamp: { kind: 'milliseconds', value: String(seconds * 1000) } });
      for (const offset of [-1, 1, -2, 2]) if (seconds + offset > 0) timestamp.push({ timestamp: { kind: 'offset', value: String(seconds + offset) } });
    }
  }

  const all: Dimension[] = [
    { id: 'subset', choices: subset },
    { id: 'encoding', choices: encoding },
    { id: 'order', choices: order },
    { id: 'names', choices: naming },
    { id: 'newline', choices: newline },
    { id: 'key', choices: key },
    { id: 'timestamp', choices: timestamp },
  ];
  return all.filter((dimension) => dimension.choices.length > 0);
}

/** Combinations of `level` mistaken variants, each from another dimension, in dimension order. */
function* combinations(dimensions: Dimension[], level: number, from = 0): Generator<Choice> {
  if (level === 0) {
    yield {};
    return;
  }
  for (let d = from; d <= dimensions.length - level; d++) {
    for (const choice of dimensions[d].choices) {
      for (const rest of combinations(dimensions, level - 1, d + 1)) yield { ...choice, ...rest };
    }
  }
}

export function searchSignature(setup: SearchSetup): SearchResult {
  const dimensions = dimensionsOf(setup);
  const result: SearchResult = { hmacs: 0, exhausted: false, dimensions: dimensions.map((dimension) => dimension.id) };
  const tried = new Set<string>();
  const cache: EncodingCache = new Map();
  let built = 0;
  let builtCharacters = 0;
  let signedCharacters = 0;
  const attempt = (choice: Choice): boolean => {
    if (built >= MAX_BUILT || builtCharacters >= MAX_BUILT_CHARACTERS || built * setup.pairs.length >= MAX_BUILT_PIECES) {
      result.exhausted = true;
      return false;
    }
    built++;
    const variant: Variant = { ...QUICKBLOX_VARIANT, ...choice };
    const key = variant.key.kind === 'secret' ? setup.authSecret : variant.key.value;
    const text = stringOf(piecesOf(setup.pairs, variant, cache), variant.newline);
    builtCharacters += text.length;
    const remembered = text.length <= LONGEST_REMEMBERED;
    const seen = `${variant.key.kind === 'secret' ? '' : key}\u0000${text}`;
    if (remembered && tried.has(seen)) return false;
    if (setup.spent + result.hmacs >= MAX_SIGNATURE_CANDIDATES || signedCharacters + text.length > MAX_SIGNED_CHARACTERS) {
      result.exhausted = true;
      return false;
    }
    if (remembered) tried.add(seen);
    result.hmacs++;
    signedCharacters += text.length;
    const digest = createHmac(setup.digest.hash, key).update(text, 'utf8').digest();
    const form = setup.digest.forms.find((candidate) => candidate.bytes.equals(digest));
    if (form) result.match = { variant, format: form.format };
    return form !== undefined;
  };
  const levels: Array<() => Iterable<Choice>> = [
    () => combinations(dimensions, 0),
    () => combinations(dimensions, 1),
    () => combinations(dimensions, 2),
    () => millisecondTimestamps(setup.pairs),
    () => combinations(dimensions, 3),
  ];
  for (const level of levels) {
    for (const choice of level()) {
      if (attempt(choice)) return result;
      if (result.exhausted) return result;
    }
  }
  return result;
}

/**
 * A timestamp sent in seconds while the code signed the same moment in milliseconds: the
 * milliseconds are unknown, so all thousand are tried (with nothing else wrong).
 */
function* millisecondTimestamps(pairs: readonly SignedPair[]): Generator<Choice> {
  const sent = pairs.find((pair) => pair.name === 'timestamp')?.value ?? '';
  if (!/^\d{1,11}$/.test(sent) || Number(sent) >= 1e11) return;
  for (let ms = 1; ms < 1000; ms++) yield { timestamp: { kind: 'milliseconds', value: String(Number(sent) * 1000 + ms) } };
}
