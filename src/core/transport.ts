import fetch from 'node-fetch';
import { QuickBloxError } from './errors';
import type { ResponseRecord } from './exchange';

/** Responses larger than this end in `bad_response` instead of filling memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface OutgoingRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What the caller of `send` adds. */
export interface SendHooks {
  /**
   * Work that needs the request only described, not answered (the caller's redacted record, its
   * masks): it runs once the request is on its way, while the server works on it, instead of
   * before the request leaves. It does not run when the request ends first.
   */
  meanwhile?(): void;
  /** Completes a failure before it is thrown, for example with the caller's record of the request. */
  failed?(error: QuickBloxError): QuickBloxError;
}

/**
 * Sends one request and reads the whole answer, whatever its status. Ends in a
 * `QuickBloxError` (`network`, `timeout`, `cancelled`, `bad_response` for oversize bodies), never
 * in a hang or a bare exception.
 */
export async function send(out: OutgoingRequest, hooks: SendHooks = {}): Promise<ResponseRecord> {
  if (out.signal?.aborted) throw failedWith(hooks, cancelledError());
  const deadline = new Deadline(out.timeoutMs, out.signal);
  const started = performance.now();
  // node-fetch makes the request within fetch() and Node writes it out in the next tick: an immediate comes after that.
  const inFlight = hooks.meanwhile ? setImmediate(runMeanwhile, hooks) : undefined;
  try {
    const response = await fetch(out.url, {
      method: out.method,
      headers: out.headers,
      body: out.body,
      redirect: 'manual',
      size: MAX_RESPONSE_BYTES,
      // See Deadline: node-fetch's typings name their own AbortSignal.
      signal: deadline as unknown as import('node-fetch').RequestInit['signal'],
    });
    const body = await response.text();
    // Lower-case names, each with its values joined as Headers.get joins them (raw() is node-fetch's own table, read, never changed).
    const raw = response.headers.raw();
    const headers: Record<string, string> = {};
    for (const name of Object.keys(raw)) {
      const values = raw[name];
      headers[name.toLowerCase()] = values.length === 1 ? values[0] : values.join(', ');
    }
    return { status: response.status, statusText: response.statusText, headers, body, durationMs: performance.now() - started };
  } catch (error) {
    throw failedWith(hooks, failureOf(error, out, deadline));
  } finally {
    deadline.end();
    clearImmediate(inFlight);
  }
}

/** The hooks are called as methods, so that a caller can pass itself (no closures made per request). */
function runMeanwhile(hooks: SendHooks): void {
  hooks.meanwhile?.();
}

function failedWith(hooks: SendHooks, error: QuickBloxError): QuickBloxError {
  return hooks.failed ? hooks.failed(error) : error;
}

/**
 * The one signal node-fetch is given: it fires once, when the timeout passes or when the caller
 * cancels, and node-fetch then stops the request itself, before the answer or while its body is
 * read, whatever agent carries it. (VS Code's proxy support swaps the agent of every request to a
 * host other than `localhost` or 127.0.0.1, so an agent of ours would not see the request there.)
 *
 * node-fetch 2 takes as a signal any object whose constructor is named `AbortSignal`, and uses
 * only `aborted` and the 'abort' listener methods. Node's own AbortController makes an EventTarget
 * for every request, which took several microseconds per request; this takes a field.
 */
class Deadline {
  aborted = false;
  /** The timeout passed (rather than the caller cancelling). */
  passed = false;
  /** When the timeout passes, on `performance.now()`'s clock. */
  readonly due: number;
  private listeners: Array<() => void> = [];
  private readonly onCancel: (() => void) | undefined;

  constructor(
    timeoutMs: number,
    private readonly cancel: AbortSignal | undefined,
  ) {
    this.due = performance.now() + timeoutMs;
    deadlines.add(this);
    if (cancel) {
      this.onCancel = () => this.abort();
      cancel.addEventListener('abort', this.onCancel);
    }
  }

  addEventListener(type: string, listener: () => void): void {
    if (type === 'abort') this.listeners.push(listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    const at = type === 'abort' ? this.listeners.indexOf(listener) : -1;
    if (at !== -1) this.listeners.splice(at, 1);
  }

  /** Called by `deadlines` when `due` has come. */
  pass(): void {
    this.passed = true;
    this.abort();
  }

  /** The request is over: no timeout or cancel reaches it any more. */
  end(): void {
    deadlines.delete(this);
    if (this.onCancel) this.cancel?.removeEventListener('abort', this.onCancel);
    this.listeners.length = 0;
  }

  private abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}
Object.defineProperty(Deadline, 'name', { value: 'AbortSignal' });

/**
 * Every request's deadline under one timer, set for the soonest. When it fires it passes the
 * deadlines that have come and sets itself for the next; a request that ends in time only leaves
 * the set. (A timer made and cleared for each request cost more than the rest of `send`'s own work.)
 */
class Deadlines {
  private readonly pending = new Set<Deadline>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerDue = Infinity;

  add(deadline: Deadline): void {
    this.pending.add(deadline);
    if (deadline.due < this.timerDue) this.setTimer(deadline.due);
  }

  delete(deadline: Deadline): void {
    this.pending.delete(deadline);
  }

  private setTimer(due: number): void {
    clearTimeout(this.timer);
    this.timerDue = due;
    // Unreferenced: a request still in flight keeps Node running by its socket, and nothing else should.
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.ceil(due - performance.now()))).unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    const now = performance.now();
    const passed: Deadline[] = [];
    let next = Infinity;
    for (const deadline of this.pending) {
      if (deadline.due <= now) passed.push(deadline);
      else if (deadline.due < next) next = deadline.due;
    }
    // Set for the next one first: what a passed deadline sets off (node-fetch's abort) cannot keep the others from their time.
    if (next !== Infinity) this.setTimer(next);
    for (const deadline of passed) {
      this.pending.delete(deadline);
      deadline.pass();
    }
  }
}

const deadlines = new Deadlines();

function failureOf(error: unknown, out: OutgoingRequest, deadline: Deadline): QuickBloxError {
  if (deadline.passed) {
    const host = hostOf(out.url);
    return new QuickBloxError('timeout', `No complete answer from ${host} within ${out.timeoutMs} ms`, { host, timeoutMs: out.timeoutMs });
  }
  if (out.signal?.aborted) return cancelledError();
  return fetchFailure(error, out.url);
}

function fetchFailure(error: unknown, url: string): QuickBloxError {
  const failure = error as { type?: string; code?: string; errno?: string; name?: string };
  if (failure.type === 'max-size') {
    const host = hostOf(url);
    return new QuickBloxError('bad_response', `The answer from ${host} is larger than 1 MiB`, { host, reason: 'too_large' });
  }
  return networkError(failure.code ?? failure.errno, url);
}

/** A failed connection, as facts: the system's error code and the host (the VS Code layer says what to check). */
function networkError(code: string | undefined, url: string): QuickBloxError {
  const host = hostOf(url);
  return new QuickBloxError('network', `Network error ${code ?? '(no code)'} reaching ${host}`, { host, ...(code ? { code } : {}) });
}

function cancelledError(): QuickBloxError {
  return new QuickBloxError('cancelled', 'The request was cancelled.');
}

/** The host (and port) a request goes to, as failures name it. */
export function hostOf(url: string): string {
  return new URL(url).host;
}
