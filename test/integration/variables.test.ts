import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Prompt } from '../../src/feedback/prompts';
import { secretKeys } from '../../src/profiles/secretKeys';
import { tokenProblem } from '../../src/core';
import {
  addDemoProfile,
  answeringQuickInput,
  promptAnswerer,
  api,
  clean,
  clearFailures,
  demo,
  idp,
  lastFailure,
  postControl,
  sandboxSessions,
  sandboxUrl,
  waitFor,
  createApplicationSession,
  letTimePass,
} from './helpers';

const ACCEPT = 'workbench.action.acceptSelectedQuickOpenItem';
const NEXT = 'workbench.action.quickOpenSelectNext';
/** What the launch or task gets when there is no token: VS Code shows the error's message (never undefined, with which VS Code 1.100 starts the launch anyway). */
const NOT_STARTED = (error: Error): boolean =>
  /^No QuickBlox token, so the launch or task was not started: create a session \(QuickBlox: Create Session\) or make one active/.test(error.message);

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test window has a workspace folder');
  return first.uri;
}

const run = <T>(id: string): Thenable<T> => vscode.commands.executeCommand<T>(id);

describe('launch and task variables (${command:quickblox.…})', () => {
  const prompts = promptAnswerer();
  const { answer } = prompts;
  const realNow = Date.now;
  const dialogs = (): Prompt[] => prompts.seen().filter((prompt) => prompt.modal);

  beforeEach(async () => {
    await clean();
    await answer(() => undefined);
  });
  afterEach(async () => {
    (await api()).clock.now = realNow;
    await postControl('/_sandbox/clock', { offsetSeconds: 0 });
    prompts.restore();
  });
  after(() => clean());

  it('give the token, application id and endpoint of the session the status bar shows', async () => {
    const services = await api();
    const demoProfile = await addDemoProfile('Vars demo');
    const idpProfile = await addDemoProfile('Vars idp', {
      applicationId: String(idp.applicationId),
      secrets: { authKey: idp.authKey, authSecret: idp.authSecret },
    });
    const first = await createApplicationSession(demoProfile.id);
    const second = await createApplicationSession(idpProfile.id);
    assert.match(services.statusBarLook()?.text ?? '', /Vars idp/, 'the newest session is the active one');
    assert.equal(await run('quickblox.activeToken'), second.token);
    assert.equal(await run('quickblox.activeApplicationId'), String(idp.applicationId));
    assert.equal(await run('quickblox.activeEndpoint'), sandboxUrl());

    await services.sessions.setActive(first.session.id);
    assert.match(services.statusBarLook()?.text ?? '', /Vars demo/);
    assert.equal(await run('quickblox.activeToken'), first.token);
    assert.equal(await run('quickblox.activeApplicationId'), String(demo.applicationId));
    assert.deepEqual(dialogs(), [], 'nothing was asked');
    const live = (await sandboxSessions()).map((session) => session.token);
    assert.ok(live.includes(first.token) && live.includes(second.token));
  });

  it('with no session, offer Create Session in a dialog and give the new session’s values', async () => {
    const services = await api();
    await addDemoProfile('Vars create');
    await answer((prompt) => (prompt.modal && prompt.actions.includes('Create Session') ? 'Create Session' : undefined));
    const token = await answeringQuickInput(() => run<string>('quickblox.activeToken'), ACCEPT);
    const active = services.sessions.active();
    assert.ok(active, 'the new session is the active one');
    assert.equal(token, await services.sessions.token(active.id));
    assert.deepEqual(
      (await sandboxSessions()).map((session) => session.token),
      [token],
    );
    assert.equal(dialogs().length, 1);
    assert.match(dialogs()[0].message, /needs a QuickBlox token, and no session is active/);
    assert.equal(await run('quickblox.activeApplicationId'), String(demo.applicationId), 'the next variable uses that session without asking');
    assert.equal(dialogs().length, 1);
  });

  it('declined: reject with a sentence that says what to do, so nothing starts, and create nothing', async () => {
    await addDemoProfile('Vars decline');
    clearFailures();
    for (const id of ['quickblox.activeToken', 'quickblox.activeApplicationId', 'quickblox.activeEndpoint', 'quickblox.pickToken']) {
      await assert.rejects(Promise.resolve(run(id)), NOT_STARTED, id);
    }
    assert.equal(dialogs().length, 4, 'each asked once');
    assert.deepEqual((await api()).sessions.list(), []);
    assert.deepEqual(await sandboxSessions(), []);
    assert.equal(lastFailure(), undefined, 'VS Code shows the sentence (the launch or task gets the rejection); the extension shows no second one');
  });

  it('an expired active session: offer Recreate and give the recreated token', async () => {
    const services = await api();
    const profile = await addDemoProfile('Vars expired');
    const { session, token } = await createApplicationSession(profile.id);
    await letTimePass(session.expiresAt - Date.now() + 60_000);
    await answer((prompt) => (prompt.modal && prompt.actions.includes('Recreate Session') ? 'Recreate Session' : undefined));
    const fresh = await run<string>('quickblox.activeToken');
    assert.match(dialogs()[0]?.message ?? '', new RegExp(`Vars expired · app \\(${token.slice(0, 6)}…\\) has expired\\. Recreate it`));
    assert.notEqual(fresh, token);
    const active = services.sessions.active();
    assert.ok(active && active.expiresAt > services.clock.now());
    assert.equal(fresh, await services.sessions.token(active.id));
    assert.ok((await sandboxSessions()).some((onServer) => onServer.token === fresh));
  });

  it('a stored token that fails the token check is never given: Recreate is offered instead', async () => {
    const services = await api();
    const profile = await addDemoProfile('Vars bad token');
    const { session } = await createApplicationSession(profile.id);
    await services.context.secrets.store(secretKeys.sessionToken(session.id), 'not a token; rm -rf ~');
    await assert.rejects(Promise.resolve(run('quickblox.activeToken')), NOT_STARTED);
    assert.match(dialogs()[0]?.message ?? '', /The stored token of the QuickBlox session .* holds characters a QuickBlox token never has/);
    assert.ok(!dialogs()[0].message.includes('rm -rf'), 'the stored value is not repeated');

    await answer((prompt) => (prompt.modal && prompt.actions.includes('Recreate Session') ? 'Recreate Session' : undefined));
    const fresh = await run<string>('quickblox.activeToken');
    assert.equal(tokenProblem(fresh), undefined);
    assert.ok((await sandboxSessions()).some((onServer) => onServer.token === fresh));
  });

  it('pickToken lists the tracked sessions and gives the token of the one picked', async () => {
    const services = await api();
    const profile = await addDemoProfile('Vars pick');
    const older = await createApplicationSession(profile.id);
    const newer = await createApplicationSession(profile.id);
    assert.equal(services.sessions.active()?.id, newer.session.id);
    // The active session comes first; the second row is the older session.
    assert.equal(await answeringQuickInput(() => run<string>('quickblox.pickToken'), NEXT, ACCEPT), older.token);
    assert.equal(await answeringQuickInput(() => run<string>('quickblox.pickToken'), ACCEPT), newer.token);
    assert.equal(services.sessions.active()?.id, newer.session.id, 'picking a token does not change the active session');
    await assert.rejects(
      answeringQuickInput(() => run<string>('quickblox.pickToken'), 'workbench.action.closeQuickOpen'),
      /No QuickBlox session was chosen/,
    );
  });

  describe('in a real task and a real launch', () => {
    const tasksFile = (): vscode.Uri => vscode.Uri.joinPath(folder(), '.vscode', 'tasks.json');
    const output = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), name);
    const written: vscode.Uri[] = [];
    afterEach(async () => {
      for (const uri of written.splice(0)) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    });

    /** A task from tasks.json (VS Code resolves `${command:…}` only for those) that writes its QB_TOKEN to a file. */
    async function tokenTask(label: string, file: string): Promise<vscode.Task> {
      const config = {
        version: '2.0.0',
        tasks: [
          {
            label,
            type: 'shell',
            command: `printf '%s' "$QB_TOKEN" > ${file}`,
            options: { env: { QB_TOKEN: '${command:quickblox.activeToken}' } },
            presentation: { reveal: 'never' },
            problemMatcher: [],
          },
        ],
      };
      await vscode.workspace.fs.writeFile(tasksFile(), Buffer.from(JSON.stringify(config, null, 2)));
      written.push(vscode.Uri.joinPath(folder(), '.vscode'), output(file));
      return waitFor(`the task ${label} from tasks.json`, async () => (await vscode.tasks.fetchTasks()).find((task) => task.name === label));
    }

    const started = (label: string): { count: () => number; dispose: () => void } => {
      let count = 0;
      const listener = vscode.tasks.onDidStartTaskProcess((event) => {
        if (event.execution.task.name === label) count++;
      });
      return { count: () => count, dispose: () => listener.dispose() };
    };

    it('a task from tasks.json gets the active token in its environment', async function () {
      this.timeout(40_000);
      const profile = await addDemoProfile('Vars task');
      const { token } = await createApplicationSession(profile.id);
      const task = await tokenTask('qb-token-task', 'qb-task-token.txt');
      const ended = new Promise<number | undefined>((resolve) => {
        const listener = vscode.tasks.onDidEndTaskProcess((event) => {
          if (event.execution.task.name !== 'qb-token-task') return;
          listener.dispose();
          resolve(event.exitCode);
        });
      });
      await vscode.tasks.executeTask(task);
      assert.equal(await ended, 0);
      assert.equal(Buffer.from(await vscode.workspace.fs.readFile(output('qb-task-token.txt'))).toString(), token);
    });

    it('declined: the task does not start', async function () {
      this.timeout(40_000);
      await addDemoProfile('Vars task declined');
      const task = await tokenTask('qb-token-task-declined', 'qb-declined-token.txt');
      const starts = started('qb-token-task-declined');
      try {
        await Promise.resolve(vscode.tasks.executeTask(task)).catch(() => undefined);
        await waitFor('the question for the task', () => dialogs().length > 0);
        assert.match(dialogs()[0].message, /needs a QuickBlox token, and no session is active/);
        // VS Code gets the rejection at once; give a task that wrongly started time to write its file.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        assert.equal(starts.count(), 0, 'no task process started');
        await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(output('qb-declined-token.txt'))));
      } finally {
        starts.dispose();
      }
    });

    /** A Node.js launch (js-debug, built in) whose program writes its QB_TOKEN, application id and endpoint to a file. */
    async function launch(file: string): Promise<boolean> {
      const program = vscode.Uri.joinPath(folder(), 'qb-launch.js');
      written.push(program, output(file));
      const script = `require('fs').writeFileSync(${JSON.stringify(output(file).fsPath)}, [process.env.QB_TOKEN, process.env.QB_APP, process.env.QB_API].join('|'));`;
      await vscode.workspace.fs.writeFile(program, Buffer.from(script));
      const configuration: vscode.DebugConfiguration = {
        type: 'node',
        request: 'launch',
        name: 'QuickBlox variables',
        program: program.fsPath,
        env: {
          QB_TOKEN: '${command:quickblox.activeToken}',
          QB_APP: '${command:quickblox.activeApplicationId}',
          QB_API: '${command:quickblox.activeEndpoint}',
        },
        console: 'internalConsole',
      };
      const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
      return vscode.debug.startDebugging(workspaceFolder, configuration);
    }

    it('a launch gets the token, application id and endpoint; asked once when it has to create the session', async function () {
      this.timeout(60_000);
      await addDemoProfile('Vars launch');
      await answer((prompt) => (prompt.modal && prompt.actions.includes('Create Session') ? 'Create Session' : undefined));
      const started = await answeringQuickInput(() => launch('qb-launch.txt'), ACCEPT);
      assert.equal(started, true, 'the launch started');
      const active = (await api()).sessions.active();
      assert.ok(active);
      const token = await (await api()).sessions.token(active.id);
      const text = await waitFor('the launched program’s file', () =>
        fs.existsSync(output('qb-launch.txt').fsPath) ? fs.readFileSync(output('qb-launch.txt').fsPath, 'utf8') || undefined : undefined,
      );
      assert.equal(text, `${token}|${demo.applicationId}|${sandboxUrl()}`);
      assert.equal(dialogs().length, 1, 'one question for the three variables');
    });

    it('declined: the launch does not start (a command that gave undefined would let VS Code 1.100 start it with the variable’s text)', async function () {
      this.timeout(40_000);
      await addDemoProfile('Vars launch declined');
      assert.equal(await launch('qb-launch-declined.txt'), false, 'the launch did not start');
      assert.match(dialogs()[0]?.message ?? '', /needs a QuickBlox token, and no session is active/);
      // Give a program that wrongly started time to write its file.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(output('qb-launch-declined.txt'))));
    });
  });
});
