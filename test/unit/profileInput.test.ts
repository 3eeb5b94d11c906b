import * as assert from 'node:assert/strict';
import { findQbInit, isQuickBloxError, parseProfileFile, profileFieldProblem, profileFileText } from '../../src/core';

describe('profile input', () => {
  it('accepts good values and names each problem with what to change', () => {
    assert.equal(profileFieldProblem('name', 'Staging', ['Production']), undefined);
    assert.match(profileFieldProblem('name', '  ', []) ?? '', /Enter a name/);
    assert.match(profileFieldProblem('name', ' production ', ['Production']) ?? '', /already exists/);
    assert.match(profileFieldProblem('name', 'x'.repeat(65)) ?? '', /under 64/);
    assert.match(profileFieldProblem('name', 'a\nb') ?? '', /line breaks/);
    assert.equal(profileFieldProblem('name', 'مرحبا 🚀'), undefined, 'right-to-left text and emoji are fine in names');
    assert.match(profileFieldProblem('applicationId', '12a') ?? '', /whole number/);
    assert.match(profileFieldProblem('authKey', ' key') ?? '', /spaces/);
    assert.match(profileFieldProblem('authSecret', 'x'.repeat(10_000)) ?? '', /longer than/);
    assert.equal(profileFieldProblem('accountKey', ''), undefined, 'the account key is optional');
    assert.match(profileFieldProblem('endpoint', 'javascript:alert(1)') ?? '', /https/);
    assert.match(profileFieldProblem('email', 'nope') ?? '', /email address/);
  });

  describe('QB.init in source code', () => {
    it('finds the literal arguments, with or without the account key', () => {
      assert.deepEqual(findQbInit(`QB.init(76730, "7quWEh-k6TqghXe", 'ab\\'c', "acc-key");`), {
        applicationId: '76730',
        authKey: '7quWEh-k6TqghXe',
        authSecret: "ab'c",
        accountKey: 'acc-key',
      });
      assert.deepEqual(findQbInit('const x = 1;\n  QB . init( "76730" ,`k-ey`, "s3cr3t", CONFIG)'), {
        applicationId: '76730',
        authKey: 'k-ey',
        authSecret: 's3cr3t',
      });
    });

    it('ignores calls that do not pass literals', () => {
      assert.equal(findQbInit('QB.init(APP_ID, AUTH_KEY, AUTH_SECRET)'), undefined);
      assert.equal(findQbInit('QB.init(token)'), undefined);
      assert.equal(findQbInit('no call here'), undefined);
    });
  });

  describe('profile files', () => {
    const profile = {
      name: 'Staging',
      applicationId: '4242',
      endpoint: 'https://api.example.com',
      hash: 'sha1' as const,
      hasAccountKey: true,
      savedUsers: [{ kind: 'login' as const, identifier: 'alice' }],
    };

    it('round-trips an export', () => {
      assert.deepEqual(parseProfileFile(profileFileText([profile])), [profile]);
    });

    const bad: Array<[string, string, RegExp]> = [
      ['not JSON', '{', /not valid JSON/],
      ['another format', JSON.stringify({ profiles: [] }), /not a QuickBlox Sessions profile export/],
      ['a newer version', JSON.stringify({ format: 'quickblox-sessions.profiles', version: 2, profiles: [] }), /version 2/],
      ['a secret inside', profileFileText([{ ...profile, authSecret: 'leak' } as never]), /never hold secrets/],
      ['a bad application id', profileFileText([{ ...profile, applicationId: 'abc' }]), /Profile 1 \("Staging"\): The application id/],
      ['a javascript: endpoint', profileFileText([{ ...profile, endpoint: 'javascript:alert(1)' }]), /https/],
      ['a repeated name', profileFileText([profile, profile]), /Profile 2 .*already exists/],
      ['a bad saved user', profileFileText([{ ...profile, savedUsers: [{ kind: 'phone', identifier: 'x' }] } as never]), /saved user 1/],
      ['an oversized file', `{"x":"${'a'.repeat(1024 * 1024)}"}`, /larger than 1 MiB/],
    ];
    for (const [what, text, message] of bad) {
      it(`refuses ${what}`, () => {
        try {
          parseProfileFile(text);
        } catch (error) {
          assert.ok(isQuickBloxError(error));
          assert.match(error.message, message);
          assert.ok(!error.message.includes('leak'));
          return;
        }
        assert.fail('expected a refusal');
      });
    }
  });
});
