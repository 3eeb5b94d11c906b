/**
 * For the developer whose own code gets "Unexpected signature": Diagnose a Signature from Your Code
 * reads what their code sent and answers in a rendered document; Generate Signing Code opens code
 * that reads every secret from the environment.
 */
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as vscode from 'vscode';
import type { SignatureDiagnosis, SigningCode } from '../../src/core';
import { addDemoProfile, answerPrompts, clean, demo, waitFor } from './helpers';

/** A request as a developer's code would send it, signed here with its own small signer (not the extension's). */
function sentRequest(sign: (pairs: Array<[string, string]>) => string): Record<string, unknown> {
  const body = {
    application_id: String(demo.applicationId),
    auth_key: demo.authKey,
    nonce: '48213',
    timestamp: String(Math.floor(Date.now() / 1000)),
    user: { login: demo.users[0].login, password: demo.users[0].password },
  };
  const pairs: Array<[string, string]> = [
    ['application_id', body.application_id],
    ['auth_key', body.auth_key],
    ['nonce', body.nonce],
    ['timestamp', body.timestamp],
    ['user[login]', body.user.login],
    ['user[password]', body.user.password],
  ];
  return { ...body, signature: sign(pairs) };
}

const hmac = (text: string, key: string): string => createHmac('sha1', key).update(text).digest('hex');
const joined = (pairs: Array<[string, string]>): string =>
  pairs
    .map(([name, value]) => `${name}=${value}`)
    .sort()
    .join('&');

describe('your own code, in the extension host', () => {
  let prompts: Awaited<ReturnType<typeof answerPrompts>> | undefined;
  beforeEach(async () => {
    await clean();
    prompts = await answerPrompts();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  afterEach(async () => {
    prompts?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => clean());

  it('Diagnose a Signature explains a request whose code signed only the application parameters, in a rendered document without the secret', async () => {
    const profile = await addDemoProfile('Own code');
    const text = JSON.stringify(sentRequest((pairs) => hmac(joined(pairs.filter(([name]) => !name.startsWith('user['))), demo.authSecret)));
    const diagnosis = await vscode.commands.executeCommand<SignatureDiagnosis | undefined>('quickblox.diagnoseSignature', { profileId: profile.id, text });
    assert.equal(diagnosis?.verdict, 'explained');
    assert.ok(
      diagnosis?.findings.some((finding) => finding.code === 'unsigned_parameters'),
      JSON.stringify(diagnosis?.findings),
    );
    const preview = await waitFor('the rendered document', () =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType)),
    );
    assert.match(preview.label, /diagnosis/i);
    const document = await waitFor('the diagnosis document', () =>
      vscode.workspace.textDocuments.find((opened) => opened.uri.scheme === 'quickblox-response' && /diagnosis/.test(opened.uri.path)),
    );
    const content = document.getText();
    assert.match(content, /explained/i);
    assert.ok(!content.includes(demo.authSecret), 'the auth secret is not in the document');
    assert.ok(!content.includes(demo.users[0].password), 'nor the password');
  });

  it('Diagnose a Signature says correct for a right signature, and what to check then', async () => {
    const profile = await addDemoProfile('Own code right');
    const text = JSON.stringify(sentRequest((pairs) => hmac(joined(pairs), demo.authSecret)));
    const diagnosis = await vscode.commands.executeCommand<SignatureDiagnosis | undefined>('quickblox.diagnoseSignature', { profileId: profile.id, text });
    assert.equal(diagnosis?.verdict, 'correct');
  });

  it('Generate Signing Code opens code for the profile that reads every secret from the environment', async () => {
    const profile = await addDemoProfile('Generated');
    const result = await vscode.commands.executeCommand<SigningCode | undefined>('quickblox.generateSigningCode', {
      profileId: profile.id,
      language: 'python',
      kind: 'login',
      copy: false,
    });
    assert.ok(result);
    const editor = await waitFor('the generated document', () =>
      vscode.window.activeTextEditor?.document.isUntitled ? vscode.window.activeTextEditor : undefined,
    );
    assert.equal(editor.document.languageId, 'python');
    const code = editor.document.getText();
    assert.ok(code.includes(String(demo.applicationId)) && code.includes(profile.endpoint), 'the application id and endpoint come from the profile');
    for (const secret of [demo.authSecret, demo.authKey, demo.accountKey]) assert.ok(!code.includes(secret), 'no secret is written into it');
    assert.match(code, /QB_AUTH_SECRET/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
