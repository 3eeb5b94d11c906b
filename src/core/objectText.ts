/**
 * Reads the parameters out of a JSON body or a JavaScript object as a log prints it
 * (`{ application_id: 76730, user: { login: 'Mike' } }`), without recursion and within limits,
 * so that any pasted text gives an answer instead of an exception.
 *
 * Nested objects become `parent[child]` names and list items `parent[]`, the way QuickBlox reads
 * a form body; numbers keep the digits they were written with (a nonce past 2^53 stays exact);
 * `null` and `undefined` are left out, as the extension's signer leaves them out. Trailing commas,
 * single quotes and unquoted keys are accepted, because logs and documentation examples use them.
 */

export interface FlatPair {
  name: string;
  value: string;
}

export type FlatProblem = 'invalid' | 'too_deep' | 'too_many' | 'too_large';

export type FlatResult = { ok: true; pairs: FlatPair[]; end: number } | { ok: false; problem: FlatProblem };

export interface FlatLimits {
  /** Objects and lists inside each other, the outermost object counted. */
  depth: number;
  /** Name/value pairs in all. */
  pairs: number;
  /** Characters in one name or value. */
  length: number;
}

interface Frame {
  kind: 'object' | 'array';
  /** The flattened name of this object or list: '' for the outermost object. */
  name: string;
  state: 'first' | 'key' | 'colon' | 'value' | 'next';
  key: string;
}

/** Reads one object that starts at `start` (which must be `{`); `end` is just past its `}`. */
export function flattenObjectText(text: string, start: number, limits: FlatLimits): FlatResult {
  let i = skipSpace(text, start);
  if (text[i] !== '{') return { ok: false, problem: 'invalid' };
  const pairs: FlatPair[] = [];
  const stack: Frame[] = [{ kind: 'object', name: '', state: 'first', key: '' }];
  i++;
  while (stack.length > 0) {
    i = skipSpace(text, i);
    if (i >= text.length) return { ok: false, problem: 'invalid' };
    const frame = stack[stack.length - 1];
    const c = text[i];
    if (frame.state === 'next' || frame.state === 'first') {
      const close = frame.kind === 'object' ? '}' : ']';
      if (c === close) {
        stack.pop();
        i++;
        continue;
      }
      if (frame.state === 'next') {
        if (c !== ',') return { ok: false, problem: 'invalid' };
        i++;
        frame.state = 'first';
        continue;
      }
      frame.state = frame.kind === 'object' ? 'key' : 'value';
      continue;
    }
    if (frame.state === 'key') {
      const key = readKey(text, i, limits.length);
      if (!key) return { ok: false, problem: key === null ? 'invalid' : 'too_large' };
      frame.key = key.value;
      frame.state = 'colon';
      i = key.end;
      continue;
    }
    if (frame.state === 'colon') {
      if (c !== ':') return { ok: false, problem: 'invalid' };
      frame.state = 'value';
      i++;
      continue;
    }
    // A value: its name is the key in an object, `name[]` in a list.
    const name = frame.kind === 'array' ? `${frame.name}[]` : frame.name === '' ? frame.key : `${frame.name}[${frame.key}]`;
    if (name.length > limits.length) return { ok: false, problem: 'too_large' };
    frame.state = 'next';
    if (c === '{' || c === '[') {
      if (stack.length >= limits.depth) return { ok: false, problem: 'too_deep' };
      stack.push({ kind: c === '{' ? 'object' : 'array', name, state: 'first', key: '' });
      i++;
      continue;
    }
    const value = c === '"' || c === "'" ? readQuoted(text, i, limits.length) : readBare(text, i, limits.length);
    if (!value) return { ok: false, problem: value === null ? 'invalid' : 'too_large' };
    i = value.end;
    if (!value.quoted && (value.value === 'null' || value.value === 'undefined')) continue;
    if (pairs.length >= limits.pairs) return { ok: false, problem: 'too_many' };
    pairs.push({ name, value: value.value });
  }
  return { ok: true, pairs, end: i };
}

interface Read {
  value: string;
  end: number;
  quoted: boolean;
}

/** `null`: not this kind of token; `undefined`: longer than the limit. */
type Token = Read | null | undefined;

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function readKey(text: string, i: number, max: number): Token {
  const c = text[i];
  if (c === '"' || c === "'") return readQuoted(text, i, max);
  let end = i;
  while (end < text.length && /[\w$[\]\-.]/.test(text[end])) end++;
  if (end === i) return null;
  if (end - i > max) return undefined;
  return { value: text.slice(i, end), end, quoted: false };
}

/** A number, `true`, `false`, `null`: anything up to the next separator. */
function readBare(text: string, i: number, max: number): Token {
  let end = i;
  while (end < text.length && !/[\s,:{}[\]"']/.test(text[end])) end++;
  if (end === i) return null;
  if (end - i > max) return undefined;
  return { value: text.slice(i, end), end, quoted: false };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** A string in double or single quotes, with JSON's and JavaScript's escapes. */
function readQuoted(text: string, i: number, max: number): Token {
  const quote = text[i];
  let out = '';
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === quote) return { value: out, end: j + 1, quoted: true };
    if (out.length > max) return undefined;
    if (c !== '\\') {
      out += c;
      j++;
      continue;
    }
    const next = text[j + 1];
    if (next === undefined) return null;
    if (next === 'u' && text[j + 2] === '{') {
      const close = text.indexOf('}', j + 3);
      const point = close > 0 && close - j <= 9 ? parseInt(text.slice(j + 3, close), 16) : Number.NaN;
      if (!Number.isInteger(point) || point > 0x10ffff) return null;
      out += String.fromCodePoint(point);
      j = close + 1;
    } else if (next === 'u' || next === 'x') {
      const digits = next === 'u' ? 4 : 2;
      const hex = text.slice(j + 2, j + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      j += 2 + digits;
    } else if (next === '\r' || next === '\n') {
      // A line continuation inside a JavaScript string.
      j += next === '\r' && text[j + 2] === '\n' ? 3 : 2;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
      j += 2;
    }
  }
  return null;
}
