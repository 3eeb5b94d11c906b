/**
 * Requests authenticated by a `QB-Token` header. A valid token slides its expiry and the answer
 * carries a fresh `QB-Token-ExpirationDate`.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { tokenExpirationText } from '../clock';
import { qbErrors } from '../respond';
import { expiresAt, type SessionRecord } from '../sessions';
import type { RouteContext } from './context';

export function expirationHeader(session: SessionRecord): OutgoingHttpHeaders {
  return { 'QB-Token-ExpirationDate': tokenExpirationText(expiresAt(session)) };
}

/** The live session named by QB-Token, touched; or undefined after answering 401. */
export function requireSession(ctx: RouteContext): SessionRecord | undefined {
  const token = ctx.header('qb-token')?.trim();
  const now = ctx.nowMs();
  const session = token ? ctx.state.sessions.find(token, now) : undefined;
  if (!session) {
    ctx.json(401, qbErrors.noSession());
    return undefined;
  }
  ctx.state.sessions.touch(session, now);
  return session;
}
