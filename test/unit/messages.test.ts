/**
 * The sentences of src/feedback/messages.ts and the choice of sentence and actions in
 * src/feedback/failures.ts, on plain Node: both load without VS Code (messages read the English
 * text through `t`, filled the way vscode.l10n.t fills it when no translation is loaded).
 */
import * as assert from 'node:assert/strict';
import { describeEndpointHost, QuickBloxError } from '../../src/core';
import { explainFailure } from '../../src/feedback/failures';
import { english, useTranslator } from '../../src/feedback/l10n';
import { actionLabel, duration, handoff, importExport, profiles, sessions, timeLeft } from '../../src/feedback/messages';
import { hostSummary } from '../../src/profiles/endpointTrust';

describe('Messages', () => {
  it('load on plain Node: no vscode module exists here, and none was needed', () => {
    assert.throws(() => require.resolve('vscode'));
    assert.equal(typeof explainFailure, 'function');
  });

  it('write durations in words', () => {
    assert.equal(duration(0), '0 seconds');
    assert.equal(duration(1), '1 second');
    assert.equal(duration(45), '45 seconds');
    assert.equal(duration(-45), '45 seconds');
    assert.equal(duration(60), '1 minute');
    assert.equal(duration(420), '7 minutes');
    assert.equal(duration(7200), '2 hours');
    assert.equal(duration(7500), '2 hours 5 minutes');
  });

  it('write the time left before an expiry, short', () => {
    const now = 1_000_000_000;
    assert.equal(timeLeft(now, now), 'expired');
    assert.equal(timeLeft(now - 1, now), 'expired');
    assert.equal(timeLeft(now + 30_000, now), '< 1 min');
    assert.equal(timeLeft(now + 42 * 60_000 + 59_000, now), '42 min');
    assert.equal(timeLeft(now + 65 * 60_000, now), '1 h 05 min');
  });

  it('count in whole sentences, one for one and one for many', () => {
    assert.equal(importExport.exported(1), 'Exported 1 QuickBlox profile without secrets.');
    assert.equal(importExport.exported(3), 'Exported 3 QuickBlox profiles without secrets.');
    assert.equal(importExport.imported(0, 1), 'Imported 0 of 1 QuickBlox profile.');
    assert.equal(importExport.imported(2, 3), 'Imported 2 of 3 QuickBlox profiles.');
    assert.equal(profiles.deleteDetail(false, 0), 'Its auth key, auth secret and saved passwords are removed from secret storage.');
    assert.equal(
      profiles.deleteDetail(true, 1),
      'Its auth key, auth secret, account key and saved passwords are removed from secret storage, and its 1 session forgotten.',
    );
    assert.equal(
      profiles.deleteDetail(true, 4),
      'Its auth key, auth secret, account key and saved passwords are removed from secret storage, and its 4 sessions forgotten.',
    );
  });

  it('make one sentence of the facts, never a sentence of translated pieces', () => {
    assert.equal(
      handoff.copied('abc123…', { as: 'curl', shell: 'cmd' }),
      '$(check) QuickBlox token abc123… copied in a cURL command for Command Prompt (cmd) (GET /session.json)',
    );
    assert.equal(
      handoff.envRefused('.env', 'app', { kind: 'outside', to: '/etc/x' }),
      '.env in app leads outside the folder (to /etc/x) through a symbolic link, so nothing was written: point quickblox.env.file at a regular file inside the folder.',
    );
    assert.equal(handoff.envNotWritten('.env', 'app', { kind: 'changed' }), '.env in app changed while you were asked, so nothing was written: try again.');
    assert.equal(
      handoff.trackedByGit('.env'),
      'Note: git tracks .env: the token would go into your next commit. Stop tracking it (git rm --cached .env) and list it in .gitignore.',
    );
    assert.equal(sessions.named(undefined, 'app'), 'deleted profile · app');
    assert.match(
      hostSummary(describeEndpointHost('https://api.quickblox.com.example.net')),
      /^api\.quickblox\.com\.example\.net is not a QuickBlox host: it begins like one, but the address belongs to example\.net\. QuickBlox's own hosts end in \.quickblox\.com\.$/,
    );
    assert.equal(hostSummary(describeEndpointHost('https://api.quickblox.com')), "api.quickblox.com is QuickBlox's own host.");
  });

  it('go through the translator that is set, with the English text as the key', () => {
    const asked: string[] = [];
    useTranslator((message, ...args) => {
      asked.push(message);
      return english(message === '{0} session' ? '{0}-Sitzung' : message, ...args);
    });
    try {
      assert.equal(sessions.ofKind('Application'), 'Application-Sitzung');
      assert.deepEqual(asked, ['{0} session']);
    } finally {
      useTranslator(english);
    }
    assert.equal(sessions.ofKind('Application'), 'Application session');
  });
});

describe('explainFailure', () => {
  const subject = 'Create session';

  it('offers Sign With Server Time first when the clock is why the signature was refused', () => {
    const error = new QuickBloxError('invalid_signature', 'Unexpected signature', { status: 422, clockSkewSeconds: 2 * 3600 });
    const explained = explainFailure(error, subject);
    assert.equal(explained.actions[0], 'signWithServerTime');
    assert.equal(actionLabel(explained.actions[0]!), 'Sign With Server Time');
    assert.equal(
      explained.message,
      "Create session: QuickBlox answered \"Unexpected signature\". The cause is this computer's clock: it is 2 hours behind the server's, more than the 60 minutes allowed. Correct the clock, or sign with the server's time.",
    );
  });

  it('does not offer the server time again when requests are already signed with it, nor when the clock is close', () => {
    const far = new QuickBloxError('invalid_signature', 'Unexpected signature', { status: 422, clockSkewSeconds: -2 * 3600 });
    const corrected = explainFailure(far, subject, { correctingClock: true });
    assert.ok(!corrected.actions.includes('signWithServerTime'));
    assert.match(corrected.message, /signed 2 hours ahead of the server's time even with quickblox\.correctClockSkew on/);
    const close = explainFailure(new QuickBloxError('invalid_signature', 'Unexpected signature', { status: 422, clockSkewSeconds: 30 }), subject);
    assert.equal(close.actions[0], 'explainSignature');
    assert.match(close.message, /The usual cause is a wrong auth secret, or a computer clock that is off\.$/);
  });

  it('names the Facebook token, and offers to enter it again, when QuickBlox refused the user of a Facebook sign-in', () => {
    const error = new QuickBloxError('unauthorized', 'Unauthorized', { status: 401, userCredentialsSent: true });
    const explained = explainFailure(error, subject, { refused: 'user', signIn: { kind: 'facebook', identifier: 'facebook' } });
    assert.equal(explained.actions[0], 'reenterToken');
    assert.equal(actionLabel('reenterToken'), 'Re-enter Token');
    assert.equal(
      explained.message,
      "Create session: QuickBlox refused the Facebook access token (the application's credentials are fine: one extra request showed it).",
    );
    assert.ok(!explained.actions.includes('editProfile'), 'the profile is not blamed');
  });

  it('names the user whose password was refused, and the application when its credentials were', () => {
    const error = new QuickBloxError('unauthorized', 'Unauthorized', { status: 401, userCredentialsSent: true });
    const password = explainFailure(error, subject, { refused: 'user', signIn: { kind: 'login', identifier: 'alice' } });
    assert.equal(password.actions[0], 'reenterPassword');
    assert.match(password.message, /refused the password for alice/);
    const application = explainFailure(error, subject, { refused: 'application', signIn: { kind: 'login', identifier: 'alice' } });
    assert.equal(application.actions[0], 'editProfile');
    assert.equal(application.message, 'Create session: QuickBlox did not accept the application credentials (401): check the application id and auth key.');
  });

  it('offers one retry after the wait QuickBlox asked for, and says the seconds', () => {
    const error = new QuickBloxError('rate_limited', 'Too many requests', { status: 429, retryAfterSeconds: 7 });
    const explained = explainFailure(error, subject);
    assert.equal(explained.actions[0], 'retryAfterWait');
    assert.equal(explained.waitSeconds, 7);
    assert.equal(explained.message, 'Create session: too many requests; QuickBlox asks to wait 7 s.');
    assert.equal(actionLabel('retryAfterWait', explained.waitSeconds), 'Retry in 7 s');
    const again = explainFailure(error, subject, { retriedAfterLimit: true });
    assert.equal(again.message, 'Create session: still too many requests after waiting; try again later.');
    assert.ok(!again.actions.some((action) => action === 'retry' || action === 'retryAfterWait'));
  });

  it('offers Start Local Sandbox first, with the same sentence, when the stopped Local Sandbox refused the connection', () => {
    const error = new QuickBloxError('network', 'connect ECONNREFUSED', { code: 'ECONNREFUSED', host: '127.0.0.1:41234' });
    const sandbox = explainFailure(error, subject, { localSandboxStopped: true });
    const other = explainFailure(error, subject);
    assert.equal(sandbox.message, other.message);
    assert.match(sandbox.message, /^Create session: Connection refused by 127\.0\.0\.1:41234/);
    assert.deepEqual(sandbox.actions, ['startLocalSandbox', 'retry', 'editProfile']);
    assert.equal(actionLabel('startLocalSandbox'), 'Start Local Sandbox');
    assert.deepEqual(other.actions, ['retry', 'editProfile', 'openSettings']);
    assert.equal(other.setting, 'http.proxy');
  });
});
