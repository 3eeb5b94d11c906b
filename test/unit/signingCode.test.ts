import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  generateSigningCode,
  isQuickBloxError,
  SESSION_AUTH_TYPES,
  SIGNING_CODE_LANGUAGES,
  type SessionAuthType,
  type SigningCodeLanguage,
} from '../../src/core';
import { stringLiteral, type LiteralLanguage } from '../../src/core/signingCodeLiterals';
import { appByName, defaultFixtures, type SandboxApp } from '../sandbox/fixtures';
import { startSandbox, type Sandbox } from '../sandbox/server';

const fixtures = defaultFixtures();
const demo = appByName(fixtures, 'demo');
const idp = appByName(fixtures, 'sandbox-idp');
const [alice, bob, carol] = demo.users;
const fbAlice = (demo.facebookTokens ?? []).find((t) => t.secret === undefined && t.userId === alice.id);
const fbBob = (demo.facebookTokens ?? []).find((t) => t.secret !== undefined && t.userId === bob.id);
const firebaseCarol = demo.firebase?.accessTokens.find((t) => t.userId === carol.id);
const dave = idp.users[0];
/** A user whose login and password hold what each language, JSON and form encoding treat specially. */
const awkward = {
  id: 1004,
  login: `dana "o'hara" & co=1 %41+ü`,
  email: 'dana@demo.sandbox.local',
  password: `pa&ss=word %41+plus "quoted" 'single' \\back $HOME \`id\` #{x} {$y} é 日本 😀`,
  fullName: 'Dana Awkward',
};
demo.users.push(awkward);
const daveIdentity = idp.customIdentityProvider?.identities.find((i) => i.login === dave.login);
if (!fbAlice || !fbBob || !firebaseCarol || !demo.firebase || !daveIdentity) throw new Error('fixtures.json no longer has the demo sign-ins these tests use');

/** Every credential in the fixtures: none may appear in generated code. */
const SECRETS: string[] = fixtures.apps.flatMap((app) => [
  app.authKey,
  app.authSecret,
  ...app.users.map((user) => user.password),
  ...(app.facebookTokens ?? []).flatMap((t) => (t.secret === undefined ? [t.token] : [t.token, t.secret])),
  ...(app.firebase?.accessTokens ?? []).map((t) => t.token),
  ...(app.customIdentityProvider?.identities ?? []).map((i) => i.password),
]);

interface Scenario {
  title: string;
  kind: SessionAuthType;
  app: SandboxApp;
  env: Record<string, string>;
  userId: number;
}

const SCENARIOS: Scenario[] = [
  { title: 'an application session', kind: 'application', app: demo, env: {}, userId: 0 },
  { title: 'a login session', kind: 'login', app: demo, env: { QB_USER_LOGIN: alice.login, QB_USER_PASSWORD: alice.password }, userId: alice.id },
  {
    title: 'a login session whose login and password need escaping in every language',
    kind: 'login',
    app: demo,
    env: { QB_USER_LOGIN: awkward.login, QB_USER_PASSWORD: awkward.password },
    userId: awkward.id,
  },
  { title: 'an email session', kind: 'email', app: demo, env: { QB_USER_EMAIL: bob.email, QB_USER_PASSWORD: bob.password }, userId: bob.id },
  { title: 'a Facebook session (token without secret)', kind: 'facebook', app: demo, env: { QB_FACEBOOK_TOKEN: fbAlice.token }, userId: alice.id },
  {
    title: 'a Facebook session (token and secret)',
    kind: 'facebook',
    app: demo,
    env: { QB_FACEBOOK_TOKEN: fbBob.token, QB_FACEBOOK_SECRET: fbBob.secret ?? '' },
    userId: bob.id,
  },
  {
    title: 'a Firebase phone session',
    kind: 'firebase_phone',
    app: demo,
    env: { QB_FIREBASE_PROJECT_ID: demo.firebase.projectId, QB_FIREBASE_ID_TOKEN: firebaseCarol.token },
    userId: carol.id,
  },
  {
    title: 'a custom identity provider session',
    kind: 'custom',
    app: idp,
    env: { QB_USER_LOGIN: daveIdentity.login, QB_USER_PASSWORD: daveIdentity.password },
    userId: dave.id,
  },
];

const EXPECTED_ENV: Record<SessionAuthType, string[]> = {
  application: ['QB_AUTH_KEY', 'QB_AUTH_SECRET'],
  login: ['QB_AUTH_KEY', 'QB_AUTH_SECRET', 'QB_USER_LOGIN', 'QB_USER_PASSWORD'],
  email: ['QB_AUTH_KEY', 'QB_AUTH_SECRET', 'QB_USER_EMAIL', 'QB_USER_PASSWORD'],
  facebook: ['QB_AUTH_KEY', 'QB_AUTH_SECRET', 'QB_FACEBOOK_TOKEN', 'QB_FACEBOOK_SECRET'],
  firebase_phone: ['QB_AUTH_KEY', 'QB_AUTH_SECRET', 'QB_FIREBASE_PROJECT_ID', 'QB_FIREBASE_ID_TOKEN'],
  custom: ['QB_AUTH_KEY', 'QB_AUTH_SECRET', 'QB_USER_LOGIN', 'QB_USER_PASSWORD'],
};

interface Markers {
  literal: LiteralLanguage;
  /** Shown by the code: HMAC-SHA1, a cryptographic nonce, Unix seconds. */
  hmac: string;
  random: string;
  seconds: string;
  /** How it sends the body, and where the code sets that type. */
  body: 'json' | 'form';
  bodyType: string;
  /** Never in the code: weaker randomness, milliseconds. */
  never: RegExp;
}

const MARKERS: Record<SigningCodeLanguage, Markers> = {
  node: {
    literal: 'javascript',
    hmac: 'createHmac("sha1", authSecret)',
    random: 'randomInt(1, 2 ** 31)',
    seconds: 'Math.floor(Date.now() / 1000)',
    body: 'json',
    bodyType: 'application/json',
    never: /Math\.random/,
  },
  python: {
    literal: 'python',
    hmac: 'hashlib.sha1',
    random: 'secrets.randbelow(',
    seconds: 'int(time.time())',
    body: 'json',
    bodyType: 'application/json',
    never: /import random|random\.rand/,
  },
  php: {
    literal: 'php',
    hmac: 'hash_hmac("sha1"',
    random: 'random_int(',
    seconds: 'time()',
    body: 'json',
    bodyType: 'application/json',
    never: /\bm?t?_?rand\(|uniqid/,
  },
  go: {
    literal: 'go',
    hmac: 'hmac.New(sha1.New',
    random: '"crypto/rand"',
    seconds: 'time.Now().Unix()',
    body: 'json',
    bodyType: 'application/json',
    never: /"math\/rand"|UnixNano|UnixMilli/,
  },
  java: {
    literal: 'java',
    hmac: '"HmacSHA1"',
    random: 'new SecureRandom()',
    seconds: 'System.currentTimeMillis() / 1000',
    body: 'form',
    bodyType: 'application/x-www-form-urlencoded',
    never: /new Random\(|Math\.random/,
  },
  kotlin: {
    literal: 'kotlin',
    hmac: '"HmacSHA1"',
    random: 'SecureRandom()',
    seconds: 'System.currentTimeMillis() / 1000',
    body: 'form',
    bodyType: 'application/x-www-form-urlencoded',
    never: /kotlin\.random|Random\.next|Math\.random/,
  },
  csharp: {
    literal: 'csharp',
    hmac: 'new HMACSHA1(',
    random: 'RandomNumberGenerator.Create()',
    seconds: 'ToUnixTimeSeconds()',
    body: 'form',
    bodyType: 'new FormUrlEncodedContent(parameters)',
    never: /new Random\(/,
  },
  ruby: {
    literal: 'ruby',
    hmac: 'OpenSSL::HMAC.hexdigest("SHA1"',
    random: 'SecureRandom.random_number(',
    seconds: 'Time.now.to_i',
    body: 'json',
    bodyType: 'application/json',
    never: /\brand\(|Random\.new/,
  },
  shell: {
    literal: 'shell',
    hmac: 'openssl dgst -sha1 -hmac',
    random: 'openssl rand',
    seconds: 'date +%s',
    body: 'form',
    bodyType: 'application/x-www-form-urlencoded',
    never: /\becho\b|\$RANDOM/,
  },
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without blocking the event loop: the sandbox answers from this same process. */
function run(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr: error && code === null ? `${stderr}\n${error.message}` : stderr });
      },
    );
  });
}

function installed(program: string, args: string[]): boolean {
  const probe = spawnSync(program, args, { timeout: 30_000, stdio: 'ignore' });
  return !(probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT');
}

/** How a language is run here; `undefined` when nothing here can run it. */
interface Runtime {
  /** Programs that must be installed, each with arguments that make it exit quickly. */
  needs: Array<[string, string[]]>;
  /** Said when one is missing. */
  missing: string;
  /** Variables the runtime itself needs, given the test's temporary folder. */
  env?: (workDir: string) => Record<string, string>;
  /** Compiles where the language needs it (once per file); returns the command that runs it. */
  prepare(dir: string, fileName: string, env: NodeJS.ProcessEnv): Promise<[string, string[]]>;
}

const simple =
  (program: string, ...before: string[]) =>
  async (_dir: string, fileName: string): Promise<[string, string[]]> => [program, [...before, fileName]];

const RUNTIMES: Record<SigningCodeLanguage, Runtime | undefined> = {
  node: { needs: [[process.execPath, ['--version']]], missing: '', prepare: simple(process.execPath) },
  python: { needs: [['python3', ['--version']]], missing: 'python3 is not installed here (scripts/setup-test-env.sh installs it)', prepare: simple('python3') },
  php: { needs: [['php', ['--version']]], missing: 'php is not installed here (scripts/setup-test-env.sh installs php-cli)', prepare: simple('php') },
  go: {
    needs: [['go', ['version']]],
    missing: 'go is not installed here (scripts/setup-test-env.sh installs golang)',
    // go keeps its build cache under these, and they must be writable.
    env: (workDir) => ({
      HOME: path.join(workDir, 'go-home'),
      GOCACHE: path.join(workDir, 'go-cache'),
      GOPATH: path.join(workDir, 'go-path'),
      GOFLAGS: '-modcacherw',
    }),
    // Built, then run: `go run` reports every failure as exit status 1, and the tests check 1 and 2 apart.
    prepare: async (dir, fileName, env) => {
      const built = await run('go', ['build', '-o', 'create_session', fileName], { cwd: dir, env });
      assert.equal(built.code, 0, `go build failed:\n${built.stdout}${built.stderr}`);
      return [path.join(dir, 'create_session'), []];
    },
  },
  java: {
    needs: [['java', ['-version']]],
    missing: 'java is not installed here (scripts/setup-test-env.sh installs default-jdk-headless)',
    prepare: simple('java'),
  },
  kotlin: undefined,
  csharp: {
    needs: [
      ['mcs', ['--version']],
      ['mono', ['--version']],
    ],
    missing: 'mcs or mono is not installed here (scripts/setup-test-env.sh installs mono-mcs, mono-runtime and libmono-system-net-http4.0-cil)',
    prepare: async (dir, fileName, env) => {
      const exe = fileName.replace(/\.cs$/, '.exe');
      const compiled = await run('mcs', ['-nologo', '-r:System.Net.Http.dll', `-out:${exe}`, fileName], { cwd: dir, env });
      assert.equal(compiled.code, 0, `mcs failed:\n${compiled.stdout}${compiled.stderr}`);
      return ['mono', [exe]];
    },
  },
  ruby: { needs: [['ruby', ['--version']]], missing: 'ruby is not installed here (scripts/setup-test-env.sh installs it)', prepare: simple('ruby') },
  shell: {
    needs: [
      ['sh', ['-c', 'true']],
      ['curl', ['--version']],
      ['openssl', ['version']],
    ],
    missing: 'curl or openssl is not installed here (scripts/setup-test-env.sh installs both)',
    prepare: simple('sh'),
  },
};

const NO_RUNTIME: Partial<Record<SigningCodeLanguage, string>> = {
  kotlin: "kotlin: no runtime in Debian's packages here (its package is Kotlin 1.3, too old): checked by its text only, never compiled or run",
};

/** Says out loud why a language is not run, then skips: a missing runtime never passes silently. */
function requireRuntime(context: Mocha.Context, language: SigningCodeLanguage): Runtime {
  const runtime = RUNTIMES[language];
  if (!runtime) {
    console.log(`      ${NO_RUNTIME[language]}`);
    context.skip();
  }
  if (!runtime.needs.every(([program, args]) => installed(program, args))) {
    console.log(`      ${language}: ${runtime.missing}: not run against the sandbox`);
    context.skip();
  }
  return runtime;
}

/** The environment a snippet runs in: this process's, without QuickBlox variables or proxies. */
function childEnv(language: SigningCodeLanguage, workDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^QB_|proxy$/i.test(name)) env[name] = value;
  }
  return { ...env, LC_ALL: 'C.UTF-8', ...RUNTIMES[language]?.env?.(workDir), ...extra };
}

function credentials(app: SandboxApp, scenario: Record<string, string>): Record<string, string> {
  return { QB_AUTH_KEY: app.authKey, QB_AUTH_SECRET: app.authSecret, ...scenario };
}

describe('generated signing code', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let workDir: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0, fixtures });
    workDir = mkdtempSync(path.join(tmpdir(), 'qb-signing-code-'));
  });

  after(async () => {
    await sandbox?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  describe('the function', () => {
    it('offers every language once, each with a VS Code language id and a file name', () => {
      assert.deepEqual(
        SIGNING_CODE_LANGUAGES.map((language) => [language.id, language.languageId, language.fileName]),
        [
          ['node', 'javascript', 'create-session.mjs'],
          ['python', 'python', 'create_session.py'],
          ['php', 'php', 'create-session.php'],
          ['go', 'go', 'create_session.go'],
          ['java', 'java', 'CreateSession.java'],
          ['kotlin', 'kotlin', 'CreateSession.kt'],
          ['csharp', 'csharp', 'CreateSession.cs'],
          ['ruby', 'ruby', 'create_session.rb'],
          ['shell', 'shellscript', 'create-session.sh'],
        ],
      );
      for (const language of SIGNING_CODE_LANGUAGES) assert.ok(language.label && language.requires, language.id);
    });

    it('names the variables each sign-in kind reads, and returns the language id and file name', () => {
      for (const kind of SESSION_AUTH_TYPES) {
        for (const language of SIGNING_CODE_LANGUAGES) {
          const generated = generateSigningCode({ language: language.id, applicationId: '76730', endpoint: 'https://api.quickblox.com', kind });
          assert.deepEqual(generated.env, EXPECTED_ENV[kind], `${language.id} ${kind}`);
          assert.equal(generated.languageId, language.languageId);
          assert.equal(generated.fileName, language.fileName);
        }
      }
    });

    it('writes in the checked application id and the endpoint’s origin', () => {
      const generated = generateSigningCode({ language: 'python', applicationId: ' 0076730 ', endpoint: 'https://API.QuickBlox.com/', kind: 'application' });
      assert.ok(generated.code.includes('APPLICATION_ID = "76730"'));
      assert.ok(generated.code.includes('ENDPOINT = "https://api.quickblox.com"'));
      const numeric = generateSigningCode({ language: 'go', applicationId: 4242, endpoint: 'http://[::1]:8080', kind: 'application' });
      assert.ok(numeric.code.includes('const applicationID = "4242"'));
      assert.ok(numeric.code.includes('const endpoint = "http://[::1]:8080"'));
    });

    it('refuses what a profile would refuse, and unknown languages and kinds, without writing code', () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ applicationId: '42"; rm -rf /', endpoint: 'https://api.quickblox.com', kind: 'application' }, 'applicationId'],
        [{ applicationId: '', endpoint: 'https://api.quickblox.com', kind: 'application' }, 'applicationId'],
        [{ applicationId: '42', endpoint: 'https://api.quickblox.com/"+process.exit()+"', kind: 'application' }, 'endpoint'],
        [{ applicationId: '42', endpoint: "https://api.quickblox.com'\nrm -rf ~", kind: 'application' }, 'endpoint'],
        [{ applicationId: '42', endpoint: 'http://api.quickblox.com', kind: 'application' }, 'endpoint'],
        [{ applicationId: '42', endpoint: 'https://api.quickblox.com', kind: 'token' }, 'kind'],
        [{ language: 'cobol', applicationId: '42', endpoint: 'https://api.quickblox.com', kind: 'application' }, 'language'],
      ];
      for (const [request, field] of cases) {
        assert.throws(
          () => generateSigningCode({ language: 'node', ...request } as never),
          (error: unknown) => isQuickBloxError(error) && error.kind === 'invalid_input' && error.field === field,
          JSON.stringify(request),
        );
      }
    });
  });

  describe('string literals read back exactly', () => {
    const TEXTS = [
      'plain',
      '',
      'a"b',
      "a'b",
      "'''",
      '"""',
      'back\\slash',
      'ends with \\',
      '\\"',
      '$HOME',
      '${HOME}',
      '$(id)',
      '`id`',
      '#{1 + 1}',
      '{$x}',
      '%s %d %%',
      '\\u0022 \\u000a \\x41 \\101 \\N{DIGIT ONE}',
      'line\nbreak',
      'cr\r\nlf',
      'tab\there',
      'nul\0nul',
      'del\x7f',
      'next line\u0085',
      'separators\u2028\u2029',
      'é 日本',
      'emoji 😀',
      '*/ ?> --> <?php',
      'https://api.quickblox.com',
    ];
    const SEPARATOR = '\n#END-OF-LITERAL#\n';

    /** A program that prints each literal followed by the separator, with nothing added. */
    const PROGRAMS: Record<SigningCodeLanguage, ((literals: string[]) => { fileName: string; code: string }) | undefined> = {
      node: (literals) => ({
        fileName: 'literals.mjs',
        code: literals.map((l) => `process.stdout.write(${l} + ${stringLiteral('javascript', SEPARATOR)});`).join('\n'),
      }),
      python: (literals) => ({
        fileName: 'literals.py',
        code: ['import sys', ...literals.map((l) => `sys.stdout.write(${l} + ${stringLiteral('python', SEPARATOR)})`)].join('\n'),
      }),
      php: (literals) => ({ fileName: 'literals.php', code: ['<?php', ...literals.map((l) => `echo ${l}, ${stringLiteral('php', SEPARATOR)};`)].join('\n') }),
      go: (literals) => ({
        fileName: 'literals.go',
        code: [
          'package main',
          'import "os"',
          'func main() {',
          ...literals.map((l) => `\tos.Stdout.WriteString(${l} + ${stringLiteral('go', SEPARATOR)})`),
          '}',
        ].join('\n'),
      }),
      java: (literals) => ({
        fileName: 'Literals.java',
        code: [
          'public class Literals {',
          '  public static void main(String[] args) throws Exception {',
          '    java.io.PrintStream out = new java.io.PrintStream(System.out, true, "UTF-8");',
          ...literals.map((l) => `    out.print(${l} + ${stringLiteral('java', SEPARATOR)});`),
          '  }',
          '}',
        ].join('\n'),
      }),
      kotlin: undefined,
      csharp: (literals) => ({
        fileName: 'Literals.cs',
        code: [
          'public static class Literals {',
          '  public static void Main() {',
          '    var out_ = new System.IO.StreamWriter(System.Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false));',
          ...literals.map((l) => `    out_.Write(${l} + ${stringLiteral('csharp', SEPARATOR)});`),
          '    out_.Flush();',
          '  }',
          '}',
        ].join('\n'),
      }),
      ruby: (literals) => ({ fileName: 'literals.rb', code: literals.map((l) => `$stdout.write(${l} + ${stringLiteral('ruby', SEPARATOR)})`).join('\n') }),
      shell: (literals) => ({ fileName: 'literals.sh', code: literals.map((l) => `printf '%s' ${l}${stringLiteral('shell', SEPARATOR)}`).join('\n') }),
    };

    for (const language of SIGNING_CODE_LANGUAGES) {
      it(`${language.label}`, async function () {
        const runtime = requireRuntime(this, language.id);
        const program = PROGRAMS[language.id];
        if (!program) throw new Error(`no literal program for ${language.id}`);
        const marker = MARKERS[language.id].literal;
        // A shell variable cannot hold NUL: the shell's literal refuses it instead.
        const texts = marker === 'shell' ? TEXTS.filter((text) => !text.includes('\0')) : TEXTS;
        if (marker === 'shell') assert.throws(() => stringLiteral('shell', 'nul\0nul'), /NUL/);
        const literals = texts.map((text) => stringLiteral(marker, text));
        for (const literal of literals) assert.match(literal, marker === 'shell' ? /^'/ : /^"[\x20-\x7e]*"$/, 'printable ASCII only');
        const dir = path.join(workDir, `literals-${language.id}`);
        mkdirSync(dir, { recursive: true });
        const { fileName, code } = program(literals);
        writeFileSync(path.join(dir, fileName), code);
        const env = childEnv(language.id, workDir, {});
        const [command, args] = await runtime.prepare(dir, fileName, env);
        const result = await run(command, args, { cwd: dir, env });
        assert.equal(result.code, 0, `${language.id} failed:\n${result.stderr}`);
        assert.deepEqual(result.stdout.split(SEPARATOR), [...texts, '']);
      });
    }

    it('lone surrogates: written as U+FFFD where the language refuses them, kept where it takes them', () => {
      assert.equal(stringLiteral('go', 'a\uD800b'), '"a\\uFFFDb"');
      assert.equal(stringLiteral('ruby', '\uDC00'), '"\\u{FFFD}"');
      assert.equal(stringLiteral('php', '\uDC00'), '"\\u{FFFD}"');
      assert.equal(stringLiteral('javascript', '\uD800'), '"\\uD800"');
      assert.equal(stringLiteral('java', '"\\u0022"'), '"\\"\\\\u0022\\""');
      assert.equal(stringLiteral('kotlin', '${x}'), '"\\${x}"');
    });
  });

  for (const language of SIGNING_CODE_LANGUAGES) {
    const markers = MARKERS[language.id];

    describe(`${language.label} (${language.fileName})`, () => {
      it('holds no secret, names its variables, signs with HMAC-SHA1 over Unix seconds and a cryptographic nonce', () => {
        for (const kind of SESSION_AUTH_TYPES) {
          const endpoint = 'https://api.example-dedicated.quickblox.com';
          const { code, env } = generateSigningCode({ language: language.id, applicationId: '76730', endpoint, kind });
          const where = `${language.id} ${kind}`;
          for (const secret of SECRETS) assert.ok(!code.includes(secret), `${where}: holds a fixture credential`);
          for (const name of env) assert.ok(code.includes(name), `${where}: reads ${name}`);
          for (const name of EXPECTED_ENV[kind]) assert.ok(code.includes(name), `${where}: names ${name}`);
          assert.ok(code.includes(stringLiteral(markers.literal, '76730')), `${where}: the application id`);
          assert.ok(code.includes(stringLiteral(markers.literal, endpoint)), `${where}: the endpoint`);
          assert.ok(code.includes(markers.hmac), `${where}: HMAC-SHA1 (${markers.hmac})`);
          assert.ok(code.includes(markers.random), `${where}: a cryptographic nonce (${markers.random})`);
          assert.ok(code.includes(markers.seconds), `${where}: Unix seconds (${markers.seconds})`);
          assert.doesNotMatch(code, markers.never, `${where}: nothing weaker`);
          assert.doesNotMatch(code, /sha256|HmacSHA256|md5/i, `${where}: SHA1 only`);
          assert.ok(code.includes(markers.bodyType), `${where}: body type`);
          assert.ok(code.includes(markers.body === 'json' ? 'as JSON with nested objects' : 'sent form-encoded'), `${where}: says how it sends the body`);
          assert.ok(code.includes('Missing environment variable'), `${where}: says which variable is missing`);
          const parameterNames = {
            application: [],
            login: ['login', 'password'],
            email: ['email', 'password'],
            facebook: ['provider', 'token', 'secret'],
            firebase_phone: ['provider', 'project_id', 'access_token'],
            custom: ['login', 'password'],
          }[kind];
          for (const name of parameterNames) {
            assert.ok(
              code.includes(`"${name}"`) || code.includes(`[${name}]`) || code.includes(`${name}:`) || code.includes(`${name}=`) || code.includes(`.${name} =`),
              `${where}: sends ${name}`,
            );
          }
          if (language.id === 'shell') {
            assert.ok(code.includes(`printf '%s' "$string_to_sign" | openssl dgst -sha1 -hmac`), `${where}: signs exactly the string, no newline`);
          }
        }
      });

      const files = new Map<string, Promise<[string, string[]]>>();
      /** Writes (and compiles, once) the code of a kind for an app, in its own folder. */
      const prepared = (runtime: Runtime, kind: SessionAuthType, app: SandboxApp): Promise<[string, string[], string]> => {
        const dir = path.join(workDir, `${language.id}-${kind}-${app.applicationId}`);
        let ready = files.get(dir);
        if (!ready) {
          const generated = generateSigningCode({ language: language.id, applicationId: app.applicationId, endpoint: sandbox.url, kind });
          mkdirSync(dir, { recursive: true });
          writeFileSync(path.join(dir, generated.fileName), generated.code);
          ready = runtime.prepare(dir, generated.fileName, childEnv(language.id, workDir, {}));
          files.set(dir, ready);
        }
        return ready.then(([command, args]) => [command, args, dir]);
      };

      if (!RUNTIMES[language.id]) {
        it('runs against the sandbox', function () {
          requireRuntime(this, language.id);
        });
        return;
      }

      for (const scenario of SCENARIOS) {
        it(`creates ${scenario.title} against the sandbox`, async function () {
          const runtime = requireRuntime(this, language.id);
          const [command, args, dir] = await prepared(runtime, scenario.kind, scenario.app);
          const sessionsBefore = sandbox.sessions().length;
          const requestsBefore = sandbox.requests.length;
          const startedAt = Math.floor(Date.now() / 1000);
          const result = await run(command, args, { cwd: dir, env: childEnv(language.id, workDir, credentials(scenario.app, scenario.env)) });
          assert.equal(result.code, 0, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);

          const printed = JSON.parse(result.stdout) as { session: { token: string; user_id: number; application_id: number } };
          const sessions = sandbox.sessions();
          assert.equal(sessions.length, sessionsBefore + 1, 'one new session');
          const created = sessions[sessions.length - 1];
          assert.equal(created.userId, scenario.userId);
          assert.equal(created.applicationId, scenario.app.applicationId);
          assert.equal(printed.session.token, created.token, 'prints the answer');
          assert.equal(printed.session.user_id, scenario.userId);

          assert.equal(sandbox.requests.length, requestsBefore + 1, 'one request');
          const request = sandbox.requests[sandbox.requests.length - 1];
          assert.equal(request.method, 'POST');
          assert.equal(request.path, '/session.json');
          assert.equal(
            (request.headers['content-type'] ?? '').split(';')[0],
            markers.body === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
          );
          const body = request.body as Record<string, unknown>;
          const timestamp = Number(body.timestamp);
          assert.ok(
            Number.isInteger(timestamp) && timestamp >= startedAt - 1 && timestamp <= Math.floor(Date.now() / 1000) + 1,
            `timestamp in Unix seconds: ${String(body.timestamp)}`,
          );
          const nonce = Number(body.nonce);
          assert.ok(Number.isInteger(nonce) && nonce >= 1 && nonce <= 2 ** 31 - 1, `nonce: ${String(body.nonce)}`);
          assert.match(String(body.signature), /^[0-9a-f]{40}$/, 'lowercase hex SHA1');
          if (scenario.kind === 'facebook') assert.equal('secret' in (body.keys as object), 'QB_FACEBOOK_SECRET' in scenario.env, 'keys[secret] only when set');
        });
      }

      it('a wrong QB_AUTH_SECRET gets "Unexpected signature", printed, and exit 1', async function () {
        const runtime = requireRuntime(this, language.id);
        const [command, args, dir] = await prepared(runtime, 'login', demo);
        const sessionsBefore = sandbox.sessions().length;
        const env = credentials(demo, { QB_USER_LOGIN: alice.login, QB_USER_PASSWORD: alice.password, QB_AUTH_SECRET: `${demo.authSecret}-wrong` });
        const result = await run(command, args, { cwd: dir, env: childEnv(language.id, workDir, env) });
        assert.equal(result.code, 1, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
        assert.match(result.stdout, /Unexpected signature/);
        assert.equal(sandbox.sessions().length, sessionsBefore, 'no session');
      });

      it('a missing variable is named, nothing is sent, and it exits 2', async function () {
        const runtime = requireRuntime(this, language.id);
        const [command, args, dir] = await prepared(runtime, 'login', demo);
        const requestsBefore = sandbox.requests.length;
        const result = await run(command, args, { cwd: dir, env: childEnv(language.id, workDir, credentials(demo, { QB_USER_LOGIN: alice.login })) });
        assert.equal(result.code, 2, `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
        assert.match(result.stderr, /Missing environment variable QB_USER_PASSWORD: set it to the user's password\./);
        assert.equal(sandbox.requests.length, requestsBefore, 'no request');
      });
    });
  }
});
