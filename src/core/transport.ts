import fetch from 'node-fetch';
import { QuickBloxError } from './errors';
import type { RequestRecord, ResponseRecord } from './exchange';

/** Responses larger than this end in `bad_response` instead of filling memory. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface OutgoingRequest {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The redacted description carried by results and errors. */
  record: RequestRecord;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Sends one request and reads the whole answer, whatever its status. Ends in a
 * `QuickBloxError` (`network`, `timeout`, `cancelled`, `bad_response` for oversize bodies), never
 * in a hang or a bare exception.
 */
export async function send(out: OutgoingRequest): Promise<ResponseRecord> {
  const { record } = out;
  if (out.signal?.aborted) throw cancelledError(record);
  const deadline = new Deadline(out.timeoutMs, out.signal);
  const started = performance.now();
  try {
    const response = await fetch(out.url, {
      method: out.method,
      headers: out.headers,
      body: out.body,
      redirect: 'manual',
      size: MAX_RESPONSE_BYTES,
      // node-fetch's typings name their own AbortSignal; Node's is the one it checks for.
      signal: deadline.signal as unknown as import('node-fetch').RequestInit['signal'],
    });
    const body = await response.text();
    // Lower-case names, each with its values joined as Headers.get joins them (raw() is node-fetch's own table, read, never changed).
    const raw = response.headers.raw();
    const headers: Record<string, string> = {};
    for (const name of Object.keys(raw)) headers[name.toLowerCase()] = raw[name].join(', ');
    return { status: response.status, statusText: response.statusText, headers, body, durationMs: performance.now() - started };
  } catch (error) {
    if (deadline.passed) {
      const host = hostOf(out.url);
      throw new QuickBloxError('timeout', `No complete answer from ${host} within ${out.timeoutMs} ms`, { request: record, host, timeoutMs: out.timeoutMs });
    }
    if (out.signal?.aborted) throw cancelledError(record);
    throw fetchFailure(error, out.url, record);
  } finally {
    deadline.end();
  }
}

/**
 * The one signal node-fetch is given: it fires when the timeout passes or when the caller cancels.
 * node-fetch then stops the request itself, before the answer or while its body is read, whatever
 * agent carries it. (VS Code's proxy support swaps the agent of every request to a host other than
 * `localhost` or 127.0.0.1, so an agent of ours would not see the request there.)
 */
class Deadline {
  passed = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCancel: (() => void) | undefined;

  constructor(
    timeoutMs: number,
    private readonly cancel: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.passed = true;
      this.controller.abort();
    }, timeoutMs);
    if (cancel) {
      this.onCancel = () => this.controller.abort();
      cancel.addEventListener('abort', this.onCancel);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  end(): void {
    clearTimeout(this.timer);
    if (this.onCancel) this.cancel?.removeEventListener('abort', this.onCancel);
  }
}

function fetchFailure(error: unknown, url: string, record: RequestRecord): QuickBloxError {
  const failure = error as { type?: string; code?: string; errno?: string; name?: string };
  if (failure.type === 'max-size') {
    const host = hostOf(url);
    return new QuickBloxError('bad_response', `The answer from ${host} is larger than 1 MiB`, { request: record, host, reason: 'too_large' });
  }
  return networkError(failure.code ?? failure.errno, url, record);
}

/** A failed connection, as facts: the system's error code and the host (the VS Code layer says what to check). */
function networkError(code: string | undefined, url: string, record: RequestRecord): QuickBloxError {
  const host = hostOf(url);
  return new QuickBloxError('network', `Network error ${code ?? '(no code)'} reaching ${host}`, { request: record, host, ...(code ? { code } : {}) });
}

function cancelledError(record: RequestRecord): QuickBloxError {
  return new QuickBloxError('cancelled', 'The request was cancelled.', { request: record });
}

function hostOf(url: string): string {
  return new URL(url).host;
}
