import { globalAgent as httpAgent, type Agent, type ClientRequest, type IncomingMessage } from 'node:http';
import { globalAgent as httpsAgent } from 'node:https';
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
  const watch = new RequestWatch();
  const timer = setTimeout(() => watch.end('timeout'), out.timeoutMs);
  const started = performance.now();
  try {
    const response = await fetch(out.url, {
      method: out.method,
      headers: out.headers,
      body: out.body,
      redirect: 'manual',
      size: MAX_RESPONSE_BYTES,
      agent: watch.agentFor,
      // node-fetch's typings name their own AbortSignal; Node's is the one it checks for.
      ...(out.signal ? { signal: out.signal as unknown as import('node-fetch').RequestInit['signal'] } : {}),
    });
    const body = await response.text();
    // Lower-case names, each with its values joined as Headers.get joins them (raw() is node-fetch's own table, read, never changed).
    const raw = response.headers.raw();
    const headers: Record<string, string> = {};
    for (const name of Object.keys(raw)) headers[name.toLowerCase()] = raw[name].join(', ');
    return { status: response.status, statusText: response.statusText, headers, body, durationMs: performance.now() - started };
  } catch (error) {
    if (watch.ended === 'timeout') {
      const host = hostOf(out.url);
      throw new QuickBloxError('timeout', `No complete answer from ${host} within ${out.timeoutMs} ms`, { request: record, host, timeoutMs: out.timeoutMs });
    }
    if (out.signal?.aborted) throw cancelledError(record);
    if (watch.ended === 'cut_short') {
      throw networkError('ERR_STREAM_PREMATURE_CLOSE', out.url, record);
    }
    throw fetchFailure(error, out.url, record);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The one request a `send` makes, seen through the agent node-fetch asks for: a view of Node's
 * shared agent (so connections are pooled as for any request) that notes the request it is given.
 * Ending it stops the request (see `stop`), which node-fetch passes on to the body being read:
 * that is how a timeout ends a body that stalls, and how a response closed before it was complete
 * ends at once (node-fetch 2 would otherwise wait for the rest of such a body forever).
 */
class RequestWatch {
  ended: 'timeout' | 'cut_short' | undefined;
  private request: ClientRequest | undefined;

  readonly agentFor = (url: URL): Agent => {
    const shared = url.protocol === 'http:' ? httpAgent : httpsAgent;
    const view = Object.create(shared) as Agent & { addRequest(request: ClientRequest, options: unknown): void };
    view.addRequest = (request, options) => {
      this.watch(request);
      (shared as unknown as { addRequest(request: ClientRequest, options: unknown): void }).addRequest(request, options);
    };
    return view;
  };

  end(why: 'timeout' | 'cut_short'): void {
    if (this.ended) return;
    this.ended = why;
    if (this.request) stop(this.request, why);
  }

  private watch(request: ClientRequest): void {
    // node-fetch makes the request within fetch(), before any timer can fire: nothing has ended yet.
    this.request = request;
    request.once('response', (incoming: IncomingMessage) =>
      incoming.once('close', () => {
        if (!incoming.complete) this.end('cut_short');
      }),
    );
  }
}

/**
 * Ends a request for good: its socket is destroyed quietly, then node-fetch hears of it as one
 * 'error' on the request (its own listener), which fails the fetch or the body being read. Node
 * itself emits nothing once a response has closed, which is the case of a body cut short.
 */
function stop(request: ClientRequest, why: 'timeout' | 'cut_short'): void {
  request.destroy();
  request.emit('error', new Error(why === 'timeout' ? 'No complete answer within the timeout' : 'The answer was cut short'));
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
