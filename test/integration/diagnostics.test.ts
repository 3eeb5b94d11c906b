import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SessionAuth, SignatureExplanation } from '../../src/core';
import type { Explained } from '../../src/feedback/failures';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { addDemoProfile, promptAnswerer, api, clean, demo, lastFailure, postControl, renderedDocument, sandboxRequests, sandboxUrl, waitFor } from './helpers';

async function create(profileId: string, auth: SessionAuth = { type: 'application' }): Promise<TrackedSession | undefined> {
  return vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId, auth });
}

async function explain(argument: unknown): Promise<SignatureExplanation> {
  const explanation = await vscode.commands.executeCommand<SignatureExplanation | undefined>('quickblox.explainSignature', argument);
  assert.ok(explanation, 'an explanation');
  return explanation;
}

function check(explanation: SignatureExplanation, id: string): { status: string; detail: string } {
  const found = explanation.checks.find((item) => item.id === id);
  assert.ok(found, `check ${id}`);
  return found;
}

/** The text of the signature explanation just opened, which opens rendered. */
async function renderedExplanation(): Promise<string> {
  return (await renderedDocument(/^Preview signature-/)).document.getText();
}

const posts = async (): Promise<number> => (await sandboxRequests()).filter((request) => request.method === 'POST' && request.path === '/session.json').length;

describe('diagnostics in the extension host', () => {
  const prompts = promptAnswerer();
  const { answer } = prompts;

  beforeEach(async () => {
    await clean();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await answer();
    (await api()).clockSkew.record(0, 0);
  });
  afterEach(async () => {
    prompts.restore();
    await vscode.workspace.getConfiguration('quickblox').update('correctClockSkew', undefined, vscode.ConfigurationTarget.Global);
    await postControl('/_sandbox/reset');
  });
  after(() => clean());

  describe('Explain Signature', () => {
    it('is offered for "Unexpected signature" and replays the failed request exactly, secrets masked', async () => {
      await answer((prompt) => (prompt.actions.includes('Explain Signature') ? 'Explain Signature' : undefined));
      const profile = await addDemoProfile('Wrong secret', { secrets: { authKey: demo.authKey, authSecret: 'not-the-secret-0' } });
      assert.equal(await create(profile.id), undefined);
      const text = await renderedExplanation();
      assert.match(text, /failed at .*QuickBlox answered "Unexpected signature"/);
      assert.match(text, /application_id=4242&auth_key=/);
      for (const secret of ['not-the-secret-0', demo.authKey]) assert.ok(!text.includes(secret), 'the document masks the auth key and secret');

      const explanation = await explain({ lastFailure: true });
      const sent = (await sandboxRequests()).at(-1) as unknown as { body: { signature: string } };
      assert.equal(explanation.signature, sent.body.signature, 'the signature shown is the one that was sent');
      assert.match(check(explanation, 'secret-as-key').detail, /auth secret is the suspect|suspect/i);
      assert.equal(check(explanation, 'timestamp-ms').status, 'pass');
      assert.equal(check(explanation, 'secret-in-string').status, 'pass');
      assert.equal(check(explanation, 'hash').status, 'pass');
      assert.match(explanation.verdict, /auth secret itself is not this application's/);
      assert.match(text, /\*\*Verdict:\*\* Nothing here is malformed/);
    });

    const mistakes: Array<[string, () => Promise<{ profileId: string; auth: SessionAuth }>, string, string]> = [
      [
        'the auth secret pasted as the auth key',
        async () => ({
          profileId: (await addDemoProfile('Same', { secrets: { authKey: demo.authSecret, authSecret: demo.authSecret } })).id,
          auth: { type: 'application' },
        }),
        'secret-as-key',
        'fail',
      ],
      [
        'whitespace around a pasted value',
        async () => ({ profileId: (await addDemoProfile('Space')).id, auth: { type: 'login', login: 'demo-alice ', password: 'pw' } }),
        'whitespace',
        'fail',
      ],
      [
        'a URL-encoded value',
        async () => ({ profileId: (await addDemoProfile('Encoded')).id, auth: { type: 'email', email: 'alice%40example.com', password: 'pw' } }),
        'url-encoded',
        'warn',
      ],
      [
        'the SHA-256 setting',
        async () => ({ profileId: (await addDemoProfile('Hash', { hash: 'sha256' })).id, auth: { type: 'application' } }),
        'hash',
        'warn',
      ],
    ];
    for (const [name, arrange, id, status] of mistakes) {
      it(`names ${name}`, async () => {
        const explanation = await explain(await arrange());
        assert.equal(check(explanation, id).status, status, check(explanation, id).detail);
        // A secret pasted as the key is also a secret inside the signed string: both checks say so.
        const alsoFails = id === 'secret-as-key' ? ['secret-in-string'] : [];
        const others = explanation.checks.filter((item) => item.id !== id && !alsoFails.includes(item.id) && item.id !== 'clock' && item.status === 'fail');
        assert.deepEqual(others, [], 'no other check fails');
        const text = await renderedExplanation();
        assert.match(text, new RegExp(status === 'fail' ? '✗' : '⚠'));
        assert.ok(!text.includes(demo.authSecret));
      });
    }

    it('after the profile is edited, says the failed request was signed with other keys instead of blaming them', async () => {
      const services = await api();
      const profile = await addDemoProfile('Edited', { secrets: { authKey: demo.authKey, authSecret: 'not-the-secret-2' } });
      assert.equal(await create(profile.id), undefined);
      await services.profiles.update(profile.id, {}, { authSecret: demo.authSecret });
      const explanation = await explain({ lastFailure: true });
      assert.match(explanation.verdict, /^Nothing looks wrong/);
      const text = await renderedExplanation();
      assert.match(text, /signed with keys this profile no longer has/);
    });

    it('names the clock when it is more than 60 minutes off', async () => {
      await postControl('/_sandbox/clock', { offsetSeconds: 2 * 3600 });
      const profile = await addDemoProfile('Clock');
      assert.equal(await create(profile.id), undefined);
      const explanation = await explain({ lastFailure: true });
      assert.equal(check(explanation, 'clock').status, 'fail');
      assert.match(check(explanation, 'clock').detail, /behind/);
    });
  });

  describe('clock skew', () => {
    it('"Unexpected signature" with a clock over 60 minutes off still names the clock', async () => {
      await api();
      await postControl('/_sandbox/clock', { offsetSeconds: 2 * 3600 });
      const profile = await addDemoProfile('Wrong secret, skewed', { secrets: { authKey: demo.authKey, authSecret: 'not-the-secret-0' } });
      assert.equal(await create(profile.id), undefined);
      assert.match(lastFailure() ?? '', /"Unexpected signature"\. The cause is this computer's clock: it is 2 hours behind the server's/);
      assert.ok(prompts.seen().some((prompt) => prompt.actions.includes('Sign With Server Time')));
    });

    it('names a clock over 60 minutes off as the cause ("Bad timestamp"), and signs with server time once asked', async () => {
      const services = await api();
      await postControl('/_sandbox/clock', { offsetSeconds: 2 * 3600 });
      await answer((prompt) => (prompt.actions.includes('Sign With Server Time') ? 'Sign With Server Time' : undefined));
      const profile = await addDemoProfile('Skewed');
      assert.equal(await create(profile.id), undefined);
      assert.match(lastFailure() ?? '', /"Bad timestamp": this computer's clock is 2 hours behind the server's/);
      const session = await waitFor('the session signed with server time', () => services.sessions.list()[0]);
      assert.equal(vscode.workspace.getConfiguration('quickblox').get('correctClockSkew'), true);
      const localHours = (session.expiresAt - Date.now()) / 3_600_000;
      assert.ok(Math.abs(localHours - 2) < 0.01, `the expiry is read on this computer's clock (${localHours.toFixed(3)} h)`);

      const again = await create(profile.id);
      assert.ok(again, 'later requests are signed with the server time directly');
      const sent = (await sandboxRequests()).at(-1) as unknown as { body: { timestamp: string } };
      assert.ok(Math.abs(Number(sent.body.timestamp) - (Date.now() / 1000 + 7200)) < 5, 'the timestamp is the server’s');
    });

    it('with quickblox.correctClockSkew on, a first failure is signed again with the server time, once', async () => {
      await api();
      await vscode.workspace.getConfiguration('quickblox').update('correctClockSkew', true, vscode.ConfigurationTarget.Global);
      await postControl('/_sandbox/clock', { offsetSeconds: -3 * 3600 });
      const profile = await addDemoProfile('Corrected');
      const session = await create(profile.id);
      assert.ok(session, lastFailure());
      assert.equal(await posts(), 2, 'one failed attempt, one signed with the server time');
    });

    it('Test Profile signs again with server time but keeps no session', async () => {
      const services = await api();
      await vscode.workspace.getConfiguration('quickblox').update('correctClockSkew', true, vscode.ConfigurationTarget.Global);
      await postControl('/_sandbox/clock', { offsetSeconds: 2 * 3600 });
      const profile = await addDemoProfile('Tested');
      assert.equal(await vscode.commands.executeCommand('quickblox.testProfile', { profileId: profile.id }), true, lastFailure());
      assert.equal(await posts(), 2);
      assert.deepEqual(services.sessions.list(), [], 'a test keeps nothing');
    });

    it('reports a skew over five minutes also when the request fails for another reason', async () => {
      await postControl('/_sandbox/clock', { offsetSeconds: -20 * 60 });
      const profile = await addDemoProfile('Off and wrong', { secrets: { authKey: demo.authKey, authSecret: 'not-the-secret-1' } });
      assert.equal(await create(profile.id), undefined);
      const notice = await waitFor('the clock notice', () => prompts.seen().find((prompt) => /clock is 20 minutes ahead of/.test(prompt.message)));
      assert.equal(notice.severity, 'warning');
    });

    it('reports a skew over five minutes even when requests succeed', async () => {
      await postControl('/_sandbox/clock', { offsetSeconds: 10 * 60 });
      const profile = await addDemoProfile('Slightly off');
      assert.ok(await create(profile.id));
      const notice = await waitFor('the clock notice', () => prompts.seen().find((prompt) => /clock/.test(prompt.message)));
      assert.equal(notice.severity, 'warning');
      assert.match(notice.message, /10 minutes behind QuickBlox's server, within the 60 minutes/);
      assert.deepEqual(notice.actions, ['Sign With Server Time']);
    });
  });

  describe('rate limits', () => {
    it('a 429 offers one retry, made after Retry-After', async () => {
      const services = await api();
      await postControl('/_sandbox/faults', { type: 'rate_limit', retryAfter: 2, path: '/session.json' });
      await answer((prompt) => prompt.actions.find((action) => /^Retry in \d+ s$/.test(action)));
      const profile = await addDemoProfile('Limited');
      const started = Date.now();
      assert.equal(await create(profile.id), undefined);
      assert.match(lastFailure() ?? '', /wait 2 s/);
      await waitFor('the session after the retry', () => services.sessions.list()[0]);
      assert.ok(Date.now() - started >= 1900, 'the retry waited for Retry-After');
      assert.equal(await posts(), 2);
    });

    it('retries once, never in a loop', async () => {
      const services = await api();
      await postControl('/_sandbox/faults', { type: 'rate_limit', retryAfter: 1, path: '/session.json', times: 5 });
      await answer((prompt) => prompt.actions.find((action) => /^Retry/.test(action)));
      const profile = await addDemoProfile('Still limited');
      assert.equal(await create(profile.id), undefined);
      const last = await waitFor('the second failure', () => prompts.seen().find((prompt) => /still too many requests/.test(prompt.message)));
      assert.ok(!last.actions.some((action) => action.startsWith('Retry')), 'no retry is offered after the retry');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(await posts(), 2);
      assert.equal(services.sessions.list().length, 0);
    });
  });

  describe('Explain Error', () => {
    it('explains "Forbidden. Need user." from an application-token write and offers the upgrade', async () => {
      const profile = await addDemoProfile('Writes');
      const session = await create(profile.id);
      assert.ok(session);
      const token = await (await api()).sessions.token(session.id);
      const response = await fetch(`${sandboxUrl()}/chat/Dialog.json`, {
        method: 'POST',
        headers: { 'QB-Token': token ?? '', 'Content-Type': 'application/json' },
        body: '{}',
      });
      const explained = await vscode.commands.executeCommand<Explained | undefined>('quickblox.explainError', {
        text: `${response.status} ${await response.text()}`,
      });
      assert.ok(explained);
      assert.match(explained.message, /application sessions are read-only/);
      assert.ok(explained.actions.includes('upgradeSession'));
      const shown = prompts.seen().at(-1);
      assert.equal(shown?.message, explained.message);
      assert.ok(shown?.actions.includes('Upgrade Session'), `the notification offers Upgrade Session: ${shown?.actions.join(', ')}`);
      const text = (await renderedDocument(/^Preview error-response-/)).document.getText();
      assert.match(text, /^# QuickBlox error response\n/);
      assert.ok(text.includes(`- Status: \`${response.status}\``), text);
      assert.ok(text.includes('- `Forbidden. Need user.`'), text);
      assert.match(text, /Its notification offers: \*\*Upgrade Session\*\*, \*\*Create Session\*\*/);
    });

    it('names the failure of a pasted "Unexpected signature" and offers Explain Signature', async () => {
      const explained = await vscode.commands.executeCommand<Explained | undefined>('quickblox.explainError', {
        text: '{"errors":{"base":["Unexpected signature"]}}',
      });
      assert.ok(explained?.actions.includes('explainSignature'));
      assert.ok(prompts.seen().at(-1)?.actions.includes('Explain Signature'), 'the notification offers Explain Signature');
    });

    it('says what to paste when the text is not a QuickBlox error', async () => {
      await api();
      assert.equal(await vscode.commands.executeCommand('quickblox.explainError', { text: '<html>502 Bad Gateway</html>' }), undefined);
      assert.match(lastFailure() ?? '', /not a QuickBlox error body: paste the JSON/);
      const previews = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
      assert.deepEqual(
        previews.map((tab) => tab.label),
        [],
        'nothing to explain, no document',
      );
    });
  });
});
