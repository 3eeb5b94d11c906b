/**
 * GET and DELETE /session.json: read or end the session named by QB-Token.
 */
import { sessionJson } from '../sessions';
import type { RouteContext } from './context';
import { expirationHeader, requireSession } from './token';

export function getSession(ctx: RouteContext): void {
  const session = requireSession(ctx);
  if (session) ctx.json(200, { session: sessionJson(session, ctx.state.behaviour.sessionShape) }, expirationHeader(session));
}

export function deleteSession(ctx: RouteContext): void {
  const session = requireSession(ctx);
  if (!session) return;
  ctx.state.sessions.destroy(session.token);
  ctx.empty(200);
}
