import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { createRequire } from 'node:module';
import {
  diagnoseSignature,
  MAX_SIGNATURE_CANDIDATES,
  maskWithPrefix,
  renderSignatureDiagnosis,
  type DiagnosisHeading,
  type DiagnosisInput,
  type FindingCode,
  type MistakeCode,
  type SignatureDiagnosis,
} from '../../src/core';
import { withoutCode } from './withoutCode';

// ---------------------------------------------------------------------------------------------
// An independent signer: the "wrong" requests are built here, never with the core's functions.
// ---------------------------------------------------------------------------------------------

type Pair = [string, string];
type Digest = 'hex' | 'upper' | 'base64';

interface Signing {
  /** What the request sends, in order. */
  sent: Pair[];
  /** What the code signs, before it orders it; the sent pairs by default. */
  signed?: Pair[];
  /** `top`: by top-level name only, nested names in the order given (PHP's ksort on a nested array). */
  order?: 'text' | 'name' | 'top' | 'sent';
  encode?: (text: string) => string;
  encodeNames?: boolean;
  newline?: string;
  hash?: 'sha1' | 'sha256';
  key?: string;
  digest?: Digest;
}

const SECRET = 'Xq7-secret-Z9wPbL2mK';
const AUTH_KEY = 'Kk4-authkey-Vr8TnQ3';
const PASSWORD = 'pw Horse!Battery*42';
const TS = '1700000000';
/** How the auth key reads once masked (a quarter of it, at most six characters). */
const KEY_SHOWN = maskWithPrefix(AUTH_KEY);
const NOW = 1700000000 * 1000 + 42_000;

const APP: Pair[] = [
  ['application_id', '76730'],
  ['auth_key', AUTH_KEY],
  ['nonce', '7334'],
  ['timestamp', TS],
];
const LOGIN: Pair[] = [
  ['user[login]', 'mike@example.com'],
  ['user[password]', PASSWORD],
];

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The string a developer's code would sign, made the plain way. */
function signedText(spec: Signing): string {
  const encode = spec.encode ?? ((text: string) => text);
  const items = (spec.signed ?? spec.sent).map(([name, value]) => ({ name, text: `${spec.encodeNames ? encode(name) : name}=${encode(value)}` }));
  const order = spec.order ?? 'text';
  if (order === 'text') items.sort((a, b) => byText(a.text, b.text));
  if (order === 'name') items.sort((a, b) => byText(a.name, b.name));
  if (order === 'top') items.sort((a, b) => byText(a.name.split('[')[0], b.name.split('[')[0]));
  return items.map((item) => item.text).join('&') + (spec.newline ?? '');
}

function signatureOf(spec: Signing): string {
  const mac = crypto.createHmac(spec.hash ?? 'sha1', spec.key ?? SECRET).update(signedText(spec), 'utf8');
  const digest = spec.digest ?? 'hex';
  if (digest === 'base64') return mac.digest('base64');
  const hex = mac.digest('hex');
  return digest === 'upper' ? hex.toUpperCase() : hex;
}

/** A JSON body with bracketed names nested, as a developer's code would send it. */
function jsonBody(pairs: Pair[], signature: string): string {
  const body: Record<string, unknown> = {};
  for (const [name, value] of pairs) {
    const nested = /^(\w+)\[(\w+)\]$/.exec(name);
    if (nested) ((body[nested[1]] ??= {}) as Record<string, string>)[nested[2]] = value;
    else body[name] = value;
  }
  body.signature = signature;
  return JSON.stringify(body);
}

function diagnose(spec: Signing, more: Partial<DiagnosisInput> = {}): SignatureDiagnosis {
  return diagnoseSignature({ text: jsonBody(spec.sent, signatureOf(spec)), authSecret: SECRET, now: NOW, ...more });
}

const MISTAKES: readonly MistakeCode[] = [
  'wrong_parameter_name',
  'unsigned_parameters',
  'url_encoded_values',
  'sorted_by_name',
  'unsorted',
  'wrong_hash',
  'digest_format',
  'trailing_newline',
  'timestamp_milliseconds',
  'nonce_mismatch',
  'timestamp_mismatch',
  'wrong_key',
];

function codes(result: SignatureDiagnosis): FindingCode[] {
  return result.findings.map((item) => item.code);
}

function mistakeCodes(result: SignatureDiagnosis): Set<FindingCode> {
  return new Set(codes(result).filter((code) => (MISTAKES as readonly string[]).includes(code)));
}

function message(result: SignatureDiagnosis, code: FindingCode): string {
  const found = result.findings.find((item) => item.code === code);
  assert.ok(found, `no ${code} finding in ${JSON.stringify(codes(result))}`);
  return found.message;
}

function assertExplained(result: SignatureDiagnosis, expected: readonly MistakeCode[]): void {
  assert.equal(result.verdict, 'explained', JSON.stringify(result.findings));
  assert.deepEqual([...mistakeCodes(result)].sort(), [...new Set(expected)].sort(), JSON.stringify(result.findings));
  assert.ok(result.signedString !== undefined, 'the string the code signed is given');
  assert.ok(result.candidatesTried <= MAX_SIGNATURE_CANDIDATES);
}

const HEADING: DiagnosisHeading = { title: 'Diagnose Signature', profileName: 'Demo', endpoint: 'https://api.quickblox.com' };
const ALL_SECRETS = [SECRET, AUTH_KEY, PASSWORD, encodeURIComponent(PASSWORD)];

function assertNoSecrets(result: SignatureDiagnosis, secrets: readonly string[] = ALL_SECRETS): void {
  const texts = { result: JSON.stringify(result), document: renderSignatureDiagnosis(result, HEADING) };
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `the ${where} holds ${secret.slice(0, 3)}… in full`);
  }
}

/** Every finding is one plain sentence. */
function assertSentences(result: SignatureDiagnosis): void {
  for (const item of result.findings) {
    assert.match(item.message, /^[A-Z].*[.]$/s, item.message);
    assert.ok(!/[.!?] [A-Z]/.test(item.message), `${item.code} is more than one sentence: ${item.message}`);
    assert.ok(!/[\r\n]/.test(item.message), item.message);
  }
}

describe('signature diagnosis', () => {
  describe('the expected signature', () => {
    it('reproduces the worked example of quickblox-api.md', () => {
      const text = jsonBody(
        [
          ...APP.slice(0, 1),
          ['auth_key', '7quWEh-k6TqghXe'],
          ['nonce', '7334'],
          ['timestamp', '1567349756'],
          ['user[login]', 'Mike'],
          ['user[password]', '!mike123'],
        ],
        'not-it',
      );
      const result = diagnoseSignature({ text, authSecret: 's3cr3t' });
      assert.equal(result.expected.signature, '88167327e38536e67e21687255d1767d2aca7d85');
      assert.equal(result.expected.algorithm, 'HMAC-SHA1');
      assert.equal(result.expected.stringToSign, 'application_id=76730&auth_key=7qu…&nonce=7334&timestamp=1567349756&user[login]=Mike&user[password]=••••••••');
    });

    it('signs with HMAC-SHA256 when asked', () => {
      const spec: Signing = { sent: APP, hash: 'sha256' };
      const result = diagnose(spec, { hash: 'sha256' });
      assert.equal(result.verdict, 'correct');
      assert.equal(result.expected.algorithm, 'HMAC-SHA256');
      assert.equal(result.expected.signature, signatureOf(spec));
    });

    it('uses the names QuickBlox wants when a wrong one was sent', () => {
      const result = diagnose({ sent: [['app_id', '76730'], ...APP.slice(1)] });
      assert.ok(result.expected.stringToSign.startsWith('application_id=76730&'), result.expected.stringToSign);
      assert.equal(result.parameters[0].name, 'app_id');
    });
  });

  describe('correct', () => {
    it('says what remains to check: clock, nonce reuse, another application', () => {
      const result = diagnose({ sent: [...APP, ...LOGIN] });
      assert.equal(result.verdict, 'correct');
      assert.equal(result.sentSignature, result.expected.signature);
      assert.deepEqual(codes(result), ['clock', 'nonce_reuse', 'other_application']);
      assert.match(message(result, 'clock'), /42 seconds behind this computer's clock, within the 60 minutes/);
      assert.match(message(result, 'nonce_reuse'), /nonce=7334/);
      assert.match(message(result, 'other_application'), /application with id 76730/);
      assert.equal(result.signedString, undefined);
      assert.equal(result.candidatesTried, 1);
      assertSentences(result);
    });

    it('warns when the timestamp is outside the hour QuickBlox allows', () => {
      const result = diagnose({ sent: APP }, { now: (Number(TS) + 3 * 86400) * 1000 });
      assert.match(message(result, 'clock'), /3 days behind .* outside the 60 minutes .* Bad timestamp/);
    });

    it('reports a timestamp sent in milliseconds even when the signature matches it', () => {
      const sent: Pair[] = [...APP.slice(0, 3), ['timestamp', `${TS}123`]];
      const result = diagnose({ sent });
      assert.equal(result.verdict, 'correct');
      assert.match(message(result, 'timestamp_milliseconds'), /timestamp=1700000000123, a time in milliseconds/);
      assert.ok(!codes(result).includes('clock'));
    });

    it("says when the request's auth key is not the profile's", () => {
      const result = diagnose({ sent: APP }, { authKey: 'Other-authkey-4455' });
      assert.ok(message(result, 'other_application').includes(`auth key ${KEY_SHOWN} while this profile's is ${maskWithPrefix('Other-authkey-4455')}`));
    });
  });

  describe('each mistake alone', () => {
    const cases: Array<[string, Signing, MistakeCode[], RegExp?]> = [
      [
        'a wrong name sent and signed (app_id)',
        { sent: [['app_id', '76730'], ...APP.slice(1)] },
        ['wrong_parameter_name'],
        /app_id where QuickBlox expects application_id/,
      ],
      [
        'a wrong name signed only (authKey)',
        { sent: APP, signed: [APP[0], ['authKey', AUTH_KEY], ...APP.slice(2)] },
        ['wrong_parameter_name'],
        /signed authKey where the request rightly sends auth_key/,
      ],
      ['a wrong name signed only (timeStamp)', { sent: APP, signed: [...APP.slice(0, 3), ['timeStamp', TS]] }, ['wrong_parameter_name'], /timeStamp/],
      [
        'only the application parameters signed',
        { sent: [...APP, ...LOGIN], signed: APP },
        ['unsigned_parameters'],
        /signed only application_id, auth_key, nonce and timestamp, leaving out user\[login\] and user\[password\]/,
      ],
      [
        'one parameter left out',
        { sent: [...APP, ...LOGIN], signed: [...APP.slice(0, 2), ...APP.slice(3), ...LOGIN] },
        ['unsigned_parameters'],
        /left nonce out/,
      ],
      [
        'values encoded with encodeURIComponent',
        { sent: [...APP, ...LOGIN], encode: encodeURIComponent },
        ['url_encoded_values'],
        /user\[login\]=mike%40example\.com where QuickBlox signs user\[login\]=mike@example\.com/,
      ],
      [
        'names and values encoded with URLSearchParams',
        { sent: [...APP, ...LOGIN], encode: (text) => new URLSearchParams({ a: text }).toString().slice(2), encodeNames: true },
        ['url_encoded_values'],
        /names and values .*user%5Blogin%5D/,
      ],
      [
        'sorted by name, one name a prefix of another',
        { sent: [...APP, ['device-id', '7'], ['device', 'x']], order: 'name' },
        ['sorted_by_name'],
        /by name, which puts device before device-id/,
      ],
      [
        'sorted by top-level name, nested ones as sent',
        { sent: [APP[3], ...APP.slice(0, 3), LOGIN[1], LOGIN[0]], order: 'top' },
        ['sorted_by_name'],
        /top-level names .* user\[password\] before user\[login\]/,
      ],
      [
        'not sorted at all',
        { sent: [APP[3], APP[2], APP[0], APP[1]], order: 'sent' },
        ['unsorted'],
        /order they were sent, which puts timestamp before application_id/,
      ],
      ['HMAC-SHA256 where SHA-1 is expected', { sent: APP, hash: 'sha256' }, ['wrong_hash'], /HMAC-SHA256 where HMAC-SHA1 is expected/],
      ['an uppercase hex digest', { sent: APP, digest: 'upper' }, ['digest_format'], /uppercase hexadecimal/],
      ['a base64 digest', { sent: APP, digest: 'base64' }, ['digest_format'], /as base64/],
      ['a trailing newline from echo', { sent: APP, newline: '\n' }, ['trailing_newline'], /echo adds one/],
      ['a Windows line ending', { sent: APP, newline: '\r\n' }, ['trailing_newline'], /CR LF/],
      [
        'the timestamp signed in milliseconds (.000)',
        { sent: APP, signed: [...APP.slice(0, 3), ['timestamp', `${TS}000`]] },
        ['timestamp_milliseconds'],
        /signed timestamp=1700000000000, the time in milliseconds/,
      ],
      [
        'the timestamp signed in milliseconds (.917)',
        { sent: APP, signed: [...APP.slice(0, 3), ['timestamp', `${TS}917`]] },
        ['timestamp_milliseconds'],
        /1700000000917/,
      ],
      [
        'the timestamp sent in milliseconds, signed in seconds',
        { sent: [...APP.slice(0, 3), ['timestamp', `${TS}917`]], signed: APP },
        ['timestamp_milliseconds'],
        /sends timestamp=1700000000917 in milliseconds while your code signed 1700000000 in seconds/,
      ],
      [
        'the clock read twice (a second later)',
        { sent: APP, signed: [...APP.slice(0, 3), ['timestamp', '1700000001']] },
        ['timestamp_mismatch'],
        /signed timestamp=1700000001 while the request sends timestamp=1700000000/,
      ],
      ['the auth key as the HMAC key', { sent: APP, key: AUTH_KEY }, ['wrong_key'], new RegExp(`auth key \\(${KEY_SHOWN}\\) as the HMAC key`)],
    ];
    for (const [label, spec, expected, pattern] of cases) {
      it(`explains ${label}`, () => {
        const result = diagnose(spec);
        assertExplained(result, expected);
        if (pattern) assert.match(result.findings.map((item) => item.message).join(' | '), pattern);
        assertSentences(result);
        assertNoSecrets(result);
      });
    }

    it('finds the auth key used as HMAC key from the profile too, when the request sends another', () => {
      const profileKey = 'Profile-authkey-778899';
      const result = diagnose({ sent: APP, key: profileKey }, { authKey: profileKey });
      assertExplained(result, ['wrong_key']);
      assertNoSecrets(result, [...ALL_SECRETS, profileKey]);
    });

    it('explains SHA-1 sent where the profile signs with SHA-256', () => {
      const result = diagnose({ sent: APP }, { hash: 'sha256' });
      assertExplained(result, ['wrong_hash']);
      assert.match(message(result, 'wrong_hash'), /HMAC-SHA1 where HMAC-SHA256 is expected/);
    });

    it('shows the string the code signed beside the right one, differences marked', () => {
      const result = diagnose({ sent: [...APP, ...LOGIN], signed: APP });
      assert.equal(result.signedString, `application_id=76730&auth_key=${KEY_SHOWN}&nonce=7334&timestamp=${TS}`);
      const unsigned = result.comparison?.filter((row) => row.signed === undefined).map((row) => row.name);
      assert.deepEqual(unsigned, ['user[login]', 'user[password]']);
      assert.ok(result.comparison?.filter((row) => row.signed !== undefined).every((row) => !row.differs && !row.moved));
    });
  });

  describe('mistakes in pairs', () => {
    // The request: extra parameters whose names make sorting by name differ from sorting by text,
    // a login whose value URL-encoding changes, an order sent that is neither.
    const SENT: Pair[] = [APP[3], APP[2], APP[0], APP[1], ...LOGIN, ['device-id', '7'], ['device', 'x']];
    type Maker = { dimension: string; code: MistakeCode; apply: (spec: Signing) => Signing };
    const rename = (pairs: Pair[]): Pair[] => pairs.map(([name, value]): Pair => [name === 'application_id' ? 'app_id' : name, value]);
    const makers: Record<string, Maker> = {
      wrongName: {
        dimension: 'names',
        code: 'wrong_parameter_name',
        apply: (spec) => ({ ...spec, sent: rename(spec.sent), signed: rename(spec.signed ?? spec.sent) }),
      },
      unsigned: {
        dimension: 'subset',
        code: 'unsigned_parameters',
        apply: (spec) => ({ ...spec, signed: (spec.signed ?? spec.sent).filter(([name]) => name !== 'user[password]') }),
      },
      encoded: { dimension: 'encoding', code: 'url_encoded_values', apply: (spec) => ({ ...spec, encode: encodeURIComponent }) },
      byName: { dimension: 'order', code: 'sorted_by_name', apply: (spec) => ({ ...spec, order: 'name' }) },
      unsorted: { dimension: 'order', code: 'unsorted', apply: (spec) => ({ ...spec, order: 'sent' }) },
      sha256: { dimension: 'hash', code: 'wrong_hash', apply: (spec) => ({ ...spec, hash: 'sha256' }) },
      upper: { dimension: 'digest', code: 'digest_format', apply: (spec) => ({ ...spec, digest: 'upper' }) },
      base64: { dimension: 'digest', code: 'digest_format', apply: (spec) => ({ ...spec, digest: 'base64' }) },
      newline: { dimension: 'newline', code: 'trailing_newline', apply: (spec) => ({ ...spec, newline: '\n' }) },
      milliseconds: {
        dimension: 'timestamp',
        code: 'timestamp_milliseconds',
        apply: (spec) => ({ ...spec, signed: (spec.signed ?? spec.sent).map(([name, value]): Pair => [name, name === 'timestamp' ? `${value}000` : value]) }),
      },
      secondLater: {
        dimension: 'timestamp',
        code: 'timestamp_mismatch',
        apply: (spec) => ({
          ...spec,
          signed: (spec.signed ?? spec.sent).map(([name, value]): Pair => [name, name === 'timestamp' ? String(Number(value) + 1) : value]),
        }),
      },
      authKey: { dimension: 'key', code: 'wrong_key', apply: (spec) => ({ ...spec, key: AUTH_KEY }) },
    };
    const names = Object.keys(makers);
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const [a, b] = [makers[names[i]], makers[names[j]]];
        if (a.dimension === b.dimension) continue;
        it(`explains ${names[i]} with ${names[j]}`, () => {
          const spec = b.apply(a.apply({ sent: SENT }));
          assertExplained(diagnose(spec), [a.code, b.code]);
        });
      }
    }

    it('explains three mistakes together', () => {
      const spec = makers.newline.apply(makers.unsigned.apply(makers.wrongName.apply({ sent: SENT })));
      assertExplained(diagnose(spec), ['wrong_parameter_name', 'unsigned_parameters', 'trailing_newline']);
    });
  });

  describe('the forms a request comes in', () => {
    const sent: Pair[] = [...APP, ...LOGIN];
    const good = signatureOf({ sent });
    const form = (pairs: Pair[], signature: string): string =>
      [...pairs, ['signature', signature] as Pair].map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
    const texts: Array<[string, (signature: string) => string]> = [
      ['a JSON body', (signature) => jsonBody(sent, signature)],
      ['a form-encoded body', (signature) => form(sent, signature)],
      ['a URL', (signature) => `https://api.quickblox.com/session.json?${form(sent, signature)}`],
      [
        'a cURL command with -d JSON',
        (signature) =>
          `curl -X POST \\\n  -H 'Content-Type: application/json' \\\n  -d '${jsonBody(sent, signature)}' \\\n  https://api.quickblox.com/session.json`,
      ],
      [
        'a cURL command with --data-urlencode',
        (signature) =>
          `curl https://api.quickblox.com/session.json ${[...sent, ['signature', signature]].map(([name, value]) => `--data-urlencode "${name}=${value}"`).join(' ')}`,
      ],
      [
        'a cURL command with -F',
        (signature) =>
          `curl https://api.quickblox.com/session.json ${[...sent, ['signature', signature]].map(([name, value]) => `-F '${name}=${value}'`).join(' ')}`,
      ],
      [
        'an Android SDK log',
        (signature) =>
          [
            'PARAMETERS',
            ...[...sent, ['signature', signature]].map(([name, value]) => `    ${name}=${value}`),
            'INLINE',
            '    POST https://api.quickblox.com/session.json?…',
          ].join('\n'),
      ],
      ['an Android SDK log, INLINE only', (signature) => `INLINE\n  POST https://api.quickblox.com/session.json?${form(sent, signature)}`],
      [
        'a JavaScript SDK log',
        (signature) =>
          `[Request][1] POST https://api.quickblox.com/session.json {\n  application_id: 76730,\n  auth_key: '${AUTH_KEY}',\n  nonce: 7334,\n  timestamp: ${TS},\n  user: { login: 'mike@example.com', password: '${PASSWORD}' },\n  signature: '${signature}'\n}`,
      ],
    ];
    for (const [label, make] of texts) {
      it(`reads ${label}: correct when right, explained when only the application parameters were signed`, () => {
        const right = diagnoseSignature({ text: make(good), authSecret: SECRET, now: NOW });
        assert.equal(right.verdict, 'correct', JSON.stringify(right));
        assert.equal(right.parameters.length, 6);
        const wrong = diagnoseSignature({ text: make(signatureOf({ sent, signed: APP })), authSecret: SECRET, now: NOW });
        assertExplained(wrong, ['unsigned_parameters']);
        assertNoSecrets(wrong);
      });
    }

    it('explains a form body signed exactly as it was URL-encoded for sending', () => {
      const text = form(sent, signatureOf({ sent, encode: encodeURIComponent, encodeNames: true }));
      const result = diagnoseSignature({ text, authSecret: SECRET, now: NOW });
      assertExplained(result, ['url_encoded_values']);
      assert.ok(result.parameters.some((parameter) => parameter.encoded));
    });
  });

  describe('a signed string given', () => {
    it('explains a nonce that differs from the one sent, which no search can guess', () => {
      const spec: Signing = { sent: APP, signed: [APP[0], APP[1], ['nonce', '9911'], APP[3]] };
      const searched = diagnose(spec);
      assert.equal(searched.verdict, 'unexplained');
      assert.match(message(searched, 'not_searchable'), /nonce/);
      const result = diagnose(spec, { signedString: signedText(spec) });
      assertExplained(result, ['nonce_mismatch']);
      assert.match(message(result, 'nonce_mismatch'), /signed nonce=9911 while the request sends nonce=7334/);
      assert.equal(result.signedString, `application_id=76730&auth_key=${KEY_SHOWN}&nonce=9911&timestamp=${TS}`);
    });

    const otherNonce = (spec: Signing): Signing => ({
      ...spec,
      signed: (spec.signed ?? spec.sent).map(([name, value]): Pair => [name, name === 'nonce' ? '9911' : value]),
    });
    const partners: Array<[string, (spec: Signing) => Signing, MistakeCode]> = [
      ['HMAC-SHA256', (spec) => ({ ...spec, hash: 'sha256' }), 'wrong_hash'],
      ['a base64 digest', (spec) => ({ ...spec, digest: 'base64' }), 'digest_format'],
      ['a trailing newline', (spec) => ({ ...spec, newline: '\n' }), 'trailing_newline'],
      ['the auth key as key', (spec) => ({ ...spec, key: AUTH_KEY }), 'wrong_key'],
      ['encoded values', (spec) => ({ ...spec, encode: encodeURIComponent }), 'url_encoded_values'],
      [
        'another order',
        (spec) => {
          const signed = spec.signed ?? spec.sent;
          return { ...spec, signed: [...signed.filter(([name]) => name === 'timestamp'), ...signed.filter(([name]) => name !== 'timestamp')], order: 'sent' };
        },
        'unsorted',
      ],
      ['a parameter left out', (spec) => ({ ...spec, signed: (spec.signed ?? spec.sent).filter(([name]) => name !== 'user[login]') }), 'unsigned_parameters'],
      [
        'a timestamp in milliseconds',
        (spec) => ({ ...spec, signed: (spec.signed ?? spec.sent).map(([name, value]): Pair => [name, name === 'timestamp' ? `${value}250` : value]) }),
        'timestamp_milliseconds',
      ],
    ];
    for (const [label, apply, code] of partners) {
      it(`explains a nonce that differs together with ${label}, from the string given`, () => {
        const spec = apply(otherNonce({ sent: [...APP, ...LOGIN] }));
        const result = diagnose(spec, { signedString: signedText(spec) });
        assertExplained(result, ['nonce_mismatch', code]);
        assertNoSecrets(result);
      });
    }

    it('explains a timestamp that differs by more than the search tries', () => {
      const spec: Signing = { sent: APP, signed: [...APP.slice(0, 3), ['timestamp', '1699999000']] };
      assertExplained(diagnose(spec, { signedString: signedText(spec) }), ['timestamp_mismatch']);
    });

    it('names every difference: encoding, missing, unsent, wrong name, order, newline, hash', () => {
      const signed: Pair[] = [['app_id', '76730'], APP[3], APP[1], ['user[login]', 'mike%40example.com'], ['extra', '1']];
      const spec: Signing = { sent: [...APP, ...LOGIN], signed, order: 'sent', newline: '\n', hash: 'sha256' };
      const result = diagnose(spec, { signedString: signedText(spec) });
      assert.equal(result.verdict, 'explained');
      for (const code of [
        'wrong_parameter_name',
        'url_encoded_values',
        'unsigned_parameters',
        'unsent_parameters',
        'unsorted',
        'trailing_newline',
        'wrong_hash',
      ] as FindingCode[]) {
        assert.ok(codes(result).includes(code), `${code} missing from ${JSON.stringify(result.findings)}`);
      }
      assert.match(message(result, 'unsigned_parameters'), /nonce and user\[password\]/);
      assert.match(message(result, 'unsent_parameters'), /extra/);
      assertSentences(result);
      assertNoSecrets(result);
    });

    it('says when the string given does not give the sent signature, and still searches', () => {
      const spec: Signing = { sent: APP, newline: '\n' };
      const result = diagnose(spec, { signedString: 'application_id=1&nonce=2' });
      assertExplained(result, ['trailing_newline']);
      assert.ok(codes(result).includes('signed_string_mismatch'));
    });

    it('masks the auth secret when the string given holds it', () => {
      const spec: Signing = { sent: APP, signed: [...APP, ['auth_secret', SECRET]] };
      const result = diagnose(spec, { signedString: signedText(spec) });
      assert.ok(codes(result).includes('secret_in_string'));
      assert.ok(codes(result).includes('unsent_parameters'));
      assertNoSecrets(result);
    });

    it('stays correct when the string given is the right one', () => {
      const spec: Signing = { sent: APP };
      const result = diagnose(spec, { signedString: signedText(spec) });
      assert.equal(result.verdict, 'correct');
      assert.ok(!codes(result).includes('signed_string_mismatch'));
    });
  });

  describe('the request itself', () => {
    it('names a parameter sent twice, and signs its last value as QuickBlox keeps it', () => {
      const signature = signatureOf({ sent: APP });
      const text = `{"application_id":"76730","auth_key":"${AUTH_KEY}","nonce":"1111","timestamp":"${TS}","nonce":"7334","signature":"${signature}"}`;
      const result = diagnoseSignature({ text, authSecret: SECRET, now: NOW });
      assert.equal(result.verdict, 'correct');
      assert.match(message(result, 'duplicate_parameter'), /sends nonce more than once, and QuickBlox keeps only the last value/);
    });

    it('names the parameters every request needs that were not sent', () => {
      const result = diagnose({ sent: APP.slice(0, 2) });
      assert.match(message(result, 'missing_parameters'), /does not send nonce and timestamp/);
      assertSentences(result);
    });

    it('names a signature sent under another name', () => {
      const text = jsonBody(APP, signatureOf({ sent: APP })).replace('"signature"', '"sig"');
      const result = diagnoseSignature({ text, authSecret: SECRET, now: NOW });
      assert.equal(result.verdict, 'correct');
      assert.match(message(result, 'wrong_parameter_name'), /sends sig where QuickBlox expects signature/);
    });

    it('hides both values when a secret one differs in the string given', () => {
      const spec: Signing = { sent: [...APP, ...LOGIN], signed: [...APP, LOGIN[0], ['user[password]', 'another-password-77']] };
      const result = diagnose(spec, { signedString: signedText(spec) });
      assert.match(message(result, 'different_value'), /user\[password\] with another value than the request sends \(both hidden here\)/);
      assertNoSecrets(result, [...ALL_SECRETS, 'another-password-77']);
    });
  });

  describe('unexplained', () => {
    it('lists what was tried and points at the auth secret', () => {
      const result = diagnose({ sent: [...APP, ...LOGIN], key: 'another-application-secret' });
      assert.equal(result.verdict, 'unexplained');
      assert.ok(result.tried && result.tried.length >= 5, JSON.stringify(result.tried));
      assert.match(message(result, 'different_secret'), /different auth secret/);
      assert.ok(codes(result).includes('not_searchable'));
      assert.equal(result.signedString, undefined);
      assertSentences(result);
      assertNoSecrets(result);
    });

    it('says when the signature is no HMAC digest at all', () => {
      const result = diagnoseSignature({ text: jsonBody(APP, 'XXXXXXXXXXXX'), authSecret: SECRET });
      assert.equal(result.verdict, 'unexplained');
      assert.match(message(result, 'signature_length'), /12 characters long/);
      assert.equal(result.candidatesTried, 1);
    });

    it("names the auth key when the request's is not the profile's", () => {
      const result = diagnose({ sent: APP, key: 'another-application-secret' }, { authKey: 'Profile-authkey-778899' });
      assert.ok(message(result, 'different_secret').includes(`auth key ${KEY_SHOWN} while this profile's is ${maskWithPrefix('Profile-authkey-778899')}`));
    });
  });

  describe('no signature', () => {
    const cases: Array<[string, unknown]> = [
      ['no signature parameter', JSON.stringify({ application_id: '1', nonce: '2' })],
      ['empty text', ''],
      ['prose', 'Help, I get Unexpected signature!'],
      ['text over the limit', 'x'.repeat(200_000)],
      ['deep JSON', '{"a":'.repeat(20_000)],
      ['binary junk', Buffer.from(Array.from({ length: 30_000 }, (_, i) => (i * 104729) % 256)).toString('latin1')],
      ['a signature alone', JSON.stringify({ signature: 'abc' })],
      ['not text', 42],
      ['nothing', undefined],
    ];
    for (const [label, text] of cases) {
      it(`answers no_signature without throwing for ${label}`, () => {
        const result = diagnoseSignature({ text, authSecret: SECRET } as DiagnosisInput);
        assert.equal(result.verdict, 'no_signature');
        assert.match(
          message(result, 'no_signature'),
          /a JSON body, a form-encoded body, a URL with its query string, a cURL command, or an Android or JavaScript SDK request log/,
        );
        assertSentences(result);
        assert.match(renderSignatureDiagnosis(result, HEADING), /## Forms understood/);
      });
    }

    it('answers for input that is not even an object', () => {
      for (const input of [undefined, null, 'text', 7]) {
        assert.equal(diagnoseSignature(input as unknown as DiagnosisInput).verdict, 'no_signature');
      }
    });

    it('names data curl reads from a file', () => {
      const result = diagnoseSignature({ text: 'curl -d @body.json https://api.quickblox.com/session.json', authSecret: SECRET });
      assert.equal(result.verdict, 'no_signature');
      assert.match(message(result, 'unread_data'), /@body\.json/);
    });
  });

  describe('the secret', () => {
    it('is never in a finding, the result or the document, even when sent as the auth key', () => {
      const swapped: Pair[] = [APP[0], ['auth_key', SECRET], APP[2], APP[3], ...LOGIN];
      const results = [
        diagnose({ sent: swapped }),
        diagnose({ sent: swapped, key: AUTH_KEY }),
        diagnose({ sent: [...swapped, ['user[note]', `mine is ${SECRET}`]], key: 'unrelated-secret-1234' }),
        diagnose({ sent: [...APP, ...LOGIN], encode: encodeURIComponent }, { authKey: AUTH_KEY }),
      ];
      for (const result of results) assertNoSecrets(result);
    });
  });

  describe('the bound on the search', () => {
    it('counts every HMAC it computes, and never computes more than the limit', () => {
      // The module object itself (an `import *` gives a copy whose members cannot be replaced).
      // An HMAC is a createHmac (the search), or, through hmacHex, one-shot hashes that end in one hex digest.
      const module = createRequire(__filename)('node:crypto') as { createHmac: typeof crypto.createHmac; hash: (...args: unknown[]) => unknown };
      const original = module.createHmac;
      const originalHash = module.hash;
      let counted = 0;
      module.createHmac = ((...args: Parameters<typeof crypto.createHmac>) => {
        counted++;
        return original(...args);
      }) as typeof crypto.createHmac;
      module.hash = (...args: unknown[]) => {
        if (args[2] === 'hex') counted++;
        return originalHash(...args);
      };
      try {
        const many: Pair[] = [...APP, ...Array.from({ length: 40 }, (_, i): Pair => [`p${i}`, `v ${i}!`])];
        const inputs: DiagnosisInput[] = [
          {
            text: jsonBody([...APP, ...LOGIN], signatureOf({ sent: [...APP, ...LOGIN], key: 'other-secret-xyz' })),
            authSecret: SECRET,
            authKey: 'Profile-authkey-778899',
          },
          { text: jsonBody(many, signatureOf({ sent: many, key: 'other-secret-xyz' })), authSecret: SECRET },
          { text: jsonBody([...APP, ['firebase_phone[access_token]', 'e'.repeat(15_000)]], 'a'.repeat(40)), authSecret: SECRET },
          { text: jsonBody(APP, signatureOf({ sent: APP, newline: '\n' })), authSecret: SECRET, signedString: 'x=1' },
        ];
        for (const input of inputs) {
          counted = 0;
          const result = diagnoseSignature({ now: NOW, ...input });
          assert.equal(result.candidatesTried, counted, 'candidatesTried is the number of HMACs computed');
          assert.ok(counted <= MAX_SIGNATURE_CANDIDATES, `${counted} HMACs`);
        }
      } finally {
        module.createHmac = original;
        module.hash = originalHash;
      }
    });
  });

  describe('the document', () => {
    it('leads with the verdict, then findings, parameters, the two strings and the signatures', () => {
      const result = diagnose({ sent: [['app_id', '76730'], ...APP.slice(1), ...LOGIN], signed: [['app_id', '76730'], ...APP.slice(1)], newline: '\n' });
      const markdown = renderSignatureDiagnosis(result, HEADING);
      const order = ['# Diagnose Signature', '**Verdict: explained.**', '## Findings', '## Parameters as sent', '## String to sign', '## Signature'].map(
        (part) => markdown.indexOf(part),
      );
      assert.ok(
        order.every((at) => at >= 0),
        markdown,
      );
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        'sections in order',
      );
      assert.ok(markdown.includes(`\nQuickBlox signs:  application_id=76730&auth_key=${KEY_SHOWN}&nonce=7334&`), markdown);
      assert.ok(markdown.includes(`\nYour code signed: app_id=76730&auth_key=${KEY_SHOWN}&nonce=7334&timestamp=1700000000\\n\n`), markdown);
      assert.match(markdown, /^ {21}\^ first difference$/m, 'under the _ of app_id, where application_id goes on with l');
      assert.match(markdown, /\| ✗ \| 1 \| `application_id=76730` \| 1 \| `app_id=76730` \|/);
      assert.match(markdown, /\| ✗ \| 6 \| `user\[password\]=••••••••` \| {2}\| _\(not signed\)_ \|/);
      assert.match(markdown, /\| 6 \| `user\[password\]` \| `••••••••` \| masked \|/);
      assert.ok(markdown.includes(`Sent: \`${result.sentSignature}\``));
      assert.ok(markdown.includes(`Expected: \`${result.expected.signature}\``));
      assertNoSecrets(result);
    });

    it('lists what was tried when unexplained, and the expected string alone', () => {
      const result = diagnose({ sent: APP, key: 'another-application-secret' });
      const markdown = renderSignatureDiagnosis(result, HEADING);
      assert.match(markdown, /\*\*Verdict: unexplained\.\*\*/);
      assert.match(markdown, /## What was tried\n\n- /);
      assert.ok(markdown.includes(`\`\`\`text\napplication_id=76730&auth_key=${KEY_SHOWN}&nonce=7334&timestamp=1700000000\n\`\`\``), markdown);
      assert.doesNotMatch(markdown, /Your code signed/);
    });

    it('keeps pasted text from becoming links, images or formatting', () => {
      const hostile = '[click](command:workbench.action.terminal.new) <img src=x> **bold** https://evil.example.com `tick`';
      const sent: Pair[] = [...APP, ['user[login]', hostile]];
      const spec: Signing = { sent, signed: [...APP, ['user[login]', `${hostile}2`]] };
      const result = diagnose(spec, { signedString: signedText(spec) });
      assert.ok(codes(result).includes('different_value'));
      const markdown = renderSignatureDiagnosis(result, { title: '# [t](command:x)', profileName: '<b>p</b> [x](y)', endpoint: 'https://a.example/`x`' });
      const outsideCode = withoutCode(markdown);
      assert.doesNotMatch(outsideCode, /(?<!\\)\]\s*\(/, 'no link');
      assert.doesNotMatch(outsideCode, /(?<!\\)</, 'no HTML');
      assert.doesNotMatch(outsideCode, /(?<!\\)\*\*bold/, 'no emphasis');
      assert.doesNotMatch(outsideCode, /https?:\/\//, 'no bare URL');
      assert.doesNotMatch(outsideCode, /evil\.example/, 'no bare domain');
      assert.equal(markdown.split('\n')[0], '# \\# \\[t\\](command:x)');
    });

    it('writes control and invisible characters as escapes', () => {
      const sent: Pair[] = [...APP, ['user[login]', 'a\u202eb\u0000c']];
      const markdown = renderSignatureDiagnosis(diagnose({ sent, key: 'x-other-key' }), HEADING);
      assert.ok(!markdown.includes('\u202e') && !markdown.includes('\u0000'));
      assert.ok(markdown.includes('a\\u202Eb\\u0000c'));
    });
  });
});
