import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ProfileStore } from '../../src/profiles/profileStore';
import { secretKeys } from '../../src/profiles/secretKeys';
import { addDemoProfile, answerPrompts, api, assertNoSecretsOnDisk, clean, demo, demoProfile, userDataFiles } from './helpers';

describe('profiles in SecretStorage and globalState', () => {
  beforeEach(clean);
  after(clean);

  it('keeps keys and secrets only in SecretStorage, the index in globalState', async () => {
    const services = await api();
    const { context } = services;
    const profile = await addDemoProfile('Staging');
    await services.profiles.addSavedUser(profile.id, 'login', demo.users[0].login, demo.users[0].password);

    const version = profile.secretsVersion;
    assert.equal(await context.secrets.get(secretKeys.authKey(profile.id, version)), demo.authKey);
    assert.equal(await context.secrets.get(secretKeys.authSecret(profile.id, version)), demo.authSecret);
    assert.equal(await context.secrets.get(secretKeys.accountKey(profile.id, version)), demo.accountKey);
    const saved = services.profiles.get(profile.id)?.savedUsers[0];
    assert.ok(saved);
    assert.equal(await context.secrets.get(secretKeys.userPassword(profile.id, saved.id)), demo.users[0].password);

    const state = JSON.stringify(context.globalState.keys().map((key) => [key, context.globalState.get(key)]));
    assert.match(state, /Staging/);
    assert.match(state, new RegExp(demo.users[0].login));
    for (const secret of [demo.authKey, demo.authSecret, demo.accountKey, demo.users[0].password]) {
      assert.ok(!state.includes(secret), `globalState holds a secret (${secret.slice(0, 3)}…)`);
    }
    const settings = JSON.stringify(vscode.workspace.getConfiguration('quickblox'));
    assert.ok(![demo.authKey, demo.authSecret].some((secret) => settings.includes(secret)));
  });

  it('writes no secret to disk: settings, state databases, storage folders', async () => {
    const services = await api();
    const { context } = services;
    const profile = await addDemoProfile('Disk check');
    await services.profiles.update(profile.id, { endpoint: profile.endpoint }, { authSecret: `${demo.authSecret}-v2` });
    // Give VS Code's storage a moment to flush what it was given.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assertNoSecretsOnDisk(userDataFiles(context), [demo.authKey, demo.authSecret, `${demo.authSecret}-v2`, demo.accountKey]);
  });

  it('edits, renames (keeping secrets) and duplicates (copying them)', async () => {
    const services = await api();
    const profile = await addDemoProfile('Original');
    await services.profiles.update(profile.id, { hash: 'sha256' }, { authSecret: 'another-secret-value' });
    assert.equal(services.profiles.get(profile.id)?.hash, 'sha256');
    assert.equal((await services.profiles.secretsOf(profile.id))?.authSecret, 'another-secret-value');

    const renamed = await services.profiles.rename(profile.id, 'Renamed');
    assert.equal(renamed.id, profile.id);
    assert.equal(services.profiles.get(profile.id)?.name, 'Renamed');
    assert.equal((await services.profiles.secretsOf(profile.id))?.authKey, demo.authKey);

    const copy = await services.profiles.duplicate(profile.id, 'Copy');
    assert.notEqual(copy.id, profile.id);
    assert.deepEqual(await services.profiles.secretsOf(copy.id), await services.profiles.secretsOf(profile.id));
  });

  it('refuses a duplicate name, bad input and leaves the profile as it was', async () => {
    const services = await api();
    const first = await addDemoProfile('One');
    await addDemoProfile('Two');
    await assert.rejects(services.profiles.rename(first.id, ' two '), /already exists/);
    await assert.rejects(services.profiles.update(first.id, { applicationId: '12ab' }), /application id/);
    await assert.rejects(services.profiles.update(first.id, {}, { authSecret: '  ' }), /auth secret/);
    await assert.rejects(services.profiles.add(demoProfile('Three', { endpoint: 'http://example.com' })), /https/);
    assert.equal(services.profiles.get(first.id)?.name, 'One');
    assert.equal((await services.profiles.secretsOf(first.id))?.authSecret, demo.authSecret);
    assert.deepEqual(
      services.profiles.list().map((profile) => profile.name),
      ['One', 'Two'],
    );
  });

  it('an edit that fails half way leaves the old profile whole', async () => {
    const { context } = await api();
    let storesLeft = 1;
    const flaky: vscode.SecretStorage = {
      get: (key) => context.secrets.get(key),
      delete: (key) => context.secrets.delete(key),
      onDidChange: context.secrets.onDidChange,
      store: async (key, value) => {
        if (storesLeft-- <= 0) throw new Error('secret storage is unavailable');
        return context.secrets.store(key, value);
      },
    };
    const store = new ProfileStore(context.globalState, flaky);
    try {
      const profile = (await api()).profiles.list()[0] ?? (await addDemoProfile('Whole'));
      storesLeft = 1; // the first secret is written, the second fails
      await assert.rejects(store.update(profile.id, {}, { authKey: 'new-key-value-1', authSecret: 'new-secret-value-1' }), /unavailable/);
      assert.deepEqual(await store.secretsOf(profile.id), { authKey: demo.authKey, authSecret: demo.authSecret, accountKey: demo.accountKey });
      assert.equal(store.get(profile.id)?.secretsVersion, profile.secretsVersion, 'the index still points at the old secrets');
      storesLeft = 1;
      const before = store.list().length;
      await assert.rejects(store.add(demoProfile('Half added')), /unavailable/);
      assert.equal(store.list().length, before, 'no half-saved profile');
    } finally {
      store.dispose();
    }
  });

  it('delete removes the profile, its secrets and its sessions', async () => {
    const services = await api();
    const { context } = services;
    const profile = await addDemoProfile('Doomed');
    const user = await services.profiles.addSavedUser(profile.id, 'email', demo.users[1].email, demo.users[1].password);
    await services.profiles.remove(profile.id);
    assert.equal(services.profiles.get(profile.id), undefined);
    const version = profile.secretsVersion;
    for (const key of [
      secretKeys.authKey(profile.id, version),
      secretKeys.authSecret(profile.id, version),
      secretKeys.accountKey(profile.id, version),
      secretKeys.userPassword(profile.id, user.id),
    ]) {
      assert.equal(await context.secrets.get(key), undefined, `${key} left behind`);
    }
  });

  it('exports profiles without any secret', async () => {
    const services = await api();
    const profile = await addDemoProfile('Exported');
    await services.profiles.addSavedUser(profile.id, 'login', demo.users[0].login, demo.users[0].password);
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qb-export-')), 'profiles.json'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('quickblox.exportProfiles', target);
    assert.equal(written?.fsPath, target.fsPath);
    const text = fs.readFileSync(target.fsPath, 'utf8');
    const file = JSON.parse(text) as { profiles: Array<{ name: string; savedUsers: unknown[] }> };
    assert.equal(file.profiles[0].name, 'Exported');
    assert.equal(file.profiles[0].savedUsers.length, 1);
    for (const secret of [demo.authKey, demo.authSecret, demo.accountKey, demo.users[0].password]) assert.ok(!text.includes(secret));
  });

  it('import refuses malformed and hostile files without saving anything', async () => {
    const services = await api();
    await addDemoProfile('Existing');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-import-'));
    const files: Record<string, string> = {
      'broken.json': '{"format": "quickblox-sessions.profiles", "version": 1, "profiles": [',
      'secret.json': JSON.stringify({
        format: 'quickblox-sessions.profiles',
        version: 1,
        profiles: [{ name: 'X', applicationId: '1', endpoint: 'https://a.example', authSecret: 'leaked-secret' }],
      }),
      'endpoint.json': JSON.stringify({
        format: 'quickblox-sessions.profiles',
        version: 1,
        profiles: [{ name: 'X', applicationId: '1', endpoint: 'file:///etc/passwd' }],
      }),
      'huge.json': `{"pad":"${'x'.repeat(1024 * 1024 + 10)}"}`,
    };
    for (const [name, text] of Object.entries(files)) {
      const uri = vscode.Uri.file(path.join(dir, name));
      fs.writeFileSync(uri.fsPath, text);
      const imported = await vscode.commands.executeCommand('quickblox.importProfiles', uri);
      assert.equal(imported, undefined, `${name} was not refused`);
      assert.deepEqual(
        services.profiles.list().map((profile) => profile.name),
        ['Existing'],
        `${name} changed the profiles`,
      );
    }
  });

  it('twenty concurrent adds, edits and deletes lose nothing and orphan no secret', async () => {
    const services = await api();
    const { context } = services;
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        services.profiles.add(demoProfile(`Concurrent ${i}`, { secrets: { authKey: `key-${i}-abcdef`, authSecret: `secret-${i}-abcdef` } })),
      ),
    );
    assert.equal(new Set(added.map((profile) => profile.id)).size, 20);
    await Promise.all([
      ...added.slice(0, 10).map((profile, i) => services.profiles.update(profile.id, { name: `Edited ${i}` }, { authSecret: `edited-${i}-abcdef` })),
      ...added.slice(10).map((profile) => services.profiles.remove(profile.id)),
    ]);
    const names = services.profiles
      .list()
      .map((profile) => profile.name)
      .sort();
    assert.deepEqual(names, Array.from({ length: 10 }, (_, i) => `Edited ${i}`).sort());
    for (const [i, profile] of added.entries()) {
      const current = services.profiles.get(profile.id);
      assert.equal(current === undefined, i >= 10);
      if (current) assert.equal(await context.secrets.get(secretKeys.authSecret(profile.id, current.secretsVersion)), `edited-${i}-abcdef`);
      assert.equal(await context.secrets.get(secretKeys.authSecret(profile.id, profile.secretsVersion)), undefined, 'the replaced or deleted secret is gone');
      assert.equal(await context.secrets.get(secretKeys.authKey(profile.id, profile.secretsVersion)), undefined);
    }
  });

  it('the tree shows profiles and the welcome context follows', async () => {
    const { tree } = await api();
    assert.deepEqual(tree.getChildren(), []);
    await addDemoProfile('In the tree');
    const [node] = tree.getChildren();
    assert.equal(node.type, 'profile');
    const item = tree.getTreeItem(node);
    assert.equal(item.label, 'In the tree');
    assert.equal(item.contextValue, 'profile');
    assert.match(String(item.description), new RegExp(`app ${demo.applicationId}`));
  });

  it('Remove Saved User forgets the chosen users and deletes their passwords after confirmation', async () => {
    const services = await api();
    const { context } = services;
    const profile = await addDemoProfile('Users');
    const [alice, bob] = demo.users;
    await services.profiles.addSavedUser(profile.id, 'login', alice.login, alice.password);
    await services.profiles.addSavedUser(profile.id, 'email', bob.email, bob.password);
    const saved = services.profiles.get(profile.id)?.savedUsers ?? [];
    assert.equal(saved.length, 2);

    const declined = await answerPrompts(() => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand('quickblox.removeSavedUser', { profileId: profile.id, identifiers: [alice.login] }), false);
    } finally {
      declined.restore();
    }
    assert.equal(services.profiles.get(profile.id)?.savedUsers.length, 2, 'declining keeps both');

    const confirmed = await answerPrompts((prompt) => (prompt.modal ? 'Remove' : undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('quickblox.removeSavedUser', { profileId: profile.id, identifiers: [alice.login] }), true);
      assert.match(confirmed.seen[0].message, new RegExp(`Remove ${alice.login} from Users\\?`));
    } finally {
      confirmed.restore();
    }
    assert.deepEqual(
      services.profiles.get(profile.id)?.savedUsers.map((user) => user.identifier),
      [bob.email],
    );
    const aliceId = saved.find((user) => user.identifier === alice.login)?.id ?? '';
    const bobId = saved.find((user) => user.identifier === bob.email)?.id ?? '';
    assert.equal(await context.secrets.get(secretKeys.userPassword(profile.id, aliceId)), undefined, "alice's password is gone");
    assert.equal(await context.secrets.get(secretKeys.userPassword(profile.id, bobId)), bob.password, "bob's stays");
  });
});
