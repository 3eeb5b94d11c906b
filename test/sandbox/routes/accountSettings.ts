/**
 * GET /account_settings.json: with a known QB-Account-Key, where this account's API and chat live,
 * `{api_endpoint, chat_endpoint}` (the two fields quickblox-api.md and the JS SDK's qbMain.js
 * read). `api_endpoint` is this sandbox's own URL unless the `apiEndpoint` switch names another.
 * What a missing or unknown key gets is not documented: 401 with a body that says which it was.
 */
import { qbErrors } from '../respond';
import { sameSecret } from '../users';
import type { RouteContext } from './context';

export function accountSettings(ctx: RouteContext): void {
  const key = ctx.header('qb-account-key')?.trim() ?? '';
  if (key === '') return ctx.json(401, qbErrors.field('QB-Account-Key', 'is missing'));
  const app = ctx.state.fixtures.apps.find((a) => sameSecret(a.accountKey, key));
  if (!app) return ctx.json(401, qbErrors.field('QB-Account-Key', 'is not a known account key'));
  const behaviour = ctx.state.behaviour;
  ctx.json(200, { api_endpoint: behaviour.apiEndpoint ?? ctx.baseUrl, chat_endpoint: behaviour.chatEndpoint });
}
