/**
 * Writing answers: every one carries a `Date` header from the server clock (Node's own Date header
 * is switched off), JSON bodies as `application/json; charset=utf-8`.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { httpDate } from './clock';

export const JSON_TYPE = 'application/json; charset=utf-8';

export type ErrorBody = { errors: string[] } | { errors: Record<string, string[]> };

/** The QuickBlox error bodies (see shared/quickblox-api.md). */
export const qbErrors = {
  /** A wrong application id / auth key, and equally wrong user credentials: the same array body. */
  unauthorized: (): ErrorBody => ({ errors: ['Unauthorized'] }),
  unexpectedSignature: (): ErrorBody => ({ errors: { base: ['Unexpected signature'] } }),
  badTimestamp: (): ErrorBody => ({ errors: { base: ['Bad timestamp'] } }),
  noSession: (): ErrorBody => ({ errors: { base: ['Required session does not exist'] } }),
  needUser: (): ErrorBody => ({ errors: { base: ['Forbidden. Need user.'] } }),
  invalidBody: (): ErrorBody => ({ errors: { base: ['Invalid request body'] } }),
  notFound: (): ErrorBody => ({ errors: ['Not found'] }),
  methodNotAllowed: (): ErrorBody => ({ errors: ['Method Not Allowed'] }),
  tooLarge: (): ErrorBody => ({ errors: { base: ['Request body too large'] } }),
  field: (name: string, message: string): ErrorBody => ({ errors: { [name]: [message] } }),
  base: (message: string): ErrorBody => ({ errors: { base: [message] } }),
  plain: (message: string): ErrorBody => ({ errors: [message] }),
};

export function baseHeaders(nowMs: number, extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  return { Date: httpDate(nowMs), ...extra };
}

export function sendJson(res: ServerResponse, nowMs: number, status: number, body: unknown, extra: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, baseHeaders(nowMs, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...extra }));
  res.end(text);
}

export function sendEmpty(res: ServerResponse, nowMs: number, status: number, extra: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, baseHeaders(nowMs, { 'Content-Length': 0, ...extra }));
  res.end();
}
