import * as assert from 'node:assert/strict';
import { MAX_SENT_NESTING, MAX_SENT_PARAMETERS, MAX_SENT_TEXT, parseSentRequest, type SentRequest } from '../../src/core';
import { percentDecode, urlEncode } from '../../src/core/urlEncoding';

/** The pairs as `name=value` lines, the easiest form to compare. */
function pairs(request: SentRequest): string[] {
  return request.parameters.map((parameter) => `${parameter.name}=${parameter.value}`);
}

const APPLICATION = ['application_id=76730', 'auth_key=7quWEh-k6TqghXe', 'nonce=7334', 'timestamp=1567349756'];
const USER = ['user[login]=Mike', 'user[password]=!mike123'];
const SIGNATURE = '88167327e38536e67e21687255d1767d2aca7d85';

describe('reading a sent request', () => {
  describe('JSON body', () => {
    it('flattens nested objects to parent[child] names, keeps the order sent and takes the signature apart', () => {
      const request = parseSentRequest(
        JSON.stringify({
          application_id: '76730',
          auth_key: '7quWEh-k6TqghXe',
          nonce: '7334',
          timestamp: '1567349756',
          user: { login: 'Mike', password: '!mike123' },
          signature: SIGNATURE,
        }),
      );
      assert.equal(request.form, 'json');
      assert.deepEqual(pairs(request), [...APPLICATION, ...USER]);
      assert.equal(request.signature, SIGNATURE);
      assert.equal(request.problem, undefined);
      assert.ok(request.parameters.every((parameter) => !parameter.encoded));
    });

    it('keeps the digits of numbers as written, leaves null out and reads booleans and lists', () => {
      const request = parseSentRequest(
        '{"nonce": 12345678901234567890, "timestamp": 1567349756, "x": null, "flag": true, "tags": ["a", "b"], "signature": "s"}',
      );
      assert.deepEqual(pairs(request), ['nonce=12345678901234567890', 'timestamp=1567349756', 'flag=true', 'tags[]=a', 'tags[]=b']);
    });

    it('accepts the trailing commas of the reference page examples and names already in brackets', () => {
      const request = parseSentRequest(`{
          "application_id":"76730",
          "auth_key":"7quWEh-k6TqghXe",
          "user[login]":"Mike",
          "signature":"e6e603c251a569e70a2f27a8c71b5017e81e05d5",
        }`);
      assert.deepEqual(pairs(request), ['application_id=76730', 'auth_key=7quWEh-k6TqghXe', 'user[login]=Mike']);
      assert.equal(request.signature, 'e6e603c251a569e70a2f27a8c71b5017e81e05d5');
    });

    it('decodes JSON escapes and finds a body after other text', () => {
      const request = parseSentRequest('Body: {"user": {"login": "M\\u00efke \\"M\\""}, "signature": "s"} (sent)');
      assert.equal(request.form, 'json');
      assert.deepEqual(pairs(request), ['user[login]=Mïke "M"']);
    });

    it('records a signature sent under another name', () => {
      const request = parseSentRequest('{"application_id": "1", "sig": "abc"}');
      assert.equal(request.signature, 'abc');
      assert.equal(request.signatureName, 'sig');
      assert.deepEqual(pairs(request), ['application_id=1']);
    });
  });

  describe('form-encoded body', () => {
    it('decodes names and values, + as a space, and remembers what was encoded', () => {
      const request = parseSentRequest('application_id=76730&user%5Blogin%5D=mike%40example.com&user%5Bpassword%5D=a+b&signature=' + SIGNATURE);
      assert.equal(request.form, 'form');
      assert.deepEqual(pairs(request), ['application_id=76730', 'user[login]=mike@example.com', 'user[password]=a b']);
      assert.deepEqual(
        request.parameters.map((parameter) => [parameter.encoded, parameter.wire]),
        [
          [false, undefined],
          [true, 'user%5Blogin%5D=mike%40example.com'],
          [true, 'user%5Bpassword%5D=a+b'],
        ],
      );
      assert.equal(request.signature, SIGNATURE);
    });

    it('reads one pair a line too', () => {
      const request = parseSentRequest('application_id=1\nnonce=2\nsignature=abc\n');
      assert.equal(request.form, 'form');
      assert.deepEqual(pairs(request), ['application_id=1', 'nonce=2']);
    });

    it('never throws on broken escapes', () => {
      const request = parseSentRequest('user%5Blogin%5D=mike%E0%A4%A&signature=s');
      assert.equal(request.form, 'form');
      assert.equal(request.parameters[0].name, 'user[login]');
      assert.ok(request.parameters[0].value.startsWith('mike'));
    });
  });

  describe('URL', () => {
    it('reads the query string of a URL, with or without a method before it, and ignores a fragment', () => {
      for (const text of [
        'https://api.quickblox.com/session.json?application_id=1&user[login]=a%40b&signature=abc#top',
        'POST https://api.quickblox.com/session.json?application_id=1&user[login]=a%40b&signature=abc',
        '/session.json?application_id=1&user[login]=a%40b&signature=abc',
      ]) {
        const request = parseSentRequest(text);
        assert.equal(request.form, 'url', text);
        assert.deepEqual(pairs(request), ['application_id=1', 'user[login]=a@b'], text);
        assert.equal(request.parameters[1].wire, 'user[login]=a%40b');
        assert.equal(request.signature, 'abc');
      }
    });
  });

  describe('cURL command', () => {
    const body = `{"application_id":"76730","auth_key":"7quWEh-k6TqghXe","nonce":"7334","timestamp":"1567349756","user":{"login":"Mike","password":"!mike123"},"signature":"${SIGNATURE}"}`;

    it('reads the reference page example: -d in single quotes over several lines, backslash-newline continuations', () => {
      const request = parseSentRequest(`curl -X POST \\
  -H "Content-Type: application/json" \\
  -d '{
    "application_id":"76730",
    "auth_key":"7quWEh-k6TqghXe",
    "timestamp":"1567349756",
    "nonce":"7334",
    "signature":"e6e603c251a569e70a2f27a8c71b5017e81e05d5"
  }' \\
  https://api.quickblox.com/session.json`);
      assert.equal(request.form, 'curl');
      assert.deepEqual(pairs(request), ['application_id=76730', 'auth_key=7quWEh-k6TqghXe', 'timestamp=1567349756', 'nonce=7334']);
      assert.equal(request.signature, 'e6e603c251a569e70a2f27a8c71b5017e81e05d5');
    });

    it('reads --data, --data-raw, --json, -XPOST, double quotes with escapes and a prompt before curl', () => {
      const escaped = body.replace(/"/g, '\\"');
      for (const text of [
        `curl --data '${body}' https://api.quickblox.com/session.json`,
        `curl https://api.quickblox.com/session.json --data-raw '${body}'`,
        `curl --json '${body}' https://api.quickblox.com/session.json`,
        `$ curl -sS -XPOST -H 'Content-Type: application/json' -d "${escaped}" https://api.quickblox.com/session.json | jq .`,
        `curl.exe -X POST -d "${escaped}" https://api.quickblox.com/session.json`,
        `curl -d $'${body.replace(/"/g, '\\x22')}' https://api.quickblox.com/session.json`,
      ]) {
        const request = parseSentRequest(text);
        assert.equal(request.form, 'curl', text);
        assert.deepEqual(pairs(request), [...APPLICATION.slice(0, 2), 'nonce=7334', 'timestamp=1567349756', ...USER], text);
        assert.equal(request.signature, SIGNATURE, text);
      }
    });

    it('reads form data from repeated -d and --data-urlencode (raw values, curl encodes them) in command-line order', () => {
      const request = parseSentRequest(
        "curl https://api.quickblox.com/session.json -d application_id=76730 --data-urlencode 'user[login]=mike smith' --data-urlencode 'user[password]=p&ss=1' -d 'nonce=7334&timestamp=1567349756' -d signature=abc",
      );
      assert.equal(request.form, 'curl');
      assert.deepEqual(pairs(request), ['application_id=76730', 'user[login]=mike smith', 'user[password]=p&ss=1', 'nonce=7334', 'timestamp=1567349756']);
      assert.ok(request.parameters.every((parameter) => !parameter.encoded));
      assert.equal(request.signature, 'abc');
    });

    it('reads -F fields and query parameters, and names the data it cannot read', () => {
      const request = parseSentRequest(
        "curl -G 'https://api.quickblox.com/session.json?application_id=1' -F 'nonce=2' -F 'timestamp=3;type=text/plain' -F 'file=@photo.png' --form-string 'signature=@abc' -d @body.json",
      );
      assert.deepEqual(pairs(request), ['application_id=1', 'nonce=2', 'timestamp=3']);
      assert.equal(request.signature, '@abc');
      assert.deepEqual(request.unread, ['file=@photo.png', '@body.json']);
    });

    it('joins lines continued with ^ (Command Prompt) or a backtick (PowerShell)', () => {
      for (const joint of ['^', '`']) {
        const request = parseSentRequest(`curl -X POST ${joint}\n -d "application_id=1&signature=abc" ${joint}\n https://x/session.json`);
        assert.deepEqual(pairs(request), ['application_id=1']);
        assert.equal(request.signature, 'abc');
      }
    });
  });

  describe('Android SDK log', () => {
    const log = `D/QBASDK: =========================================================
    === REQUEST ==== 8c95e2f5-c7ac-402f-8939-f575487ce017 ===
    REQUEST
    POST https://api.quickblox.com/session.json
    HEADERS
    QuickBlox-REST-API-Version=0.1.1
    QB-SDK=Android 2.3.1
    PARAMETERS
    application_id=33365
    auth_key=pOEx87ZHxMkU7kD
    nonce=-577359397
    timestamp=1452343257
    user[login]=webrtc_user1
    user[email]=a@b.c
    user[password]=x6Bt0VDy5
    signature=683b3f8381a179967b5ffe21a1dc134661a87814
    INLINE
    POST https://api.quickblox.com/session.json?application_id=33365&auth_key=pOEx87ZHxMkU7kD&nonce=-577359397&timestamp=1452343257&user[login]=webrtc_user1&user[email]=a%40b.c&user[password]=x6Bt0VDy5&signature=683b3f8381a179967b5ffe21a1dc134661a87814
=========================================================`;
    const expected = [
      'application_id=33365',
      'auth_key=pOEx87ZHxMkU7kD',
      'nonce=-577359397',
      'timestamp=1452343257',
      'user[login]=webrtc_user1',
      'user[email]=a@b.c',
      'user[password]=x6Bt0VDy5',
    ];

    it('reads the PARAMETERS section, not the headers', () => {
      const request = parseSentRequest(log);
      assert.equal(request.form, 'android_log');
      assert.deepEqual(pairs(request), expected);
      assert.equal(request.signature, '683b3f8381a179967b5ffe21a1dc134661a87814');
    });

    it('reads lines that carry a logcat prefix', () => {
      const prefixed = log
        .split('\n')
        .map((line) => `03-09 18:10:59.281 12821-15398/com.example D/QBASDK: ${line.trim()}`)
        .join('\n');
      assert.deepEqual(pairs(parseSentRequest(prefixed)), expected);
    });

    it('falls back to the INLINE line, decoding its values, also when INLINE and the URL share a line', () => {
      const inlineOnly = log
        .split('\n')
        .filter((_line, index, all) => index < all.findIndex((l) => l.includes('PARAMETERS')) || index > all.findIndex((l) => l.includes('signature=683b')));
      const request = parseSentRequest(inlineOnly.join('\n'));
      assert.equal(request.form, 'android_log');
      assert.deepEqual(pairs(request), expected);
      assert.equal(request.parameters[5].encoded, true);
      const oneLine = parseSentRequest('INLINE POST https://api.quickblox.com/session.json?application_id=1&nonce=2&signature=abc');
      assert.equal(oneLine.form, 'android_log');
      assert.deepEqual(pairs(oneLine), ['application_id=1', 'nonce=2']);
    });
  });

  describe('JavaScript SDK log', () => {
    it('reads the object logged after [Request] as Node prints it', () => {
      const request = parseSentRequest(`[Request][1] POST https://api.quickblox.com/session.json {
  application_id: 76730,
  auth_key: '7quWEh-k6TqghXe',
  nonce: 7334,
  timestamp: 1567349756,
  user: { login: 'Mike', password: '!mike123' },
  signature: '${SIGNATURE}'
}`);
      assert.equal(request.form, 'js_log');
      assert.deepEqual(pairs(request), [...APPLICATION, ...USER]);
      assert.equal(request.signature, SIGNATURE);
    });

    it('reads the older {data: "<JSON>"} form', () => {
      const request = parseSentRequest(`[ServiceProxy] Request:  POST {data: '{"application_id":"1","nonce":"2","signature":"abc"}'}`);
      assert.equal(request.form, 'js_log');
      assert.deepEqual(pairs(request), ['application_id=1', 'nonce=2']);
      assert.equal(request.signature, 'abc');
    });
  });

  describe('hostile input', () => {
    const cases: Array<[string, unknown, SentRequest['problem']]> = [
      ['not text', 42, 'not_text'],
      ['undefined', undefined, 'not_text'],
      ['empty', '   \n', 'empty'],
      ['longer than the limit', 'a=1&'.repeat(MAX_SENT_TEXT / 4 + 1), 'too_large'],
      ['deeply nested JSON', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), 'too_deep'],
      ['nested one level too deep', '{"a":'.repeat(MAX_SENT_NESTING + 1) + '1' + '}'.repeat(MAX_SENT_NESTING + 1), 'too_deep'],
      ['too many parameters', JSON.stringify(Object.fromEntries(Array.from({ length: MAX_SENT_PARAMETERS + 1 }, (_, i) => [`p${i}`, i]))), 'too_many'],
      ['a value too long', JSON.stringify({ a: 'x'.repeat(20_000), signature: 's' }), 'too_large'],
      ['plain prose', 'The signature is wrong, please help.', 'unrecognised'],
      ['unclosed JSON', '{"application_id": "1", "signature": "abc"', 'unrecognised'],
      ['a JSON list', '[1, 2, 3]', 'unrecognised'],
    ];
    for (const [label, text, problem] of cases) {
      it(`answers ${problem} for ${label}`, () => {
        const request = parseSentRequest(text);
        assert.equal(request.problem, problem);
        assert.deepEqual(request.parameters, []);
      });
    }

    it('never throws on binary junk, lone surrogates, NULs or unclosed quotes', () => {
      let seed = 12345;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const alphabets = ['{}[]":,\'\\ \nabc=&%5B', 'curl -d\'"$\\\n `^|;', '\u0000\ud800\udfff\u202e=&?#', 'PARAMETERS\nINLINE\nx=1\n[Request] {'];
      for (let i = 0; i < 400; i++) {
        const alphabet = alphabets[i % alphabets.length];
        const text = Array.from({ length: 1 + random(300) }, () => alphabet[random(alphabet.length)]).join('');
        const request = parseSentRequest(text);
        assert.ok(Array.isArray(request.parameters));
        assert.ok(request.parameters.length <= MAX_SENT_PARAMETERS);
      }
      const junk = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
      assert.notEqual(parseSentRequest(junk).problem, undefined);
      assert.doesNotThrow(() => parseSentRequest('curl -d \'{"a": "unclosed'));
      assert.doesNotThrow(() => parseSentRequest('curl -d "unclosed'));
    });
  });
});

describe('URL encoding styles', () => {
  const samples = ["mike smith!*'()~@[]", 'é€😀', 'a+b=c&d/e?f'];

  it('component is encodeURIComponent and form is URLSearchParams', () => {
    for (const sample of samples) {
      assert.equal(urlEncode(sample, 'component'), encodeURIComponent(sample));
      assert.equal(urlEncode(sample, 'form'), new URLSearchParams({ a: sample }).toString().slice(2));
    }
  });

  it('python keeps ~ and php does not, both write a space as +', () => {
    assert.equal(urlEncode("a b~!*'()", 'python'), 'a+b~%21%2A%27%28%29');
    assert.equal(urlEncode("a b~!*'()", 'php'), 'a+b%7E%21%2A%27%28%29');
  });

  it('decoding undoes each style and never throws', () => {
    for (const sample of samples) {
      for (const style of ['component', 'form', 'python', 'php'] as const) assert.equal(percentDecode(urlEncode(sample, style), true), sample);
    }
    assert.equal(percentDecode('a+b%2', true), 'a b%2');
    assert.equal(percentDecode('a+b', false), 'a+b');
    assert.doesNotThrow(() => percentDecode('%E0%A4%A%\ud800', true));
  });
});
