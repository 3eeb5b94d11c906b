import type { Profile } from '../../profiles/profile';
import type { TokenHandoff } from '../../handoff/clipboard';
import type { TrackedSession } from '../store/trackedSession';
import { CredentialProbe } from './credentialProbe';
import type { FailedCreate } from './failedCreate';
import { SessionLifecycle } from './lifecycle';
import { Recreator } from './recreate';
import { SessionCreator, type Attempt, type SessionRequest } from './runSession';
import { SessionCalls, type CallOptions } from './sessionCalls';
import type { SessionDeps } from './sessionDeps';
import { UserSignIns, type UserCredentials } from './signInOut';

/**
 * The one owner of what is done to sessions: create, test, retrieve, destroy, recreate, and sign
 * users in and out. Its parts call each other only through it, so no module imports another in a
 * circle (a call on a session the server no longer knows may recreate it; recreating may sign a
 * user in again, which is such a call).
 */
export class SessionOperations {
  private readonly creator: SessionCreator;
  private readonly recreator: Recreator;
  private readonly lifecycle: SessionLifecycle;
  private readonly signIns: UserSignIns;

  constructor(deps: SessionDeps, handoff: TokenHandoff) {
    const probe = new CredentialProbe(deps);
    this.creator = new SessionCreator(deps, probe, handoff);
    const calls = new SessionCalls(deps, probe, {
      recreate: (session) => this.recreate(session),
      canRecreateUnattended: (session) => this.recreator.canRecreateUnattended(session),
    });
    this.lifecycle = new SessionLifecycle(deps, calls);
    this.signIns = new UserSignIns(deps, calls);
    this.recreator = new Recreator(deps, this.creator, (session, user) => this.signIn(session, user));
  }

  create(request: SessionRequest, attempt?: Attempt): Promise<TrackedSession | undefined> {
    return this.creator.create(request, attempt);
  }

  /** Test Profile: an application session that is reported and not kept. */
  test(profile: Profile): Promise<boolean> {
    return this.creator.test(profile);
  }

  retrieve(session: TrackedSession, options?: CallOptions): Promise<TrackedSession | undefined> {
    return this.lifecycle.retrieve(session, options);
  }

  destroy(session: TrackedSession): Promise<boolean> {
    return this.lifecycle.destroy(session);
  }

  recreate(session: TrackedSession): Promise<TrackedSession | undefined> {
    return this.recreator.recreate(session);
  }

  signIn(session: TrackedSession, user: UserCredentials): Promise<TrackedSession | undefined> {
    return this.signIns.signIn(session, user);
  }

  signOut(session: TrackedSession): Promise<TrackedSession | undefined> {
    return this.signIns.signOut(session);
  }

  /** The last create-session request that failed in this window, for Explain Signature. */
  lastFailedCreate(): FailedCreate | undefined {
    return this.creator.lastFailed();
  }
}
