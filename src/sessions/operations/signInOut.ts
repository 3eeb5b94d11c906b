import vscode = require('vscode');
import { downgradeSession, upgradeSession, type SessionAuth, type UserSignIn } from '../../core';
import type { SavedUserKind } from '../../profiles/profile';
import type { SessionDeps } from './sessionDeps';
import type { CallOptions, SessionCalls } from './sessionCalls';
import type { TrackedSession } from '../store/trackedSession';
import { sessions as messages } from '../../feedback/messages';

/** Who signs in to a session with `POST /login.json`, by any kind it accepts; `identifier` names them in lists. */
export type UserCredentials =
  | { kind: SavedUserKind; identifier: string; password: string }
  | { kind: 'facebook'; identifier: string; token: string; secret?: string }
  | { kind: 'firebase_phone'; identifier: string; projectId: string; accessToken: string };

/** Who a sign-in names, as `POST /login.json` takes them; only the kinds it accepts (the table's `signsInToSession`). */
export function credentialsOf(auth: SessionAuth, identifier: string): UserCredentials {
  switch (auth.type) {
    case 'login':
    case 'email':
      return { kind: auth.type, identifier, password: auth.password };
    case 'facebook':
      return { kind: 'facebook', identifier, token: auth.token, ...(auth.secret ? { secret: auth.secret } : {}) };
    case 'firebase_phone':
      return { kind: 'firebase_phone', identifier, projectId: auth.projectId, accessToken: auth.accessToken };
    default:
      throw new Error(`POST /login.json does not sign in a ${auth.type} user.`);
  }
}

/** The body fragment `POST /login.json` takes for each kind. */
function signInOf(user: UserCredentials): UserSignIn {
  switch (user.kind) {
    case 'email':
      return { email: user.identifier, password: user.password };
    case 'login':
      return { login: user.identifier, password: user.password };
    case 'facebook':
      return user.secret ? { provider: 'facebook', token: user.token, secret: user.secret } : { provider: 'facebook', token: user.token };
    case 'firebase_phone':
      return { provider: 'firebase_phone', projectId: user.projectId, accessToken: user.accessToken };
  }
}

/** Signs users in to sessions and out of them. */
export class UserSignIns {
  constructor(
    private readonly deps: Pick<SessionDeps, 'sessions' | 'prompts' | 'log'>,
    private readonly calls: SessionCalls,
  ) {}

  /** `POST /login.json`: signs a user in to an application session, so its token can write. */
  async signIn(session: TrackedSession, user: UserCredentials, options: CallOptions = {}): Promise<TrackedSession | undefined> {
    const deps = this.deps;
    const signIn = signInOf(user);
    const outcome = await this.calls.call(session, messages.signingIn(user.identifier), (base) => upgradeSession({ ...base, user: signIn }), {
      ...options,
      redo: (next) => this.signIn(session, user, next),
      signIn: { kind: user.kind, identifier: user.identifier },
      reenter: () => vscode.commands.executeCommand('quickblox.upgradeSession', { sessionId: session.id }),
    });
    if (!outcome.ok) return undefined;
    const updated = await deps.sessions.update(session.id, {
      userId: outcome.value.userId,
      user: user.identifier,
      upgraded: { kind: user.kind, identifier: user.identifier },
      signedOut: undefined,
    });
    deps.log.info(`Signed ${user.identifier} in to session ${session.tokenPrefix} (user ${outcome.value.userId})`);
    void deps.prompts.info(messages.signedIn(user.identifier, session.tokenPrefix, outcome.value.userId));
    return updated;
  }

  /** `DELETE /login.json`: signs the user out; the session goes on, read-only, as an application session. */
  async signOut(session: TrackedSession, options: CallOptions = {}): Promise<TrackedSession | undefined> {
    const deps = this.deps;
    const who = session.upgraded?.identifier ?? session.user ?? (session.userId === undefined ? messages.theUser() : messages.userNumber(session.userId));
    const outcome = await this.calls.call(session, messages.signingOut(who), (base) => downgradeSession(base), {
      ...options,
      redo: (next) => this.signOut(session, next),
    });
    if (!outcome.ok) return undefined;
    const updated = await deps.sessions.update(session.id, {
      userId: 0,
      upgraded: undefined,
      ...(session.upgraded ? { user: undefined, signedOut: undefined } : { signedOut: true }),
    });
    deps.log.info(`Signed ${who} out of session ${session.tokenPrefix}`);
    void deps.prompts.info(messages.signedOut(who, session.tokenPrefix));
    return updated;
  }
}
