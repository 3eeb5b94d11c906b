/**
 * Every sentence the extension says to the person: notifications, dialogs, input prompts, quick
 * picks, progress titles. The rest of the code passes facts (a kind, a status, a skew, a name) and
 * gets sentences back from here. Each goes through `t` (vscode.l10n.t in VS Code), so a translation
 * is one file: l10n/bundle.l10n.<language>.json, keyed by the English text below.
 */
import { networkFailure, type QuickBloxError } from '../core';
import { t } from './l10n';

// ── Time ───────────────────────────────────────────────────────────────────────────────────────

/** How long, in words: "45 seconds", "7 minutes", "2 hours 5 minutes". The one way durations are written. */
export function duration(seconds: number): string {
  const whole = Math.round(Math.abs(seconds));
  if (whole < 60) return whole === 1 ? t('1 second') : t('{0} seconds', whole);
  const minutes = Math.round(whole / 60);
  if (minutes < 120) return minutes === 1 ? t('1 minute') : t('{0} minutes', minutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? t('{0} hours', hours) : t('{0} hours {1} minutes', hours, rest);
}

/** Time left before an expiry, short, for the tree and the status bar: "< 1 min", "42 min", "1 h 05 min", "expired". */
export function timeLeft(expiresAt: number, now: number): string {
  if (expiresAt <= now) return t('expired');
  const minutes = Math.floor((expiresAt - now) / 60_000);
  if (minutes < 1) return t('< 1 min');
  if (minutes < 60) return t('{0} min', minutes);
  return t('{0} h {1} min', Math.floor(minutes / 60), String(minutes % 60).padStart(2, '0'));
}

/** "7 minutes behind" / "2 hours 5 minutes ahead of" (server minus local, in seconds). */
export function skewWords(skewSeconds: number): string {
  return skewSeconds > 0 ? t('{0} behind', duration(skewSeconds)) : t('{0} ahead of', duration(skewSeconds));
}

// ── Actions on notifications ───────────────────────────────────────────────────────────────────

/** What a failure notification offers; the ids are what the code acts on, the labels what the person reads. */
export type FailureAction =
  | 'retry'
  | 'retryAfterWait'
  | 'editProfile'
  | 'showResponse'
  | 'openSettings'
  | 'createSession'
  | 'recreateSession'
  | 'upgradeSession'
  | 'explainSignature'
  | 'signWithServerTime'
  | 'reenterPassword'
  | 'reenterToken';

export function actionLabel(action: FailureAction, waitSeconds = 0): string {
  switch (action) {
    case 'retry':
      return t('Retry');
    case 'retryAfterWait':
      return t('Retry in {0} s', waitSeconds);
    case 'editProfile':
      return t('Edit Profile');
    case 'showResponse':
      return t('Show Response');
    case 'openSettings':
      return t('Open Settings');
    case 'createSession':
      return t('Create Session');
    case 'recreateSession':
      return t('Recreate Session');
    case 'upgradeSession':
      return t('Upgrade Session');
    case 'explainSignature':
      return t('Explain Signature');
    case 'signWithServerTime':
      return t('Sign With Server Time');
    case 'reenterPassword':
      return t('Re-enter Password');
    case 'reenterToken':
      return t('Re-enter Token');
  }
}

// ── Failures ───────────────────────────────────────────────────────────────────────────────────

/** The request was signed with a clock more than the 60 minutes off that QuickBlox allows. */
export const failures = {
  unexpectedSignature: (subject: string) => t('{0}: QuickBlox answered "Unexpected signature". The usual cause is a wrong auth secret, or a computer clock that is off.', subject),
  unexpectedSignatureClockCorrected: (subject: string, skewSeconds: number) =>
    t("{0}: QuickBlox answered \"Unexpected signature\". The request was signed {1} the server's time even with quickblox.correctClockSkew on: this computer's clock has changed since; try again.", subject, skewWords(skewSeconds)),
  unexpectedSignatureClock: (subject: string, skewSeconds: number) =>
    t("{0}: QuickBlox answered \"Unexpected signature\". The cause is this computer's clock: it is {1} the server's, more than the 60 minutes allowed. Correct the clock, or sign with the server's time.", subject, skewWords(skewSeconds)),
  badTimestampCorrected: (subject: string) =>
    t('{0}: QuickBlox answered "Bad timestamp" even though requests are signed with the server\'s time: this computer\'s clock has changed since; try again.', subject),
  badTimestamp: (subject: string, skewSeconds: number | undefined) =>
    skewSeconds === undefined
      ? t("{0}: QuickBlox answered \"Bad timestamp\": this computer's clock is off by more than the 60 minutes QuickBlox allows (the server's clock is not known: its answer had no Date header). Correct the clock, or sign with the server's time.", subject)
      : t("{0}: QuickBlox answered \"Bad timestamp\": this computer's clock is {1} the server's, more than the 60 minutes QuickBlox allows. Correct the clock, or sign with the server's time.", subject, skewWords(skewSeconds)),
  sessionMissing: (subject: string) => t('{0}: the session does not exist on the server any more (it expired or was ended).', subject),
  userRequired: (subject: string) =>
    t('{0}: QuickBlox answered "Forbidden. Need user.": application sessions are read-only, and writes need a user. Sign a user in to the session, or create a user session.', subject),
  stillRateLimited: (subject: string) => t('{0}: still too many requests after waiting; try again later.', subject),
  rateLimited: (subject: string, waitSeconds: number | undefined) =>
    waitSeconds === undefined ? t('{0}: too many requests.', subject) : t('{0}: too many requests; QuickBlox asks to wait {1} s.', subject, waitSeconds),
  cancelled: (subject: string) => t('{0}: cancelled.', subject),
  /** A failed connection, from the system's error code: what happened, and what to check. */
  network: (code: string | undefined, host: string) => {
    switch (networkFailure(code)) {
      case 'refused':
        return t("Connection refused by {0}: check the endpoint's host and port, and that the server is running.", host);
      case 'not_found':
        return t('The host {0} could not be found: check the endpoint for typos, or your DNS and proxy settings.', host);
      case 'reset':
        return t('The connection to {0} was closed or reset before the response was complete: try again, and check any proxy in between.', host);
      case 'unreachable':
        return t('{0} could not be reached ({1}): check your network connection and proxy settings.', host, code ?? '');
      case 'tls':
        return t("The TLS certificate of {0} is not trusted ({1}): use the service's real https address, or add its certificate authority to your system's trusted certificates.", host, code ?? '');
      case 'other':
        return code ? t('The request to {0} failed ({1}): check the endpoint and your network or proxy settings.', host, code) : t('The request to {0} failed: check the endpoint and your network or proxy settings.', host);
    }
  },
  timeout: (host: string, timeoutMs: number) => {
    const seconds = timeoutMs / 1000;
    return t('No complete answer from {0} within {1} s: try again, or raise the request timeout.', host, Number.isInteger(seconds) ? seconds : seconds.toFixed(1));
  },
  tooLarge: (host: string) => t('The answer from {0} is larger than 1 MiB, far more than a session response: check the endpoint.', host),
  /** What went wrong, from the error's facts where the core gives them, else its own description. */
  detail: (error: QuickBloxError) => {
    if (error.kind === 'network') return failures.network(error.code, error.host ?? '');
    if (error.kind === 'timeout' && error.timeoutMs !== undefined) return failures.timeout(error.host ?? '', error.timeoutMs);
    if (error.reason === 'too_large') return failures.tooLarge(error.host ?? '');
    return error.message;
  },
  /** Any other failure: the subject, and what went wrong. */
  withDetail: (subject: string, detail: string) => t('{0}: {1}', subject, detail),
  refusedFacebookToken: (subject: string) => t("{0}: QuickBlox refused the Facebook access token (the application's credentials are fine: one extra request showed it).", subject),
  refusedFirebaseToken: (subject: string) => t("{0}: QuickBlox refused the Firebase ID token (the application's credentials are fine: one extra request showed it).", subject),
  refusedByIdentityService: (subject: string, who: string) =>
    t("{0}: your identity service refused the login or password of {1}; QuickBlox forwards them to the custom identity provider (the application's credentials are fine: one extra request showed it).", subject, who),
  refusedPassword: (subject: string, who: string) => t("{0}: QuickBlox refused the password for {1} (the application's credentials are fine: one extra request showed it).", subject, who),
  theUser: () => t('the user'),
  refusedApplication: (subject: string, status: number) => t('{0}: QuickBlox did not accept the application credentials ({1}): check the application id and auth key.', subject, status),
};

// ── Clock ──────────────────────────────────────────────────────────────────────────────────────

export const clock = {
  skewNotice: (skewSeconds: number, overLimit: boolean, correcting: boolean) => {
    const limit = overLimit ? t('more than the 60 minutes QuickBlox allows') : t('within the 60 minutes QuickBlox allows, but close enough to watch');
    const sentence = t("This computer's clock is {0} QuickBlox's server, {1}.", skewWords(skewSeconds), limit);
    return correcting ? t("{0} Requests are signed with the server's time.", sentence) : sentence;
  },
  signWithServerTime: () => t('Sign With Server Time'),
  rateLimitWait: () => t('QuickBlox asked to wait'),
  retryingIn: (seconds: number) => t('retrying once in {0} s', seconds),
};

// ── Requests in progress and their documents ───────────────────────────────────────────────────

export const progress = {
  /** The title of a cancellable progress notification. */
  title: (what: string) => t('QuickBlox: {0}…', what),
  countdownTitle: (what: string) => t('QuickBlox: {0}', what),
  /** A call made with a session's token, and which session. */
  onSession: (what: string, session: string) => t('{0} ({1})', what, session),
  /** A response document's title: the profile and the exchange. */
  document: (profile: string, what: string) => t('{0} {1}', profile, what),
  documentFailed: (profile: string, what: string) => t('{0} {1} failed', profile, what),
};

// ── Sessions ───────────────────────────────────────────────────────────────────────────────────

export const sessions = {
  creating: (kindLabel: string, profile: string) => t('Creating {0} session for {1}', kindLabel.toLowerCase(), profile),
  recreating: (kindLabel: string, profile: string) => t('Recreating {0} session for {1}', kindLabel.toLowerCase(), profile),
  testing: (profile: string) => t('Testing {0}', profile),
  ofKind: (type: string) => t('{0} session', type),
  retrieving: () => t('Retrieving session'),
  destroying: () => t('Destroying session'),
  signingIn: (who: string) => t('Signing {0} in', who),
  signingOut: (who: string) => t('Signing {0} out', who),
  /** A session in lists and sentences: its profile and its title. */
  named: (profile: string | undefined, title: string) => t('{0} · {1}', profile ?? t('deleted profile'), title),
  created: (profile: string, kindLabel: string, token: string) => t('QuickBlox session created for {0} ({1}), token {2}', profile, kindLabel, token),
  recreated: (profile: string, kindLabel: string, token: string) => t('QuickBlox session recreated for {0} ({1}), token {2}', profile, kindLabel, token),
  copyToken: () => t('Copy Token'),
  showResponse: () => t('Show Response'),
  profileWorks: (profile: string, ms: number) => t('{0} works: QuickBlox created an application session in {1} ms.', profile, Math.round(ms)),
  secretsMissing: (profile: string) => t("The auth key or secret of {0} is missing from this machine's secret storage: edit the profile to enter them.", profile),
  couldNotCreate: (profile: string) => t('Could not create a session for {0}', profile),
  couldNotRecreate: (profile: string) => t('Could not recreate a session for {0}', profile),
  failedFor: (what: string, session: string) => t('{0} failed for {1}', what, session),
  profileDeletedOf: (session: string, token: string) => t('The profile of the session {0} ({1}) was deleted: forget the session, or create a new one.', session, token),
  tokenNotStoredOf: (session: string) => t('The token of the session {0} is no longer stored: create a new session.', session),
  goneOnServer: (session: string, token: string) => t('The session {0} ({1}) no longer exists on the server (it expired or was ended).', session, token),
  recreateSession: () => t('Recreate Session'),
  forgetSession: () => t('Forget Session'),
  profileOfSessionDeleted: () => t('The profile of that session was deleted: create a session with another profile.'),
  endedAndRemoved: (token: string) => t('$(check) QuickBlox session {0} ended on the server and removed', token),
  alreadyGoneAndRemoved: (token: string) => t('$(check) QuickBlox session {0} already gone from the server and removed', token),
  deletedProfileSessionEnded: (profile: string, token: string) => t('The profile {0} was deleted while its session was being created, so the new session ({1}) was ended.', profile, token),
  deletedProfileSessionNotEnded: (profile: string, token: string) =>
    t('The profile {0} was deleted while its session was being created, and ending the new session ({1}) failed: it expires on the server within two hours.', profile, token),
  deletedProfileDocument: (profile: string, ended: boolean) => (ended ? t('{0} session of a deleted profile ended', profile) : t('{0} session of a deleted profile not ended', profile)),
  signedIn: (who: string, token: string, userId: number) => t('{0} is signed in to the session {1}: its token can now write as user {2}.', who, token, userId),
  signedOut: (who: string, token: string) => t('{0} is signed out; the session {1} goes on as a read-only application session.', who, token),
  theUser: () => t('the user'),
  userNumber: (userId: number) => t('user {0}', userId),
  offerToSave: (user: string, profile: string) => t('Save {0} in {1} for quick sessions? The password goes to secret storage.', user, profile),
  saveUser: () => t('Save User'),
  saving: (user: string) => t('Saving {0}', user),
};

/** The extra request that tells a refused password from a refused auth key. */
export const probe = {
  created: (profile: string) => t('{0} check: application session (extra request)', profile),
  failed: (profile: string) => t('{0} check: application session (extra request) failed', profile),
  destroyed: (profile: string) => t('{0} check: that session destroyed', profile),
  notDestroyed: (profile: string) => t('{0} check: destroying that session failed', profile),
  noKeys: () => t("To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile: not possible, since the profile's keys are missing from secret storage."),
  userRefused: () =>
    t("To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile, and destroyed right after: QuickBlox accepted it, so it refused the user's credentials."),
  applicationRefused: () =>
    t('To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile: QuickBlox refused it too, so the application id or auth key is wrong.'),
  unknown: (kind: string) =>
    t('To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile: it failed for another reason ({0}), so which credentials were refused is not known.', kind),
};

/** Unexpected faults of the extension itself. */
export const faults = {
  unexpected: (doing: string) => t('{0} failed unexpectedly. The QuickBlox log has the details.', doing),
  command: (id: string) => t('The command {0}', id),
  showLog: () => t('Show Log'),
};

// ── Status bar and tree ────────────────────────────────────────────────────────────────────────

export const statusBar = {
  none: () => t('$(key) QuickBlox: no session'),
  noneTooltip: () => t('No QuickBlox session yet: click to create one.'),
  active: (what: string, left: string) => t('$(key) {0} · {1}', what, left),
  activeTooltip: (token: string, what: string, left: string, keptAlive: boolean) =>
    keptAlive ? t('QuickBlox session {0} ({1}), {2} left, kept alive.\nClick to copy its token.', token, what, left) : t('QuickBlox session {0} ({1}), {2} left.\nClick to copy its token.', token, what, left),
  expiring: (what: string, left: string) => t('$(warning) {0} · {1}', what, left),
  expiringTooltip: (token: string, left: string) => t('QuickBlox session {0} expires in {1}.\nClick to copy its token, keep it alive or recreate it.', token, left),
  expired: (what: string) => t('$(error) {0} · expired', what),
  expiredTooltip: (token: string) => t('QuickBlox session {0} has expired.\nClick to recreate it.', token),
};

export const tree = {
  profileDescription: (applicationId: string, host: string) => t('app {0} · {1}', applicationId, host),
  /** Markdown: the values are escaped by the caller. */
  profileTooltip: (name: string, applicationId: string, endpoint: string, hash: string, hasAccountKey: boolean, users: string | undefined) =>
    t(
      '**{0}**\n\nApplication id: {1}  \nEndpoint: {2}  \nSignature: HMAC-{3}  \nAccount key: {4}  \nSaved users: {5}',
      name,
      applicationId,
      endpoint,
      hash.toUpperCase(),
      hasAccountKey ? t('saved') : t('none'),
      users ?? t('none'),
    ),
  sessionDescription: (token: string, left: string, keptAlive: boolean, active: boolean) =>
    [token, left, ...(keptAlive ? [t('kept alive')] : []), ...(active ? [t('active')] : [])].join(' · '),
  /** Markdown: `user` is escaped by the caller. */
  sessionTooltip: (facts: {
    kindLabel: string;
    user: string | undefined;
    token: string;
    sessionId: number | undefined;
    userId: number | undefined;
    canWrite: boolean;
    created: string;
    expires: string;
    left: string | undefined;
    keepAlive: boolean;
  }) =>
    t(
      '**{0}**{1}\n\nToken: `{2}`  \nSession id: {3}  \nUser id: {4} {5}  \nCreated: {6}  \nExpires: {7} ({8})  \nKeep-alive: {9}',
      facts.kindLabel,
      facts.user ? ` — ${facts.user}` : '',
      facts.token,
      facts.sessionId ?? t('not stated'),
      facts.userId ?? t('not stated'),
      facts.canWrite ? t('(can write)') : t('(read-only)'),
      facts.created,
      facts.expires,
      facts.left === undefined ? t('expired') : t('{0} left', facts.left),
      facts.keepAlive ? t('on') : t('off'),
    ),
};
