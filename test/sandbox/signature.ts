/**
 * QuickBlox request signatures, implemented here independently of the extension's own signing code.
 * Every parameter but `signature` is written `name=value` (nested as `parent[child]`, raw values,
 * no URL-encoding), the strings are sorted by code unit and joined with '&', then HMAC-ed with the
 * application's auth secret: SHA1 for a 40-hex-digit signature, SHA256 for a 64-digit one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isParams, scalarText, type ParamValue, type Params } from './params';

export type SignatureAlgorithm = 'sha1' | 'sha256';

function appendPairs(name: string, value: ParamValue, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) appendPairs(`${name}[]`, item, out);
  } else if (isParams(value)) {
    for (const [key, child] of Object.entries(value)) appendPairs(`${name}[${key}]`, child, out);
  } else {
    out.push(`${name}=${scalarText(value) ?? ''}`);
  }
}

/** The `name=value` strings of every parameter except `signature`, unsorted. */
export function signaturePairs(params: Params): string[] {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name !== 'signature') appendPairs(name, value, pairs);
  }
  return pairs;
}

function byCodeUnit(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** The exact text that gets HMAC-ed. */
export function stringToSign(params: Params): string {
  return signaturePairs(params).sort(byCodeUnit).join('&');
}

/** The algorithm a signature's length implies, or undefined when it is not 40 or 64 hex digits. */
export function algorithmOf(signature: string): SignatureAlgorithm | undefined {
  if (/^[0-9a-f]{40}$/i.test(signature)) return 'sha1';
  if (/^[0-9a-f]{64}$/i.test(signature)) return 'sha256';
  return undefined;
}

export function hmacHex(algorithm: SignatureAlgorithm, secret: string, text: string): string {
  return createHmac(algorithm, secret).update(text, 'utf8').digest('hex');
}

/** Constant-time check of `params.signature` (case-insensitive hex) against the auth secret. */
export function verifySignature(params: Params, signature: string, secret: string): boolean {
  const algorithm = algorithmOf(signature);
  if (!algorithm) return false;
  const expected = Buffer.from(hmacHex(algorithm, secret, stringToSign(params)), 'hex');
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
