/**
 * The QuickBlox paths the sandbox knows. Unknown paths get 404, a known path with another method 405.
 */
import { qbErrors } from '../respond';
import { accountSettings } from './accountSettings';
import type { RouteContext } from './context';
import { createSession } from './createSession';
import { createDialog } from './dialog';
import { login, logout } from './login';
import { deleteSession, getSession } from './session';

type Handler = (ctx: RouteContext) => void;

const ROUTES: ReadonlyMap<string, Readonly<Record<string, Handler>>> = new Map<string, Readonly<Record<string, Handler>>>([
  ['/session.json', { POST: createSession, GET: getSession, DELETE: deleteSession }],
  ['/login.json', { POST: login, DELETE: logout }],
  ['/chat/Dialog.json', { POST: createDialog }],
  ['/account_settings.json', { GET: accountSettings }],
]);

export function route(ctx: RouteContext): void {
  const methods = ROUTES.get(ctx.path);
  if (!methods) return ctx.json(404, qbErrors.notFound());
  const method = ctx.req.method ?? 'GET';
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!handler) return ctx.json(405, qbErrors.methodNotAllowed(), { Allow: Object.keys(methods).join(', ') });
  handler(ctx);
}
