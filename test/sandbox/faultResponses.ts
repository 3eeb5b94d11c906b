/**
 * Carrying a fault out on one response. Everything here answers in ways a real gateway or a
 * struggling API does: odd statuses, HTML error pages, bodies cut short, far too large, or never sent.
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { isoSeconds } from './clock';
import type { FaultSpec } from './faults';
import { baseHeaders, JSON_TYPE, qbErrors, sendJson } from './respond';

const DEFAULT_OVERSIZED_BYTES = 2 * 1024 * 1024;
const STREAM_CHUNK_BYTES = 64 * 1024;

export interface FaultContext {
  res: ServerResponse;
  nowMs: () => number;
  applicationId: number;
  /** Runs the normal route (used by 'delay'). */
  proceed: () => void;
  /** Keeps timers so close() can cancel them. */
  timers: Set<NodeJS.Timeout>;
}

const GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** A plausible session object for the bodies that faults mangle. */
function fakeSessionJson(ctx: FaultContext): string {
  const now = ctx.nowMs();
  const id = 90_000_000 + (Math.floor(now / 1000) % 1_000_000);
  return JSON.stringify({
    session: {
      application_id: ctx.applicationId,
      created_at: isoSeconds(now),
      id,
      nonce: 1,
      token: randomBytes(20).toString('hex'),
      ts: Math.floor(now / 1000),
      updated_at: isoSeconds(now),
      user_id: 0,
      _id: String(id),
    },
  });
}

function retryAfterHeader(value: number | string | undefined): OutgoingHttpHeaders {
  return value === undefined ? {} : { 'Retry-After': String(value) };
}

function sendStatus(ctx: FaultContext, spec: Extract<FaultSpec, { type: 'status' }>): void {
  const body = spec.body === undefined ? qbErrors.plain(STATUS_CODES[spec.status] ?? 'Error') : spec.body;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: OutgoingHttpHeaders = { 'Content-Type': JSON_TYPE, ...spec.headers };
  ctx.res.writeHead(spec.status, baseHeaders(ctx.nowMs(), { ...headers, 'Content-Length': Buffer.byteLength(text) }));
  ctx.res.end(text);
}

function sendTruncated(ctx: FaultContext): void {
  const full = fakeSessionJson(ctx);
  const cut = full.slice(0, Math.floor(full.length / 2));
  ctx.res.writeHead(201, baseHeaders(ctx.nowMs(), { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(cut) }));
  ctx.res.end(cut);
}

/** A valid JSON session padded to `bytes`, streamed chunked (no Content-Length) with backpressure. */
function sendOversized(ctx: FaultContext, bytes: number): void {
  const session = fakeSessionJson(ctx);
  const head = `${session.slice(0, -2)},"padding":"`;
  const tail = '"}}';
  let padding = Math.max(0, bytes - head.length - tail.length);
  const { res } = ctx;
  res.writeHead(201, baseHeaders(ctx.nowMs(), { 'Content-Type': JSON_TYPE }));
  const filler = Buffer.alloc(STREAM_CHUNK_BYTES, 'x');
  let wroteHead = false;
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  const pump = (): void => {
    while (!closed && !res.destroyed) {
      let chunk: Buffer;
      if (!wroteHead) {
        wroteHead = true;
        chunk = Buffer.from(head);
      } else if (padding > 0) {
        const size = Math.min(padding, STREAM_CHUNK_BYTES);
        padding -= size;
        chunk = size === STREAM_CHUNK_BYTES ? filler : filler.subarray(0, size);
      } else {
        res.end(tail);
        return;
      }
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/**
 * Status line, headers (with the full Content-Length) and half the body, then a TCP reset (RST):
 * the client's socket fails with ECONNRESET mid-body. A short pause first lets the client read
 * what was sent, as it would from a real peer that dies mid-answer.
 */
function sendReset(ctx: FaultContext): void {
  const full = fakeSessionJson(ctx);
  const { res } = ctx;
  res.writeHead(201, baseHeaders(ctx.nowMs(), { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(full) }));
  res.write(full.slice(0, Math.floor(full.length / 2)), () => {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      const socket = res.socket;
      if (socket && !socket.destroyed) socket.resetAndDestroy();
    }, 20);
    ctx.timers.add(timer);
  });
}

export function performFault(spec: FaultSpec, ctx: FaultContext): void {
  const { res } = ctx;
  switch (spec.type) {
    case 'delay': {
      const timer = setTimeout(() => {
        ctx.timers.delete(timer);
        if (!res.destroyed) ctx.proceed();
      }, spec.ms);
      ctx.timers.add(timer);
      return;
    }
    case 'status':
      return sendStatus(ctx, spec);
    case 'rate_limit':
      // Retry-After on 429 is not documented: only sent when the fault names one.
      return sendJson(res, ctx.nowMs(), 429, qbErrors.plain('Too Many Requests'), retryAfterHeader(spec.retryAfter));
    case 'server_error':
      return sendJson(res, ctx.nowMs(), 500, qbErrors.plain('Internal Server Error'));
    case 'unavailable':
      return sendJson(res, ctx.nowMs(), 503, qbErrors.plain('Service Unavailable'), retryAfterHeader(spec.retryAfter));
    case 'html_502':
      res.writeHead(
        502,
        baseHeaders(ctx.nowMs(), {
          'Content-Type': 'text/html',
          'Content-Length': Buffer.byteLength(GATEWAY_PAGE),
          Server: 'nginx',
        }),
      );
      res.end(GATEWAY_PAGE);
      return;
    case 'truncated_json':
      return sendTruncated(ctx);
    case 'oversized':
      return sendOversized(ctx, spec.bytes ?? DEFAULT_OVERSIZED_BYTES);
    case 'reset':
      return sendReset(ctx);
    case 'hang':
      // Never answer; close() destroys the socket.
      return;
  }
}
