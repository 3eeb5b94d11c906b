import { destroySession, isQuickBloxError, type SessionResult } from '../../core';
import { config } from '../../host/config';
import type { Profile } from '../../profiles/profile';
import type { SessionDeps } from './sessionDeps';
import { userAgent } from '../../host/userAgent';
import { tokenLabel } from '../store/trackedSession';
import { sessions } from '../../feedback/messages';

/**
 * The profile was deleted while its session was being created, so the session store kept nothing:
 * the new session is ended on the server (best effort) rather than left alive with a token no
 * one can see, and the person is told in one sentence.
 */
export async function endSessionOfDeletedProfile(
  deps: Pick<SessionDeps, 'documents' | 'prompts' | 'log' | 'clock'>,
  profile: Profile,
  created: SessionResult,
): Promise<void> {
  const prefix = tokenLabel(created.session.token);
  let ended = false;
  try {
    const answer = await destroySession({
      endpoint: profile.endpoint,
      token: created.session.token,
      timeoutMs: config.requestTimeoutMs(),
      now: deps.clock.now,
      userAgent: userAgent(),
    });
    deps.documents.record(sessions.deletedProfileDocument(profile.name, true), answer, { quiet: true });
    ended = true;
  } catch (error) {
    if (!isQuickBloxError(error)) throw error;
    deps.documents.record(sessions.deletedProfileDocument(profile.name, false), error, { error, quiet: true });
  }
  const message = ended ? sessions.deletedProfileSessionEnded(profile.name, prefix) : sessions.deletedProfileSessionNotEnded(profile.name, prefix);
  if (ended) deps.log.info(message);
  else deps.log.warn(message);
  void deps.prompts.ask(ended ? 'warning' : 'error', message);
}
