import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrackedSession } from '../../src/sessions/trackedSession';
import { addDemoProfile, answerPrompts, api, clean, sandboxUrl } from './helpers';

async function newSession(name: string): Promise<{ session: TrackedSession; token: string }> {
  const profile = await addDemoProfile(name);
  const session = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId: profile.id, auth: { type: 'application' } });
  assert.ok(session);
  const token = await (await api()).services.sessions.token(session.id);
  assert.ok(token);
  return { session, token };
}

const node = (session: TrackedSession): unknown => ({ type: 'session', session, active: false });

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
    await vscode.commands.executeCommand('quickblox.copyTokenAsCurl', node(session));
    const curl = await vscode.env.clipboard.readText();
    assert.equal(curl, `curl -sS '${sandboxUrl()}/session.json' -H 'Accept: application/json' -H 'QB-Token: ${token}'`);
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
    assert.equal(await vscode.commands.executeCommand('quickblox.revealToken', node(session)), 'Copy');
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
    assert.match(confirm.detail ?? '', /not listed in .*\.gitignore/);
    assert.ok(!confirm.message.includes(token));
    const expected = Buffer.concat([lines[0], lines[1], lines[2], Buffer.from(`QUICKBLOX_TOKEN=${token}\r\n`), lines[4]]);
    assert.ok((await readEnv()).equals(expected), `got ${(await readEnv()).toString('latin1')}`);

    await vscode.workspace.getConfiguration('quickblox').update('env.variableName', 'QB_TOKEN', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session));
    assert.ok((await readEnv()).equals(Buffer.concat([expected, Buffer.from(`\r\nQB_TOKEN=${token}\r\n`)])), 'a new variable goes at the end, in the file’s line endings');
  });

  it('changes nothing when the person declines, or when .env has unsaved edits', async () => {
    const { services } = await api();
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
    assert.match(services.lastFailure ?? '', /unsaved changes/);
    assert.ok((await readEnv()).equals(original));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('refuses a variable name a .env file cannot hold, saying what to change', async () => {
    const { services } = await api();
    const { session } = await newSession('Bad name');
    await vscode.workspace.getConfiguration('quickblox').update('env.variableName', '1-token', vscode.ConfigurationTarget.Global);
    assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
    assert.match(services.lastFailure ?? '', /quickblox\.env\.variableName.*letters, digits and underscores/);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(envFile())));
  });

  it('refuses an env.file outside the folder, and writes nothing', async () => {
    const { services } = await api();
    const { session } = await newSession('Outside');
    for (const file of ['../outside.env', '/tmp/outside.env']) {
      await vscode.workspace.getConfiguration('quickblox').update('env.file', file, vscode.ConfigurationTarget.Global);
      try {
        services.lastFailure = undefined;
        assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
        assert.match(services.lastFailure ?? '', /points outside the folder/);
      } finally {
        await vscode.workspace.getConfiguration('quickblox').update('env.file', undefined, vscode.ConfigurationTarget.Global);
      }
    }
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder(), '..', 'outside.env'))));
    assert.ok(!prompts?.seen.some((prompt) => prompt.modal), 'no confirmation was even asked');
  });

  it('notes a .env that .gitignore does not list, and not one it lists', async () => {
    const { session } = await newSession('Ignored');
    const gitignore = vscode.Uri.joinPath(folder(), '.gitignore');
    await vscode.workspace.fs.writeFile(gitignore, Buffer.from('node_modules/\n.env\n'));
    try {
      await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session));
      const confirm = prompts?.seen.find((prompt) => prompt.modal);
      assert.ok(confirm);
      assert.doesNotMatch(confirm.detail ?? '', /not listed/);
      assert.match(confirm.detail ?? '', /does not exist yet/);
    } finally {
      await vscode.workspace.fs.delete(gitignore);
    }
  });
});
