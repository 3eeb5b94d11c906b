/**
 * Fault switches: what the next matching request(s) get instead of (or before) a normal answer.
 * Faults are matched in the order added; each match uses one of its `times`; used-up ones go away.
 */
interface FaultBase {
  /** How many of the next matching requests it hits; default 1; Infinity allowed. */
  times?: number;
  /** Only requests with this method (case-insensitive). */
  method?: string;
  /** Only requests with exactly this path (no query string), e.g. '/session.json'. */
  path?: string;
}

export interface DelayFault extends FaultBase {
  type: 'delay';
  ms: number;
}
export interface StatusFault extends FaultBase {
  type: 'status';
  status: number;
  /** A string is sent as is; anything else as JSON. Default: a QuickBlox-style error body. */
  body?: unknown;
  headers?: Record<string, string>;
}
export interface RateLimitFault extends FaultBase {
  type: 'rate_limit';
  /** Sent as Retry-After only when given: the header is not documented for QuickBlox's 429. */
  retryAfter?: number | string;
}
export interface ServerErrorFault extends FaultBase {
  type: 'server_error';
}
export interface UnavailableFault extends FaultBase {
  type: 'unavailable';
  retryAfter?: number | string;
}
export interface Html502Fault extends FaultBase {
  type: 'html_502';
}
export interface TruncatedJsonFault extends FaultBase {
  type: 'truncated_json';
}
export interface OversizedFault extends FaultBase {
  type: 'oversized';
  bytes?: number;
}
export interface ResetFault extends FaultBase {
  type: 'reset';
}
export interface HangFault extends FaultBase {
  type: 'hang';
}

export type FaultSpec =
  DelayFault | StatusFault | RateLimitFault | ServerErrorFault | UnavailableFault | Html502Fault | TruncatedJsonFault | OversizedFault | ResetFault | HangFault;

export type FaultType = FaultSpec['type'];

export const FAULT_TYPES: readonly FaultType[] = [
  'delay',
  'status',
  'rate_limit',
  'server_error',
  'unavailable',
  'html_502',
  'truncated_json',
  'oversized',
  'reset',
  'hang',
];

export class FaultSpecError extends Error {}

type Raw = Record<string, unknown>;

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTimes(value: unknown): number {
  if (value === undefined) return 1;
  if (value === 'Infinity' || value === Infinity) return Infinity;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new FaultSpecError('times must be a positive integer or Infinity');
}

function optionalString(raw: Raw, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new FaultSpecError(`${key} must be a non-empty string`);
  return value;
}

function retryAfter(raw: Raw): number | string | undefined {
  const value = raw.retryAfter;
  if (value === undefined) return undefined;
  if ((typeof value === 'number' && Number.isFinite(value) && value >= 0) || (typeof value === 'string' && value !== '')) return value;
  throw new FaultSpecError('retryAfter must be a non-negative number or an HTTP-date string');
}

function nonNegativeInteger(raw: Raw, key: string, required: boolean): number | undefined {
  const value = raw[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new FaultSpecError(`${key} must be a non-negative integer`);
  return value;
}

function parseHeaders(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRaw(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new FaultSpecError('headers must be an object of strings');
  }
  return { ...(value as Record<string, string>) };
}

function parseSpecific(type: FaultType, raw: Raw): FaultSpec {
  switch (type) {
    case 'delay':
      return { type, ms: nonNegativeInteger(raw, 'ms', true) ?? 0 };
    case 'status': {
      const status = raw.status;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        throw new FaultSpecError('status must be an integer from 200 to 599');
      }
      const spec: StatusFault = { type, status };
      if (raw.body !== undefined) spec.body = raw.body;
      const headers = parseHeaders(raw.headers);
      if (headers) spec.headers = headers;
      return spec;
    }
    case 'rate_limit':
    case 'unavailable': {
      const after = retryAfter(raw);
      return after === undefined ? { type } : { type, retryAfter: after };
    }
    case 'oversized': {
      const bytes = nonNegativeInteger(raw, 'bytes', false);
      return bytes === undefined ? { type } : { type, bytes };
    }
    default:
      return { type };
  }
}

/** Validates a fault from untyped input (JSON, or a JS caller); `times` may be the string "Infinity". */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (!isRaw(value)) throw new FaultSpecError('a fault must be an object');
  const type = value.type;
  if (typeof type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(type)) {
    throw new FaultSpecError(`unknown fault type; use one of ${FAULT_TYPES.join(', ')}`);
  }
  const spec = parseSpecific(type as FaultType, value);
  spec.times = parseTimes(value.times);
  const method = optionalString(value, 'method');
  const path = optionalString(value, 'path');
  if (method !== undefined) spec.method = method.toUpperCase();
  if (path !== undefined) spec.path = path;
  return spec;
}

export interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultQueue {
  private readonly active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const parsed = parseFaultSpec(spec);
    this.active.push({ spec: parsed, remaining: parsed.times ?? 1 });
  }

  /** The first fault matching the request, using up one of its times; undefined when none. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.active.findIndex(
      ({ spec }) => (spec.method === undefined || spec.method === method.toUpperCase()) && (spec.path === undefined || spec.path === path),
    );
    if (index < 0) return undefined;
    const fault = this.active[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.active.splice(index, 1);
    return fault.spec;
  }

  /** A JSON-friendly snapshot for the control API (Infinity written as the string "Infinity"). */
  list(): Record<string, unknown>[] {
    const json = (n: number | undefined): number | string | undefined => (n === Infinity ? 'Infinity' : n);
    return this.active.map(({ spec, remaining }) => ({ ...spec, times: json(spec.times), remaining: json(remaining) }));
  }

  get size(): number {
    return this.active.length;
  }

  clear(): void {
    this.active.length = 0;
  }
}
