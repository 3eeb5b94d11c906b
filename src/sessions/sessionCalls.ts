import { isQuickBloxError, type ExchangeResult, type TokenRequest } from '../core';
import { config } from '../config';
import { explainFailure } from '../failures';
import type { Profile } from '../profiles/profile';
import type { Services } from '../services';
import { userAgent } from '../userAgent';
import { runFailureAction } from './failureActions';
import { recordExchange, withRequestProgress } from './progress';
import { recreateSession } from './recreate';
import { reportClockSkew } from './skewNotice';
import { sessionTitle, type TrackedSession } from './trackedSession';

export interface CallOptions {
  /** Keep-alive: no progress notification; only "session gone" is reported to the person. */
  quiet?: boolean;
  /** Destroy: a session the server no longer knows is what was wanted. */
  goneIsFine?: boolean;
}

export type CallOutcome<T> = { ok: true; value: T; profile: Profile; responseId: string } | { ok: false; gone: boolean };

/**
 * One call made with a tracked session's token (retrieve, destroy, sign in or out). Every answer
 * that carries `QB-Token-ExpirationDate` moves the session's expiry; "Required session does not
 * exist" marks it expired and offers Recreate (or recreates it under `quickblox.autoRecreate`).
 */
export async function callWithSession<T extends ExchangeResult>(
  services: Services,
  session: TrackedSession,
  what: string,
  call: (base: TokenRequest) => Promise<T>,
  options: CallOptions = {},
): Promise<CallOutcome<T>> {
  const profile = services.profiles.get(session.profileId);
  const token = await services.sessions.token(session.id);
  const name = `${profile?.name ?? 'deleted profile'} · ${sessionTitle(session)}`;
  if (!profile || !token) {
    const message = !profile
      ? `The profile of the session ${name} (${session.tokenPrefix}) was deleted: forget the session, or create a new one.`
      : `The token of the session ${name} is no longer stored: create a new session.`;
    services.lastFailure = message;
    void services.prompts.ask('error', message);
    return { ok: false, gone: false };
  }
  const secrets = await services.profiles.secretsOf(profile.id);
  const base: TokenRequest = {
    endpoint: profile.endpoint,
    token,
    ...(secrets?.accountKey ? { accountKey: secrets.accountKey } : {}),
    timeoutMs: config.requestTimeoutMs(),
    now: services.now,
    userAgent: userAgent(),
  };
  try {
    const value = await withRequestProgress(options.quiet ? undefined : `${what} (${name})`, (signal) => call({ ...base, signal }));
    services.clockSkew.record(value.clockSkewSeconds, 0);
    const responseId = recordExchange(services, `${profile.name} ${what}`, value);
    await services.sessions.update(session.id, { checkedAt: services.now(), ...(value.tokenExpiresAt ? { expiresAt: value.tokenExpiresAt.getTime() } : {}) });
    reportClockSkew(services);
    return { ok: true, value, profile, responseId };
  } catch (error) {
    if (!isQuickBloxError(error)) throw error;
    services.clockSkew.record(error.clockSkewSeconds, 0);
    const responseId = recordExchange(services, `${profile.name} ${what} failed`, error, error);
    if (error.kind === 'cancelled') return { ok: false, gone: false };
    if (error.kind === 'session_missing') {
      await services.sessions.update(session.id, { expiresAt: Math.min(session.expiresAt, services.now()) });
      if (options.goneIsFine) return { ok: false, gone: true };
      if (config.autoRecreate()) {
        services.log.info(`The session ${session.tokenPrefix} no longer exists on the server: recreating it (quickblox.autoRecreate)`);
        await recreateSession(services, session);
        return { ok: false, gone: true };
      }
    } else if (options.quiet) {
      services.log.warn(`${what} for ${session.tokenPrefix} failed: ${error.message}`);
      return { ok: false, gone: false };
    }
    const explained = explainFailure(error, `${what} failed for ${name}`, { forSession: true });
    services.lastFailure = explained.message;
    void services.prompts.ask('error', explained.message, explained.actions).then((action) =>
      runFailureAction(services, action, {
        profile,
        responseId,
        setting: explained.setting,
        sessionId: session.id,
        retry: () => callWithSession(services, session, what, call, options),
        recreate: () => recreateSession(services, session),
      }),
    );
    return { ok: false, gone: error.kind === 'session_missing' };
  }
}
