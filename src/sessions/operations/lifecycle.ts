import vscode = require('vscode');
import { destroySession, getSession } from '../../core';
import type { SessionDeps } from './sessionDeps';
import type { CallOptions, SessionCalls } from './sessionCalls';
import type { TrackedSession } from '../store/trackedSession';
import { sessions as messages } from '../../feedback/messages';

/** Retrieve and Destroy: the server's view of a session, and its end. */
export class SessionLifecycle {
  constructor(
    private readonly deps: Pick<SessionDeps, 'sessions' | 'documents' | 'log'>,
    private readonly calls: SessionCalls,
  ) {}

  /** `GET /session.json`: the server's view of the session; the answer moves its expiry. */
  async retrieve(session: TrackedSession, options: CallOptions = {}): Promise<TrackedSession | undefined> {
    const deps = this.deps;
    const outcome = await this.calls.call(session, messages.retrieving(), (base) => getSession(base), {
      ...options,
      redo: (next) => this.retrieve(deps.sessions.get(session.id) ?? session, next),
    });
    if (!outcome.ok) return undefined;
    const server = outcome.value.session;
    // The core reads id and user_id only when the answer carries them; without them what is known stays.
    const updated = await deps.sessions.update(session.id, (current) => ({
      ...(server.id !== undefined ? { sessionId: server.id } : {}),
      ...(server.user_id !== undefined ? userChanges(current, server.user_id) : {}),
    }));
    deps.documents.linkSession(session.id, outcome.responseId);
    if (!options.quiet) await deps.documents.open(outcome.responseId);
    return updated;
  }

  /** `DELETE /session.json`, then forgets the session here; a session the server no longer knows is forgotten too. */
  async destroy(session: TrackedSession, options: CallOptions = {}): Promise<boolean> {
    const deps = this.deps;
    const outcome = await deps.sessions.whileEnding(session.id, async () => {
      const answer = await this.calls.call(session, messages.destroying(), (base) => destroySession(base), {
        ...options,
        goneIsFine: true,
        redo: (next) => this.destroy(session, next),
      });
      if (answer.ok || answer.gone) await deps.sessions.forget([session.id]);
      return answer;
    });
    if (!outcome.ok && !outcome.gone) return false;
    deps.log.info(`Session ${session.tokenPrefix} ${outcome.ok ? 'ended on the server' : 'already gone from the server'}; forgotten here`);
    vscode.window.setStatusBarMessage(outcome.ok ? messages.endedAndRemoved(session.tokenPrefix) : messages.alreadyGoneAndRemoved(session.tokenPrefix), 4000);
    return true;
  }
}

/**
 * Someone may have signed a user in or out with this token elsewhere: the server's user id wins,
 * and who the session shows as follows it, all fields together.
 */
function userChanges(session: TrackedSession, serverUserId: number): Partial<TrackedSession> {
  if (serverUserId === session.userId) return {};
  if (serverUserId === 0) {
    return session.kind === 'application' || session.upgraded
      ? { userId: 0, upgraded: undefined, signedOut: undefined, user: undefined }
      : { userId: 0, upgraded: undefined, signedOut: true };
  }
  const own = session.kind !== 'application' && !session.upgraded && !session.signedOut;
  return { userId: serverUserId, upgraded: undefined, signedOut: undefined, user: own ? session.user : messages.userNumber(serverUserId) };
}
