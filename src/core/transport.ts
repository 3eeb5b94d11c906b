import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
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
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, out.timeoutMs);
  const cancel = (): void => controller.abort();
  out.signal?.addEventListener('abort', cancel, { once: true });
  let cutShort = false;
  const watch: RequestWatcher = (request) =>
    request.once('response', (incoming: IncomingMessage) =>
      incoming.once('close', () => {
        if (!incoming.complete) {
          cutShort = true;
          controller.abort();
        }
      }),
    );
  watchRequests();
  const started = performance.now();
  try {
    const response = await inFlight.run(watch, () =>
      fetch(out.url, {
        method: out.method,
        headers: out.headers,
        body: out.body,
        redirect: 'manual',
        size: MAX_RESPONSE_BYTES,
        // node-fetch's typings name their own AbortSignal; Node's is the one it checks for.
        signal: controller.signal as unknown as import('node-fetch').RequestInit['signal'],
      }),
    );
    const body = await response.text();
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, statusText: response.statusText, headers, body, durationMs: performance.now() - started };
  } catch (error) {
    if (timedOut) {
      const host = hostOf(out.url);
      throw new QuickBloxError('timeout', `No complete answer from ${host} within ${out.timeoutMs} ms`, { request: record, host, timeoutMs: out.timeoutMs });
    }
    if (out.signal?.aborted) throw cancelledError(record);
    if (cutShort) {
      throw networkError('ERR_STREAM_PREMATURE_CLOSE', out.url, record);
    }
    throw fetchFailure(error, out.url, record);
  } finally {
    clearTimeout(timer);
    out.signal?.removeEventListener('abort', cancel);
  }
}

type RequestWatcher = (request: ClientRequest) => void;

/**
 * node-fetch 2 waits forever for a body that a server cuts short by closing the connection
 * cleanly. Node announces every outgoing request on a diagnostics channel; the request being sent
 * in this async context is watched, and a response closed before it was complete ends the fetch.
 */
const inFlight = new AsyncLocalStorage<RequestWatcher>();
let watching = false;

function watchRequests(): void {
  if (watching) return;
  watching = true;
  subscribe('http.client.request.start', (message) => inFlight.getStore()?.((message as { request: ClientRequest }).request));
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
