import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { curlCommand, SHELLS, shellOfProgram, shellQuote, ShellQuoteError, tokenHeader, type Shell } from '../../src/core';

/** A JWT-like token of 600 characters: three base64url parts joined by dots. */
function jwtLike(): string {
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
  const signature = createHash('sha256').update('signature').digest('base64url');
  let payload = '';
  for (let i = 0; payload.length < 600; i++) payload += createHash('sha256').update(String(i)).digest('base64url');
  return `${header}.${payload.slice(0, 600 - header.length - signature.length - 2)}.${signature}`;
}

const NASTY: string[] = [
  'a b',
  '  two  spaces  ',
  "it's",
  "'",
  "''",
  '"double"',
  '$(id)',
  '${HOME}',
  '$HOME',
  '`id`',
  'x\\y',
  'ends with \\',
  "\\'",
  '\\\\',
  'a;b',
  'a & b',
  'a | b',
  '*',
  '~',
  '{a,b}',
  '%PATH%',
  '!',
  '!!',
  '‘single’ ‚low‛',
  'it’s',
  '😀 emoji',
  '\t',
  '-n',
  '',
  jwtLike(),
];

/** Every character a QuickBlox token may hold. */
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-';

function installed(program: string): boolean {
  const probe = spawnSync(program, ['--version'], { timeout: 20_000, stdio: 'ignore' });
  return !(probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT');
}

/** Says out loud that a shell is missing, then skips: a missing shell never passes silently. */
function requireProgram(context: Mocha.Context, program: string, consequence: string): void {
  if (installed(program)) return;
  console.log(`      ${program} is not installed here: ${consequence}`);
  context.skip();
}

/** How each shell that runs here prints one quoted argument exactly, with nothing added. */
const PRINTERS: Array<{ program: string; shell: Shell; args: (quoted: string) => string[]; missing: string }> = [
  { program: 'bash', shell: 'posix', args: (quoted) => ['-c', `printf '%s' ${quoted}`], missing: 'POSIX quoting is not run in bash' },
  { program: 'sh', shell: 'posix', args: (quoted) => ['-c', `printf '%s' ${quoted}`], missing: 'POSIX quoting is not run in sh' },
  {
    program: 'fish',
    shell: 'fish',
    args: (quoted) => ['--no-config', '-c', `printf '%s' ${quoted}`],
    missing: 'fish quoting is not run (scripts/setup-test-env.sh installs fish)',
  },
  {
    program: 'pwsh',
    shell: 'powershell',
    args: (quoted) => ['-NoProfile', '-NonInteractive', '-Command', `[Console]::Out.Write(${quoted})`],
    missing: 'PowerShell quoting is checked by its rules only',
  },
];

/**
 * Reads a PowerShell single-quoted string the way its tokenizer does: any of ' ‘ ’ ‚ ‛ ends it,
 * and two of them in a row stand for the second. Returns the value and what follows the string.
 */
function readPowerShellString(source: string): { value: string; rest: string } {
  const isQuote = (c: string | undefined): boolean => c !== undefined && "'\u2018\u2019\u201A\u201B".includes(c);
  assert.ok(isQuote(source[0]), `starts with a single quote: ${source}`);
  let value = '';
  for (let i = 1; i < source.length; i++) {
    if (!isQuote(source[i])) {
      value += source[i];
    } else if (isQuote(source[i + 1])) {
      value += source[++i];
    } else {
      return { value, rest: source.slice(i + 1) };
    }
  }
  assert.fail(`unterminated PowerShell string: ${source}`);
}

/**
 * What a program receives from a cmd.exe command line holding one quoted argument: cmd.exe expands
 * %NAME% (and !NAME! with delayed expansion) anywhere, treats & | < > ^ outside quotes as its own,
 * and leaves the rest to the program, which splits by the Microsoft C runtime's rules.
 */
function readCmdArguments(line: string): string[] {
  assert.doesNotMatch(line, /[%!]/, 'cmd.exe would expand % or ! here');
  const args: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      let slashes = 0;
      while (line[i] === '\\') {
        slashes++;
        i++;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) current += '"';
        else inQuotes = !inQuotes;
      } else {
        current += '\\'.repeat(slashes);
        i--;
      }
      started = true;
    } else if (c === '"') {
      inQuotes = !inQuotes;
      started = true;
    } else if (!inQuotes && (c === ' ' || c === '\t')) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      assert.ok(inQuotes || !'&|<>^'.includes(c), `cmd.exe reads ${c} outside quotes as its own`);
      current += c;
      started = true;
    }
  }
  assert.equal(inQuotes, false, 'the quotes are closed');
  if (started) args.push(current);
  return args;
}

describe('token hand-off text', () => {
  const token = 'c56f382b402fb482086db956064592d3cd012bba';

  it('writes the QB-Token header', () => {
    assert.equal(tokenHeader(token), `QB-Token: ${token}`);
  });

  describe('quoting one argument', () => {
    for (const printer of PRINTERS) {
      it(`${printer.program} reads back every awkward string exactly as quoted for ${printer.shell}`, function () {
        this.timeout(120_000);
        requireProgram(this, printer.program, printer.missing);
        for (const text of NASTY) {
          const run = spawnSync(printer.program, printer.args(shellQuote(text, printer.shell)), { encoding: 'utf8', timeout: 20_000 });
          assert.equal(run.error, undefined);
          assert.equal(run.stderr, '', `${printer.program} complained about ${JSON.stringify(text)}`);
          assert.equal(run.stdout, text, `${printer.program} read ${JSON.stringify(text)} back as ${JSON.stringify(run.stdout)}`);
        }
      });
    }

    it('quotes by each shell’s rules', () => {
      assert.equal(shellQuote("it's"), `'it'\\''s'`);
      assert.equal(shellQuote("it's", 'posix'), `'it'\\''s'`);
      assert.equal(shellQuote("it's \\o/", 'fish'), `'it\\'s \\\\o/'`);
      assert.equal(shellQuote('it\'s ‘q’ ‚q‛ $x "y"', 'powershell'), `'it''s ‘‘q’’ ‚‚q‛‛ $x "y"'`);
      assert.equal(shellQuote('a & b | c ^ <d> $(id)', 'cmd'), '"a & b | c ^ <d> $(id)"');
      assert.equal(shellQuote('C:\\dir\\', 'cmd'), '"C:\\dir\\\\"');
      for (const shell of SHELLS) assert.match(shellQuote('', shell), /^(''|"")$/);
    });

    it('PowerShell’s tokenizer rules read every awkward string back as one whole string', () => {
      for (const text of NASTY) {
        const quoted = shellQuote(text, 'powershell');
        assert.deepEqual(readPowerShellString(quoted), { value: text, rest: '' }, quoted);
      }
    });

    it('cmd.exe and the C runtime’s rules give the program every string cmd can carry, as one argument', () => {
      const carried = NASTY.filter((text) => !/["%!]/.test(text));
      assert.ok(carried.length >= NASTY.length - 5);
      for (const text of carried) {
        const quoted = shellQuote(text, 'cmd');
        assert.deepEqual(readCmdArguments(`curl ${quoted}`), ['curl', text], quoted);
      }
    });

    it('refuses line breaks and NUL in every shell, without repeating the text', () => {
      for (const shell of SHELLS) {
        for (const [text, character] of [
          ['secret\nrest', 'line break'],
          ['secret\r', 'line break'],
          ['secret\0', 'NUL'],
        ]) {
          assert.throws(
            () => shellQuote(text, shell),
            (error: unknown) =>
              error instanceof ShellQuoteError &&
              error.shell === shell &&
              error.character === character &&
              !error.message.includes('secret') &&
              error.message.includes(character),
            `${shell} ${JSON.stringify(text)}`,
          );
        }
      }
    });

    it('refuses ", % and ! for cmd.exe, naming the character and why', () => {
      const cases: Array<[string, string, RegExp]> = [
        ['say "secret"', '"', /double quote .* cannot be escaped/],
        ['%secret%', '%', /expands %NAME% even inside double quotes/],
        ['secret!', '!', /expands !NAME! .* delayed expansion/],
      ];
      for (const [text, character, why] of cases) {
        assert.throws(
          () => shellQuote(text, 'cmd'),
          (error: unknown) => error instanceof ShellQuoteError && error.character === character && why.test(error.message) && !error.message.includes('secret'),
          text,
        );
      }
    });
  });

  it('knows the shell from a terminal program path', () => {
    const cases: Array<[string, Shell]> = [
      ['/bin/bash', 'posix'],
      ['/usr/bin/zsh', 'posix'],
      ['/bin/sh', 'posix'],
      ['', 'posix'],
      ['/usr/bin/fish', 'fish'],
      ['/opt/homebrew/bin/fish', 'fish'],
      ['/usr/local/bin/pwsh', 'powershell'],
      ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'powershell'],
      ['C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'powershell'],
      ['C:\\WINDOWS\\system32\\cmd.exe', 'cmd'],
      ['C:\\Program Files\\Git\\bin\\bash.exe', 'posix'],
    ];
    for (const [path, shell] of cases) assert.equal(shellOfProgram(path), shell, path);
  });

  describe('the cURL command', () => {
    it('keeps the POSIX command as it was', () => {
      assert.equal(
        curlCommand('https://api.example.com/', token, 'posix'),
        `curl -sS 'https://api.example.com/session.json' -H 'Accept: application/json' -H 'QB-Token: ${token}'`,
      );
    });

    it('quotes each word for the chosen shell, and starts with the program given', () => {
      assert.equal(
        curlCommand('https://api.example.com', token, 'fish'),
        `curl -sS 'https://api.example.com/session.json' -H 'Accept: application/json' -H 'QB-Token: ${token}'`,
      );
      assert.equal(
        curlCommand('https://api.example.com', 'a\\b', 'fish'),
        `curl -sS 'https://api.example.com/session.json' -H 'Accept: application/json' -H 'QB-Token: a\\\\b'`,
      );
      assert.equal(
        curlCommand('https://api.example.com', token, 'powershell', 'curl.exe'),
        `curl.exe -sS 'https://api.example.com/session.json' -H 'Accept: application/json' -H 'QB-Token: ${token}'`,
      );
      assert.equal(
        curlCommand('https://api.example.com', token, 'cmd'),
        `curl -sS "https://api.example.com/session.json" -H "Accept: application/json" -H "QB-Token: ${token}"`,
      );
      assert.deepEqual(readCmdArguments(curlCommand('https://api.example.com', TOKEN_ALPHABET, 'cmd')), [
        'curl',
        '-sS',
        'https://api.example.com/session.json',
        '-H',
        'Accept: application/json',
        '-H',
        `QB-Token: ${TOKEN_ALPHABET}`,
      ]);
    });

    it('refuses what the shell cannot carry instead of writing a wrong command', () => {
      assert.throws(() => curlCommand('https://api.example.com', 'a%b', 'cmd'), ShellQuoteError);
      assert.throws(() => curlCommand('https://api.example.com', 'a"b', 'powershell'), /PowerShell before 7\.3 drops it/);
      assert.throws(() => curlCommand('https://api.example.com', 'a\nb', 'posix'), ShellQuoteError);
      assert.throws(() => curlCommand('https://api.example.com', token, 'posix', 'curl; rm'), /plain name/);
    });

    describe('run for real against a local server', () => {
      const received: Array<{ method?: string; url?: string; token?: string | string[]; accept?: string }> = [];
      const BODY = '{"session":{"id":1}}';
      let server: http.Server;
      let endpoint = '';

      before(async () => {
        server = http.createServer((request, response) => {
          received.push({ method: request.method, url: request.url, token: request.headers['qb-token'], accept: request.headers.accept });
          response.writeHead(200, { 'content-type': 'application/json' }).end(BODY);
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      });
      after(() => new Promise<void>((resolve) => server.close(() => resolve())));
      beforeEach(() => (received.length = 0));

      const runners: Array<{ program: string; shell: Shell; args: (command: string) => string[]; missing: string }> = [
        { program: 'bash', shell: 'posix', args: (command) => ['-c', command], missing: 'the POSIX cURL command is not run' },
        {
          program: 'fish',
          shell: 'fish',
          args: (command) => ['--no-config', '-c', command],
          missing: 'the fish cURL command is not run (scripts/setup-test-env.sh installs fish)',
        },
        {
          program: 'pwsh',
          shell: 'powershell',
          args: (command) => ['-NoProfile', '-NonInteractive', '-Command', command],
          missing: 'the PowerShell cURL command is checked by its rules only',
        },
      ];
      for (const runner of runners) {
        it(`${runner.program} runs the ${runner.shell} command: GET /session.json with exactly the token`, async function () {
          this.timeout(60_000);
          requireProgram(this, 'curl', 'no cURL command can run');
          requireProgram(this, runner.program, runner.missing);
          const command = curlCommand(endpoint, TOKEN_ALPHABET, runner.shell);
          const output = await new Promise<string>((resolve, reject) =>
            execFile(runner.program, runner.args(command), { timeout: 20_000, encoding: 'utf8' }, (error, stdout, stderr) =>
              error ? reject(new Error(`${runner.program} failed: ${error.message} ${stderr}`)) : resolve(stdout),
            ),
          );
          assert.equal(output, BODY);
          assert.deepEqual(received, [{ method: 'GET', url: '/session.json', token: TOKEN_ALPHABET, accept: 'application/json' }]);
        });
      }
    });
  });
});
