/**
 * Hostile and mistaken input in the real extension host: the profile store (through the test
 * API's services.profiles) refuses every hostile value with a plain sentence and saves nothing,
 * and "QuickBlox: Import Profiles" saves nothing from a hostile file. The validators themselves
 * are covered value by value on plain Node (test/unit/hostileInput.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PROFILE_FILE_FORMAT } from '../../src/core';
import type { NewProfile, Profile } from '../../src/profiles/profile';
import type { TestApi } from '../../src/extension';
import { addDemoProfile, api, clean, demo, demoProfile, storedState } from './helpers';

const TEN_THOUSAND = 'Zq'.repeat(5000);
const RTL = 'مرحبا بالعالم';
const EMOJI = '🚀🔑';

interface StoreCase {
  label: string;
  /** The store call; it must reject. */
  call: (services: TestApi) => Promise<unknown>;
  /** A secret the error message must never contain. */
  secret?: string;
  /** A weakness of src/ found by this suite: the store accepts this value. Fails once fixed, so the mark gets removed. */
  knownGap?: string;
}

/** What is wrong with a refusal's message, or undefined when it is one plain sentence without the secret. */
function messageProblem(message: string, secret?: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(message)) return 'line breaks or control characters in the message';
  if (/\n\s+at |\(\S+:\d+:\d+\)|^\w*Error\b|\[object |\bundefined\b/.test(message)) return 'a stack or a raw value in the message';
  if (!/^[\p{Lu}"]/u.test(message) || !/\.$/.test(message) || message.length > 300) return 'not a sentence';
  if (secret && secret.trim().length >= 4 && message.includes(secret.trim())) return 'the message holds the secret';
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('hostile input in the extension host', () => {
  let existing: Profile;

  beforeEach(async () => {
    await clean();
    const services = await api();
    existing = await addDemoProfile('Existing');
    await services.profiles.addSavedUser(existing.id, 'login', demo.users[0].login, demo.users[0].password);
    await addDemoProfile('Other');
    existing = services.profiles.get(existing.id)!;
  });
  after(() => clean());

  /** Runs each case against the store; lists every value that was saved or refused badly. */
  async function refuseAll(cases: StoreCase[]): Promise<void> {
    const services = await api();
    const { context } = services;
    const wrong: string[] = [];
    for (const item of cases) {
      const before = await storedState(services, context);
      const outcome = await item.call(services).then(
        (value) => ({ accepted: true as const, value }),
        (error: unknown) => ({ accepted: false as const, error }),
      );
      const after = await storedState(services, context);
      const unchanged = JSON.stringify(after) === JSON.stringify(before);
      if (item.knownGap) {
        if (!outcome.accepted && unchanged) wrong.push(`${item.label}: refused now: remove its knownGap mark ("${item.knownGap}")`);
        await clean();
        await restore();
        continue;
      }
      if (outcome.accepted) {
        wrong.push(`${item.label}: accepted`);
        await clean();
        await restore();
        continue;
      }
      const { error } = outcome;
      if (!(error instanceof Error)) wrong.push(`${item.label}: rejected with ${String(error)}, not an Error`);
      else {
        const problem = messageProblem(error.message, item.secret);
        if (problem) wrong.push(`${item.label}: ${problem}: ${JSON.stringify(error.message.slice(0, 160))}`);
      }
      if (!unchanged) wrong.push(`${item.label}: refused, but the stored profiles, secrets or sessions changed`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} hostile values were not refused cleanly:\n  ${wrong.join('\n  ')}`);
  }

  /** After a value that was wrongly saved: the two profiles of beforeEach again. */
  async function restore(): Promise<void> {
    const services = await api();
    existing = await addDemoProfile('Existing');
    await services.profiles.addSavedUser(existing.id, 'login', demo.users[0].login, demo.users[0].password);
    await addDemoProfile('Other');
    existing = services.profiles.get(existing.id)!;
  }

  const names: Array<[string, string]> = [
    ['an empty name', ''],
    ['a whitespace-only name', ' \t '],
    ['a 10,000-character name', TEN_THOUSAND],
    ['a 65-character name', 'n'.repeat(65)],
    ['a name with a NUL', 'Zq7\u0000name'],
    ['a name with a line break', 'Zq7\nname'],
    ['a name with an ANSI escape', 'Zq7\u001b[31mname'],
    ['a name with a line separator', 'Zq7\u2028name'],
    ['the name of an existing profile', 'Other'],
    ['an existing name in other case and with spaces', '  OTHER '],
  ];
  const applicationIds: Array<[string, string]> = [
    ['an empty application id', ''],
    ['letters as the application id', 'abc'],
    ['a trailing letter in the application id', '12a'],
    ['a negative application id', '-1'],
    ['a fractional application id', '1.5'],
    ['application id 0', '0'],
    ['full-width digits', '１２３'],
    ['a 10,000-digit application id', '9'.repeat(10_000)],
  ];
  const endpoints: Array<[string, string]> = [
    ['an empty endpoint', ''],
    ['a 10,000-character endpoint', `https://${TEN_THOUSAND}.example`],
    ['http:// to a public host', 'http://api.quickblox.com'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a URL with credentials', 'https://user:pass@api.example.com'],
    ['a URL with a fragment', 'https://api.example.com#admin'],
    ['a URL with a query', 'https://api.example.com?x=1'],
    ['a URL with a path', 'https://api.example.com/session.json'],
    ['an endpoint with a line break', 'https://api.example.com\n.evil'],
  ];
  const logins: Array<[string, string]> = [
    ['empty', ''],
    ['whitespace only', ' \t '],
    ['10,000 characters', TEN_THOUSAND],
    ['a NUL', 'Zq7\u0000login'],
    ['a line break', 'Zq7\nlogin'],
    ['a DEL', 'Zq7\u007flogin'],
  ];
  const credentials: Array<[string, string]> = [
    ['empty', ''],
    ['whitespace only', '   '],
    ['10,000 characters', TEN_THOUSAND],
    ['spaces around', '  Zq7-xK9-wV2  '],
    ['a line break', 'Zq7-xK9\nwV2'],
    ['a NUL', 'Zq7-xK9\u0000wV2'],
    ['a space inside', 'Zq7-xK9 wV2'],
  ];

  it('ProfileStore.add refuses each hostile value and saves nothing', async () => {
    const add = (label: string, input: NewProfile, secret?: string, knownGap?: string): StoreCase => ({
      label,
      call: (services) => services.profiles.add(input),
      ...(secret !== undefined ? { secret } : {}),
      ...(knownGap ? { knownGap } : {}),
    });
    const base = demoProfile('New');
    await refuseAll([
      ...names.map(([label, name]) => add(label, { ...base, name })),
      ...applicationIds.map(([label, applicationId]) => add(label, { ...base, applicationId })),
      ...endpoints.map(([label, endpoint]) => add(label, { ...base, endpoint })),
      ...credentials.flatMap(([label, value]) => [
        add(`auth key: ${label}`, { ...base, secrets: { ...base.secrets, authKey: value } }, value),
        add(`auth secret: ${label}`, { ...base, secrets: { ...base.secrets, authSecret: value } }, value),
        // An empty account key means "none": it is accepted, rightly.
        ...(value === '' ? [] : [add(`account key: ${label}`, { ...base, secrets: { ...base.secrets, accountKey: value } }, value)]),
      ]),
      add('hash "md5"', { ...base, hash: 'md5' as never }),
    ]);
  });

  it('ProfileStore.update, rename, duplicate and addSavedUser refuse each hostile value and change nothing', async () => {
    const id = (): string => existing.id;
    await refuseAll([
      ...names.map(([label, name]): StoreCase => ({ label: `update: ${label}`, call: (services) => services.profiles.update(id(), { name }) })),
      ...names.map(([label, name]): StoreCase => ({ label: `rename: ${label}`, call: (services) => services.profiles.rename(id(), name) })),
      ...names.map(([label, name]): StoreCase => ({ label: `duplicate: ${label}`, call: (services) => services.profiles.duplicate(id(), name) })),
      { label: 'duplicate under its own name', call: (services) => services.profiles.duplicate(id(), 'existing') },
      ...applicationIds.map(([label, applicationId]): StoreCase => ({
        label: `update: ${label}`,
        call: (services) => services.profiles.update(id(), { applicationId }),
      })),
      ...endpoints.map(([label, endpoint]): StoreCase => ({ label: `update: ${label}`, call: (services) => services.profiles.update(id(), { endpoint }) })),
      ...credentials.flatMap(([label, value]): StoreCase[] => [
        { label: `update auth key: ${label}`, call: (services) => services.profiles.update(id(), {}, { authKey: value }), secret: value },
        { label: `update auth secret: ${label}`, call: (services) => services.profiles.update(id(), {}, { authSecret: value }), secret: value },
        ...(value === ''
          ? []
          : [{ label: `update account key: ${label}`, call: (services: TestApi) => services.profiles.update(id(), {}, { accountKey: value }), secret: value }]),
      ]),
      // Passwords may hold spaces: only the values no password can be are refused.
      ...credentials
        .filter(([label]) => !/spaces around|space inside/.test(label))
        .map(([label, value]): StoreCase => ({
          label: `saved user password: ${label}`,
          call: (services) => services.profiles.addSavedUser(id(), 'login', 'bob', value),
          secret: value,
        })),
      ...logins.map(([label, login]): StoreCase => ({
        label: `saved user login: ${label}`,
        call: (services) => services.profiles.addSavedUser(id(), 'login', login, 'Zq7-pass'),
      })),
      { label: 'saved user email that is not an address', call: (services) => services.profiles.addSavedUser(id(), 'email', 'bob', 'Zq7-pass') },
      {
        label: 'saved user kind "phone"',
        call: (services) => services.profiles.addSavedUser(id(), 'phone' as never, '+1000', 'Zq7-pass'),
      },
      {
        label: 'update: hash "md5"',
        call: (services) => services.profiles.update(id(), { hash: 'md5' as never }),
      },
    ]);
  });

  it('accepts right-to-left and emoji names and emoji passwords, and keeps them exactly', async () => {
    const services = await api();
    const rtl = await services.profiles.add(demoProfile(RTL));
    const emoji = await services.profiles.add(demoProfile(`Prod ${EMOJI}`));
    assert.deepEqual(
      services.profiles
        .list()
        .map((profile) => profile.name)
        .sort(),
      ['Existing', 'Other', RTL, `Prod ${EMOJI}`].sort(),
    );
    const user = await services.profiles.addSavedUser(emoji.id, 'login', `bob${EMOJI}`, `pa ss${EMOJI}👩‍💻`);
    assert.equal(await services.profiles.userPassword(emoji.id, user.id), `pa ss${EMOJI}👩‍💻`);
    await services.profiles.rename(rtl.id, `${RTL} 2`);
    assert.equal(services.profiles.get(rtl.id)?.name, `${RTL} 2`);
  });

  describe('Import Profiles with a hostile file', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-hostile-import-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const good = { name: 'Imported', applicationId: '4242', endpoint: 'https://api.example.com' };
    const fileOf = (profiles: unknown, extra: Record<string, unknown> = {}): string =>
      JSON.stringify({ format: PROFILE_FILE_FORMAT, version: 1, profiles, ...extra });
    const withEntry = (entry: Record<string, unknown>): string => fileOf([{ ...good, ...entry }]);

    /**
     * Runs the command on a file. A refused file ends the command at once; one that reaches a
     * question (a name to change, a secret to enter) is answered with Escape, and counted.
     */
    async function importFile(uri: vscode.Uri): Promise<{ result: unknown; thrown: unknown; escapes: number }> {
      let settled = false;
      let result: unknown;
      let thrown: unknown;
      const pending = Promise.resolve(vscode.commands.executeCommand('quickblox.importProfiles', uri)).then(
        (value) => {
          settled = true;
          result = value;
        },
        (error: unknown) => {
          settled = true;
          thrown = error;
        },
      );
      const started = Date.now();
      let escapes = 0;
      while (!settled) {
        if (Date.now() - started > 15_000) assert.fail(`the import of ${path.basename(uri.fsPath)} never ended`);
        if (Date.now() - started > 3000) {
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          escapes++;
        }
        await Promise.race([pending, sleep(250)]);
      }
      await pending;
      return { result, thrown, escapes };
    }

    const hostileFiles: Array<[string, string | (() => string)]> = [
      ['empty.json', ''],
      ['qb-init-code.json', 'QB.init(76730, "7quWEh-k6TqghXe", "Zq7-xK9-wV2");'],
      ['cut-short.json', `{"format":"${PROFILE_FILE_FORMAT}","version":1,"profiles":[{"name":"X"`],
      ['null.json', 'null'],
      ['array.json', '[]'],
      ['byte-order-mark-and-garbage.json', '\ufeff\u0000\u0001{}'],
      ['version-as-string.json', JSON.stringify({ format: PROFILE_FILE_FORMAT, version: '1', profiles: [] })],
      ['profiles-as-object.json', JSON.stringify({ format: PROFILE_FILE_FORMAT, version: 1, profiles: { 0: good } })],
      ['profile-null.json', fileOf([null])],
      ['name-deeply-nested.json', () => withEntry({ name: 'DEEP' }).replace('"DEEP"', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`)],
      ['100k-levels.json', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['201-profiles.json', () => fileOf(Array.from({ length: 201 }, (_, i) => ({ ...good, name: `P${i}` })))],
      ['over-1-mib.json', () => fileOf([good], { pad: 'x'.repeat(1024 * 1024) })],
      ['secret-inside.json', withEntry({ authSecret: 'Zq7-xK9-wV2' })],
      ['password-inside.json', withEntry({ password: 'Zq7-xK9-wV2' })],
      ['name-empty.json', withEntry({ name: '' })],
      ['name-line-break.json', withEntry({ name: 'Zq7\nname' })],
      ['name-10k.json', withEntry({ name: TEN_THOUSAND })],
      ['name-twice.json', fileOf([good, { ...good, name: ' imported ' }])],
      ['application-id-letters.json', withEntry({ applicationId: 'abc' })],
      ['application-id-object.json', withEntry({ applicationId: { $gt: 0 } })],
      ['endpoint-http.json', withEntry({ endpoint: 'http://api.quickblox.com' })],
      ['endpoint-javascript.json', withEntry({ endpoint: 'javascript:alert(1)' })],
      ['endpoint-file.json', withEntry({ endpoint: 'file:///etc/passwd' })],
      ['endpoint-credentials.json', withEntry({ endpoint: 'https://user:pass@api.example.com' })],
      ['endpoint-fragment.json', withEntry({ endpoint: 'https://api.example.com#x' })],
      ['hash-md5.json', withEntry({ hash: 'md5' })],
      ['saved-users-object.json', withEntry({ savedUsers: { 0: { kind: 'login', identifier: 'a' } } })],
      ['saved-user-kind.json', withEntry({ savedUsers: [{ kind: 'phone', identifier: '+1000' }] })],
      ['saved-user-control.json', withEntry({ savedUsers: [{ kind: 'login', identifier: 'a\u0000b' }] })],
      [
        'proto-refused.json',
        `{"__proto__":{"polluted":"yes"},"format":"${PROFILE_FILE_FORMAT}","version":1,"profiles":[{"__proto__":{"name":"P","polluted":"yes"},"applicationId":"1","endpoint":"https://a.example"}]}`,
      ],
    ];

    it('refuses each hostile file at once: nothing asked, nothing saved, nothing polluted', async function () {
      this.timeout(60_000);
      const services = await api();
      const { context } = services;
      const wrong: string[] = [];
      for (const [name, text] of hostileFiles) {
        const uri = vscode.Uri.file(path.join(dir, name));
        fs.writeFileSync(uri.fsPath, typeof text === 'string' ? text : text());
        const before = await storedState(services, context);
        const { result, thrown, escapes } = await importFile(uri);
        if (thrown !== undefined) wrong.push(`${name}: the command threw ${String(thrown)}`);
        else if (result !== undefined) wrong.push(`${name}: not refused (the command returned ${String(result)})`);
        if (escapes > 0) wrong.push(`${name}: the import asked a question instead of refusing the file`);
        if (JSON.stringify(await storedState(services, context)) !== JSON.stringify(before)) wrong.push(`${name}: the stored profiles or secrets changed`);
        if (({} as Record<string, unknown>).polluted !== undefined) wrong.push(`${name}: Object.prototype was polluted`);
      }
      assert.deepEqual(wrong, [], wrong.join('\n'));
    });

    it('a directory, a missing file and a prototype-only file save nothing', async () => {
      const services = await api();
      const { context } = services;
      const before = await storedState(services, context);
      const proto = vscode.Uri.file(path.join(dir, 'proto-only.json'));
      fs.writeFileSync(
        proto.fsPath,
        `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"format":"${PROFILE_FILE_FORMAT}","version":1,"profiles":[]}`,
      );
      for (const [uri, expected] of [
        [vscode.Uri.file(dir), undefined],
        [vscode.Uri.file(path.join(dir, 'no-such-file.json')), undefined],
        [proto, 0],
      ] as const) {
        const { result, thrown, escapes } = await importFile(uri);
        assert.equal(thrown, undefined, `${uri.fsPath}: no throw`);
        assert.equal(result, expected, `${uri.fsPath}: ${expected === undefined ? 'refused' : 'nothing to import'}`);
        assert.equal(escapes, 0, `${uri.fsPath}: nothing asked`);
        assert.deepEqual(await storedState(services, context), before);
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
    });

    it('a profile named like an existing one asks for another name; Escape saves nothing', async () => {
      const services = await api();
      const { context } = services;
      const before = await storedState(services, context);
      const uri = vscode.Uri.file(path.join(dir, 'existing-name.json'));
      fs.writeFileSync(uri.fsPath, withEntry({ name: ' EXISTING ' }));
      const { result, thrown, escapes } = await importFile(uri);
      assert.equal(thrown, undefined);
      assert.equal(result, 0, 'nothing imported');
      assert.ok(escapes > 0, 'a new name was asked for');
      assert.deepEqual(await storedState(services, context), before);
    });
  });
});
