/**
 * Every sentence the extension says to the person: notifications, dialogs, input prompts, quick
 * picks, progress titles. The rest of the code passes facts (a kind, a status, a skew, a name) and
 * gets sentences back from here. Each goes through `t` (vscode.l10n.t in VS Code), so a translation
 * is one file: l10n/bundle.l10n.<language>.json, keyed by the English text below.
 */
import {
  networkFailure,
  promptOf,
  signInKind,
  type AskMode,
  type HashAlgorithm,
  type QuickBloxError,
  type SessionAuthType,
  type Shell,
  type SignInInput,
  type SignInValues,
} from '../core';
import type { EnvRefusal } from '../handoff/envTarget';
import { t, translateData } from './l10n';

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

// ── Sign-in kinds: their words are the core's table (src/core/signInKinds.ts), translated here ───

export const kinds = {
  /** "User: login + password". */
  label: (type: SessionAuthType) => translateData(signInKind(type).label),
  /** "login", in tree rows. */
  short: (type: SessionAuthType) => translateData(signInKind(type).shortLabel),
  /** What is sent, under the label in the kind picker. */
  detail: (type: SessionAuthType) => translateData(signInKind(type).detail),
  /** An input's prompt in a flow, filled with the values asked before it. */
  prompt: (input: SignInInput, mode: AskMode, earlier: SignInValues) => promptOf(input, mode, earlier, translateData),
};

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
  | 'reenterToken'
  | 'startLocalSandbox';

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
    case 'startLocalSandbox':
      return t('Start Local Sandbox');
  }
}

// ── Failures ───────────────────────────────────────────────────────────────────────────────────

/** The request was signed with a clock more than the 60 minutes off that QuickBlox allows. */
export const failures = {
  unexpectedSignature: (subject: string) =>
    t('{0}: QuickBlox answered "Unexpected signature". The usual cause is a wrong auth secret, or a computer clock that is off.', subject),
  unexpectedSignatureClockCorrected: (subject: string, skewSeconds: number) =>
    t(
      '{0}: QuickBlox answered "Unexpected signature". The request was signed {1} the server\'s time even with quickblox.correctClockSkew on: this computer\'s clock has changed since; try again.',
      subject,
      skewWords(skewSeconds),
    ),
  unexpectedSignatureClock: (subject: string, skewSeconds: number) =>
    t(
      "{0}: QuickBlox answered \"Unexpected signature\". The cause is this computer's clock: it is {1} the server's, more than the 60 minutes allowed. Correct the clock, or sign with the server's time.",
      subject,
      skewWords(skewSeconds),
    ),
  badTimestampCorrected: (subject: string) =>
    t(
      '{0}: QuickBlox answered "Bad timestamp" even though requests are signed with the server\'s time: this computer\'s clock has changed since; try again.',
      subject,
    ),
  badTimestamp: (subject: string, skewSeconds: number | undefined) =>
    skewSeconds === undefined
      ? t(
          "{0}: QuickBlox answered \"Bad timestamp\": this computer's clock is off by more than the 60 minutes QuickBlox allows (the server's clock is not known: its answer had no Date header). Correct the clock, or sign with the server's time.",
          subject,
        )
      : t(
          "{0}: QuickBlox answered \"Bad timestamp\": this computer's clock is {1} the server's, more than the 60 minutes QuickBlox allows. Correct the clock, or sign with the server's time.",
          subject,
          skewWords(skewSeconds),
        ),
  sessionMissing: (subject: string) => t('{0}: the session does not exist on the server any more (it expired or was ended).', subject),
  userRequired: (subject: string) =>
    t(
      '{0}: QuickBlox answered "Forbidden. Need user.": application sessions are read-only, and writes need a user. Sign a user in to the session, or create a user session.',
      subject,
    ),
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
        return t(
          "The TLS certificate of {0} is not trusted ({1}): use the service's real https address, or add its certificate authority to your system's trusted certificates.",
          host,
          code ?? '',
        );
      case 'other':
        return code
          ? t('The request to {0} failed ({1}): check the endpoint and your network or proxy settings.', host, code)
          : t('The request to {0} failed: check the endpoint and your network or proxy settings.', host);
    }
  },
  timeout: (host: string, timeoutMs: number) => {
    const seconds = timeoutMs / 1000;
    return t(
      'No complete answer from {0} within {1} s: try again, or raise the request timeout.',
      host,
      Number.isInteger(seconds) ? seconds : seconds.toFixed(1),
    );
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
  refusedFacebookToken: (subject: string) =>
    t("{0}: QuickBlox refused the Facebook access token (the application's credentials are fine: one extra request showed it).", subject),
  refusedFirebaseToken: (subject: string) =>
    t("{0}: QuickBlox refused the Firebase ID token (the application's credentials are fine: one extra request showed it).", subject),
  refusedByIdentityService: (subject: string, who: string) =>
    t(
      "{0}: your identity service refused the login or password of {1}; QuickBlox forwards them to the custom identity provider (the application's credentials are fine: one extra request showed it).",
      subject,
      who,
    ),
  refusedPassword: (subject: string, who: string) =>
    t("{0}: QuickBlox refused the password for {1} (the application's credentials are fine: one extra request showed it).", subject, who),
  theUser: () => t('the user'),
  refusedApplication: (subject: string, status: number) =>
    t('{0}: QuickBlox did not accept the application credentials ({1}): check the application id and auth key.', subject, status),
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
  title: (kindShort: string, user: string) => t('{0} · {1}', kindShort, user),
  titleUpgraded: (user: string) => t('app → {0}', user),
  titleSignedOut: (user: string | undefined) => (user ? t('app (signed out {0})', user) : t('app (signed out)')),
  retrieving: () => t('Retrieving session'),
  destroying: () => t('Destroying session'),
  signingIn: (who: string) => t('Signing {0} in', who),
  signingOut: (who: string) => t('Signing {0} out', who),
  /** A session in lists and sentences: its profile and its title. */
  named: (profile: string | undefined, title: string) => t('{0} · {1}', profile ?? sessions.deletedProfile(), title),
  /** Stands for the profile of a session whose profile was deleted. */
  deletedProfile: () => t('deleted profile'),
  created: (profile: string, kindLabel: string, token: string) => t('QuickBlox session created for {0} ({1}), token {2}', profile, kindLabel, token),
  recreated: (profile: string, kindLabel: string, token: string) => t('QuickBlox session recreated for {0} ({1}), token {2}', profile, kindLabel, token),
  copyToken: () => t('Copy Token'),
  showResponse: () => t('Show Response'),
  profileWorks: (profile: string, ms: number) => t('{0} works: QuickBlox created an application session in {1} ms.', profile, Math.round(ms)),
  secretsMissing: (profile: string) =>
    t("The auth key or secret of {0} is missing from this machine's secret storage: edit the profile to enter them.", profile),
  couldNotCreate: (profile: string) => t('Could not create a session for {0}', profile),
  couldNotRecreate: (profile: string) => t('Could not recreate a session for {0}', profile),
  failedFor: (what: string, session: string) => t('{0} failed for {1}', what, session),
  profileDeletedOf: (session: string, token: string) =>
    t('The profile of the session {0} ({1}) was deleted: forget the session, or create a new one.', session, token),
  tokenNotStoredOf: (session: string) => t('The token of the session {0} is no longer stored: create a new session.', session),
  goneOnServer: (session: string, token: string) => t('The session {0} ({1}) no longer exists on the server (it expired or was ended).', session, token),
  recreateSession: () => t('Recreate Session'),
  forgetSession: () => t('Forget Session'),
  profileOfSessionDeleted: () => t('The profile of that session was deleted: create a session with another profile.'),
  endedAndRemoved: (token: string) => t('$(check) QuickBlox session {0} ended on the server and removed', token),
  alreadyGoneAndRemoved: (token: string) => t('$(check) QuickBlox session {0} already gone from the server and removed', token),
  deletedProfileSessionEnded: (profile: string, token: string) =>
    t('The profile {0} was deleted while its session was being created, so the new session ({1}) was ended.', profile, token),
  deletedProfileSessionNotEnded: (profile: string, token: string) =>
    t(
      'The profile {0} was deleted while its session was being created, and ending the new session ({1}) failed: it expires on the server within two hours.',
      profile,
      token,
    ),
  deletedProfileDocument: (profile: string, ended: boolean) =>
    ended ? t('{0} session of a deleted profile ended', profile) : t('{0} session of a deleted profile not ended', profile),
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
  noKeys: () =>
    t(
      "To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile: not possible, since the profile's keys are missing from secret storage.",
    ),
  userRefused: () =>
    t(
      "To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile, and destroyed right after: QuickBlox accepted it, so it refused the user's credentials.",
    ),
  applicationRefused: () =>
    t(
      'To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile: QuickBlox refused it too, so the application id or auth key is wrong.',
    ),
  unknown: (kind: string) =>
    t(
      'To tell a wrong user credential from a wrong auth key (QuickBlox answers both alike), one application session was requested with the same profile: it failed for another reason ({0}), so which credentials were refused is not known.',
      kind,
    ),
};

/** Unexpected faults of the extension itself. */
export const faults = {
  unexpected: (doing: string) => t('{0} failed unexpectedly. The QuickBlox log has the details.', doing),
  command: (id: string) => t('The command {0}', id),
  showLog: () => t('Show Log'),
};

// ── What the profile store refuses ────────────────────────────────────────────────────────────

export const stored = {
  secretsMissing: (profile: string) => t('The secrets of "{0}" are missing: edit the profile and enter them again.', profile),
  savedUserKind: () => t('A saved user signs in by "login" or "email".'),
  hash: () => t('The signature hash must be "sha1" or "sha256".'),
  profileGone: () => t('That profile no longer exists: it may have been deleted in another window.'),
};

// ── Status bar and tree ────────────────────────────────────────────────────────────────────────

export const statusBar = {
  none: () => t('$(key) QuickBlox: no session'),
  noneTooltip: () => t('No QuickBlox session yet: click to create one.'),
  active: (what: string, left: string) => t('$(key) {0} · {1}', what, left),
  activeTooltip: (token: string, what: string, left: string, keptAlive: boolean) =>
    keptAlive
      ? t('QuickBlox session {0} ({1}), {2} left, kept alive.\nClick to copy its token.', token, what, left)
      : t('QuickBlox session {0} ({1}), {2} left.\nClick to copy its token.', token, what, left),
  expiring: (what: string, left: string) => t('$(warning) {0} · {1}', what, left),
  expiringTooltip: (token: string, left: string) =>
    t('QuickBlox session {0} expires in {1}.\nClick to copy its token, keep it alive or recreate it.', token, left),
  expired: (what: string) => t('$(error) {0} · expired', what),
  expiredTooltip: (token: string) => t('QuickBlox session {0} has expired.\nClick to recreate it.', token),
  /** The item's text with the Local Sandbox's mark, while it runs. */
  withSandbox: (text: string) => t('{0} $(beaker)', text),
  withSandboxTooltip: (tooltip: string, host: string) => t('{0}\nThe Local Sandbox is running on {1}.', tooltip, host),
};

export const tree = {
  profileDescription: (applicationId: string, host: string) => t('app {0} · {1}', applicationId, host),
  sandboxRunning: (applicationId: string, host: string) => t('app {0} · running on {1}', applicationId, host),
  sandboxNotRunning: (applicationId: string) => t('app {0} · not running', applicationId),
  /** Markdown, after the profile's own tooltip. */
  sandboxRunningTooltip: (host: string) => t('The Local Sandbox is running on {0}, inside VS Code; its credentials are made up.', host),
  sandboxNotRunningTooltip: () => t('The Local Sandbox is not running: start it with QuickBlox: Start Local Sandbox.'),
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

// ── The Local Sandbox ──────────────────────────────────────────────────────────────────────────

export const localSandbox = {
  /** The name its profile is given (another if a profile of that name exists). */
  profileName: () => t('Local Sandbox'),
  started: (host: string, profile: string, user: string) =>
    t(
      'The Local Sandbox is running on {0}, inside VS Code. The profile "{1}" signs in to it with made-up demo credentials, and the demo user {2} is saved in it.',
      host,
      profile,
      user,
    ),
  alreadyRunning: (host: string, profile: string) => t('The Local Sandbox is already running on {0}; the profile "{1}" points at it.', host, profile),
  stopped: () => t('The Local Sandbox stopped. Its profile stays; QuickBlox: Start Local Sandbox starts it again.'),
  notRunning: () => t('The Local Sandbox is not running.'),
  couldNotStart: (reason: string) => t('The Local Sandbox could not start: {0}', reason),
  createSession: () => t('Create Session'),
};

// ── Choosing a profile or a session ────────────────────────────────────────────────────────────

/** The questions that ask which profile or session a command is about, and the lists they show. */
export const pick = {
  title: () => t('QuickBlox'),
  noProfile: () => t('No QuickBlox profile yet: add one with your application id, auth key and auth secret.'),
  addProfile: () => t('Add Profile'),
  /** A profile in the list: its application and its host. */
  profileDescription: (applicationId: string, host: string) => t('app {0} · {1}', applicationId, host),
  sessionNotTracked: () => t('That QuickBlox session is no longer tracked.'),
  noSession: () => t('No QuickBlox session to use here yet.'),
  createSession: () => t('Create Session'),
  /** A session in the list: its token prefix, its time left, and whether it is the active one. */
  sessionDescription: (token: string, left: string, active: boolean) => (active ? t('{0} · {1} · active', token, left) : t('{0} · {1}', token, left)),

  createSessionWith: () => t('Create a session with which profile?'),
  profileToEdit: () => t('Which profile to edit?'),
  profileToLookUp: () => t('Look up the API endpoint of which profile (from its account key)?'),
  profileToRename: () => t('Which profile to rename?'),
  profileToDuplicate: () => t('Which profile to duplicate?'),
  profileToDelete: () => t('Which profile to delete?'),
  profileToRemoveUsersOf: () => t('Remove saved users of which profile?'),
  profileToTest: () => t('Which profile to test?'),
  profileToExplain: () => t('Explain the signature of which profile?'),
  profileToDiagnose: () => t('Diagnose a signature made for which profile (its auth secret is used, never shown)?'),
  profileToGenerateFor: () => t('Generate signing code for which profile?'),

  sessionToCopy: () => t('Copy the token of which session?'),
  sessionToForget: () => t('Forget which session?'),
  sessionToActivate: () => t('Make which session active?'),
  sessionToRetrieve: () => t('Retrieve which session?'),
  sessionToDestroy: () => t('Destroy which session (DELETE /session.json)?'),
  sessionToRecreate: () => t('Recreate which session?'),
  sessionToSignIn: () => t('Sign a user in to which application session?'),
  sessionToSignOut: () => t('Sign the user out of which session?'),
  sessionToKeepAlive: () => t('Keep which session alive?'),
  sessionToStopKeepingAlive: () => t('Stop keeping which session alive?'),
  sessionForHeader: () => t('Copy the QB-Token header of which session?'),
  sessionForCurl: () => t('Copy a cURL command for which session?'),
  sessionToInsert: () => t('Insert the token of which session?'),
  sessionToWriteToEnv: () => t('Write the token of which session to .env?'),
  sessionToReveal: () => t('Reveal the token of which session?'),
};

// ── Session commands ───────────────────────────────────────────────────────────────────────────

export const sessionCommands = {
  alreadySignedIn: (token: string) => t('A user is already signed in to the session {0}: sign them out first.', token),
  noUserSignedIn: (token: string) => t('No user is signed in to the session {0}.', token),
  expiresIn: (left: string) => t('The QuickBlox session expires in {0}.', left),
  copyToken: () => t('Copy Token'),
  keepItAlive: () => t('Keep It Alive'),
  recreateSession: () => t('Recreate Session'),
};

// ── Documents kept in memory ───────────────────────────────────────────────────────────────────

export const documents = {
  responseOfSessionNotKept: () => t('The response of that session is not kept: responses are kept in memory until the window reloads.'),
  noRequestYet: () => t('No QuickBlox request has been made in this window yet.'),
  responseNotKept: () => t('That response is no longer kept: responses are kept in memory until the window reloads.'),
  documentNotKept: () => t('That document is no longer kept: documents are kept in memory until the window reloads.'),
};

// ── Profiles ───────────────────────────────────────────────────────────────────────────────────

/** The fields Edit Profile offers, one at a time. */
export type ProfileField = 'name' | 'endpoint' | 'applicationId' | 'authKey' | 'authSecret' | 'accountKey' | 'hash';

export const profiles = {
  saved: (profile: string) => t("Profile {0} saved; its keys are in VS Code's secret storage.", profile),
  lookUpEndpoint: () => t('Look Up Endpoint'),
  testProfile: () => t('Test Profile'),
  createSession: () => t('Create Session'),
  renameTitle: (profile: string) => t('QuickBlox: Rename {0}', profile),
  duplicateTitle: (profile: string) => t('QuickBlox: Duplicate {0}', profile),
  /** The name a duplicate is offered. */
  copyName: (profile: string) => t('{0} copy', profile),
  deleteQuestion: (profile: string) => t('Delete the profile "{0}"?', profile),
  delete: () => t('Delete'),
  deleteDetail: (hasAccountKey: boolean, sessions: number) => {
    if (hasAccountKey) {
      if (sessions === 0) return t('Its auth key, auth secret, account key and saved passwords are removed from secret storage.');
      if (sessions === 1) return t('Its auth key, auth secret, account key and saved passwords are removed from secret storage, and its 1 session forgotten.');
      return t('Its auth key, auth secret, account key and saved passwords are removed from secret storage, and its {0} sessions forgotten.', sessions);
    }
    if (sessions === 0) return t('Its auth key, auth secret and saved passwords are removed from secret storage.');
    if (sessions === 1) return t('Its auth key, auth secret and saved passwords are removed from secret storage, and its 1 session forgotten.');
    return t('Its auth key, auth secret and saved passwords are removed from secret storage, and its {0} sessions forgotten.', sessions);
  },
  noSavedUsers: (profile: string) => t('{0} has no saved users: a user is saved when you accept "Save User" after signing in.', profile),
  removeSavedUserTitle: () => t('QuickBlox: Remove Saved User'),
  whichSavedUsers: (profile: string) => t('Which saved users of {0} to remove?', profile),
  savedUserKind: (kind: 'login' | 'email') => (kind === 'email' ? t('email') : t('login')),
  removeQuestion: (users: string, profile: string) => t('Remove {0} from {1}?', users, profile),
  remove: () => t('Remove'),
  removeDetail: (count: number) =>
    count === 1
      ? t('The password is deleted from secret storage. Sessions already created stay as they are.')
      : t('Their passwords are deleted from secret storage. Sessions already created stay as they are.'),

  addTitle: () => t('QuickBlox: Add Profile'),
  askName: () => t('A name for this profile'),
  namePlaceholder: () => t('Staging'),
  askEndpoint: () => t('API endpoint (your dedicated API host, or the default)'),
  askApplicationId: () => t('Application ID (Dashboard → your app → Overview)'),
  askAuthKey: () => t('Authorization key (auth_key), kept in secret storage'),
  askAuthSecret: () => t('Authorization secret, kept in secret storage and never sent'),
  askAccountKey: () => t('Account key (optional: leave empty if you have none)'),
  askHash: () => t('Signature algorithm'),
  hashDescription: (hash: HashAlgorithm) => (hash === 'sha1' ? t('default') : t('unconfirmed')),
  hashDetail: (hash: HashAlgorithm) =>
    hash === 'sha1'
      ? t("The signature QuickBlox's REST reference documents, and the one the SDKs send by default.")
      : t(
          "The JS SDK can sign with it (hash: 'sha256'), but QuickBlox's REST reference documents only HMAC-SHA1: use it only if your server is known to accept it.",
        ),

  editTitle: (profile: string) => t('QuickBlox: Edit {0}', profile),
  whichField: () => t('Which field?'),
  fieldLabel: (field: ProfileField) => {
    switch (field) {
      case 'name':
        return t('Name');
      case 'endpoint':
        return t('API endpoint');
      case 'applicationId':
        return t('Application ID');
      case 'authKey':
        return t('Authorization key');
      case 'authSecret':
        return t('Authorization secret');
      case 'accountKey':
        return t('Account key');
      case 'hash':
        return t('Signature algorithm');
    }
  },
  lookUpItem: () => t('$(search) Look up endpoint'),
  lookUpItemDescription: () => t('from the account key (GET api.quickblox.com/account_settings.json)'),
  secretField: () => t('secret'),
  noAccountKey: () => t('none'),
  hashTitle: (profile: string) => t('QuickBlox: {0} signature algorithm', profile),
  /** The input box that takes a field's new value: its title and its prompt. */
  fieldTitle: (profile: string, field: Exclude<ProfileField, 'hash'>) => {
    switch (field) {
      case 'name':
        return t('QuickBlox: {0} name', profile);
      case 'endpoint':
        return t('QuickBlox: {0} api endpoint', profile);
      case 'applicationId':
        return t('QuickBlox: {0} application id', profile);
      case 'authKey':
        return t('QuickBlox: {0} authorization key', profile);
      case 'authSecret':
        return t('QuickBlox: {0} authorization secret', profile);
      case 'accountKey':
        return t('QuickBlox: {0} account key', profile);
    }
  },
  fieldPrompt: (field: Exclude<ProfileField, 'hash'>) => {
    switch (field) {
      case 'name':
        return t('New name');
      case 'endpoint':
        return t('New api endpoint');
      case 'applicationId':
        return t('New application id');
      case 'authKey':
        return t('New authorization key (kept in secret storage)');
      case 'authSecret':
        return t('New authorization secret (kept in secret storage)');
      case 'accountKey':
        return t('New account key (kept in secret storage); empty removes it');
    }
  },
};

// ── Endpoint trust ─────────────────────────────────────────────────────────────────────────────

/** Why a host deserves a second look before a profile's credentials go to it. */
export const trust = {
  suffixLookalike: (host: string, domain: string) =>
    t("{0} is not a QuickBlox host: it begins like one, but the address belongs to {1}. QuickBlox's own hosts end in .quickblox.com.", host, domain),
  confusableLookalike: (host: string) =>
    t('{0} only looks like a QuickBlox host: its letters imitate "quickblox". QuickBlox\'s own hosts end in .quickblox.com.', host),
  internationalLetters: (host: string, unicode: string) =>
    t("{0} is written with international letters ({1}) that can imitate others. QuickBlox's own hosts end in .quickblox.com.", host, unicode),
  otherHost: (host: string) =>
    t(
      "{0} is not a QuickBlox host: QuickBlox's own hosts end in .quickblox.com. Dedicated and enterprise accounts have hosts of their own; go on if this one is yours.",
      host,
    ),
  quickbloxHost: (host: string) => t("{0} is QuickBlox's own host.", host),
  thisComputer: (host: string) => t('{0} is this computer.', host),
  sendTo: (host: string) => t('Send to {0}', host),
  lookalikeQuestion: (host: string, profile: string) => t('{0} looks like QuickBlox but is not: send the credentials of {1} there?', host, profile),
  question: (profile: string, host: string) => t('Send the credentials of {0} to {1}?', profile, host),
  /** The dialog's detail: why the host is a concern, then what goes there. */
  detail: (concern: string, endpoint: string) =>
    t(
      '{0}\n\nThe auth key, signed requests, passwords and session tokens of this profile go to {1}. You are asked once for this profile and host.',
      concern,
      endpoint,
    ),
};

// ── Look Up Endpoint ───────────────────────────────────────────────────────────────────────────

export const lookUp = {
  noAccountKey: (profile: string) =>
    t('{0} has no account key: add one with Edit Profile (QuickBlox dashboard → Settings → Account key), then look the endpoint up.', profile),
  lookingUp: (profile: string) => t("Looking up the API endpoint of {0}'s account", profile),
  document: (profile: string) => t('{0} account settings', profile),
  documentFailed: (profile: string) => t('{0} account settings failed', profile),
  alreadyUsed: (profile: string, endpoint: string) => t("{0} already uses its account's API endpoint, {1}.", profile, endpoint),
  use: (host: string) => t('Use {0}', host),
  question: (endpoint: string, profile: string) => t("QuickBlox names {0} as the API endpoint of {1}'s account. Use it?", endpoint, profile),
  detail: (current: string, chatEndpoint: string | undefined) =>
    chatEndpoint ? t("The profile now uses {0}. The account's chat endpoint is {1}.", current, chatEndpoint) : t('The profile now uses {0}.', current),
  failed: (profile: string) => t('Could not look up the API endpoint of {0}', profile),
};

// ── Import and export ──────────────────────────────────────────────────────────────────────────

export const importExport = {
  nothingToExport: () => t('There are no QuickBlox profiles to export.'),
  exportTitle: () => t('Export QuickBlox profiles (without secrets)'),
  exported: (count: number) =>
    count === 1 ? t('Exported 1 QuickBlox profile without secrets.') : t('Exported {0} QuickBlox profiles without secrets.', count),
  fromFile: () => t('$(file) From a profile file…'),
  fromFileDetail: () => t('A JSON file written by "QuickBlox: Export Profiles"; you enter the secrets.'),
  fromInit: () => t('$(code) From QB.init(…) in the editor'),
  fromInitDetail: (applicationId: string) => t('Application {0}, with its auth key and secret', applicationId),
  importTitle: () => t('QuickBlox: Import Profiles'),
  openTitle: () => t('Import QuickBlox profiles'),
  tooLarge: () => t('The file is larger than 1 MiB: it is not a profile export.'),
  nothingImported: (reason: string) => t('Nothing was imported. {0}', reason),
  imported: (imported: number, total: number) =>
    total === 1 ? t('Imported {0} of 1 QuickBlox profile.', imported) : t('Imported {0} of {1} QuickBlox profiles.', imported, total),
  profileTitle: (name: string) => t('QuickBlox: Import "{0}"', name),
  nameTaken: () => t('A profile with this name exists: enter another name, or press Escape to skip it.'),
  /** The name offered when the file's name is taken. */
  importedName: (name: string) => t('{0} (imported)', name),
  question: (name: string, applicationId: string, endpoint: string) => t('Import "{0}": application {1} at {2}?', name, applicationId, endpoint),
  import: () => t('Import'),
  /** The dialog's detail: where the host is, then which secrets are asked next and where they go. */
  detail: (hostSummary: string, hasAccountKey: boolean, hasSavedUsers: boolean, endpoint: string) => {
    const asked = hasAccountKey
      ? hasSavedUsers
        ? t(
            "The auth key, auth secret, account key and saved users' passwords are asked next; requests signed with them go only to {0}. Check that this is your application's endpoint before you enter them.",
            endpoint,
          )
        : t(
            "The auth key, auth secret, account key are asked next; requests signed with them go only to {0}. Check that this is your application's endpoint before you enter them.",
            endpoint,
          )
      : hasSavedUsers
        ? t(
            "The auth key, auth secret and saved users' passwords are asked next; requests signed with them go only to {0}. Check that this is your application's endpoint before you enter them.",
            endpoint,
          )
        : t(
            "The auth key, auth secret are asked next; requests signed with them go only to {0}. Check that this is your application's endpoint before you enter them.",
            endpoint,
          );
    return `${hostSummary}\n\n${asked}`;
  },
  askAuthKey: (applicationId: string) => t('Authorization key of application {0}', applicationId),
  askAuthSecret: (applicationId: string) => t('Authorization secret of application {0}', applicationId),
  askAccountKey: () => t('Account key (empty for none)'),
  askSavedUserPassword: (user: string) => t('Password of saved user {0} (Escape skips this user)', user),
};

// ── Handing a token over ───────────────────────────────────────────────────────────────────────

/** How a copied token was wrapped, for the confirmation. */
export type CopiedAs = { as: 'token' } | { as: 'header' } | { as: 'curl'; shell: Shell };

export const handoff = {
  shellLabel: (shell: Shell): string => {
    switch (shell) {
      case 'posix':
        return t('bash / zsh / sh');
      case 'fish':
        return t('fish');
      case 'powershell':
        return t('PowerShell');
      case 'cmd':
        return t('Command Prompt (cmd)');
    }
  },
  whichShell: () => t('Copy a cURL command for which shell? Each quotes differently.'),
  curlShells: (shells: string) => t('A cURL command is made for one of these shells: {0}.', shells),
  nothingCopied: (shell: Shell, reason: string) => t('Nothing copied for {0}: {1}', handoff.shellLabel(shell), reason),
  copied: (token: string, copied: CopiedAs) => {
    switch (copied.as) {
      case 'token':
        return t('$(check) QuickBlox token {0} copied', token);
      case 'header':
        return t('$(check) QuickBlox token {0} copied as a QB-Token header', token);
      case 'curl':
        return t('$(check) QuickBlox token {0} copied in a cURL command for {1} (GET /session.json)', token, handoff.shellLabel(copied.shell));
    }
  },
  openAFile: () => t('Open a file to edit and place the cursor where the token should go.'),
  revealTitle: (profile: string, token: string) => t('Token of the {0} session {1}', profile, token),
  copy: () => t('Copy'),
  storedTokenUnusable: (token: string, problem: string) =>
    t('The stored token of the session {0} {1}, so it is not handed anywhere: recreate the session.', token, problem),
  tokenNotStored: () => t('The token of that session is no longer stored: create a new session.'),
  recreateSession: () => t('Recreate Session'),
  createSession: () => t('Create Session'),

  variableNameUnusable: (problem: string) => t('The setting quickblox.env.variableName is not usable: {0}', problem),
  envFileOutside: (shown: string, folder: string) =>
    t('The setting quickblox.env.file ({0}) points outside the folder: name a file inside {1}, such as .env.', shown, folder),
  envFileUnusable: (shown: string, problem: string, folder: string) =>
    t('The setting quickblox.env.file ({0}) {1}: name a file inside {2}, such as .env.', shown, problem, folder),
  notOnDisk: (folder: string) => t("Write Token to .env writes only to folders on this computer's disk, and {0} is not one: copy the token instead.", folder),
  /** The file the setting names was refused when it was resolved and read. */
  envRefused: (shown: string, folder: string, reason: EnvRefusal): string => {
    switch (reason.kind) {
      case 'outside':
        return t(
          '{0} in {1} leads outside the folder (to {2}) through a symbolic link, so nothing was written: point quickblox.env.file at a regular file inside the folder.',
          shown,
          folder,
          reason.to,
        );
      case 'protected':
        return t(
          '{0} in {1} leads to {2}, which {3}, so nothing was written: point quickblox.env.file at a regular file inside the folder.',
          shown,
          folder,
          reason.path,
          reason.problem,
        );
      case 'notRegular':
        return t(
          '{0} in {1} is not a regular file (it is a folder, a device, a pipe or a socket), so nothing was written: point quickblox.env.file at a regular file inside the folder.',
          shown,
          folder,
        );
      case 'notRegularWhenOpened':
        return t('{0} in {1} is not a regular file, so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder);
      case 'hardLinks':
        return t(
          '{0} in {1} has other hard links, so writing it would change a file elsewhere too, so nothing was written: point quickblox.env.file at a regular file inside the folder.',
          shown,
          folder,
        );
      case 'tooLarge':
        return t(
          '{0} in {1} is larger than 1 MiB, more than a .env file holds, so nothing was written: point quickblox.env.file at a regular file inside the folder.',
          shown,
          folder,
        );
      case 'danglingLink':
        return t(
          '{0} in {1} is a symbolic link to a file that does not exist, so nothing was written: point quickblox.env.file at a regular file inside the folder.',
          shown,
          folder,
        );
      case 'noFolder':
        return t(
          '{0} in {1} is in a folder that does not exist ({2}), so nothing was written: point quickblox.env.file at a regular file inside the folder.',
          shown,
          folder,
          reason.folder,
        );
      case 'replaced':
      case 'changed':
      case 'appeared':
        return handoff.envNotWritten(shown, folder, reason);
    }
  },
  /** The file was refused at the moment of writing, after the person confirmed. */
  envNotWritten: (shown: string, folder: string, reason: EnvRefusal): string => {
    switch (reason.kind) {
      case 'replaced':
        return t('{0} in {1} was replaced while you were asked, so nothing was written: try again.', shown, folder);
      case 'changed':
        return t('{0} in {1} changed while you were asked, so nothing was written: try again.', shown, folder);
      case 'appeared':
        return t('{0} in {1} appeared while you were asked, so nothing was written: try again.', shown, folder);
      case 'notRegularWhenOpened':
        return t('{0} in {1} is not a regular file.', shown, folder);
      case 'tooLarge':
        return t('{0} in {1} is larger than 1 MiB, more than a .env file holds.', shown, folder);
      default:
        return handoff.envRefused(shown, folder, reason);
    }
  },
  unsavedChanges: (shown: string) => t('{0} has unsaved changes in an editor: save or revert them first, so that nothing is lost.', shown),
  alreadySet: (shown: string, folder: string, variable: string, token: string) =>
    t('{0} in {1} already sets {2} to the token {3}.', shown, folder, variable, token),
  /** The confirmation's detail, paragraph by paragraph. */
  willCreate: (shown: string) => t('{0} does not exist yet: it will be created with this one line.', shown),
  willReplace: (variable: string, lines: string) =>
    t('The current value of {0} (line {1}) is replaced; every other line stays exactly as it is.', variable, lines),
  willAdd: (variable: string) => t('{0} is added at the end; every other line stays exactly as it is.', variable),
  file: (file: string) => t('File: {0}', file),
  fileThrough: (file: string, shown: string) => t('File: {0} ({1} leads there)', file, shown),
  notInGitignore: (relative: string, folder: string) =>
    t(
      'Note: {0} is not listed in {1}/.gitignore, so the token could be committed. (Git is not asked in Restricted Mode or where it is missing; this is read from .gitignore.)',
      relative,
      folder,
    ),
  trackedByGit: (relative: string) =>
    t('Note: git tracks {0}: the token would go into your next commit. Stop tracking it (git rm --cached {0}) and list it in .gitignore.', relative),
  notIgnoredByGit: (relative: string) => t('Note: git does not ignore {0}, so the token could be committed: list it in .gitignore.', relative),
  writeQuestion: (token: string, shown: string, folder: string, variable: string) =>
    t('Write the token {0} to {1} in {2} as {3}?', token, shown, folder, variable),
  write: () => t('Write'),
  written: (variable: string, shown: string, folder: string, token: string) => t('{0} in {1} in {2} now holds the token {3}.', variable, shown, folder, token),
  openFile: () => t('Open File'),
  openAFolder: () => t('Open a folder first: the token is written to a .env file in a workspace folder.'),
  whichFolder: () => t('Write the token to the .env of which folder?'),
  openSettings: () => t('Open Settings'),
};

// ── Launch and task variables, terminals ───────────────────────────────────────────────────────

/** `${command:quickblox.activeToken}` and its siblings in launch.json and tasks.json. */
export const variables = {
  noActiveSession: () => t('This launch or task needs a QuickBlox token, and no session is active. Create one now?'),
  noSessionToPick: () => t('This launch or task needs a QuickBlox token, and no session is tracked. Create one now?'),
  expired: (session: string, token: string) => t('The QuickBlox session {0} ({1}) has expired. Recreate it for this launch or task?', session, token),
  tokenNotStored: (session: string) => t('The token of the QuickBlox session {0} is no longer stored. Recreate the session for this launch or task?', session),
  tokenUnusable: (session: string, token: string, problem: string) =>
    t('The stored token of the QuickBlox session {0} ({1}) {2}. Recreate the session for this launch or task?', session, token, problem),
  createSession: () => t('Create Session'),
  recreateSession: () => t('Recreate Session'),
  whichSession: () => t('The token of which QuickBlox session, for this launch or task?'),
  /** The launch or task was not started: VS Code shows this sentence. */
  notStarted: () =>
    t(
      'No QuickBlox token, so the launch or task was not started: create a session (QuickBlox: Create Session) or make one active in the QuickBlox view, then start it again.',
    ),
  noneChosen: () => t('No QuickBlox session was chosen, so the launch or task was not started: start it again and choose one.'),
};

/** Export Session to Terminals: one session's token, endpoint and application id in every new terminal. */
export const terminals = {
  /** The terminal's tooltip names what the extension adds: never the token itself. */
  description: (session: string, token: string) =>
    t('QuickBlox: QUICKBLOX_TOKEN, QUICKBLOX_API_ENDPOINT and QUICKBLOX_APPLICATION_ID of the session {0} ({1})', session, token),
  exported: (session: string, token: string) =>
    t(
      'New terminals get the token of the QuickBlox session {0} ({1}) as QUICKBLOX_TOKEN, with QUICKBLOX_API_ENDPOINT and QUICKBLOX_APPLICATION_ID.',
      session,
      token,
    ),
  relaunch: () => t('Terminals already open get them once relaunched (VS Code marks them).'),
  savedAtExit: () =>
    t(
      'VS Code saves the terminals still open when it exits, their environment included, to revive them: close these terminals before quitting, or set terminal.integrated.persistentSessionReviveProcess to "never", to keep the token off the disk.',
    ),
  sessionToExport: () => t('Export which session to new terminals?'),
  expired: (session: string, token: string) => t('The QuickBlox session {0} ({1}) has expired: recreate it, then export it.', session, token),
  ended: (session: string, token: string, why: TerminalExportEnd) => {
    switch (why) {
      case 'ended':
        return t('New terminals no longer get the QuickBlox session {0} ({1}): the session was ended.', session, token);
      case 'expired':
        return t('New terminals no longer get the QuickBlox session {0} ({1}): the session expired.', session, token);
      case 'profileDeleted':
        return t('New terminals no longer get the QuickBlox session {0} ({1}): its profile was deleted.', session, token);
      case 'tokenUnusable':
        return t('New terminals no longer get the QuickBlox session {0} ({1}): its new token is not usable.', session, token);
      case 'stopped':
        return t('$(check) New terminals no longer get the QuickBlox session {0} ({1})', session, token);
    }
  },
  notExporting: () => t('No QuickBlox session is being exported to terminals.'),
};

/** Why an export to terminals ended: its session ended, expired, lost its profile or its token, or the person stopped it. */
export type TerminalExportEnd = 'ended' | 'expired' | 'profileDeleted' | 'tokenUnusable' | 'stopped';

// ── Diagnostics ────────────────────────────────────────────────────────────────────────────────

export const diagnostics = {
  noFailureYet: () => t('No session request has failed in this window yet: choose a profile and a kind to explain instead.'),
  failedRequestItem: (time: string) => t('$(error) The request that failed at {0}', time),
  failedRequestDescription: (profile: string, kindLabel: string) => t('{0} · {1}', profile, kindLabel),
  profileAndKindItem: () => t('$(account) A profile and a kind of session…'),
  explainSignatureTitle: () => t('QuickBlox: Explain Signature'),
  whichSignature: () => t('Explain which signature?'),
  explainErrorTitle: () => t('QuickBlox: Explain Error'),
  pasteError: () => t('Paste the error QuickBlox answered (the JSON body; a status such as 403 before it helps)'),
  /** How a failure reads in the explanation's note, or undefined for a kind without words of its own. */
  failureWords: (kind: string) => {
    switch (kind) {
      case 'invalid_signature':
        return t('QuickBlox answered "Unexpected signature"');
      case 'unauthorized':
        return t('QuickBlox answered "Unauthorized"');
      case 'session_missing':
        return t('QuickBlox answered "Required session does not exist"');
      case 'validation':
        return t('QuickBlox rejected a parameter');
      case 'rate_limited':
        return t('too many requests');
      case 'server':
        return t('a server error');
      case 'network':
        return t('a network error');
      case 'timeout':
        return t('no answer in time');
      case 'bad_response':
        return t('an answer that was not QuickBlox JSON');
      default:
        return undefined;
    }
  },
  signatureTitle: (kindLabel: string) => t('Signature: {0} session', kindLabel),
  freshNote: () => t('A fresh timestamp and nonce; nothing was sent.'),
  keysChangedNote: (time: string) =>
    t(
      "The request that failed at {0} was signed with keys this profile no longer has (it was edited since): this is how it signs now, with that request's timestamp and nonce.",
      time,
    ),
  failedNote: (time: string, failure: string) =>
    t('Explains the request that failed at {0} ({1}), signed again with its own timestamp and nonce.', time, failure),
  signatureDocument: (profile: string, type: string) => t('signature {0} {1}', profile, type),
  pastedTooLong: (length: number) =>
    t('That text is {0} characters long, far more than an error body: paste or select only the JSON QuickBlox answered.', length),
  notAnErrorBody: () =>
    t(
      'That is not a QuickBlox error body: paste the JSON the API answered, such as {"errors":{"base":["Unexpected signature"]}}, with its status before it if you have it.',
    ),
  pastedRefused: (status: number | undefined, messages: string) =>
    status === undefined
      ? t('QuickBlox refused the request (status not given: {0}).', messages)
      : t('QuickBlox refused the request ({0}: {1}).', status, messages),
  pastedResponse: () => t('The pasted response'),
  errorDocument: () => t('error response'),
  errorDocumentTitle: () => t('QuickBlox error response'),
  errorMeaning: () => t('What it means:'),
  errorAnswered: () => t('What QuickBlox answered'),
  errorStatus: () => t('Status:'),
  errorStatusNotGiven: () => t('Status: not given with the text'),
  errorWhatToDo: () => t('What to do'),
  errorOnNotification: () => t('Its notification offers:'),
};

// ── Your own code's signatures ─────────────────────────────────────────────────────────────────

export const ownCode = {
  diagnoseTitle: () => t('QuickBlox: Diagnose a Signature from Your Code'),
  pasteSent: () =>
    t('Paste what your code sent: a JSON or form body, a URL, a cURL command, or an SDK log line (for several lines, select them in an editor first)'),
  signedString: () => t('Optional: the string your code signed (leave empty, or press Escape, if you do not have it)'),
  tooLong: (length: number) => t('That text is {0} characters long, far more than a session request: select or paste only the request your code sent.', length),
  diagnosisTitle: () => t('Signature from your code'),
  diagnosisDocument: (profile: string) => t('diagnosis {0}', profile),
  generateTitle: () => t('QuickBlox: Generate Signing Code'),
  whichLanguage: () => t('Which language does your code use?'),
  whichKind: () => t('Which kind of session?'),
  openAsDocument: () => t('$(file-code) Open as a new document'),
  copyToClipboard: () => t('$(copy) Copy to the clipboard'),
  copied: (kindLabel: string, profile: string, variables: string) =>
    t('Copied {0} signing code for {1}. It reads {2} from the environment: no secret is written into it.', kindLabel.toLowerCase(), profile, variables),
  opened: (profile: string, fileName: string, variables: string) =>
    t('Signing code for {0} opened as {1}. It reads {2} from the environment: no secret is written into it.', profile, fileName, variables),
};

// ── Signing in: Create Session, Recreate and Upgrade ask for a kind's inputs ───────────────────

export const signIn = {
  createTitle: () => t('QuickBlox: Create Session'),
  recreateTitle: () => t('QuickBlox: Recreate Session'),
  upgradeTitle: () => t('QuickBlox: Upgrade Session'),
  whichKind: (profile: string) => t('Which kind of session for {0}?', profile),
  savedUsers: () => t('Saved users'),
  savedUserDescription: (kind: string) => (kind === 'email' ? t('email + saved password') : t('login + saved password')),
  passwordGone: (user: string, kind: string) => t('The password of {0} is no longer stored: create the session by {1} again to save it.', user, kind),
  whichUser: (token: string) => t('Sign which user in to the session {0} (POST /login.json)?', token),
  savedUserToSignIn: (kind: string) => t('saved {0} + password', kind),
  enterKind: (kindLabel: string) => t('$(sign-in) {0}…', kindLabel),
  passwordGoneTypeIt: (user: string) => t('The password of {0} is no longer stored: choose another way to sign in and type it.', user),
};
