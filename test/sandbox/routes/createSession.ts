/**
 * POST /session.json: the checks QuickBlox makes, in order — required fields, application and
 * auth key, signature, timestamp window, nonce replay, then the user part.
 */
import { tokenExpirationText } from '../clock';
import { textParam } from '../params';
import { qbErrors } from '../respond';
import { expiresAt, sessionJson } from '../sessions';
import { verifySignature } from '../signature';
import { sameSecret } from '../users';
import type { RouteContext } from './context';
import { parseSignIn, resolveSignIn } from './credentials';

const REQUIRED = ['application_id', 'auth_key', 'timestamp', 'nonce', 'signature'] as const;
/** How far `timestamp` may be from the server clock, either way. */
export const TIMESTAMP_WINDOW_SECONDS = 3600;

function positiveInteger(text: string): number | undefined {
  if (!/^\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Any integer, negative ones too: the Android SDK draws nonces with Random.nextInt(). */
function integer(text: string): number | undefined {
  if (!/^-?\d{1,16}$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function createSession(ctx: RouteContext): void {
  const params = ctx.params;
  if (!params) return ctx.json(400, qbErrors.invalidBody());

  const values: Partial<Record<(typeof REQUIRED)[number], string>> = {};
  for (const name of REQUIRED) {
    const value = textParam(params, name);
    if (value === undefined) return ctx.json(422, qbErrors.field(name, 'is missing'));
    values[name] = value;
  }
  const { application_id: appIdText = '', auth_key: authKey = '', timestamp: tsText = '', nonce: nonceText = '', signature = '' } = values;

  const appId = positiveInteger(appIdText);
  const app = appId === undefined ? undefined : ctx.state.appById(appId);
  if (!app || !sameSecret(app.authKey, authKey)) return ctx.json(401, qbErrors.unauthorized());

  if (!verifySignature(params, signature, app.authSecret)) return ctx.json(422, qbErrors.unexpectedSignature());

  const now = ctx.nowMs();
  const nowSeconds = Math.floor(now / 1000);
  const ts = positiveInteger(tsText);
  if (ts === undefined || Math.abs(ts - nowSeconds) > TIMESTAMP_WINDOW_SECONDS) return ctx.json(422, qbErrors.badTimestamp());

  const nonce = integer(nonceText);
  if (nonce === undefined) return ctx.json(422, qbErrors.field('nonce', 'is invalid'));
  // What a replay gets is not documented; the sandbox answers it as a signature problem (see README).
  if (!ctx.state.nonces.accept(app.applicationId, ts, nonce, nowSeconds)) return ctx.json(422, qbErrors.unexpectedSignature());

  const signIn = parseSignIn(params);
  if (!signIn.ok) return ctx.json(signIn.status, signIn.body);
  let userId = 0;
  if (signIn.value.kind !== 'none') {
    const user = resolveSignIn(ctx, app, signIn.value);
    if (!user) return ctx.json(401, qbErrors.unauthorized());
    userId = user.id;
  }

  const behaviour = ctx.state.behaviour;
  const session = ctx.state.sessions.create({ applicationId: app.applicationId, userId, nonce, ts }, now, behaviour.tokenFormat);
  ctx.json(201, { session: sessionJson(session, behaviour.sessionShape) }, { 'QB-Token-ExpirationDate': tokenExpirationText(expiresAt(session)) });
}
