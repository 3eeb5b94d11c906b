import vscode = require('vscode');
import { createSession, isQuickBloxError, localExpiry, TIMESTAMP_WINDOW_SECONDS, type QuickBloxError, type SessionAuth, type SessionResult } from '../../core';
import { config } from '../../host/config';
import { explainFailure } from '../../feedback/failures';
import { confirmEndpoint } from '../../profiles/endpointTrust';
import type { Profile } from '../../profiles/profile';
import type { SessionDeps } from './sessionDeps';
import type { FailedCreate } from './failedCreate';
import type { TokenHandoff } from '../../handoff/clipboard';
import { userAgent } from '../../host/userAgent';
import { endSessionOfDeletedProfile } from './deletedProfile';
import type { CredentialProbe } from './credentialProbe';
import { showFailure } from '../../feedback/failureActions';
import { kinds, progress, sessions as messages } from '../../feedback/messages';
import { withRequestProgress } from '../../feedback/progress';
import { reportClockSkew } from '../../feedback/skewNotice';
import type { TrackedSession } from '../store/trackedSession';

export interface SessionRequest {
  profile: Profile;
  auth: SessionAuth;
  /** Who signs in, for lists: a login, an email or the provider. */
  user?: string;
  /** Recreate: the tracked session the new one replaces. */
  replacing?: string;
}

/** How this attempt came about; each kind of automatic retry happens at most once. */
export interface Attempt {
  retriedAfterLimit?: boolean;
  retriedWithServerTime?: boolean;
}

/** Creates sessions (and Test Profile's throwaway one); keeps the last failed request for Explain Signature. */
export class SessionCreator {
  private failed: FailedCreate | undefined;

  constructor(
    private readonly deps: SessionDeps,
    private readonly probe: CredentialProbe,
    private readonly handoff: TokenHandoff,
  ) {
    deps.profiles.onDidChange(() => {
      // A deleted profile's failed request is not explained any more.
      if (this.failed && !deps.profiles.get(this.failed.profile.id)) this.failed = undefined;
    });
  }

  /** The last create-session request that failed in this window (memory only). */
  lastFailed(): FailedCreate | undefined {
    return this.failed;
  }

  /**
   * Creates a session under a cancellable progress notification, records the exchange, remembers
   * the session and makes it active. Failures become one sentence with actions; the promise
   * resolves to undefined then, and never waits for the person to answer a notification.
   */
  async create(request: SessionRequest, attempt: Attempt = {}): Promise<TrackedSession | undefined> {
    const deps = this.deps;
    const kind = kinds.label(request.auth.type);
    const title = request.replacing ? messages.recreating(kind, request.profile.name) : messages.creating(kind, request.profile.name);
    const again = (next: Attempt): Promise<TrackedSession | undefined> => this.create(request, next);
    const result = await this.exchange(request, title, attempt, again);
    if (!result) return undefined;
    if ('again' in result) return again(result.again);
    const tracked = await deps.sessions.add(request.profile.id, request.auth, request.user, result.value, result.expiresAt, request.replacing);
    if (!tracked) {
      await endSessionOfDeletedProfile(deps, request.profile, result.value);
      return undefined;
    }
    deps.documents.linkSession(tracked.id, result.responseId);
    if (config.showResponse() === 'always') await deps.documents.open(result.responseId);
    const done = request.replacing
      ? messages.recreated(request.profile.name, kind, tracked.tokenPrefix)
      : messages.created(request.profile.name, kind, tracked.tokenPrefix);
    const choices = [
      { id: 'copy' as const, label: messages.copyToken() },
      { id: 'show' as const, label: messages.showResponse() },
    ];
    void deps.prompts.choose('info', done, choices).then(async (action) => {
      if (action === 'copy') await this.handoff.copyToken(tracked);
      if (action === 'show') await deps.documents.open(result.responseId);
    });
    return tracked;
  }

  /** Test Profile: an application session that is reported and not kept (its retries are Test Profile again). */
  async test(profile: Profile, attempt: Attempt = {}): Promise<boolean> {
    const deps = this.deps;
    const again = (next: Attempt): Promise<boolean> => this.test(profile, next);
    const result = await this.exchange({ profile, auth: { type: 'application' } }, messages.testing(profile.name), attempt, again);
    if (!result) return false;
    if ('again' in result) return again(result.again);
    void deps.prompts
      .choose('info', messages.profileWorks(profile.name, result.value.response.durationMs), [{ id: 'show', label: messages.showResponse() }])
      .then((action) => (action ? deps.documents.open(result.responseId) : undefined));
    return true;
  }

  /** A success (with the account key it was made with), or the attempt to make next (signing again with the server's time). */
  private async exchange(request: SessionRequest, title: string, attempt: Attempt, again: (next: Attempt) => Promise<unknown>): Promise<Outcome | undefined> {
    const deps = this.deps;
    const { profile } = request;
    const secrets = await deps.profiles.secretsOf(profile.id);
    if (!secrets) {
      showFailure(deps, { message: messages.secretsMissing(profile.name), actions: ['editProfile'] }, { profile });
      return undefined;
    }
    if (!(await confirmEndpoint(deps, profile))) return undefined;
    const correction = deps.clockSkew.correction();
    try {
      const value = await withRequestProgress(title, (signal) =>
        createSession({
          endpoint: profile.endpoint,
          applicationId: profile.applicationId,
          authKey: secrets.authKey,
          authSecret: secrets.authSecret,
          hash: profile.hash,
          auth: request.auth,
          timeoutMs: config.requestTimeoutMs(),
          signal,
          now: deps.clockSkew.signingClock(),
          userAgent: userAgent(),
        }),
      );
      const skew = deps.clockSkew.record(value.clockSkewSeconds, correction);
      const responseId = deps.documents.record(progress.document(profile.name, messages.ofKind(request.auth.type)), value);
      reportClockSkew(deps);
      // With a corrected clock the core reads times on the server's clock; move the expiry onto ours.
      const expiresAt = correction === 0 ? value.expiresAtLocal : localExpiry(value.expiresAt, skew);
      return { value, responseId, expiresAt: expiresAt.getTime() };
    } catch (error) {
      if (!isQuickBloxError(error)) throw error;
      deps.clockSkew.record(error.clockSkewSeconds, correction);
      // Whether the clock is to blame depends on the time the request was signed with, corrected or not.
      const signedSkew = error.clockSkewSeconds;
      // "Bad timestamp" names the clock itself; "Unexpected signature" does when the skew is over the window.
      const clockIsCause =
        error.kind === 'bad_timestamp' || (error.kind === 'invalid_signature' && signedSkew !== undefined && Math.abs(signedSkew) > TIMESTAMP_WINDOW_SECONDS);
      if (clockIsCause && config.correctClockSkew() && !attempt.retriedWithServerTime) {
        deps.documents.record(progress.documentFailed(profile.name, messages.ofKind(request.auth.type)), error, { error });
        deps.log.info(
          `Signing again with the server's time (the request was signed ${signedSkew === undefined ? 'an unknown time' : `${Math.round(signedSkew / 60)} min`} off the server's clock)`,
        );
        return { again: { ...attempt, retriedWithServerTime: true } };
      }
      if (!clockIsCause) reportClockSkew(deps);
      await this.reportFailure(request, error, attempt, again, correction !== 0);
      return undefined;
    }
  }

  private async reportFailure(
    request: SessionRequest,
    error: QuickBloxError,
    attempt: Attempt,
    again: (next: Attempt) => Promise<unknown>,
    correctingClock: boolean,
  ): Promise<void> {
    const deps = this.deps;
    // A 401 reads the same for a wrong password and a wrong auth key: one extra request tells which.
    const probe = error.kind === 'unauthorized' && error.status === 401 && error.userCredentialsSent ? await this.probe.whose(request.profile) : undefined;
    const responseId = deps.documents.record(progress.documentFailed(request.profile.name, messages.ofKind(request.auth.type)), error, {
      error,
      notes: probe ? [probe.note] : [],
    });
    if (error.kind === 'cancelled') return;
    this.remember(request, error);
    if (config.showResponse() !== 'never' && error.request) await deps.documents.open(responseId);
    const subject = request.replacing ? messages.couldNotRecreate(request.profile.name) : messages.couldNotCreate(request.profile.name);
    const signIn = { kind: request.auth.type, ...(request.user ? { identifier: request.user } : {}) };
    const explained = explainFailure(error, subject, {
      correctingClock,
      retriedAfterLimit: attempt.retriedAfterLimit,
      signIn,
      ...(probe ? { refused: probe.refused } : {}),
      ...(deps.localSandbox.isStoppedProfile(request.profile.id) ? { localSandboxStopped: true } : {}),
    });
    showFailure(deps, explained, {
      profile: request.profile,
      responseId,
      retry: () => again({}),
      retryAfterLimit: () => again({ ...attempt, retriedAfterLimit: true }),
      retryAfterSeconds: error.retryAfterSeconds,
      // Asks for the sign-in inputs again (a saved user's stored password is what was refused).
      reenter: () => vscode.commands.executeCommand('quickblox.createSession', { profileId: request.profile.id, kind: request.auth.type }),
    });
  }

  /** Keeps what Explain Signature needs to sign the failed request again (memory only). */
  private remember(request: SessionRequest, error: QuickBloxError): void {
    const body = error.request?.body as Record<string, unknown> | undefined;
    const timestamp = Number(body?.timestamp);
    const nonce = Number(body?.nonce);
    if (!Number.isFinite(timestamp) || !Number.isFinite(nonce)) return;
    this.failed = {
      profile: request.profile,
      auth: request.auth,
      timestamp,
      nonce,
      at: this.deps.clock.now(),
      kind: error.kind,
      // Against the time the request was signed with: that is what its timestamp was measured by.
      ...(error.clockSkewSeconds !== undefined ? { clockSkewSeconds: error.clockSkewSeconds } : {}),
      ...(typeof body?.signature === 'string' ? { sentSignature: body.signature } : {}),
    };
  }
}

/** A success (with the account key it was made with), or the attempt to make next (signing again with the server's time). */
type Outcome = { value: SessionResult; responseId: string; expiresAt: number } | { again: Attempt };
