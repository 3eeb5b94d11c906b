/**
 * POST /chat/Dialog.json: one write endpoint, to model token rights. Application-session tokens
 * are read-only; a write needs a user session.
 */
import { randomBytes } from 'node:crypto';
import { isoSeconds } from '../clock';
import { textParam } from '../params';
import { qbErrors } from '../respond';
import type { RouteContext } from './context';
import { expirationHeader, requireSession } from './token';

const GROUP_DIALOG = 2;

export function createDialog(ctx: RouteContext): void {
  const session = requireSession(ctx);
  if (!session) return;
  const headers = expirationHeader(session);
  // 422 or 403: both are reported; the behaviour switch picks one (422 by default).
  if (session.userId === 0) return ctx.json(ctx.state.behaviour.needUserStatus, qbErrors.needUser(), headers);
  const params = ctx.params;
  if (!params) return ctx.json(400, qbErrors.invalidBody(), headers);
  const typeText = textParam(params, 'type');
  const type = typeText === undefined ? GROUP_DIALOG : Number(typeText);
  if (![1, 2, 3].includes(type)) return ctx.json(422, qbErrors.field('type', 'is invalid'), headers);
  const now = isoSeconds(ctx.nowMs());
  ctx.json(
    201,
    {
      _id: randomBytes(12).toString('hex'),
      name: textParam(params, 'name') ?? 'Sandbox dialog',
      type,
      user_id: session.userId,
      occupants_ids: [session.userId],
      created_at: now,
      updated_at: now,
    },
    headers,
  );
}
