import { createHmac } from 'node:crypto';

export type HashAlgorithm = 'sha1' | 'sha256';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha1', 'sha256'];

/** A value in a create-session body: text, numbers, or nested objects such as `user`. */
export type SignableValue = string | number | boolean | null | undefined | SignableBody;
export interface SignableBody {
  readonly [name: string]: SignableValue;
}

/**
 * The body's parameters as `[name, value]` pairs: nested objects become `parent[child]` names,
 * values are written raw (no URL-encoding), `null`/`undefined` are left out, and so is the
 * top-level `signature`. The pairs come sorted by their whole `name=value` text.
 */
export function signaturePairs(body: SignableBody): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  collectBody(body, (name, value) => pairs.push([name, value]));
  const keyed = pairs.map((pair) => ({ text: `${pair[0]}=${pair[1]}`, pair }));
  keyed.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return keyed.map((entry) => entry.pair);
}

/** The sorted `name=value&...` text that is signed. */
export function signatureBaseString(body: SignableBody): string {
  const parts: string[] = [];
  collectBody(body, (name, value) => parts.push(name + '=' + value));
  sortCodeUnits(parts);
  return parts.join('&');
}

/**
 * Sorts in place by UTF-16 code units (what `<` compares), never by locale. A create-session
 * body has a handful of parameters, where insertion sort beats the general sort.
 */
function sortCodeUnits(parts: string[]): void {
  if (parts.length > 16) {
    parts.sort();
    return;
  }
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    let j = i - 1;
    while (j >= 0 && parts[j] > part) {
      parts[j + 1] = parts[j];
      j--;
    }
    parts[j + 1] = part;
  }
}

export function joinPairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map((pair) => pair[0] + '=' + pair[1]).join('&');
}

/** Lowercase hex HMAC of the string-to-sign, keyed with the application's auth secret. */
export function computeSignature(body: SignableBody, authSecret: string, hash: HashAlgorithm = 'sha1'): string {
  return hmacHex(signatureBaseString(body), authSecret, hash);
}

export function hmacHex(text: string, key: string, hash: HashAlgorithm): string {
  if (!HASH_ALGORITHMS.includes(hash)) {
    throw new TypeError(`Unsupported signature hash "${String(hash)}": use "sha1" or "sha256".`);
  }
  return createHmac(hash, key).update(text, 'utf8').digest('hex');
}

type Visit = (name: string, value: string) => void;

function collectBody(body: SignableBody, visit: Visit): void {
  for (const name in body) {
    if (name !== 'signature' && Object.prototype.hasOwnProperty.call(body, name)) collect(visit, name, body[name]);
  }
}

function collect(visit: Visit, name: string, value: SignableValue): void {
  if (value === null || value === undefined) return;
  switch (typeof value) {
    case 'string':
      visit(name, value);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Parameter ${name} is not a finite number.`);
      visit(name, String(value));
      return;
    case 'boolean':
      visit(name, value ? 'true' : 'false');
      return;
    case 'object':
      if (Array.isArray(value)) throw new TypeError(`Parameter ${name} is a list; a create-session body has none.`);
      for (const child in value) {
        if (Object.prototype.hasOwnProperty.call(value, child)) collect(visit, `${name}[${child}]`, value[child]);
      }
      return;
    default:
      throw new TypeError(`Parameter ${name} has a value of type ${typeof value} that cannot be signed.`);
  }
}
