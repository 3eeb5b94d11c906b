import { hmacHex, type HashAlgorithm } from './hmac';

export { hmacHex, HASH_ALGORITHMS, type HashAlgorithm } from './hmac';

/** A value in a create-session body: text, numbers, or nested objects such as `user`. */
export type SignableValue = string | number | boolean | null | undefined | SignableBody;
export interface SignableBody {
  readonly [name: string]: SignableValue;
}

/** One signed parameter: its name as signed (`user[login]`) and its value as written, raw. */
export type SignaturePair = [name: string, value: string];

/**
 * The body's parameters as `[name, value]` pairs in signing order: nested objects become
 * `parent[child]` names, values are written raw (no URL-encoding), `null`/`undefined` are left
 * out, and so is the top-level `signature`. The pairs are sorted by their whole `name=value`
 * text in UTF-16 code-unit order (what `<` compares), never by locale.
 */
export function signaturePairs(body: SignableBody): SignaturePair[] {
  const { names, values } = signingOrder(body);
  return names.map((name, i): SignaturePair => [name, values[i]]);
}

/**
 * The sorted `name=value&...` text that is signed: the same parameters in the same order as
 * `signaturePairs` gives (both come from `signingOrder`), joined with `&`. `show` writes a value
 * as it may be shown (masked); the order stays that of the real values.
 */
export function signatureBaseString(body: SignableBody, show?: (name: string, value: string) => string): string {
  const { names, values } = signingOrder(body);
  let text = '';
  for (let i = 0; i < names.length; i++) {
    text += (i === 0 ? '' : '&') + names[i] + '=' + (show === undefined ? values[i] : show(names[i], values[i]));
  }
  return text;
}

/** `name=value` pairs joined with `&`, each value written through `show` when given. */
export function joinPairs(pairs: ReadonlyArray<readonly [string, string]>, show?: (name: string, value: string) => string): string {
  let text = '';
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    text += (i === 0 ? '' : '&') + pair[0] + '=' + (show === undefined ? pair[1] : show(pair[0], pair[1]));
  }
  return text;
}

/** The signed parameters in signing order, as two lists side by side (fewer objects than pairs on the signing path). */
interface SigningOrder {
  names: string[];
  values: string[];
}

/** Above this many parameters the general sort beats insertion sort; a create-session body has a handful. */
const INSERTION_SORT_MAX = 16;
const EQUALS = 0x3d;

/** The body's parameters (see `signaturePairs`) sorted by their `name=value` texts in code-unit order. */
function signingOrder(body: SignableBody): SigningOrder {
  const order: SigningOrder = { names: [], values: [] };
  const own = Object.keys(body);
  for (let i = 0; i < own.length; i++) {
    if (own[i] !== 'signature') collect(order, own[i], body[own[i]]);
  }
  const { names, values } = order;
  if (names.length > INSERTION_SORT_MAX) {
    const indices = names
      .map((_, i) => i)
      .sort((a, b) => (sortsAfter(names[a], values[a], names[b], values[b]) ? 1 : sortsAfter(names[b], values[b], names[a], values[a]) ? -1 : 0));
    return { names: indices.map((i) => names[i]), values: indices.map((i) => values[i]) };
  }
  for (let i = 1; i < names.length; i++) {
    const name = names[i];
    const value = values[i];
    let j = i - 1;
    while (j >= 0 && sortsAfter(names[j], values[j], name, value)) {
      names[j + 1] = names[j];
      values[j + 1] = values[j];
      j--;
    }
    names[j + 1] = name;
    values[j + 1] = value;
  }
  return order;
}

/**
 * Whether `a=aValue` sorts after `b=bValue`, mostly without writing either text out. Two texts
 * first differ where their names first differ, unless the names are equal (then the values
 * decide) or one name begins the other (then `=` meets the longer name's next character, and
 * only when that is `=` too are the whole texts compared).
 */
function sortsAfter(a: string, aValue: string, b: string, bValue: string): boolean {
  if (a === b) return aValue > bValue;
  const aShorter = a.length < b.length;
  const shorter = aShorter ? a : b;
  const longer = aShorter ? b : a;
  if (!longer.startsWith(shorter)) return a > b;
  const next = longer.charCodeAt(shorter.length);
  if (next !== EQUALS) return aShorter ? EQUALS > next : next > EQUALS;
  return `${a}=${aValue}` > `${b}=${bValue}`;
}

/** Lowercase hex HMAC of the string-to-sign, keyed with the application's auth secret. */
export function computeSignature(body: SignableBody, authSecret: string, hash: HashAlgorithm = 'sha1'): string {
  return hmacHex(signatureBaseString(body), authSecret, hash);
}

function collect(order: SigningOrder, name: string, value: SignableValue): void {
  if (value === null || value === undefined) return;
  switch (typeof value) {
    case 'string':
      order.names.push(name);
      order.values.push(value);
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Parameter ${name} is not a finite number.`);
      order.names.push(name);
      order.values.push(String(value));
      return;
    case 'boolean':
      order.names.push(name);
      order.values.push(value ? 'true' : 'false');
      return;
    case 'object':
      if (Array.isArray(value)) throw new TypeError(`Parameter ${name} is a list; a create-session body has none.`);
      for (const child of Object.keys(value)) collect(order, name + '[' + child + ']', value[child]);
      return;
    default:
      throw new TypeError(`Parameter ${name} has a value of type ${typeof value} that cannot be signed.`);
  }
}
