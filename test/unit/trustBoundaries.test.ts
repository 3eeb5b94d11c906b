/**
 * Hostile input at the extension's trust boundaries, on plain Node: tokens, deep JSON, server
 * text with links, echoed secrets, short keys, look-alike hosts, and .env targets that try to
 * leave the folder (symbolic links, pipes, hard links). Each case is counted: with QB_FIGURES_DIR
 * set, `trust.json` there holds how many were tried and how many got through (escapes, which
 * must be 0). The E2E tier's hostile-folder story tries the same in a real workbench.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkToken,
  createSession,
  describeEndpointHost,
  envFilePathProblem,
  getSession,
  isQuickBloxError,
  maskKnown,
  outsideText,
  parseBoundedJson,
  parseProfileFile,
  profileFieldProblem,
  redactText,
  setEnvVariableInBytes,
  withoutLinks,
  type QuickBloxError,
} from '../../src/core';
import { EnvTargetRefused, resolveEnvTarget, writeEnvTarget } from '../../src/handoff/envTarget';
import { startLoopbackServer } from '../harness/loopbackServer';

const tried: Array<{ area: string; label: string; escaped: boolean }> = [];

/** Records one hostile input and whether it got through; the test then asserts it did not. */
function hostile(area: string, label: string, escaped: boolean): void {
  tried.push({ area, label, escaped });
  assert.equal(escaped, false, `${area}: ${label} got through`);
}

const APP = { applicationId: '4242', authKey: 'demo-Key-7qW3ePx', authSecret: 'demo-Secret-K9r2mTz' };
const PASSWORD = 'p@ss/word+Secret 1';

/** A server on loopback that answers every request as the test says. */
const server = startLoopbackServer;

async function failureOf(promise: Promise<unknown>): Promise<QuickBloxError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isQuickBloxError(error), `expected a QuickBloxError, got ${error instanceof Error ? error.stack : String(error)}`);
    return error;
  }
  return assert.fail('the call succeeded');
}

function sessionBody(token: string): string {
  return JSON.stringify({
    session: {
      application_id: 4242,
      created_at: '2026-01-01T00:00:00Z',
      id: 1,
      nonce: 5,
      token,
      ts: 1,
      updated_at: '2026-01-01T00:00:00Z',
      user_id: 0,
      _id: 'x1',
    },
  });
}

/** VS Code's notification link syntax: `[label](target)` with an http(s), command or file target. */
const RENDERED_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

describe('trust boundaries', () => {
  after(() => {
    const escapes = tried.filter((entry) => entry.escaped);
    console.log(`  hostile inputs tried at trust boundaries: ${tried.length}, escapes: ${escapes.length}`);
    const dir = process.env.QB_FIGURES_DIR;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'trust.json'),
        `${JSON.stringify({ figure: 'trust', measuredAt: new Date().toISOString(), tried: tried.length, escapes: escapes.length, cases: tried }, null, 2)}\n`,
      );
    }
  });

  describe('session tokens', () => {
    const HOSTILE_TOKENS: Array<[string, string]> = [
      ['U+010A, which latin1 turns into a line feed', 'abc\u010aNODE_OPTIONS=--require=/tmp/x'],
      ['a double quote', 'abc"def'],
      ['a command substitution', 'abc$(touch /tmp/pwned)'],
      ['a single quote', "abc'def"],
      ['CR LF', 'abc\r\nX=1'],
      ['a space', 'abc def'],
      ['a NUL', 'abc\0def'],
      ['a backtick', 'abc`id`'],
      ['a percent sign (cmd.exe expands %VAR%)', 'abc%PATH%'],
      ['a semicolon', 'abc;rm -rf x'],
      ['non-ASCII letters', 'tökén'],
      ['4,097 characters', 'a'.repeat(4097)],
      ['nothing', ''],
    ];

    it('refuses every token that is not printable ASCII token characters, without repeating it', () => {
      for (const [label, token] of HOSTILE_TOKENS) {
        let message = '';
        try {
          checkToken(token);
        } catch (error) {
          message = (error as Error).message;
        }
        hostile('checkToken', label, message === '' || (token.length > 3 && message.includes(token)));
        assert.match(message, /create a new session/);
      }
    });

    it('accepts a JWT of hundreds of characters', () => {
      const part = (n: number): string => 'eyJ' + 'a1B2_-'.repeat(n);
      const jwt = `${part(20)}.${part(90)}.${part(40)}`;
      assert.ok(jwt.length > 600);
      assert.equal(checkToken(jwt), jwt);
      assert.equal(checkToken('A-Za-z0-9._~+/='), 'A-Za-z0-9._~+/=');
    });

    it('turns a created session whose token is hostile into a bad_response that does not repeat it', async () => {
      let token = '';
      const qb = await server(() => ({ status: 201, body: sessionBody(token) }));
      try {
        for (const [label, hostileToken] of HOSTILE_TOKENS.filter(([, value]) => value !== '')) {
          token = hostileToken;
          const error = await failureOf(createSession({ endpoint: qb.url, ...APP, auth: { type: 'application' } }));
          hostile('createSession token', label, error.kind !== 'bad_response' || (token.length > 3 && error.message.includes(token)));
        }
      } finally {
        await qb.close();
      }
    });

    it('refuses to send a hostile token in QB-Token at all', async () => {
      let requests = 0;
      const qb = await server(() => {
        requests++;
        return { status: 200, body: sessionBody('good-token-123456') };
      });
      try {
        for (const [label, token] of HOSTILE_TOKENS) {
          const error = await failureOf(getSession({ endpoint: qb.url, token }));
          hostile('QB-Token header', label, error.kind !== 'invalid_input');
        }
        assert.equal(requests, 0, 'nothing was sent');
      } finally {
        await qb.close();
      }
    });
  });

  describe('deeply nested JSON', () => {
    const deep = (depth: number, open = '[', close = ']'): string => open.repeat(depth) + close.repeat(depth);

    it('measures depth without recursion and refuses past 64 levels', () => {
      assert.deepEqual(parseBoundedJson(deep(64)).ok, true);
      assert.deepEqual(parseBoundedJson(deep(65)), { ok: false, problem: 'too_deep' });
      assert.deepEqual(parseBoundedJson(deep(200_000)), { ok: false, problem: 'too_deep' });
      const brackets = '['.repeat(100);
      assert.deepEqual(
        parseBoundedJson(`{"a":"${brackets}\\"${brackets}"}`),
        { ok: true, value: { a: `${brackets}"${brackets}` } },
        'brackets inside strings, escaped quotes included, do not count',
      );
    });

    it('refuses a profile file nested 200,000 deep with a sentence, not a crash', () => {
      let message = '';
      try {
        parseProfileFile(`{"format":"quickblox-sessions.profiles","version":${deep(200_000)},"profiles":[]}`);
      } catch (error) {
        message = isQuickBloxError(error) ? error.message : `crashed: ${String(error)}`;
      }
      hostile('deep JSON', 'a profile file 200,000 deep', !/nests more than 64 levels/.test(message));
    });

    for (const [label, status, body] of [
      ['an error body 200,000 deep', 422, `{"errors":{"base":${deep(200_000)}}}`],
      ['an error array 200,000 deep', 401, `{"errors":${deep(200_000)}}`],
      ['a success body 150,000 deep (under the 1 MiB cap)', 201, `{"session":${deep(150_000, '{"a":', '}')}}`],
    ] as Array<[string, number, string]>) {
      it(`ends ${label} in a typed bad_response`, async () => {
        const qb = await server(() => ({ status, body }));
        try {
          const error = await failureOf(createSession({ endpoint: qb.url, ...APP, auth: { type: 'application' } }));
          hostile('deep JSON', label, error.kind !== 'bad_response' || !/nested more than 64 levels/.test(error.message));
        } finally {
          await qb.close();
        }
      });
    }
  });

  describe('server text in sentences', () => {
    const LINKS = [
      '[Open the docs](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)',
      '[x]\n(command:workbench.action.quit)',
      '[x]   (https://evil.example/steal)',
      '[[nested]](file:///etc/passwd)',
      '[ok](command:a "title")',
    ];

    it('leaves no renderable link in server messages or reason phrases once neutralised', async () => {
      let body = '';
      let reason = '';
      const qb = await server(() => ({ status: 422, reason, body }));
      try {
        for (const link of LINKS) {
          body = JSON.stringify({ errors: { base: [`See ${link} now`] } });
          reason = link.replace(/\n/g, ' ');
          const error = await failureOf(createSession({ endpoint: qb.url, ...APP, auth: { type: 'application' } }));
          const shown = withoutLinks(outsideText(error.message, 1000));
          hostile('server message', link, RENDERED_LINK.test(shown) || /[\r\n]/.test(shown));
          assert.ok(shown.includes('Open the docs') || shown.includes('x') || shown.includes('ok'), 'the text still reads as it was');
        }
      } finally {
        await qb.close();
      }
    });

    it('caps and flattens outside text: control, invisible and direction-changing characters go', () => {
      const cases: Array<[string, string]> = [
        ['a right-to-left override', 'abc\u202edcba'],
        ['zero-width characters', 'a\u200bb\u2060c'],
        ['line breaks and tabs', 'a\r\nb\tc\u2028d'],
        ['a NUL and escape sequences', 'a\0b\u001b[31mc'],
      ];
      for (const [label, text] of cases) {
        const shown = outsideText(text);
        // eslint-disable-next-line no-control-regex
        hostile('outsideText', label, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069]/.test(shown));
      }
      const long = outsideText('x'.repeat(10_000));
      hostile('outsideText', '10,000 characters', long.length > 200);
      assert.ok(long.endsWith('…'));
    });
  });

  describe('secrets echoed back', () => {
    it('masks known secrets in upper case, lower case, URL-encoded and JSON-escaped forms', () => {
      const secrets = { whole: [PASSWORD, APP.authSecret], prefixed: [APP.authKey] };
      const forms: Array<[string, string]> = [
        ['the auth key in upper case', APP.authKey.toUpperCase()],
        ['the auth key in lower case', APP.authKey.toLowerCase()],
        ['the password URL-encoded', encodeURIComponent(PASSWORD)],
        ['the password URL-encoded with lower-case hex', encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())],
        ['the password form-encoded', encodeURIComponent(PASSWORD).replace(/%20/g, '+')],
        ['the auth secret JSON-escaped in a body', JSON.stringify(APP.authSecret).slice(1, -1)],
        ['the password in mixed case', PASSWORD.toUpperCase()],
      ];
      for (const [label, form] of forms) {
        for (const masked of [maskKnown(`echo: ${form} .`, secrets), redactText(`echo: ${form} .`, secrets)]) {
          hostile('maskKnown', label, masked.includes(form));
          assert.ok(masked.startsWith('echo: ') && masked.endsWith(' .'), 'the rest of the text stays');
        }
      }
      assert.equal(maskKnown('the word demo stays', secrets), 'the word demo stays');
    });

    it("masks them in the response document's raw body and in the error message", async () => {
      const qb = await server(() => ({
        status: 401,
        body: JSON.stringify({ errors: { base: [`auth_key ${APP.authKey.toUpperCase()} or password ${encodeURIComponent(PASSWORD)} is wrong`] } }),
        headers: { 'x-echo': APP.authKey.toLowerCase() },
      }));
      try {
        const error = await failureOf(createSession({ endpoint: qb.url, ...APP, auth: { type: 'login', login: 'mike', password: PASSWORD } }));
        const kept = JSON.stringify({ message: error.message, messages: error.messages, response: error.response });
        for (const [label, form] of [
          ['the auth key in upper case', APP.authKey.toUpperCase()],
          ['the auth key in lower case', APP.authKey.toLowerCase()],
          ['the password URL-encoded', encodeURIComponent(PASSWORD)],
        ]) {
          hostile('response record', label, kept.toLowerCase().includes(form.toLowerCase()));
        }
      } finally {
        await qb.close();
      }
    });

    it('refuses auth keys and secrets shorter than 8 characters, at input and before sending', async () => {
      for (const field of ['authKey', 'authSecret'] as const) {
        for (const value of ['a', 'abc', 'abc1234']) {
          hostile('short key', `${field} ${value.length} characters`, profileFieldProblem(field, value) === undefined);
        }
        assert.equal(profileFieldProblem(field, 'abcd1234'), undefined);
      }
      assert.match(profileFieldProblem('authSecret', 'abc1234') ?? '', /shorter than 8 characters/);
      const error = await failureOf(createSession({ endpoint: 'http://127.0.0.1:9', ...APP, authSecret: 's3cr3t', auth: { type: 'application' } }));
      assert.equal(error.kind, 'invalid_input');
      assert.equal(error.field, 'authSecret');
    });
  });

  describe('endpoint hosts', () => {
    const CASES: Array<[string, string, string | undefined]> = [
      ['https://api.quickblox.com', 'quickblox', undefined],
      ['https://apicustomdomain.quickblox.com', 'quickblox', undefined],
      ['http://127.0.0.1:3090', 'loopback', undefined],
      ['http://localhost:8080', 'loopback', undefined],
      ['https://api.example.com', 'other', undefined],
      ['https://api.quickbIox.com', 'other', 'confusable'],
      ['https://api.quickbl0x.com', 'other', 'confusable'],
      ['https://api.quick-blox.com', 'other', 'confusable'],
      ['https://api.qulckblox.com', 'other', 'confusable'],
      ['https://api.quickblox.com.example.io', 'other', 'suffix'],
      ['https://quickblox.com.evil', 'other', 'suffix'],
      ['https://api.quickbl\u043ex.com', 'other', 'international'],
    ];
    for (const [endpoint, kind, lookalike] of CASES) {
      it(`${endpoint} is ${kind}${lookalike ? `, a ${lookalike} look-alike` : ''}`, () => {
        const view = describeEndpointHost(endpoint);
        if (lookalike) hostile('endpoint host', endpoint, view.kind !== 'other' || view.lookalike !== lookalike);
        assert.equal(view.kind, kind);
        assert.equal(view.lookalike, lookalike);
      });
    }

    it('shows an international host in both forms', () => {
      const view = describeEndpointHost('https://api.quickbl\u043ex.com');
      assert.match(view.host, /^api\.xn--/);
      assert.equal(view.unicode, 'api.quickbl\u043ex.com');
      assert.equal(describeEndpointHost('https://api.quickblox.com.example.io').domain, 'example.io');
    });
  });

  describe('.env targets', () => {
    let root: string;
    let folder: string;
    let outside: string;
    const outsideFile = (): string => path.join(outside, 'profile.sh');
    const ORIGINAL = 'export PATH=/usr/bin\n';

    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-env-'));
      folder = path.join(root, 'folder');
      outside = path.join(root, 'outside');
      fs.mkdirSync(folder);
      fs.mkdirSync(outside);
      fs.writeFileSync(outsideFile(), ORIGINAL);
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    const refusal = async (relative: string): Promise<string | undefined> => {
      try {
        const target = await resolveEnvTarget(folder, relative);
        await writeEnvTarget(target, Buffer.from('QUICKBLOX_TOKEN=abc\n'));
        return undefined;
      } catch (error) {
        if (error instanceof EnvTargetRefused) return error.message;
        throw error;
      }
    };
    const outsideUnchanged = (): boolean => fs.readFileSync(outsideFile(), 'utf8') === ORIGINAL && fs.readdirSync(outside).length === 1;

    it('refuses settings that name a path outside the folder or inside .git/ and .vscode/', () => {
      for (const relative of [
        '../x.env',
        '/etc/passwd',
        'C:\\Windows\\x',
        '\\\\server\\share\\x',
        'a/../../b.env',
        '.git/config',
        '.GIT/hooks/pre-commit',
        'sub/.vscode/settings.json',
        '.git',
        '',
        'a\0b',
      ]) {
        hostile('env.file setting', JSON.stringify(relative), envFilePathProblem(relative) === undefined);
      }
      for (const relative of ['.env', 'sub/.env', '.env.local', './x/../.env']) assert.equal(envFilePathProblem(relative), undefined, relative);
    });

    it('refuses a .env that is a symbolic link to a file outside the folder, and changes nothing there', async () => {
      fs.symlinkSync(outsideFile(), path.join(folder, '.env'));
      const message = await refusal('.env');
      hostile('.env symlink', 'to a file outside', message === undefined || !outsideUnchanged());
      assert.match(message ?? '', /leads outside the folder/);
    });

    it('refuses a folder inside that is a symbolic link to one outside', async () => {
      fs.symlinkSync(outside, path.join(folder, 'config'));
      const message = await refusal('config/.env');
      hostile('.env symlink', 'through a linked folder', message === undefined || !outsideUnchanged());
    });

    it('refuses a link inside the folder that leads into .git/', async () => {
      fs.mkdirSync(path.join(folder, '.git'));
      fs.writeFileSync(path.join(folder, '.git', 'config'), '[core]\n');
      fs.symlinkSync(path.join(folder, '.git', 'config'), path.join(folder, '.env'));
      const message = await refusal('.env');
      hostile('.env symlink', 'into .git/', message === undefined || fs.readFileSync(path.join(folder, '.git', 'config'), 'utf8') !== '[core]\n');
      assert.match(message ?? '', /\.git/);
    });

    it('refuses a link to nothing, which writing would create outside', async () => {
      fs.symlinkSync(path.join(outside, 'new.sh'), path.join(folder, '.env'));
      const message = await refusal('.env');
      hostile('.env symlink', 'dangling, to outside', message === undefined || !outsideUnchanged());
    });

    it('refuses a pipe without waiting on it, and a hard link to a file outside', async () => {
      execFileSync('mkfifo', [path.join(folder, '.env')]);
      const pipe = await refusal('.env');
      hostile('.env kind', 'a FIFO', pipe === undefined);
      fs.rmSync(path.join(folder, '.env'));
      fs.linkSync(outsideFile(), path.join(folder, '.env'));
      const hard = await refusal('.env');
      hostile('.env kind', 'a hard link to a file outside', hard === undefined || !outsideUnchanged());
      assert.match(hard ?? '', /hard links/);
    });

    it('refuses a file over 1 MiB and a folder', async () => {
      fs.writeFileSync(path.join(folder, '.env'), Buffer.alloc(1024 * 1024 + 1, 0x41));
      hostile('.env kind', 'over 1 MiB', (await refusal('.env')) === undefined);
      fs.mkdirSync(path.join(folder, 'dir.env'));
      hostile('.env kind', 'a folder', (await refusal('dir.env')) === undefined);
    });

    it('refuses to write when the file was replaced by a link after it was read', async () => {
      fs.writeFileSync(path.join(folder, '.env'), 'A=1\n');
      const target = await resolveEnvTarget(folder, '.env');
      fs.rmSync(path.join(folder, '.env'));
      fs.symlinkSync(outsideFile(), path.join(folder, '.env'));
      let refused = false;
      await writeEnvTarget(target, Buffer.from('A=2\n')).catch((error: unknown) => (refused = error instanceof EnvTargetRefused));
      hostile('.env race', 'replaced by a link while confirming', !refused || !outsideUnchanged());
    });

    it('follows a link that stays inside the folder, and replaces the file whole with its mode kept', async () => {
      fs.mkdirSync(path.join(folder, 'config'));
      fs.writeFileSync(path.join(folder, 'config', 'real.env'), 'A=1\n', { mode: 0o640 });
      fs.symlinkSync(path.join('config', 'real.env'), path.join(folder, '.env'));
      const target = await resolveEnvTarget(folder, '.env');
      assert.equal(target.relative, 'config/real.env');
      await writeEnvTarget(target, Buffer.from('A=1\nB=2\n'));
      assert.equal(fs.readFileSync(path.join(folder, 'config', 'real.env'), 'utf8'), 'A=1\nB=2\n');
      assert.equal(fs.statSync(path.join(folder, 'config', 'real.env')).mode & 0o777, 0o640);
      assert.ok(fs.lstatSync(path.join(folder, '.env')).isSymbolicLink(), 'the link itself stays');
      assert.deepEqual(fs.readdirSync(path.join(folder, 'config')), ['real.env'], 'no temporary file is left');
    });

    it('creates a new .env readable by its owner only', async () => {
      await writeEnvTarget(await resolveEnvTarget(folder, '.env'), Buffer.from('A=1\n'));
      assert.equal(fs.statSync(path.join(folder, '.env')).mode & 0o777, 0o600);
    });

    it('writes a value as UTF-8, so U+010A can never become a line break', () => {
      const before = Buffer.concat([Buffer.from('# caf\xe9 latin1 line\n', 'latin1'), Buffer.from('KEEP=1\n')]);
      const { bytes } = setEnvVariableInBytes(before, 'QUICKBLOX_TOKEN', 'abc\u010aNODE_OPTIONS=x');
      const lines = bytes.toString('latin1').split('\n').filter(Boolean);
      hostile('.env value', 'U+010A', lines.length !== 3 || lines.some((line) => line.startsWith('NODE_OPTIONS')));
      assert.ok(bytes.subarray(0, before.length).equals(before), 'every other byte stays');
      assert.ok(bytes.includes(Buffer.from('abc\u010aNODE', 'utf8')), 'written as UTF-8, whole');
      for (const value of ['a\u2028b', 'a\u0085b', 'a\rb', 'a\u001bb']) {
        let refused = false;
        try {
          setEnvVariableInBytes(before, 'QUICKBLOX_TOKEN', value);
        } catch {
          refused = true;
        }
        hostile('.env value', JSON.stringify(value), !refused);
      }
    });
  });
});
