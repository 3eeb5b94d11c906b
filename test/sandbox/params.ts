/**
 * Request parameters as QuickBlox sees them: nested objects, whether they arrived as JSON or as
 * form fields with bracket names (`user[login]=Mike` becomes `{ user: { login: 'Mike' } }`).
 */
export type Scalar = string | number | boolean | null;
export type ParamValue = Scalar | Params | ParamValue[];
export interface Params {
  [name: string]: ParamValue;
}

/** The body could not be turned into parameters; the server answers 400. */
export class BodyError extends Error {}

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

export function isParams(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `user[login]` -> ['user', 'login']; `tags[]` -> ['tags', '']; anything irregular stays one name. */
export function splitName(name: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
  if (!match) return [name];
  const segments = [match[1]];
  for (const m of match[2].matchAll(/\[([^[\]]*)\]/g)) segments.push(m[1]);
  return segments;
}

/** Puts `value` at the nested position named by `segments`; a trailing '' appends to an array. */
export function assignNested(target: Params, segments: string[], value: ParamValue): void {
  let current = target;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (FORBIDDEN_NAMES.has(segment)) throw new BodyError(`parameter name not allowed: ${segment}`);
    const last = i === segments.length - 1;
    const nextIsAppend = !last && segments[i + 1] === '' && i + 1 === segments.length - 1;
    if (segment === '') throw new BodyError('empty parameter name');
    const existing = Object.hasOwn(current, segment) ? current[segment] : undefined;
    if (last) {
      // A repeated scalar name: the last one wins, as in Rails.
      if (isParams(existing) || Array.isArray(existing)) throw new BodyError(`conflicting parameter names at ${segment}`);
      current[segment] = value;
      return;
    }
    if (nextIsAppend) {
      if (existing === undefined) current[segment] = [value];
      else if (Array.isArray(existing)) existing.push(value);
      else throw new BodyError(`conflicting parameter names at ${segment}`);
      return;
    }
    if (existing === undefined) {
      const child: Params = {};
      current[segment] = child;
      current = child;
    } else if (isParams(existing)) {
      current = existing;
    } else {
      throw new BodyError(`conflicting parameter names at ${segment}`);
    }
  }
}

/** application/x-www-form-urlencoded, with Rails-style bracket names. Values stay strings. */
export function parseForm(text: string): Params {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (name === '') continue;
    assignNested(params, splitName(name), value);
  }
  return params;
}

function normalize(value: unknown, depth: number): ParamValue {
  if (depth > MAX_DEPTH) throw new BodyError('body nested too deeply');
  if (Array.isArray(value)) return value.map((v) => normalize(v, depth + 1));
  if (isParams(value)) {
    const out: Params = {};
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_NAMES.has(k)) throw new BodyError(`parameter name not allowed: ${k}`);
      out[k] = normalize(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  throw new BodyError('unsupported JSON value');
}

/**
 * A JSON object body. Top-level names written with brackets (`"firebase_phone[project_id]": ...`,
 * as in the vendor's curl examples) are nested like form fields.
 */
export function parseJsonBody(text: string): Params {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BodyError('body is not valid JSON');
  }
  if (!isParams(parsed)) throw new BodyError('JSON body must be an object');
  const params: Params = {};
  for (const [name, value] of Object.entries(parsed)) {
    assignNested(params, splitName(name), normalize(value, 1));
  }
  return params;
}

/** Picks the parser by Content-Type; an empty body is no parameters. */
export function parseBody(contentType: string | undefined, text: string): Params {
  if (text.trim() === '') return {};
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return parseJsonBody(text);
  if (type === 'application/x-www-form-urlencoded') return parseForm(text);
  if (type === '') return text.trimStart().startsWith('{') ? parseJsonBody(text) : parseForm(text);
  throw new BodyError(`unsupported content type: ${type}`);
}

/** The text of a scalar parameter as it was received (a JSON number in decimal); undefined otherwise. */
export function scalarText(value: ParamValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A non-empty string or number parameter as text; undefined when absent, empty or not a scalar. */
export function textParam(params: Params, name: string): string | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  const text = scalarText(value);
  return text === undefined || text === '' ? undefined : text;
}

/** A nested object parameter; undefined when absent. */
export function objectParam(params: Params, name: string): Params | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  return isParams(value) ? value : undefined;
}

export function hasParam(params: Params, name: string): boolean {
  return Object.hasOwn(params, name) && params[name] !== null && params[name] !== '';
}
