import * as assert from 'node:assert/strict';
import {
  authFromInputs,
  authParameters,
  createSession,
  explainSignature,
  fieldsToAsk,
  generateSigningCode,
  identifierOf,
  inputParameterName,
  isQuickBloxError,
  isSessionAuthType,
  keptFromIdentifier,
  keptInputs,
  kindLabel,
  maskNamed,
  maskParameter,
  profileFieldProblem,
  promptOf,
  redactText,
  SECRET_PARAMETERS,
  SESSION_AUTH_TYPES,
  SIGN_IN_KINDS,
  signaturePairs,
  signInKind,
  SIGNING_CODE_LANGUAGES,
  type SessionAuth,
  type SessionAuthType,
  type SignableBody,
  type SignInValues,
} from '../../src/core';

/** Compiles only while the table's keys are exactly SessionAuthType's members. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KEYS_ARE_THE_KINDS: Same<keyof typeof SIGN_IN_KINDS, SessionAuthType> = true;

/**
 * One sign-in of each kind with every property SessionAuth allows (optional ones too), values
 * long enough to be masked with a prefix. Adding a kind to SessionAuth fails to compile here
 * until it has a sample, and the tests below then walk its table entry.
 */
const SAMPLES: { [K in SessionAuthType]: Extract<SessionAuth, { type: K }> } = {
  application: { type: 'application' },
  login: { type: 'login', login: 'mike-the-tester', password: 'hunter2-password' },
  email: { type: 'email', email: 'mike@example.com', password: 'hunter2-password' },
  facebook: { type: 'facebook', token: 'EAAB-facebook-access-token', secret: 'facebook-token-secret' },
  firebase_phone: { type: 'firebase_phone', projectId: 'my-app-1a2b3', accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.Zq7sig' },
  custom: { type: 'custom', login: 'mike-the-tester', password: 'hunter2-password' },
};

function valuesOf(auth: SessionAuth): SignInValues {
  return Object.fromEntries(Object.entries(auth).filter(([name]) => name !== 'type')) as SignInValues;
}

/** The value at `group[key]` of a body. */
function at(body: SignableBody, group: string, key: string): unknown {
  const nested = body[group];
  return typeof nested === 'object' && nested !== null ? nested[key] : undefined;
}

describe('sign-in kinds: one table entry per kind', () => {
  it("has an entry for exactly SessionAuthType's members, each under its own type", () => {
    assert.equal(KEYS_ARE_THE_KINDS, true);
    assert.deepEqual([...SESSION_AUTH_TYPES], Object.keys(SIGN_IN_KINDS));
    assert.deepEqual([...SESSION_AUTH_TYPES], Object.keys(SAMPLES));
    for (const type of SESSION_AUTH_TYPES) {
      assert.equal(signInKind(type).type, type);
      assert.ok(isSessionAuthType(type));
    }
    for (const other of ['toString', '__proto__', 'constructor', 'oauth', '', undefined, 1]) assert.equal(isSessionAuthType(other), false, String(other));
  });

  it('keeps the labels, details and prompts the extension has always shown', () => {
    const shown = SESSION_AUTH_TYPES.map((type) => {
      const kind = signInKind(type);
      const values = valuesOf(SAMPLES[type]);
      const prompts = (mode: 'create' | 'recreate') => fieldsToAsk(type, { mode }).map((input) => promptOf(input, mode, values));
      return [type, kind.label, kind.shortLabel, kind.detail, prompts('create'), prompts('recreate')];
    });
    assert.deepEqual(shown, [
      ['application', 'Application', 'app', 'Read-only token for the application, no user', [], []],
      [
        'login',
        'User: login + password',
        'login',
        'user[login] + user[password]',
        ['User login', 'Password for mike-the-tester'],
        ['User login', 'Password for mike-the-tester'],
      ],
      [
        'email',
        'User: email + password',
        'email',
        'user[email] + user[password]',
        ['User email', 'Password for mike@example.com'],
        ['User email', 'Password for mike@example.com'],
      ],
      [
        'facebook',
        'Facebook',
        'facebook',
        'provider=facebook with a Facebook access token',
        ['Facebook access token', 'Facebook access token secret (optional: leave empty if none)'],
        ['Facebook access token (tokens are not saved)', 'Facebook access token secret (optional: leave empty if none)'],
      ],
      [
        'firebase_phone',
        'Firebase phone',
        'firebase',
        'provider=firebase_phone with a Firebase project id and ID token',
        ['Firebase project ID', 'Firebase user ID token'],
        ['Firebase project ID', 'Firebase user ID token for my-app-1a2b3 (tokens are not saved)'],
      ],
      [
        'custom',
        'Custom identity provider',
        'custom IdP',
        'Login + password checked by your custom identity provider',
        ['User login', 'Password for mike-the-tester'],
        ['User login', 'Password for mike-the-tester'],
      ],
    ]);
    assert.equal(kindLabel('email'), 'User: email + password');
  });

  for (const type of SESSION_AUTH_TYPES) {
    describe(type, () => {
      const kind = signInKind(type);
      const sample = SAMPLES[type];
      const values = valuesOf(sample);

      it('is complete: labels, one input per SessionAuth property, a prompt for every flow', () => {
        for (const text of [kind.label, kind.shortLabel, kind.detail, kind.codeTitle]) assert.ok(text.trim().length > 0);
        assert.deepEqual(kind.inputs.map((input) => input.name).sort(), Object.keys(values).sort(), 'the inputs are the properties of its SessionAuth');
        assert.equal(new Set(kind.inputs.map(inputParameterName)).size, kind.inputs.length, 'no two inputs share a parameter');
        for (const input of kind.inputs) {
          for (const mode of ['create', 'recreate', 'signInAgain'] as const) {
            assert.ok(promptOf(input, mode, values).trim().length > 0, `${input.name} ${mode}`);
          }
          assert.ok(!promptOf(input, 'create', values).includes('undefined'));
        }
      });

      it('asks secrets in password boxes and never keeps them; keeps what names the user', () => {
        for (const input of kind.inputs) {
          assert.equal(input.password, input.secret !== undefined, `${input.name}: a password box exactly for secrets`);
          if (input.secret !== undefined) assert.equal(input.kept, false, `${input.name}: a secret is never kept`);
        }
        assert.equal(kind.user, kind.inputs.length > 0);
        assert.equal(kind.identifier !== undefined, kind.user, 'a user sign-in names its user');
        if (kind.identifier && 'input' in kind.identifier) {
          const named = kind.identifier.input;
          assert.ok(
            kind.inputs.some((input) => input.name === named && input.kept),
            'the user is named by a kept input',
          );
        }
        if (kind.savedPassword !== undefined) {
          assert.ok(kind.inputs.some((input) => input.name === 'password'));
          assert.deepEqual(kind.identifier, { input: kind.savedPassword }, 'a saved password is found under the identifier it was saved with');
        }
        if (kind.signsInToSession) assert.ok(kind.user);
      });

      it('checks each input as its profile field does', () => {
        for (const input of kind.inputs) {
          const value = values[input.name] as string;
          assert.equal(input.check(value), value, `${input.name}: sent as typed`);
          assert.equal(profileFieldProblem(input.field, value), undefined, `${input.field} accepts the sample`);
          for (const bad of ['', ' ', 'a\u0000b', 'x'.repeat(5000)]) {
            const box = profileFieldProblem(input.field, bad);
            let core: string | undefined;
            try {
              input.check(bad);
            } catch (error) {
              assert.ok(isQuickBloxError(error) && error.kind === 'invalid_input');
              assert.equal(error.field, input.name, 'the error names the input');
              core = error.message;
            }
            if (input.optional && bad === '') assert.equal(box, undefined, 'an optional box may stay empty');
            else assert.equal(box, core, `${input.field} ${JSON.stringify(bad.slice(0, 8))}: the box refuses what the core refuses, with the same sentence`);
          }
        }
      });

      it('round-trips: values → SessionAuth → signed parameters → values', () => {
        const auth = authFromInputs(type, values);
        assert.deepEqual(auth, sample);
        const body = authParameters(auth);
        assert.deepEqual(Object.keys(body), [...Object.keys(kind.fixed), ...new Set(kind.inputs.map((input) => input.parameter.group))]);
        for (const [name, text] of Object.entries(kind.fixed)) assert.equal(body[name], text);
        for (const input of kind.inputs) assert.equal(at(body, input.parameter.group, input.parameter.key), values[input.name]);
        const signed = signaturePairs(body)
          .map(([name]) => name)
          .sort();
        assert.deepEqual(signed, [...Object.keys(kind.fixed), ...kind.inputs.map(inputParameterName)].sort());
        for (const input of kind.inputs.filter((candidate) => candidate.optional)) {
          const without = authFromInputs(type, { ...values, [input.name]: '' });
          assert.ok(!(input.name in without), `${input.name} left empty is left out`);
          assert.equal(at(authParameters(without), input.parameter.group, input.parameter.key), undefined);
        }
        for (const input of kind.inputs.filter((candidate) => !candidate.optional)) {
          assert.throws(
            () => authFromInputs(type, { ...values, [input.name]: undefined }),
            (error: unknown) => isQuickBloxError(error) && error.field === input.name,
          );
        }
      });

      it('masks every secret parameter the same way in the signed body, by name in redaction, and as a known value', () => {
        for (const input of kind.inputs) {
          const name = inputParameterName(input);
          const value = values[input.name] as string;
          if (input.secret === undefined) {
            assert.equal(SECRET_PARAMETERS[name], undefined);
            assert.equal(maskParameter(name, value), value);
            continue;
          }
          assert.equal(SECRET_PARAMETERS[name], input.secret, `${name} is a secret parameter`);
          const masked = maskParameter(name, value);
          assert.ok(!masked.includes(value));
          assert.equal(maskNamed(input.parameter.key, value), masked, `${name}: redaction by name masks as the table says`);
          const json = JSON.stringify({ [input.parameter.group]: { [input.parameter.key]: value } });
          for (const text of [`${name}=${value}`, `a=1&${name}=${value}&b=2`, json]) {
            assert.ok(!redactText(text).includes(value), `${name} leaked by ${text.slice(0, 20)}`);
          }
        }
      });

      it('shows its secrets masked when explaining a signature, and its other values as sent', () => {
        const explanation = explainSignature({
          applicationId: '76730',
          authKey: '7quWEh-k6TqghXe',
          authSecret: 'auth-secret-value',
          hash: 'sha1',
          auth: sample,
          timestamp: 1567349756,
          nonce: 7334,
        });
        const shown = new Map(explanation.parameters.map((parameter) => [parameter.name, parameter]));
        for (const input of kind.inputs) {
          const parameter = shown.get(inputParameterName(input));
          assert.ok(parameter, inputParameterName(input));
          assert.equal(parameter.masked, input.secret !== undefined);
          if (input.secret !== undefined) assert.ok(!explanation.stringToSign.includes(values[input.name] as string));
        }
        for (const [name, text] of Object.entries(kind.fixed)) assert.equal(shown.get(name)?.value, text);
      });

      it('keeps the non-secret inputs, so Recreate asks only for the rest', () => {
        const kept = keptInputs(sample);
        const keptNames = kind.inputs.filter((input) => input.kept).map((input) => input.name);
        assert.deepEqual(kept === undefined ? [] : Object.keys(kept), keptNames);
        for (const name of keptNames) assert.equal(kept?.[name], values[name]);
        assert.deepEqual(
          fieldsToAsk(type, { mode: 'recreate', kept }).map((input) => input.name),
          kind.inputs.filter((input) => !input.kept).map((input) => input.name),
        );
        assert.deepEqual(fieldsToAsk(type, { mode: 'recreate' }), kind.inputs, 'nothing kept: everything is asked again');
      });

      it('names its user, and an identifier gives back the input it was made from', () => {
        const identifier = identifierOf(type, values);
        assert.equal(identifier === undefined, !kind.user);
        if (identifier === undefined) return;
        const back = keptFromIdentifier(type, identifier);
        for (const [name, value] of Object.entries(back)) assert.equal(value, values[name as keyof SignInValues]);
        if (kind.signsInToSession) {
          const again = fieldsToAsk(type, { mode: 'signInAgain', kept: back });
          for (const input of again) assert.equal(input.kept, false, 'signing in again asks only for what is never kept');
          assert.ok(again.length > 0 || kind.savedPassword !== undefined);
        }
      });

      it('has signing code in every language', () => {
        for (const language of SIGNING_CODE_LANGUAGES) {
          const code = generateSigningCode({ language: language.id, kind: type, applicationId: '76730', endpoint: 'https://api.quickblox.com' });
          for (const input of kind.inputs) assert.ok(code.code.includes(input.parameter.key), `${language.id} writes ${input.parameter.key}`);
        }
      });
    });
  }

  it('names the users as the session list always has', () => {
    assert.deepEqual(
      SESSION_AUTH_TYPES.map((type) => identifierOf(type, valuesOf(SAMPLES[type]))),
      [undefined, 'mike-the-tester', 'mike@example.com', 'facebook', 'firebase my-app-1a2b3', 'mike-the-tester'],
    );
    assert.deepEqual(keptFromIdentifier('firebase_phone', 'firebase my-app'), { projectId: 'my-app' });
    assert.deepEqual(keptFromIdentifier('facebook', 'facebook'), {});
  });

  it('signs a user in again after Recreate with the prompts it always had', () => {
    const asked = (type: SessionAuthType, kept: SignInValues) =>
      fieldsToAsk(type, { mode: 'signInAgain', kept }).map((input) => promptOf(input, 'signInAgain', { ...kept, ...valuesOf(SAMPLES[type]) }));
    assert.deepEqual(asked('login', keptFromIdentifier('login', 'mike-the-tester')), ['Password of mike-the-tester, to sign in again']);
    assert.deepEqual(asked('email', keptFromIdentifier('email', 'mike@example.com')), ['Password of mike@example.com, to sign in again']);
    assert.deepEqual(asked('facebook', {}), ['Facebook access token, to sign in again (tokens are not saved)']);
    assert.deepEqual(asked('firebase_phone', keptFromIdentifier('firebase_phone', 'firebase my-app-1a2b3')), [
      'Firebase user ID token for my-app-1a2b3, to sign in again (tokens are not saved)',
    ]);
  });

  it('refuses an unknown kind in every helper that takes untrusted input', async () => {
    for (const auth of [{ type: 'oauth' }, { type: 'toString' }, { type: '__proto__' }, {}]) {
      assert.throws(
        () => authParameters(auth),
        (error: unknown) => isQuickBloxError(error) && error.field === 'auth',
      );
      await assert.rejects(
        createSession({
          endpoint: 'https://api.quickblox.com',
          applicationId: '1',
          authKey: 'auth-key-value',
          authSecret: 'auth-secret-value',
          auth: auth as SessionAuth,
        }),
        (error: unknown) => isQuickBloxError(error) && error.field === 'auth',
      );
    }
  });
});

describe('secret parameter lookup', () => {
  it('finds nothing for names an object inherits (a pasted "constructor" is not taken for a known name)', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(SECRET_PARAMETERS[name], undefined, name);
    assert.equal(SECRET_PARAMETERS['user[password]'], 'whole');
  });
});
