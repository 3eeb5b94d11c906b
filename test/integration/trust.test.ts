/**
 * Trust boundaries in the real extension host: a folder's settings, a server's hostile answers
 * (links, echoed secrets, hostile tokens, deep JSON), editor selections, import files and .env
 * targets. What the person would see is read where production puts it: the notifier's prompts,
 * the response documents, the stores, the files. Restricted Mode itself is driven in the
 * workbench by the E2E tier's hostile-folder story.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as vscode from 'vscode';
import { config } from '../../src/host/config';
import { PROFILE_FILE_FORMAT } from '../../src/core';
import { confirmEndpoint } from '../../src/profiles/endpointTrust';
import type { Prompt } from '../../src/feedback/prompts';
import type { TrackedSession } from '../../src/sessions/store/trackedSession';
import { startLoopbackServer as hostileServer, type LoopbackServer } from '../harness/loopbackServer';
import { addDemoProfile, promptAnswerer, api, clean, demo, EXTENSION_ID, lastFailure, waitFor } from './helpers';

/** VS Code's notification link syntax: `[label](target)` with an http(s), command or file target. */
const RENDERED_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)/i;
const COMMAND_LINK = '[Open the docs](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)';

function session(token: string): string {
  return JSON.stringify({
    session: {
      application_id: demo.applicationId,
      created_at: '2026-01-01T00:00:00Z',
      id: 7,
      nonce: 5,
      token,
      ts: 1,
      updated_at: '2026-01-01T00:00:00Z',
      user_id: 0,
      _id: 'x7',
    },
  });
}

async function create(profileId: string): Promise<TrackedSession | undefined> {
  return vscode.commands.executeCommand<TrackedSession | undefined>('quickblox.createSession', { profileId, auth: { type: 'application' } });
}

function assertNeutral(prompt: Prompt | undefined, what: string): void {
  assert.ok(prompt, `${what}: a prompt was shown`);
  for (const text of [prompt.message, prompt.detail ?? '']) {
    assert.doesNotMatch(text, RENDERED_LINK, `${what}: a link would render in ${JSON.stringify(text)}`);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(prompt.message, /[\u0000-\u001f\u202a-\u202e]/, `${what}: control or direction characters in the message`);
  }
  assert.ok(prompt.message.length <= 1000, `${what}: the message is capped`);
}

describe('trust boundaries in the extension host', () => {
  const prompts = promptAnswerer();
  const { answer } = prompts;
  const folder = (): vscode.Uri => {
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test window has a workspace folder');
    return first.uri;
  };

  beforeEach(async () => {
    await clean();
    await answer();
  });
  afterEach(async () => {
    prompts.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => clean());

  describe("a folder's settings", () => {
    const settingsFile = (): string => path.join(folder().fsPath, '.vscode', 'settings.json');
    afterEach(async () => {
      fs.rmSync(path.join(folder().fsPath, '.vscode'), { recursive: true, force: true });
      await waitFor(
        'the folder settings to be gone',
        () => vscode.workspace.getConfiguration('quickblox').inspect('env.file')?.workspaceValue === undefined || undefined,
      );
    });

    it('cannot choose the endpoint, recreate sessions unasked or sign with the server time; its .env settings count only in a trusted folder', async () => {
      const hostile = 'http://127.0.0.1:9';
      fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
      fs.writeFileSync(
        settingsFile(),
        JSON.stringify({
          'quickblox.defaultEndpoint': hostile,
          'quickblox.autoRecreate': true,
          'quickblox.correctClockSkew': true,
          'quickblox.env.file': 'hostile.env',
          'quickblox.env.variableName': 'PATH',
        }),
      );
      // VS Code has read the file once a folder-scoped value shows.
      await waitFor(
        'VS Code to read the folder settings',
        () => vscode.workspace.getConfiguration('quickblox').inspect('env.file')?.workspaceValue === 'hostile.env' || undefined,
      );
      assert.equal(config.defaultEndpoint(), 'https://api.quickblox.com');
      assert.equal(config.autoRecreate(), false);
      assert.equal(config.correctClockSkew(), false);
      assert.equal(
        vscode.workspace.getConfiguration('quickblox').get('defaultEndpoint'),
        'https://api.quickblox.com',
        'VS Code itself does not apply an application setting from a folder',
      );
      assert.equal(vscode.workspace.isTrusted, true, 'this window trusts its folder');
      assert.equal(config.envFile(), 'hostile.env', 'a trusted folder may name its own .env');
      assert.equal(config.envVariableName(), 'PATH');
    });

    it('declares which settings are restricted and why', () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[]; description: string } };
        contributes: { configuration: { properties: Record<string, { scope?: string }> } };
      };
      const trust = manifest.capabilities.untrustedWorkspaces;
      assert.equal(trust.supported, 'limited');
      assert.deepEqual([...trust.restrictedConfigurations].sort(), ['quickblox.env.file', 'quickblox.env.variableName']);
      for (const name of trust.restrictedConfigurations) assert.ok(trust.description.includes(name), `the description names ${name}`);
      const scopes = manifest.contributes.configuration.properties;
      assert.equal(scopes['quickblox.defaultEndpoint'].scope, 'application');
      assert.equal(scopes['quickblox.autoRecreate'].scope, 'application');
      assert.equal(scopes['quickblox.correctClockSkew'].scope, 'machine');
    });
  });

  describe("a server's answers", () => {
    let server: LoopbackServer | undefined;
    afterEach(() => server?.close());

    it('renders no link from an error body or a reason phrase, in the notification or its actions', async () => {
      server = await hostileServer(() => ({
        status: 422,
        reason: `Nope [click](command:workbench.action.quit)`,
        body: JSON.stringify({ errors: { base: [`See ${COMMAND_LINK} \u202eevil now`] } }),
      }));
      const profile = await addDemoProfile('Hostile', { endpoint: server.url });
      assert.equal(await create(profile.id), undefined);
      const shown = prompts.seen().find((prompt) => prompt.severity === 'error');
      assertNeutral(shown, 'an error answer');
      assert.match(shown?.message ?? '', /Open the docs/, 'the text itself still reads');
    });

    it('refuses a token that is not made of token characters, and keeps no session', async () => {
      const services = await api();
      const token = `abc$(touch ${path.join(os.tmpdir(), 'qb-pwned')})`;
      server = await hostileServer(() => ({ status: 201, body: session(token) }));
      const profile = await addDemoProfile('Hostile token', { endpoint: server.url });
      assert.equal(await create(profile.id), undefined);
      assert.deepEqual(services.sessions.list(), []);
      const shown = prompts.seen().find((prompt) => prompt.severity === 'error');
      assert.match(shown?.message ?? '', /token holds characters/);
      assert.ok(!shown?.message.includes(token) && !shown?.message.includes('touch'), 'the token is not repeated');
    });

    it('masks secrets the server echoes back, in any case or encoding, in the response document', async () => {
      const services = await api();
      server = await hostileServer(() => ({
        status: 401,
        body: JSON.stringify({ errors: [`key ${demo.authKey.toUpperCase()} / ${demo.authKey.toLowerCase()} / ${encodeURIComponent(demo.authSecret)}`] }),
      }));
      const profile = await addDemoProfile('Echo', { endpoint: server.url });
      assert.equal(await create(profile.id), undefined);
      const id = services.documents.last;
      assert.ok(id);
      const text = services.documents.provideTextDocumentContent(services.documents.uri(id)).toLowerCase();
      assert.ok(text.includes('"status": 401'), text);
      for (const form of [demo.authKey, encodeURIComponent(demo.authSecret), demo.authSecret]) {
        assert.ok(!text.includes(form.toLowerCase()), `${form.slice(0, 4)}… is in the document`);
      }
    });

    it('survives a retrieve answered with JSON nested 200,000 deep, in keep-alive too, with no unhandled rejection', async () => {
      const services = await api();
      const { keepAlive } = services;
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        server = await hostileServer(({ method }) =>
          method === 'POST'
            ? { status: 201, body: session('good-token-0123456789') }
            : { status: 200, body: `{"session":${'['.repeat(200_000)}${']'.repeat(200_000)}}` },
        );
        const profile = await addDemoProfile('Deep', { endpoint: server.url });
        const created = await create(profile.id);
        assert.ok(created);
        assert.equal(await vscode.commands.executeCommand('quickblox.retrieveSession', { sessionId: created.id }), undefined);
        assert.match(prompts.seen().find((prompt) => prompt.severity === 'error')?.message ?? '', /nested more than 64 levels/);
        await services.sessions.update(created.id, { keepAlive: true, checkedAt: 0 });
        assert.equal(await keepAlive.tick(), 0);
        await sleep(200);
        assert.deepEqual(unhandled.map(String), []);
        assert.ok(services.sessions.get(created.id), 'the session is still tracked');
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });

  describe('editor selections', () => {
    it('Explain Error Response renders no link from the selected text', async () => {
      const document = await vscode.workspace.openTextDocument({ content: `422 {"errors":{"base":["Run ${COMMAND_LINK}", "[x](https://evil.example)"]}}` });
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 0, 0, document.lineAt(0).text.length);
      await vscode.commands.executeCommand('quickblox.explainError');
      assertNeutral(await waitFor('the explanation', () => prompts.seen().at(-1)), 'a selected error');
    });

    it('Explain Error Response reads a selection nested 45,000 deep as no error body, and refuses a huge one unread', async () => {
      // Under the 100,000-character cap, so the depth limit is what answers.
      await vscode.commands.executeCommand('quickblox.explainError', { text: `{"errors":${'['.repeat(45_000)}${']'.repeat(45_000)}}` });
      assert.match(prompts.seen().at(-1)?.message ?? '', /not a QuickBlox error body/);
      await vscode.commands.executeCommand('quickblox.explainError', { text: `{"errors":${'['.repeat(200_000)}${']'.repeat(200_000)}}` });
      assert.match(prompts.seen().at(-1)?.message ?? '', /far more than an error body/);
    });
  });

  describe('hosts that are not QuickBlox', () => {
    it('are confirmed once per profile and host, naming look-alikes; declining sends nothing', async () => {
      const services = await api();
      const profile = await addDemoProfile('Look-alike', { endpoint: 'https://api.quickbIox.com' });
      assert.equal(await create(profile.id), undefined, 'declined: nothing is created');
      const asked = prompts.seen().find((prompt) => prompt.modal);
      assert.ok(asked, 'a confirmation came first');
      assert.match(asked.message, /api\.quickbiox\.com looks like QuickBlox but is not/);
      assert.match(asked.detail ?? '', /only looks like a QuickBlox host/);
      assert.deepEqual(asked.actions, ['Send to api.quickbiox.com']);
      assert.equal(services.profiles.get(profile.id)?.confirmedHost, undefined);

      await answer((prompt) => (prompt.modal ? prompt.actions[0] : undefined));
      assert.equal(await confirmEndpoint(services, profile), true);
      assert.equal(services.profiles.get(profile.id)?.confirmedHost, 'api.quickbiox.com');
      await answer();
      assert.equal(await confirmEndpoint(services, profile), true, 'remembered');
      assert.equal(prompts.seen().length, 0, 'not asked again');

      const moved = await services.profiles.update(profile.id, { endpoint: 'https://api.quickblox.com.example.io' });
      assert.equal(await confirmEndpoint(services, moved, true), false, 'keep-alive never asks and does not send');
      assert.equal(prompts.seen().length, 0);
      assert.equal(await confirmEndpoint(services, moved), false);
      assert.match(prompts.seen()[0]?.detail ?? '', /begins like one, but the address belongs to example\.io/);
    });

    it("QuickBlox's own hosts and this computer are not asked about", async () => {
      const services = await api();
      for (const endpoint of ['https://api.quickblox.com', 'https://apicustom.quickblox.com', 'http://127.0.0.1:3090']) {
        const profile = await addDemoProfile(`Own ${endpoint.length}`, { endpoint });
        assert.equal(await confirmEndpoint(services, profile), true);
      }
      assert.equal(prompts.seen().length, 0);
    });
  });

  describe('Import Profiles', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-trust-import-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('shows the endpoint and asks before any secret is asked for', async () => {
      const services = await api();
      const file = path.join(dir, 'profiles.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          format: PROFILE_FILE_FORMAT,
          version: 1,
          profiles: [
            {
              name: 'Imported',
              applicationId: '4242',
              endpoint: 'https://api.quickblox.com.example.io',
              hasAccountKey: true,
              savedUsers: [{ kind: 'login', identifier: 'mike' }],
            },
          ],
        }),
      );
      const imported = await Promise.race([
        vscode.commands.executeCommand('quickblox.importProfiles', vscode.Uri.file(file)),
        sleep(10_000).then(() => 'an input box was shown'),
      ]);
      assert.equal(imported, 0, 'declined before any input box: nothing imported');
      const asked = prompts.seen()[0];
      assert.ok(asked?.modal);
      assert.match(asked.message, /Import "Imported": application 4242 at https:\/\/api\.quickblox\.com\.example\.io\?/);
      assert.match(asked.detail ?? '', /belongs to example\.io/);
      assert.match(asked.detail ?? '', /auth key, auth secret, account key and saved users' passwords are asked next/);
      assert.deepEqual(services.profiles.list(), []);
    });
  });

  describe('Write Token to .env', () => {
    let outside: string;
    const envPath = (): string => path.join(folder().fsPath, '.env');
    const node = (session: TrackedSession): unknown => ({ type: 'session', session, active: false });
    const newSession = async (): Promise<TrackedSession> => {
      const profile = await addDemoProfile('Env');
      const created = await create(profile.id);
      assert.ok(created);
      await answer((prompt) => (prompt.actions.includes('Write') ? 'Write' : undefined));
      return created;
    };
    beforeEach(() => (outside = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-outside-'))));
    afterEach(async () => {
      for (const name of ['.env', '.gitignore', '.git', 'config']) fs.rmSync(path.join(folder().fsPath, name), { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
      await vscode.workspace.getConfiguration('quickblox').update('env.file', undefined, vscode.ConfigurationTarget.Global);
    });

    it('refuses a .env that is a symbolic link out of the folder, or a folder linked from outside, and changes nothing there', async () => {
      await api();
      const session = await newSession();
      const target = path.join(outside, 'profile.sh');
      fs.writeFileSync(target, 'export PATH=/usr/bin\n');
      fs.symlinkSync(target, envPath());
      assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
      assert.match(lastFailure() ?? '', /\.env in .* leads outside the folder .* nothing was written/);
      fs.rmSync(envPath());
      fs.symlinkSync(outside, path.join(folder().fsPath, 'config'));
      await vscode.workspace.getConfiguration('quickblox').update('env.file', 'config/.env', vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
      assert.match(lastFailure() ?? '', /leads outside the folder/);
      assert.deepEqual(fs.readdirSync(outside), ['profile.sh']);
      assert.equal(fs.readFileSync(target, 'utf8'), 'export PATH=/usr/bin\n');
      assert.ok(!prompts.seen().some((prompt) => prompt.modal), 'no confirmation was even asked');
    });

    it('refuses .git/ and .vscode/ targets', async () => {
      await api();
      const session = await newSession();
      for (const file of ['.git/config', '.vscode/settings.json']) {
        await vscode.workspace.getConfiguration('quickblox').update('env.file', file, vscode.ConfigurationTarget.Global);
        assert.equal(await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session)), undefined);
        assert.match(lastFailure() ?? '', new RegExp(`is inside ${file.split('/')[0].replace('.', '\\.')}/`));
      }
    });

    it('asks git whether the file would be committed, and says so when git tracks it', async () => {
      const session = await newSession();
      const git = (...args: string[]): void =>
        void execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: folder().fsPath, stdio: 'ignore' });
      git('init', '-q');
      const detail = async (): Promise<string> => {
        await answer();
        await vscode.commands.executeCommand('quickblox.writeTokenToEnv', node(session));
        return prompts.seen().find((prompt) => prompt.modal)?.detail ?? '';
      };
      assert.match(await detail(), /git does not ignore \.env/);
      fs.writeFileSync(path.join(folder().fsPath, '.gitignore'), '*.env\n.env\n');
      assert.doesNotMatch(await detail(), /git|\.gitignore/, 'ignored: nothing to note');
      fs.writeFileSync(envPath(), 'A=1\n');
      git('add', '-f', '.env');
      assert.match(await detail(), /git tracks \.env: the token would go into your next commit/);
      assert.match(await detail(), new RegExp(`File: ${envPath().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`), 'the confirmation shows the resolved file');
    });
  });
});
