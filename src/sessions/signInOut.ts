import { downgradeSession, upgradeSession } from '../core';
import type { SavedUserKind } from '../profiles/profile';
import type { Services } from '../services';
import { callWithSession, type CallOptions } from './sessionCalls';
import type { TrackedSession } from './trackedSession';

export interface UserCredentials {
  kind: SavedUserKind;
  identifier: string;
  password: string;
}

/** `POST /login.json`: signs a user in to an application session, so its token can write. */
export async function upgradeTracked(services: Services, session: TrackedSession, user: UserCredentials, options: CallOptions = {}): Promise<TrackedSession | undefined> {
  const signIn = user.kind === 'email' ? { email: user.identifier, password: user.password } : { login: user.identifier, password: user.password };
  const outcome = await callWithSession(services, session, `Signing ${user.identifier} in`, (base) => upgradeSession({ ...base, user: signIn }), {
    ...options,
    redo: (next) => upgradeTracked(services, session, user, next),
  });
  if (!outcome.ok) return undefined;
  const updated = await services.sessions.update(session.id, {
    userId: outcome.value.userId,
    user: user.identifier,
    upgraded: { kind: user.kind, identifier: user.identifier },
    signedOut: undefined,
  });
  services.log.info(`Signed ${user.identifier} in to session ${session.tokenPrefix} (user ${outcome.value.userId})`);
  void services.prompts.ask('info', `${user.identifier} is signed in to the session ${session.tokenPrefix}: its token can now write as user ${outcome.value.userId}.`);
  return updated;
}

/** `DELETE /login.json`: signs the user out; the session goes on, read-only, as an application session. */
export async function signOutTracked(services: Services, session: TrackedSession, options: CallOptions = {}): Promise<TrackedSession | undefined> {
  const who = session.upgraded?.identifier ?? session.user ?? `user ${session.userId}`;
  const outcome = await callWithSession(services, session, `Signing ${who} out`, (base) => downgradeSession(base), {
    ...options,
    redo: (next) => signOutTracked(services, session, next),
  });
  if (!outcome.ok) return undefined;
  const updated = await services.sessions.update(session.id, {
    userId: 0,
    upgraded: undefined,
    ...(session.upgraded ? { user: undefined, signedOut: undefined } : { signedOut: true }),
  });
  services.log.info(`Signed ${who} out of session ${session.tokenPrefix}`);
  void services.prompts.ask('info', `${who} is signed out; the session ${session.tokenPrefix} goes on as a read-only application session.`);
  return updated;
}
