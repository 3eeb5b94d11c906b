/**
 * POST /login.json turns an application session into a user session; DELETE /login.json turns it
 * back. The body may be `{login|email, password}` (or the same nested under `user`),
 * `{provider: "facebook", keys: {token, secret?}}` or
 * `{provider: "firebase_phone", firebase_phone: {project_id, access_token}}`.
 */
import { qbErrors } from '../respond';
import { userJson } from '../users';
import type { RouteContext } from './context';
import { parseLoginSignIn, resolveSignIn } from './credentials';
import { expirationHeader, requireSession } from './token';

export function login(ctx: RouteContext): void {
  const session = requireSession(ctx);
  if (!session) return;
  const params = ctx.params;
  if (!params) return ctx.json(400, qbErrors.invalidBody(), expirationHeader(session));
  const app = ctx.state.appById(session.applicationId);
  const signIn = parseLoginSignIn(params);
  if (!signIn.ok) return ctx.json(signIn.status, signIn.body, expirationHeader(session));
  const user = app && resolveSignIn(ctx, app, signIn.value);
  if (!user) return ctx.json(401, qbErrors.unauthorized(), expirationHeader(session));
  session.userId = user.id;
  ctx.json(202, { user: userJson(user) }, expirationHeader(session));
}

export function logout(ctx: RouteContext): void {
  const session = requireSession(ctx);
  if (!session) return;
  session.userId = 0;
  ctx.empty(200, expirationHeader(session));
}
