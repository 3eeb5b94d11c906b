import { createSession, destroySession, isQuickBloxError } from '../../core';
import { config } from '../../host/config';
import type { Profile } from '../../profiles/profile';
import type { SessionDeps } from './sessionDeps';
import { userAgent } from '../../host/userAgent';
import { probe } from '../../feedback/messages';

/** Whose credentials a 401 on a sign-in refused: the user's, the application's, or not known. */
export type Refused = 'user' | 'application' | 'unknown';

/**
 * QuickBlox answers a wrong user password exactly as it answers a wrong auth key (401
 * `{"errors":["Unauthorized"]}`). To tell which, one application session is requested with the
 * same profile: accepted, the user's credentials were refused; refused, the application's. That
 * session is destroyed right away. Both requests are kept as response documents, and the note
 * returned says what was done, for the failure's own document.
 */
export class CredentialProbe {
  constructor(private readonly deps: Pick<SessionDeps, 'profiles' | 'documents' | 'clock' | 'clockSkew'>) {}

  async whose(profile: Profile): Promise<{ refused: Refused; note: string }> {
    const deps = this.deps;
    const secrets = await deps.profiles.secretsOf(profile.id);
    if (!secrets) return { refused: 'unknown', note: probe.noKeys() };
    const base = { endpoint: profile.endpoint, timeoutMs: config.requestTimeoutMs(), userAgent: userAgent() };
    try {
      const created = await createSession({
        ...base,
        applicationId: profile.applicationId,
        authKey: secrets.authKey,
        authSecret: secrets.authSecret,
        hash: profile.hash,
        auth: { type: 'application' },
        now: deps.clockSkew.signingClock(),
      });
      deps.documents.record(probe.created(profile.name), created, { quiet: true });
      try {
        const ended = await destroySession({ ...base, token: created.session.token, now: deps.clock.now });
        deps.documents.record(probe.destroyed(profile.name), ended, { quiet: true });
      } catch (error) {
        if (!isQuickBloxError(error)) throw error;
        deps.documents.record(probe.notDestroyed(profile.name), error, { error, quiet: true });
      }
      return { refused: 'user', note: probe.userRefused() };
    } catch (error) {
      if (!isQuickBloxError(error)) throw error;
      deps.documents.record(probe.failed(profile.name), error, { error, quiet: true });
      if (error.kind === 'unauthorized') return { refused: 'application', note: probe.applicationRefused() };
      return { refused: 'unknown', note: probe.unknown(error.kind) };
    }
  }
}
