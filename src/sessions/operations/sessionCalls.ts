import {
  isQuickBloxError,
  localExpiry,
  parseExpirationDate,
  SESSION_LIFETIME_MS,
  type ExchangeResult,
  type QuickBloxError,
  type SessionAuthType,
  type TokenRequest,
} from '../../core';
import { config } from '../../host/config';
import { explainFailure } from '../../feedback/failures';
import { confirmEndpoint } from '../../profiles/endpointTrust';
import type { CredentialProbe } from './credentialProbe';
import type { Profile } from '../../profiles/profile';
import type { SessionDeps } from './sessionDeps';
import { userAgent } from '../../host/userAgent';
import { showFailure } from '../../feedback/failureActions';
import { withRequestProgress } from '../../feedback/progress';
import { reportClockSkew } from '../../feedback/skewNotice';
import { sessionTitle, type TrackedSession } from '../store/trackedSession';
import { progress, sessions as messages } from '../../feedback/messages';

/** What a call does when the server no longer knows its session; given by the session operations. */
export interface Recreation {
  recreate(session: TrackedSession): Promise<TrackedSession | undefined>;
  canRecreateUnattended(session: TrackedSession): Promise<boolean>;
}

export interface CallOptions {
  /** Keep-alive: no progress notification; only "session gone" is reported to the person. */
  quiet?: boolean;
  /** Destroy: a session the server no longer knows is what was wanted. */
  goneIsFine?: boolean;
  /** This is already the one retry a rate limit allows. */
  retriedAfterLimit?: boolean;
  /** The whole operation again (the call and what follows it), for Retry. */
  redo?: (options: CallOptions) => Promise<unknown>;
  /** A sign-in (`POST /login.json`): who signs in, to name what a 401 refused. */
  signIn?: { kind: SessionAuthType; identifier?: string };
  /** Asks for the refused sign-in inputs again. */
  reenter?: () => Thenable<unknown> | Promise<unknown>;
}

export type CallOutcome<T> = { ok: true; value: T; profile: Profile; responseId: string } | { ok: false; gone: boolean };

/**
 * Calls made with a tracked session's token (retrieve, destroy, sign in or out). Every answer
 * moves the session's expiry (`QB-Token-ExpirationDate`, else two hours, as the server slides it);
 * "Required session does not exist" marks it expired and offers Recreate (or recreates it under
 * `quickblox.autoRecreate`).
 */
export class SessionCalls {
  constructor(
    private readonly deps: SessionDeps,
    private readonly probe: CredentialProbe,
    private readonly recreation: Recreation,
  ) {}

  async call<T extends ExchangeResult>(
    session: TrackedSession,
    what: string,
    call: (base: TokenRequest) => Promise<T>,
    options: CallOptions = {},
  ): Promise<CallOutcome<T>> {
    const deps = this.deps;
    const profile = deps.profiles.get(session.profileId);
    const token = await deps.sessions.token(session.id);
    const name = messages.named(profile?.name, sessionTitle(session));
    if (!profile || !token) {
      const message = !profile ? messages.profileDeletedOf(name, session.tokenPrefix) : messages.tokenNotStoredOf(name);
      void deps.prompts.ask('error', message);
      return { ok: false, gone: false };
    }
    const quiet = options.quiet ?? false;
    if (!(await confirmEndpoint(deps, profile, quiet))) return { ok: false, gone: false };
    // The account key is not sent here: QuickBlox's SDKs send it only to look up the account's endpoint.
    const base: TokenRequest = {
      endpoint: profile.endpoint,
      token,
      timeoutMs: config.requestTimeoutMs(),
      now: deps.clock.now,
      userAgent: userAgent(),
    };
    try {
      const value = await withRequestProgress(quiet ? undefined : progress.onSession(what, name), (signal) => call({ ...base, signal }));
      deps.clockSkew.record(value.clockSkewSeconds, 0);
      const responseId = deps.documents.record(progress.document(profile.name, what), value, { quiet });
      const expiresAt = value.tokenExpiresAt?.getTime() ?? deps.clock.now() + SESSION_LIFETIME_MS;
      await deps.sessions.update(session.id, { checkedAt: deps.clock.now(), expiresAt });
      reportClockSkew(deps);
      return { ok: true, value, profile, responseId };
    } catch (error) {
      if (!isQuickBloxError(error)) throw error;
      deps.clockSkew.record(error.clockSkewSeconds, 0);
      // A 401 on a sign-in reads the same for a wrong password and a wrong auth key: one extra request tells which.
      const probe = !quiet && error.kind === 'unauthorized' && error.status === 401 && error.userCredentialsSent ? await this.probe.whose(profile) : undefined;
      const responseId = deps.documents.record(progress.documentFailed(profile.name, what), error, { error, quiet, notes: probe ? [probe.note] : [] });
      if (error.kind === 'cancelled') return { ok: false, gone: false };
      if (error.kind === 'session_missing') return this.sessionGone(session, options);
      // Any other answer that names the expiry still moved it.
      const stated = expiryOf(error);
      if (stated !== undefined) await deps.sessions.update(session.id, { expiresAt: stated });
      reportClockSkew(deps);
      if (quiet) {
        deps.log.warn(`${what} for ${session.tokenPrefix} failed: ${error.message}`);
        return { ok: false, gone: false };
      }
      const explained = explainFailure(error, messages.failedFor(what, name), {
        forSession: true,
        retriedAfterLimit: options.retriedAfterLimit,
        ...(options.signIn ? { signIn: options.signIn } : {}),
        ...(probe ? { refused: probe.refused } : {}),
        ...(deps.localSandbox.isStoppedProfile(profile.id) ? { localSandboxStopped: true } : {}),
      });
      const again = (next: CallOptions): Promise<unknown> => (options.redo ? options.redo(next) : this.call(session, what, call, next));
      showFailure(deps, explained, {
        profile,
        responseId,
        sessionId: session.id,
        retry: () => again({ ...options, retriedAfterLimit: undefined }),
        retryAfterLimit: () => again({ ...options, retriedAfterLimit: true }),
        retryAfterSeconds: error.retryAfterSeconds,
        recreate: () => this.recreation.recreate(session),
        ...(options.reenter ? { reenter: options.reenter } : {}),
      });
      return { ok: false, gone: false };
    }
  }

  /** The server no longer knows the session: it shows as expired here, and Recreate is offered or done. */
  private async sessionGone(session: TrackedSession, options: CallOptions): Promise<CallOutcome<never>> {
    const deps = this.deps;
    const still = deps.sessions.get(session.id);
    // Destroyed, being destroyed, or forgotten meanwhile: nothing to bring back.
    if (!still || (deps.sessions.isEnding(session.id) && !options.goneIsFine)) return { ok: false, gone: true };
    // checkedAt at or after the expiry records that the server itself said the session is gone.
    await deps.sessions.update(session.id, { expiresAt: Math.min(still.expiresAt, deps.clock.now()), checkedAt: deps.clock.now() });
    if (options.goneIsFine) return { ok: false, gone: true };
    // Unattended (keep-alive) recreation never asks for input out of nowhere.
    if (config.autoRecreate() && (!options.quiet || (await this.recreation.canRecreateUnattended(still)))) {
      deps.log.info(`The session ${session.tokenPrefix} no longer exists on the server: recreating it (quickblox.autoRecreate)`);
      await this.recreation.recreate(still);
      return { ok: false, gone: true };
    }
    const profile = deps.profiles.get(session.profileId);
    const message = messages.goneOnServer(messages.named(profile?.name, sessionTitle(session)), session.tokenPrefix);
    const choices = [
      { id: 'recreate' as const, label: messages.recreateSession() },
      { id: 'forget' as const, label: messages.forgetSession() },
    ];
    void deps.prompts.choose('error', message, choices).then(async (action) => {
      if (action === 'recreate') await this.recreation.recreate(still);
      if (action === 'forget') await deps.sessions.forget([session.id]);
    });
    return { ok: false, gone: true };
  }
}

function expiryOf(error: QuickBloxError): number | undefined {
  const stated = parseExpirationDate(error.response?.headers['qb-token-expirationdate']);
  return stated ? localExpiry(stated, error.clockSkewSeconds).getTime() : undefined;
}
