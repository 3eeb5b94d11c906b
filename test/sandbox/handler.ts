/**
 * One request, start to end: read the body (capped), answer control requests, otherwise record
 * the request, apply the next matching fault, and route it. Nothing a client sends may throw
 * out of here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './body';
import { handleControl, isControlPath, parseControlJson } from './control';
import { performFault } from './faultResponses';
import { BodyError, parseBody, type Params } from './params';
import { qbErrors, sendJson } from './respond';
import { RouteContext } from './routes/context';
import { route } from './routes';
import type { SandboxState } from './state';

/** One line of the request log (no bodies, headers or query strings, so no secrets). */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** undefined when the connection ended without a complete answer (reset, hang, client gone). */
  status: number | undefined;
  ms: number;
}

export interface HandlerOptions {
  state: SandboxState;
  baseUrl: () => string;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Whether /_sandbox/... is the control API; when false those are unknown paths like any other. */
  controlApi: boolean;
  /** When given, a request whose Host header it refuses gets 421 and nothing else happens. */
  hostAllowed?: (hostHeader: string | undefined) => boolean;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function failSafe(res: ServerResponse, state: SandboxState): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  try {
    sendJson(res, state.clock.nowMs(), 500, qbErrors.plain('Internal Server Error'));
  } catch {
    res.destroy();
  }
}

function pathOf(rawUrl: string | undefined): { path: string; query: string } | undefined {
  try {
    const target = rawUrl ?? '/';
    // Origin-form ('/path', even '//path') is a path; anything else (absolute-form) a full URL.
    const url = new URL(target.startsWith('/') ? `http://sandbox.invalid${target}` : target);
    return { path: url.pathname, query: url.search.replace(/^\?/, '') };
  } catch {
    return undefined;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HandlerOptions): Promise<void> {
  const { state } = options;
  if (options.hostAllowed && !options.hostAllowed(req.headers.host)) {
    return sendJson(res, state.clock.nowMs(), 421, qbErrors.plain('Misdirected Request'), { Connection: 'close' });
  }
  const method = req.method ?? 'GET';
  const target = pathOf(req.url);
  if (!target) return sendJson(res, state.clock.nowMs(), 400, qbErrors.base('Invalid request target'), { Connection: 'close' });
  const { path, query } = target;

  const body = await readBody(req);
  if (body.kind === 'aborted') {
    res.destroy();
    return;
  }
  if (body.kind === 'too_large') {
    sendJson(res, state.clock.nowMs(), 413, qbErrors.tooLarge(), { Connection: 'close' });
    if (body.closeConnection) res.once('finish', () => req.socket.destroy());
    return;
  }

  if (options.controlApi && isControlPath(path)) {
    let parsed: { ok: true; value: unknown } | { ok: false; error: string };
    try {
      parsed = { ok: true, value: parseControlJson(body.text) };
    } catch (err) {
      parsed = { ok: false, error: errorMessage(err) };
    }
    return handleControl({ req, res, path, body: parsed, state });
  }

  let params: Params | undefined;
  let bodyError: string | undefined;
  try {
    params = parseBody(req.headers['content-type'], body.text);
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    bodyError = err.message;
  }
  state.record({ method, path, query, headers: { ...req.headers }, body: params, ...(bodyError ? { bodyError } : {}), receivedAt: state.clock.nowMs() });

  const ctx = new RouteContext(req, res, state, path, params, options.baseUrl());
  const proceed = (): void => {
    try {
      route(ctx);
    } catch {
      failSafe(res, state);
    }
  };
  const fault = state.faults.take(method, path);
  if (!fault) return proceed();
  const firstApp = state.fixtures.apps[0];
  performFault(fault, { res, nowMs: () => state.clock.nowMs(), applicationId: firstApp?.applicationId ?? 0, proceed, timers: state.timers });
}

export function createRequestHandler(options: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    res.sendDate = false; // every answer sets Date from the sandbox's clock
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    if (options.onRequest) {
      const log = options.onRequest;
      res.once('close', () => {
        const status = res.writableFinished ? res.statusCode : undefined;
        log({ method: req.method ?? 'GET', path: pathOf(req.url)?.path ?? '?', status, ms: Math.round(performance.now() - started) });
      });
    }
    handle(req, res, options).catch(() => failSafe(res, options.state));
  };
}
