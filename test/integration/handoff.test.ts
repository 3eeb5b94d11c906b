import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import * as vscode from 'vscode';
import { shellOfProgram, type Shell } from '../../src/core';
import { LAST_CURL_SHELL_KEY } from '../../src/handoff/shellChoice';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import {
  addDemoProfile,
  answeringQuickInput,
  answerPrompts,
  api,
  clean,
  clearFailures,
  createApplicationSession,
  lastFailure,
  sandboxRequests,
  sandboxUrl,
} from './helpers';

async function newSession(name: string): Promise<{ session: TrackedSession; token: string }> {
  return createApplicationSession((await addDemoProfile(name)).id);
}

const node = (session: TrackedSession): unknown => ({ type: 'session', session, active: false });

/** The cURL command expected for the sandbox's (hex) token: single quotes everywhere but cmd.exe. */
function expectedCurl(shell: Shell, token: string): string {
  const program = shell === 'powershell' && process.platform === 'win32' ? 'curl.exe' : 'curl';
  const q = shell === 'cmd' ? '"' : "'";
  return `${program} -sS ${q}${sandboxUrl()}/session.json${q} -H ${q}Accept: application/json${q} -H ${q}QB-Token: ${token}${q}`;
}

describe('token hand-off in the extension host', () => {
  let prompts: Awaited<ReturnType<typeof answerPrompts>> | undefined;
  const folder = (): vscode.Uri => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test window has a workspace folder');
    return first.uri;
  };
  const envFile = (): vscode.Uri => vscode.Uri.joinPath(folder(), '.env');
  const readEnv = async (): Promise<Buffer> => Buffer.from(await vscode.workspace.fs.readFile(envFile()));

  beforeEach(async () => {
    await clean();
    prompts = await answerPrompts((prompt) => (prompt.actions.includes('Write') ? 'Write' : undefined));
  });
  afterEach(async () => {
    prompts?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(envFile()).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('quickblox').update('env.variableName', undefined, vscode.ConfigurationTarget.Global);
  });
  after(() => clean());

  it('copies the token as a QB-Token header and as a cURL command for GET /session.json', async () => {
    const { session, token } = await newSession('Copy');
    await vscode.commands.executeCommand('quickblox.copyTokenAsHeader', node(session));
    assert.equal(await vscode.env.clipboard.readText(), `QB-Token: ${token}`);
    await vscode.commands.executeCommand('quickblox.copyTokenAsCurl', { ...(node(session) as object), shell: 'posix' });
    const curl = await vscode.env.clipboard.readText();
    assert.equal(curl, `curl -sS '${sandboxUrl()}/session.json' -H 'Accept: application/json' -H 'QB-Token: ${token}'`);
  });

  it('copies the cURL command for the shell it is given: PowerShell, cmd.exe, and fish, which runs it against the sandbox', async function () {
    this.timeout(60_000);
    const { session, token } = await newSession('Shells');
    for (const shell of ['powershell', 'cmd'] as const) {
      assert.equal(await vscode.commands.executeCommand('quickblox.copyTokenAsCurl', { sessionId: session.id, shell }), true);
      assert.equal(await vscode.env.clipboard.readText(), expectedCurl(shell, token), shell);
    }
    await vscode.commands.executeCommand('quickblox.copyTokenAsCurl', { sessionId: session.id, shell: 'fish' });
    const fish = await vscode.env.clipboard.readText();
    assert.equal(fish, expectedCurl('fish', token));
    if (spawnSync('fish', ['--version'], { timeout: 20_000 }).error) {
      console.log('      fish is not installed here: the copied fish command is compared as text only');
      return this.skip();
    }
    const output = await new Promise<string>((resolve, reject) =>
      execFile('fish', ['--no-config', '-c', fish], { timeout: 20_000, encoding: 'utf8' }, (error, stdout, stderr) =>
        error ? reject(new Error(`fish failed: ${stderr}`)) : resolve(stdout),
      ),
    );
    assert.equal((JSON.parse(output) as { session: { token: string } }).session.token, token);
    const fromCurl = (await sandboxRequests()).filter((request) => /^curl\//.test(request.headers['user-agent'] ?? ''));
    assert.deepEqual(
      fromCurl.map((request) => [request.method, request.path, request.headers['qb-token']]),
      [['GET', '/session.json', token]],
    );
  });

  it('asks which shell, with the last choice (else the terminal’s shell) active; Escape copies nothing', async function () {
    this.timeout(60_000);
    const { context } = await api();
    const { session, token } = await newSession('Ask shell');
    const copy = (): Thenable<unknown> => vscode.commands.executeCommand('quickblox.copyTokenAsCurl', node(session));
    try {
      await context.globalState.update(LAST_CURL_SHELL_KEY, undefined);
      const terminal = shellOfProgram(vscode.env.shell);
      assert.equal(await answeringQuickInput(copy, 'workbench.action.acceptSelectedQuickOpenItem'), true);
      assert.equal(await vscode.env.clipboard.readText(), expectedCurl(terminal, token), `the terminal runs ${vscode.env.shell}`);
      assert.equal(context.globalState.get(LAST_CURL_SHELL_KEY), terminal);

      await context.globalState.update(LAST_CURL_SHELL_KEY, 'cmd');
      assert.equal(await answeringQuickInput(copy, 'workbench.action.acceptSelectedQuickOpenItem'), true);
      assert.equal(await vscode.env.clipboard.readText(), expectedCurl('cmd', token));

      await vscode.env.clipboard.writeText('before');
      assert.equal(await answeringQuickInput(copy, 'workbench.action.closeQuickOpen'), undefined);
      assert.equal(await vscode.env.clipboard.readText(), 'before');
      assert.equal(context.globalState.get(LAST_CURL_SHELL_KEY), 'cmd');
    } finally {
      await context.globalState.update(LAST_CURL_SHELL_KEY, undefined);
    }
  });

  it('refuses a shell it does not know, and copies nothing', async () => {
    await api();
    const { session } = await newSession('Unknown shell');
    await vscode.env.clipboard.writeText('before');
    assert.equal(await vscode.commands.executeCommand('quickblox.copyTokenAsCurl', { sessionId: session.id, shell: 'zsh' }), undefined);
    assert.match(lastFailure() ?? '', /one of these shells: posix, fish, powershell, cmd/);
    assert.ok(prompts?.seen.some((prompt) => prompt.severity === 'warning' && prompt.message === lastFailure()));
    assert.equal(await vscode.env.clipboard.readText(), 'before');
  });

  it('inserts the token at every cursor of the active editor', async () => {
    const { session, token } = await newSession('Insert');
    const document = await vscode.workspace.openTextDocument({ content: 'token=\nagain=' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selections = [new vscode.Selection(0, 6, 0, 6), new vscode.Selection(1, 6, 1, 6)];
    assert.equal(await vscode.commands.executeCommand('quickblox.insertToken', node(session)), true);
    assert.equal(document.getText(), `token=${token}\nagain=${token}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reveals the token only on request, in a modal dialog', async () => {
    const { session, token } = await newSession('Reveal');
    prompts?.restore();
    prompts = await answerPrompts((prompt) => (prompt.modal ? 'Copy' : undefined));
    await vscode.env.clipboard.writeText('before');
    assert.equal(await vscode.commands.executeCommand('quickblox.revealToken', node(session)), 'copy', 'the command answers with the id of the button pressed');
    const shown = prompts.seen.find((prompt) => prompt.modal);
    assert.equal(shown?.detail, token);
    assert.ok(!shown?.message.includes(token), 'the title masks it; only the dialog body shows it');
    assert.equal(await vscode.env.clipboard.readText(), token);
  });

  it('writes the token to .env after confirmation, keeping every other byte', async () => {
    const { session, token } = await newSession('Env');
    const lines = [
      Buffer.from('# local settings\r\n'),
      Buffer.from('API_URL=https://example.test\r\n'),
      Buffer.from([0x4e, 0x41, 0x4d, 0x45, 0x3d, 0xe9, 0xff, 0x80, 0x0a]), // NAME= followed by bytes that are not UTF-8
      Buffer.from('QUICKBLOX_TOKEN=old-token # stale\r\n'),
      Buffer.from('  export OTHER=1'),
    ];
    await vscode.workspace.fs.writeFile(envFile(), Buffer.concat(lines));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('quickblox.writeTokenToEnv', node(session));
    assert.equal(written?.toString(), envFile().toString());
    const confirm = prompts?.seen.find((prompt) => prompt.modal);
    assert.ok(confirm, 'a confirmation came first');
    assert.match(confirm.message, /Write the token .* to \.env in .* as QUICKBLOX_TOKEN\?/);
    assert.match(confirm.detail ?? '', /line 4/);
    assert.match(confirm.detail ?? '', new RegExp(`File: ${envFile().fsPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), 'it names the file it resolved');
    assert.ok(!confirm.message.includes(token));
    const expected = Buffer.concat([lines[0], lines[1], lines[2], Buffer.from(`QUICKBLOX_TOKEN=${token}\r\n`), lines[4]]);
    assert.ok((await readEnv()).equals(expected), `got ${(await readEnv()).toString('latin1')}`);

    await vscode.workspace.getConfiguration('quickblox').update('env.variableName', 'QB_TOKEN', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session));
    assert.ok(
      (await readEnv()).equals(Buffer.concat([expected, Buffer.from(`\r\nQB_TOKEN=${token}\r\n`)])),
      'a new variable goes at the end, in the file’s line endings',
    );
  });

  it('changes nothing when the person declines, or when .env has unsaved edits', async () => {
    await api();
    const { session } = await newSession('Decline');
    const original = Buffer.from('KEEP=1\nQUICKBLOX_TOKEN=old\n');
    await vscode.workspace.fs.writeFile(envFile(), original);
    prompts?.restore();
    prompts = await answerPrompts(() => undefined);
    assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
    assert.ok((await readEnv()).equals(original));

    const document = await vscode.workspace.openTextDocument(envFile());
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# unsaved\n'));
    assert.equal(document.isDirty, true);
    assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
    assert.match(lastFailure() ?? '', /unsaved changes/);
    assert.ok((await readEnv()).equals(original));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses a variable name a .env file cannot hold, saying what to change', async () => {
    await api();
    const { session } = await newSession('Bad name');
    await vscode.workspace.getConfiguration('quickblox').update('env.variableName', '1-token', vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
    assert.match(lastFailure() ?? '', /quickblox\.env\.variableName.*letters, digits and underscores/);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(envFile())));
  });

  it('refuses an env.file outside the folder, and writes nothing', async () => {
    await api();
    const { session } = await newSession('Outside');
    for (const file of ['../outside.env', '/tmp/outside.env']) {
      await vscode.workspace.getConfiguration('quickblox').update('env.file', file, vscode.ConfigurationTarget.Global);
      try {
        clearFailures();
        assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
        assert.match(lastFailure() ?? '', /points outside the folder/);
      } finally {
        await vscode.workspace.getConfiguration('quickblox').update('env.file', undefined, vscode.ConfigurationTarget.Global);
      }
    }
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder(), '..', 'outside.env'))));
    assert.ok(!prompts?.seen.some((prompt) => prompt.modal), 'no confirmation was even asked');
  });

  it('says nothing about git in a folder that is not a repository', async () => {
    const { session } = await newSession('Ignored');
    const gitignore = vscode.Uri.joinPath(folder(), '.gitignore');
    await vscode.workspace.fs.writeFile(gitignore, Buffer.from('node_modules/\n.env\n'));
    try {
      await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session));
      const confirm = prompts?.seen.find((prompt) => prompt.modal);
      assert.ok(confirm);
      assert.doesNotMatch(confirm.detail ?? '', /git/i, 'git was asked and found no repository: nothing could be committed');
      assert.match(confirm.detail ?? '', /does not exist yet/);
    } finally {
      await vscode.workspace.fs.delete(gitignore);
    }
  });
});
