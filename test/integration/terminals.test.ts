import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { secretKeys } from '../../src/profiles/secretKeys';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { addDemoProfile, promptAnswerer, api, clean, demo, lastFailure, sandboxUrl, waitFor, createApplicationSession } from './helpers';

const VARIABLES = ['QUICKBLOX_TOKEN', 'QUICKBLOX_API_ENDPOINT', 'QUICKBLOX_APPLICATION_ID'];

async function collection(): Promise<vscode.EnvironmentVariableCollection> {
  return (await api()).context.environmentVariableCollection;
}

/** What the collection gives new terminals: each variable's replacement, or undefined. */
async function exported(): Promise<Array<string | undefined>> {
  const current = await collection();
  return VARIABLES.map((name) => {
    const mutator = current.get(name);
    if (mutator) assert.equal(mutator.type, vscode.EnvironmentVariableMutatorType.Replace, name);
    return mutator?.value;
  });
}

const exportSession = (session: TrackedSession): Thenable<unknown> => vscode.commands.executeCommand('quickblox.exportToTerminals', { sessionId: session.id });

describe('Export Session to Terminals', () => {
  const prompts = promptAnswerer();
  const { answer } = prompts;
  const realNow = Date.now;
  const told = (): string[] => prompts.seen().map((prompt) => prompt.message);

  beforeEach(async () => {
    await clean();
    await answer(() => undefined);
  });
  afterEach(async () => {
    (await api()).clock.now = realNow;
    await vscode.commands.executeCommand('quickblox.stopExportingToTerminals');
    prompts.restore();
  });
  after(() => clean());

  it('describes a session whose profile name holds a link or an address as text: VS Code writes the description into Markdown', async function () {
    this.timeout(20_000);
    const profile = await addDemoProfile('[Go](command:workbench.action.quit) https://e.io <b>x</b>');
    const { session } = await createApplicationSession(profile.id);
    assert.equal(await exportSession(session), true);
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', String((await collection()).description));
    assert.ok(!/<a\b|href=|<b>/i.test(html), `the description rendered a link or markup: ${html}`);
    assert.match(html, /\[Go\]\(command:workbench\.action\.quit\)/, 'the name still reads as it was typed');
  });

  it('gives every new terminal the token, endpoint and application id; never persisted; described without the token', async function () {
    this.timeout(40_000);
    const profile = await addDemoProfile('Terminals');
    const { session, token } = await createApplicationSession(profile.id);
    assert.equal(await exportSession(session), true);
    assert.deepEqual(await exported(), [token, sandboxUrl(), String(demo.applicationId)]);
    const current = await collection();
    assert.equal(current.persistent, false, 'nothing is written to disk: the export ends with the window');
    const description = String(current.description);
    assert.match(description, new RegExp(`the session Terminals · app \\(${token.slice(0, 6)}…\\)`));
    assert.ok(!description.includes(token.slice(0, 7)), 'the description names the token by its first six characters only');
    assert.ok(
      told().some((message) => message.startsWith('New terminals get the token of the QuickBlox session Terminals · app')),
      'the person is told',
    );

    // A new terminal's shell has them in its environment.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qb-terminal-')), 'env.txt');
    const terminal = vscode.window.createTerminal({
      name: 'QuickBlox export check',
      shellPath: '/bin/sh',
      shellArgs: ['-c', `printf '%s|%s|%s' "$QUICKBLOX_TOKEN" "$QUICKBLOX_API_ENDPOINT" "$QUICKBLOX_APPLICATION_ID" > '${file}'`],
    });
    try {
      const text = await waitFor('the terminal’s file', () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') || undefined : undefined), 20_000);
      assert.equal(text, `${token}|${sandboxUrl()}|${demo.applicationId}`);
    } finally {
      terminal.dispose();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('says that terminals already open need a relaunch, and when VS Code saves open terminals at exit', async () => {
    const profile = await addDemoProfile('Terminals open');
    const { session } = await createApplicationSession(profile.id);
    const exportMessage = async (): Promise<string> => {
      await exportSession(session);
      const message = told()
        .filter((text) => text.startsWith('New terminals get the token'))
        .at(-1);
      assert.ok(message);
      return message;
    };
    const relaunch = 'Terminals already open get them once relaunched (VS Code marks them).';
    const savedAtExit = /VS Code saves the terminals still open when it exits, their environment included.*persistentSessionReviveProcess to "never"/;
    for (const open of vscode.window.terminals) open.dispose();
    await waitFor('no terminal open', () => vscode.window.terminals.length === 0);
    const alone = await exportMessage();
    assert.ok(!alone.includes(relaunch), 'no terminal was open');
    assert.match(alone, savedAtExit, 'VS Code’s defaults save open terminals at exit');

    const terminal = vscode.window.createTerminal({ name: 'QuickBlox already open' });
    const reviving = vscode.workspace.getConfiguration('terminal.integrated');
    try {
      await reviving.update('persistentSessionReviveProcess', 'never', vscode.ConfigurationTarget.Global);
      const withTerminal = await exportMessage();
      assert.ok(withTerminal.includes(relaunch));
      assert.doesNotMatch(withTerminal, savedAtExit);
    } finally {
      terminal.dispose();
      await reviving.update('persistentSessionReviveProcess', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('follows Recreate: the new token replaces the old one', async () => {
    const profile = await addDemoProfile('Terminals recreate');
    const { session, token } = await createApplicationSession(profile.id);
    await exportSession(session);
    const recreated = await vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.recreateSession', { sessionId: session.id });
    assert.ok(recreated, lastFailure());
    const fresh = await (await api()).sessions.token(recreated.id);
    assert.ok(fresh && fresh !== token);
    await waitFor('the new token in the collection', async () => (await exported())[0] === fresh);
    assert.deepEqual(await exported(), [fresh, sandboxUrl(), String(demo.applicationId)]);
    assert.match(String((await collection()).description), new RegExp(`\\(${fresh.slice(0, 6)}…\\)`));
    assert.equal((await api()).features.get().terminals.sessionId, recreated.id);
  });

  it('follows an edit of its profile’s endpoint and application id', async () => {
    const services = await api();
    const profile = await addDemoProfile('Terminals edit');
    const { session, token } = await createApplicationSession(profile.id);
    await exportSession(session);
    await services.profiles.update(profile.id, { applicationId: '777', endpoint: 'https://api.example-edit.test' });
    assert.deepEqual(await exported(), [token, 'https://api.example-edit.test', '777']);
  });

  it('ends when the session is destroyed', async () => {
    const profile = await addDemoProfile('Terminals destroy');
    const { session } = await createApplicationSession(profile.id);
    await exportSession(session);
    assert.equal(await vscode.commands.executeCommand('quickblox.destroySession', { sessionId: session.id }), true);
    assert.deepEqual(await exported(), [undefined, undefined, undefined]);
    assert.equal((await collection()).description, undefined);
    assert.ok(
      told().some((message) => /^New terminals no longer get the QuickBlox session Terminals destroy · app .*: the session was ended\.$/.test(message)),
    );
  });

  it('ends when the session expires', async () => {
    const services = await api();
    const profile = await addDemoProfile('Terminals expiry');
    const { session, token } = await createApplicationSession(profile.id);
    await exportSession(session);
    const terminals = services.features.get().terminals;
    services.clock.now = () => session.expiresAt - 1000;
    terminals.check();
    assert.equal((await exported())[0], token, 'still exported a second before expiry');
    services.clock.now = () => session.expiresAt + 1000;
    terminals.check();
    assert.deepEqual(await exported(), [undefined, undefined, undefined]);
    assert.ok(told().some((message) => /: the session expired\.$/.test(message)));
  });

  it('ends when its profile is deleted', async () => {
    const profile = await addDemoProfile('Terminals profile');
    const { session } = await createApplicationSession(profile.id);
    await exportSession(session);
    await answer((prompt) => (prompt.modal && prompt.actions.includes('Delete') ? 'Delete' : undefined));
    assert.equal(await vscode.commands.executeCommand('quickblox.deleteProfile', { profileId: profile.id }), true);
    assert.deepEqual(await exported(), [undefined, undefined, undefined]);
    assert.ok(told().some((message) => /: its profile was deleted\.$/.test(message)));
  });

  it('Stop Exporting to Terminals clears it; with nothing exported it says so', async () => {
    const profile = await addDemoProfile('Terminals stop');
    const { session } = await createApplicationSession(profile.id);
    await exportSession(session);
    assert.equal(await vscode.commands.executeCommand('quickblox.stopExportingToTerminals'), true);
    assert.deepEqual(await exported(), [undefined, undefined, undefined]);
    assert.equal((await collection()).description, undefined);
    assert.equal(await vscode.commands.executeCommand('quickblox.stopExportingToTerminals'), false);
    assert.equal(told().at(-1), 'No QuickBlox session is being exported to terminals.');
  });

  it('exports no token that fails the token check, and offers Recreate', async () => {
    const services = await api();
    const profile = await addDemoProfile('Terminals bad token');
    const { session } = await createApplicationSession(profile.id);
    await services.context.secrets.store(secretKeys.sessionToken(session.id), 'bad token"; echo owned');
    assert.equal(await exportSession(session), false);
    assert.deepEqual(await exported(), [undefined, undefined, undefined]);
    const refusal = await waitFor('the refusal', () => prompts.seen().find((prompt) => prompt.severity === 'error'));
    assert.match(refusal.message, /holds characters a QuickBlox token never has/);
    assert.ok(!refusal.message.includes('owned'));
    assert.deepEqual(refusal.actions, ['Recreate Session']);
  });

  it('exports another session in place of the one exported', async () => {
    const profile = await addDemoProfile('Terminals switch');
    const first = await createApplicationSession(profile.id);
    const second = await createApplicationSession(profile.id);
    await exportSession(first.session);
    await exportSession(second.session);
    assert.equal((await exported())[0], second.token);
    await vscode.commands.executeCommand('quickblox.destroySession', { sessionId: first.session.id });
    assert.equal((await exported())[0], second.token, 'ending the session no longer exported changes nothing');
  });
});
