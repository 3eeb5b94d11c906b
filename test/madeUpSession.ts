import type { SessionResult } from '../src/core';

const TWO_HOURS = 2 * 60 * 60_000;

/** A made-up answer to POST /session.json as the core returns it, for tests of the session store. */
export function madeUpSessionResult(sessionId: number, token: string, now: number, options: { applicationId?: number; userId?: number } = {}): SessionResult {
  const at = new Date(now).toISOString();
  return {
    session: {
      application_id: options.applicationId ?? 12345,
      created_at: at,
      id: sessionId,
      nonce: 1,
      token,
      ts: Math.floor(now / 1000),
      updated_at: at,
      user_id: options.userId ?? 0,
      _id: `s${sessionId}`,
      extra: {},
    },
    expiresAt: new Date(now + TWO_HOURS),
    expiresAtLocal: new Date(now + TWO_HOURS),
    request: { method: 'POST', url: 'https://api.example.com/session.json', headers: {} },
    response: { status: 201, statusText: 'Created', headers: {}, body: '{}', durationMs: 1 },
  };
}
