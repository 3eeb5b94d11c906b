import { createSession, destroySession, isQuickBloxError } from '../../core';
import { config } from '../../host/config';
import type { Profile } from '../../profiles/profile';
import type { SessionDeps } from './sessionDeps';
import { userAgent } from '../../host/userAgent';

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
  const services = this.deps;
  const asked = 'To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile';
  const secrets = await services.profiles.secretsOf(profile.id);
  if (!secrets) return { refused: 'unknown', note: `${asked}: not possible, since the profile's keys are missing from secret storage.` };
  const base = { endpoint: profile.endpoint, timeoutMs: config.requestTimeoutMs(), userAgent: userAgent() };
  try {
    const probe = await createSession({ ...base, applicationId: profile.applicationId, authKey: secrets.authKey, authSecret: secrets.authSecret, hash: profile.hash, auth: { type: 'application' }, now: services.clockSkew.signingClock() });
    services.documents.record(`${profile.name} check: application session (extra request)`, probe, { quiet: true });
    try {
      const ended = await destroySession({ ...base, token: probe.session.token, now: services.clock.now });
      services.documents.record(`${profile.name} check: that session destroyed`, ended, { quiet: true });
    } catch (error) {
      if (!isQuickBloxError(error)) throw error;
      services.documents.record(`${profile.name} check: destroying that session failed`, error, { error, quiet: true });
    }
    return { refused: 'user', note: `${asked}, and destroyed right after: QuickBlox accepted it, so it refused the user's credentials.` };
  } catch (error) {
    if (!isQuickBloxError(error)) throw error;
    services.documents.record(`${profile.name} check: application session (extra request) failed`, error, { error, quiet: true });
    if (error.kind === 'unauthorized') return { refused: 'application', note: `${asked}: QuickBlox refused it too, so the application id or auth key is wrong.` };
    return { refused: 'unknown', note: `${asked}: it failed for another reason (${error.kind}), so which credentials were refused is not known.` };
  }
}
}
