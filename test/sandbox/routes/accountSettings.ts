/**
 * GET /account_settings.json: with a known QB-Account-Key, where this account's API and chat live.
 */
import { qbErrors } from '../respond';
import { sameSecret } from '../users';
import type { RouteContext } from './context';

export const CHAT_ENDPOINT = 'chat.sandbox.local';

export function accountSettings(ctx: RouteContext): void {
  const key = ctx.header('qb-account-key')?.trim() ?? '';
  const app = key === '' ? undefined : ctx.state.fixtures.apps.find((a) => sameSecret(a.accountKey, key));
  if (!app) return ctx.json(401, qbErrors.unauthorized());
  ctx.json(200, { api_endpoint: ctx.baseUrl, chat_endpoint: CHAT_ENDPOINT, account_id: app.accountId });
}
