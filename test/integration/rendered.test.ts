import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SignatureExplanation } from '../../src/core';
import type { Explained } from '../../src/feedback/failures';
import { addDemoProfile, answerPrompts, clean, demo, renderedDocument } from './helpers';

/** What VS Code's Markdown preview makes of the text: the preview's own engine (markdown-it with its settings), before the webview shows it. */
function render(markdown: string): Thenable<string> {
  return vscode.commands.executeCommand<string>('markdown.api.render', markdown);
}

/**
 * The tags of rendered HTML that a person could click, or that load or run something: links,
 * images and other embeds, and any tag with an address or an event handler. Escaped text
 * (`&lt;img …&gt;`) is no tag.
 */
function active(html: string): string[] {
  const tags = html.match(/<[a-z][\w-]*\b[^>]*>/gi) ?? [];
  return tags.filter((tag) =>
    /^<(?:a|img|script|iframe|object|embed|form|svg|video|audio|link|meta|style|base)\b|\s(?:href|src|srcset|action|on\w+)\s*=/i.test(tag),
  );
}

/** Outside text a server or a selection could hold: a command link, an image, raw HTML, bare addresses. */
const HOSTILE = [
  '[Run](command:quickblox.showLog)',
  '![x](https://tracker.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:quickblox.showLog">open</a>',
  '<command:quickblox.showLog>',
  'https://evil.example.com/a',
  'mike@evil.example.com',
];

describe('rendered explanations', () => {
  let prompts: Awaited<ReturnType<typeof answerPrompts>> | undefined;
  beforeEach(async () => {
    await clean();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    prompts = await answerPrompts();
  });
  afterEach(async () => {
    prompts?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => clean());

  it("VS Code's Markdown preview makes links and HTML of such text when it is written raw (what the escaping is for)", async () => {
    for (const text of HOSTILE) assert.notDeepEqual(active(await render(text)), [], `${text} renders as text even raw: this test would prove nothing`);
  });

  it('Explain Signature opens rendered; values from the request and the profile name render as text, shown as typed', async () => {
    const login = `a%40b ${HOSTILE.join(' ')}`;
    const profile = await addDemoProfile('[p](command:quickblox.showLog) <img src=x> p@evil.example');
    const explanation = await vscode.commands.executeCommand<SignatureExplanation | undefined>('quickblox.explainSignature', {
      profileId: profile.id,
      auth: { type: 'login', login, password: 'x-password' },
    });
    assert.equal(explanation?.checks.find((check) => check.id === 'url-encoded')?.status, 'warn', 'the login is quoted decoded in a check, outside the table');
    const { document } = await renderedDocument(/^Preview signature-/);
    const html = await render(document.getText());
    assert.deepEqual(active(html), [], 'nothing in the rendered explanation can be clicked, loaded or run');
    assert.ok(html.includes('[p](command:quickblox.showLog) &lt;img src=x&gt;'), 'the profile name reads as typed');
    assert.ok(html.includes('<code>https://evil.example.com/a</code>'), html);
    assert.ok(!document.getText().includes(demo.authSecret), 'no auth secret');
  });

  it('Explain Error Response opens rendered; the lines QuickBlox answered render as text, each shown exactly', async () => {
    const explained = await vscode.commands.executeCommand<Explained | undefined>('quickblox.explainError', {
      text: `422 ${JSON.stringify({ errors: { base: HOSTILE } })}`,
    });
    assert.ok(explained);
    const { document } = await renderedDocument(/^Preview error-response-/);
    const html = await render(document.getText());
    assert.deepEqual(active(html), [], 'nothing in the rendered explanation can be clicked, loaded or run');
    for (const line of HOSTILE) {
      const shown = line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      assert.ok(html.includes(`<code>${shown}</code>`), `${line} is shown exactly, as code: ${html}`);
    }
  });

  it('Diagnose a Signature renders a pasted request with addresses and links as text', async () => {
    const profile = await addDemoProfile('Diagnosed');
    const text = JSON.stringify({
      application_id: String(demo.applicationId),
      auth_key: demo.authKey,
      nonce: '1',
      timestamp: '1700000000',
      user: { login: HOSTILE.join(' '), password: 'x' },
      signature: 'f'.repeat(40),
    });
    await vscode.commands.executeCommand('quickblox.diagnoseSignature', { profileId: profile.id, text });
    const { document } = await renderedDocument(/^Preview diagnosis-/);
    assert.deepEqual(active(await render(document.getText())), [], 'nothing in the rendered diagnosis can be clicked, loaded or run');
  });

  it('a failed request still opens its response as a JSON document, not rendered', async () => {
    const profile = await addDemoProfile('Wrong', { secrets: { authKey: demo.authKey, authSecret: 'not-the-secret-0' } });
    await vscode.workspace.getConfiguration('quickblox').update('showResponse', 'always', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await vscode.commands.executeCommand('quickblox.createSession', { profileId: profile.id, auth: { type: 'application' } }), undefined);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.scheme, 'quickblox-response');
      assert.equal(editor?.document.languageId, 'json');
      assert.doesNotThrow(() => JSON.parse(editor?.document.getText() ?? ''));
    } finally {
      await vscode.workspace.getConfiguration('quickblox').update('showResponse', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
