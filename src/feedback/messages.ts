/**
 * Every sentence the extension says to the person: notifications, dialogs, input prompts, quick
 * picks, progress titles. The rest of the code passes facts (a kind, a status, a skew, a name) and
 * gets sentences back from here. Each goes through `t` (vscode.l10n.t in VS Code), so a translation
 * is one file: l10n/bundle.l10n.<language>.json, keyed by the English text below.
 */
import type { Shell } from '../core';
import type { EnvRefusal } from '../handoff/envTarget';
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

// ── Endpoint trust ─────────────────────────────────────────────────────────────────────────────

/** Why a host deserves a second look before a profile's credentials go to it. */
export const trust = {
  suffixLookalike: (host: string, domain: string) => t("{0} is not a QuickBlox host: it begins like one, but the address belongs to {1}. QuickBlox's own hosts end in .quickblox.com.", host, domain),
  confusableLookalike: (host: string) => t('{0} only looks like a QuickBlox host: its letters imitate "quickblox". QuickBlox\'s own hosts end in .quickblox.com.', host),
  internationalLetters: (host: string, unicode: string) => t("{0} is written with international letters ({1}) that can imitate others. QuickBlox's own hosts end in .quickblox.com.", host, unicode),
  otherHost: (host: string) =>
    t("{0} is not a QuickBlox host: QuickBlox's own hosts end in .quickblox.com. Dedicated and enterprise accounts have hosts of their own; go on if this one is yours.", host),
  quickbloxHost: (host: string) => t("{0} is QuickBlox's own host.", host),
  thisComputer: (host: string) => t('{0} is this computer.', host),
  sendTo: (host: string) => t('Send to {0}', host),
  lookalikeQuestion: (host: string, profile: string) => t('{0} looks like QuickBlox but is not: send the credentials of {1} there?', host, profile),
  question: (profile: string, host: string) => t('Send the credentials of {0} to {1}?', profile, host),
  /** The dialog's detail: why the host is a concern, then what goes there. */
  detail: (concern: string, endpoint: string) =>
    t('{0}\n\nThe auth key, signed requests, passwords and session tokens of this profile go to {1}. You are asked once for this profile and host.', concern, endpoint),
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
  storedTokenUnusable: (token: string, problem: string) => t('The stored token of the session {0} {1}, so it is not handed anywhere: recreate the session.', token, problem),
  tokenNotStored: () => t('The token of that session is no longer stored: create a new session.'),
  recreateSession: () => t('Recreate Session'),
  createSession: () => t('Create Session'),

  variableNameUnusable: (problem: string) => t('The setting quickblox.env.variableName is not usable: {0}', problem),
  envFileOutside: (shown: string, folder: string) => t('The setting quickblox.env.file ({0}) points outside the folder: name a file inside {1}, such as .env.', shown, folder),
  envFileUnusable: (shown: string, problem: string, folder: string) => t('The setting quickblox.env.file ({0}) {1}: name a file inside {2}, such as .env.', shown, problem, folder),
  notOnDisk: (folder: string) => t("Write Token to .env writes only to folders on this computer's disk, and {0} is not one: copy the token instead.", folder),
  /** The file the setting names was refused when it was resolved and read. */
  envRefused: (shown: string, folder: string, reason: EnvRefusal): string => {
    switch (reason.kind) {
      case 'outside':
        return t('{0} in {1} leads outside the folder (to {2}) through a symbolic link, so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder, reason.to);
      case 'protected':
        return t('{0} in {1} leads to {2}, which {3}, so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder, reason.path, reason.problem);
      case 'notRegular':
        return t('{0} in {1} is not a regular file (it is a folder, a device, a pipe or a socket), so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder);
      case 'notRegularWhenOpened':
        return t('{0} in {1} is not a regular file, so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder);
      case 'hardLinks':
        return t('{0} in {1} has other hard links, so writing it would change a file elsewhere too, so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder);
      case 'tooLarge':
        return t('{0} in {1} is larger than 1 MiB, more than a .env file holds, so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder);
      case 'danglingLink':
        return t('{0} in {1} is a symbolic link to a file that does not exist, so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder);
      case 'noFolder':
        return t('{0} in {1} is in a folder that does not exist ({2}), so nothing was written: point quickblox.env.file at a regular file inside the folder.', shown, folder, reason.folder);
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
  alreadySet: (shown: string, folder: string, variable: string, token: string) => t('{0} in {1} already sets {2} to the token {3}.', shown, folder, variable, token),
  /** The confirmation's detail, paragraph by paragraph. */
  willCreate: (shown: string) => t('{0} does not exist yet: it will be created with this one line.', shown),
  willReplace: (variable: string, lines: string) => t('The current value of {0} (line {1}) is replaced; every other line stays exactly as it is.', variable, lines),
  willAdd: (variable: string) => t('{0} is added at the end; every other line stays exactly as it is.', variable),
  file: (file: string) => t('File: {0}', file),
  fileThrough: (file: string, shown: string) => t('File: {0} ({1} leads there)', file, shown),
  notInGitignore: (relative: string, folder: string) =>
    t('Note: {0} is not listed in {1}/.gitignore, so the token could be committed. (Git is not asked in Restricted Mode or where it is missing; this is read from .gitignore.)', relative, folder),
  trackedByGit: (relative: string) => t('Note: git tracks {0}: the token would go into your next commit. Stop tracking it (git rm --cached {0}) and list it in .gitignore.', relative),
  notIgnoredByGit: (relative: string) => t('Note: git does not ignore {0}, so the token could be committed: list it in .gitignore.', relative),
  writeQuestion: (token: string, shown: string, folder: string, variable: string) => t('Write the token {0} to {1} in {2} as {3}?', token, shown, folder, variable),
  write: () => t('Write'),
  written: (variable: string, shown: string, folder: string, token: string) => t('{0} in {1} in {2} now holds the token {3}.', variable, shown, folder, token),
  openFile: () => t('Open File'),
  openAFolder: () => t('Open a folder first: the token is written to a .env file in a workspace folder.'),
  whichFolder: () => t('Write the token to the .env of which folder?'),
  openSettings: () => t('Open Settings'),
};
