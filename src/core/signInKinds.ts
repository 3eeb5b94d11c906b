/**
 * The sign-in kinds of `POST /session.json`, one table entry each: the body parameters a kind
 * signs and how each value is checked, which of them are secret and how they are masked, its
 * labels, the inputs it asks for (in order, with their prompts), who it names as the user, and
 * what Recreate keeps or asks again. Everything else that varies by kind derives from this table,
 * so adding a kind is one entry here (and its tests).
 */
import type { SessionAuth, SessionAuthType } from './sessionAuth';
import { invalidInput } from './errors';
import type { ProfileField } from './profileInput';
import type { SignableBody } from './signature';
import { checkEmail, checkUserField } from './validate';

/** The names of a kind's inputs: the properties of its SessionAuth besides `type`. */
export type SignInInputName<K extends SessionAuthType = SessionAuthType> = K extends SessionAuthType
  ? Exclude<keyof Extract<SessionAuth, { type: K }>, 'type'>
  : never;

/** How a secret value is masked wherever it is shown: entirely, or down to a short prefix. */
export type SecretMasking = 'whole' | 'prefix';

/** Input values by input name, as typed (a prompt reads the ones asked before it). */
export type SignInValues = Partial<Record<SignInInputName, string>>;

/** The non-secret inputs a tracked session keeps, so that Recreate need not ask for them again. */
export type KeptInputs = Partial<Record<SignInInputName, string>>;

/** Which flow asks: Create Session, Recreate Session, or signing a user in again after Recreate. */
export type AskMode = 'create' | 'recreate' | 'signInAgain';

/**
 * A prompt's English text; `{0}` in it stands for the value of the input `about`, asked before it.
 * The VS Code layer translates the text by its English wording before filling it in.
 */
export interface Prompt {
  readonly text: string;
  readonly about?: SignInInputName;
}

/** One value a sign-in kind asks for and signs. */
export interface SignInInput<N extends SignInInputName = SignInInputName> {
  /** The property of the SessionAuth, and its key among the kept inputs. */
  readonly name: N;
  /** Where it goes in the body: `user[login]` is group `user`, key `login`. */
  readonly parameter: { readonly group: string; readonly key: string };
  /** The profile field whose checks the input box applies (`profileFieldProblem`). */
  readonly field: ProfileField;
  /** The value as sent, or an `invalid_input` error naming `name`. */
  readonly check: (value: unknown) => string;
  /** May be left empty; then it is left out of the body. */
  readonly optional: boolean;
  /** Secret values are masked wherever shown, typed into password boxes, and never kept. */
  readonly secret?: SecretMasking;
  /** Typed into a box that hides what is typed. */
  readonly password: boolean;
  /** Kept with the tracked session (never a secret), so Recreate does not ask for it again. */
  readonly kept: boolean;
  /** What each flow asks; without `signInAgain`, signing a user in again does not ask for it. */
  readonly prompts: { readonly create: Prompt; readonly recreate: Prompt; readonly signInAgain?: Prompt };
}

/** How a kind names the user in lists: one of its inputs (after a fixed prefix), or a fixed word. */
export type SignInIdentifier<N extends SignInInputName = SignInInputName> = { readonly input: N; readonly prefix?: string } | { readonly text: string };

/** The kinds of user whose password a profile may save (its saved users). */
export type SavedPasswordKind = 'login' | 'email';

export interface SignInKind<K extends SessionAuthType = SessionAuthType> {
  readonly type: K;
  /** In pickers, tooltips and notifications: "User: login + password". */
  readonly label: string;
  /** In tree rows: "login". */
  readonly shortLabel: string;
  /** Under the label in the kind picker: what is sent. */
  readonly detail: string;
  /** Completes "Creates a QuickBlox …" in the signing code a person copies. */
  readonly codeTitle: string;
  /** A user is signed in (every kind but the application's). */
  readonly user: boolean;
  /** Parameters with fixed values, written before the inputs: `provider=facebook`. */
  readonly fixed: Readonly<Record<string, string>>;
  /** In the order they are asked for and written. */
  readonly inputs: ReadonlyArray<SignInInput<SignInInputName<K>>>;
  /** Who signed in, as lists name them; absent when no user does. */
  readonly identifier?: SignInIdentifier<SignInInputName<K>>;
  /** A password saved for a profile's user of this kind, under the identifier, is used instead of asking. */
  readonly savedPassword?: SavedPasswordKind;
  /** `POST /login.json` signs a user of this kind in to an application session. */
  readonly signsInToSession: boolean;
}

const same = (text: string): Prompt => ({ text });
const about = (text: string, input: SignInInputName): Prompt => ({ text, about: input });

const login: SignInInput<'login'> = {
  name: 'login',
  parameter: { group: 'user', key: 'login' },
  field: 'login',
  check: (value) => checkUserField('login', 'login', value),
  optional: false,
  password: false,
  kept: true,
  prompts: { create: same('User login'), recreate: same('User login') },
};

const email: SignInInput<'email'> = {
  name: 'email',
  parameter: { group: 'user', key: 'email' },
  field: 'email',
  check: (value) => checkEmail('email', value),
  optional: false,
  password: false,
  kept: true,
  prompts: { create: same('User email'), recreate: same('User email') },
};

/** The password of a user named by the input `by` (login or email). */
function passwordOf(by: 'login' | 'email'): SignInInput<'password'> {
  const forUser = about('Password for {0}', by);
  return {
    name: 'password',
    parameter: { group: 'user', key: 'password' },
    field: 'password',
    check: (value) => checkUserField('password', 'password', value),
    optional: false,
    secret: 'whole',
    password: true,
    kept: false,
    prompts: { create: forUser, recreate: forUser, signInAgain: about('Password of {0}, to sign in again', by) },
  };
}

const loginPassword = passwordOf('login');
const emailPassword = passwordOf('email');

const facebookToken: SignInInput<'token'> = {
  name: 'token',
  parameter: { group: 'keys', key: 'token' },
  field: 'facebookToken',
  check: (value) => checkUserField('token', 'Facebook access token', value),
  optional: false,
  secret: 'prefix',
  password: true,
  kept: false,
  prompts: {
    create: same('Facebook access token'),
    recreate: same('Facebook access token (tokens are not saved)'),
    signInAgain: same('Facebook access token, to sign in again (tokens are not saved)'),
  },
};

const facebookSecret: SignInInput<'secret'> = {
  name: 'secret',
  parameter: { group: 'keys', key: 'secret' },
  field: 'facebookSecret',
  check: (value) => checkUserField('secret', 'Facebook token secret', value),
  optional: true,
  secret: 'whole',
  password: true,
  kept: false,
  prompts: {
    create: same('Facebook access token secret (optional: leave empty if none)'),
    recreate: same('Facebook access token secret (optional: leave empty if none)'),
  },
};

const firebaseProjectId: SignInInput<'projectId'> = {
  name: 'projectId',
  parameter: { group: 'firebase_phone', key: 'project_id' },
  field: 'firebaseProjectId',
  check: (value) => checkUserField('projectId', 'Firebase project id', value),
  optional: false,
  password: false,
  kept: true,
  prompts: { create: same('Firebase project ID'), recreate: same('Firebase project ID') },
};

const firebaseIdToken: SignInInput<'accessToken'> = {
  name: 'accessToken',
  parameter: { group: 'firebase_phone', key: 'access_token' },
  field: 'firebaseIdToken',
  check: (value) => checkUserField('accessToken', 'Firebase ID token', value),
  optional: false,
  secret: 'prefix',
  password: true,
  kept: false,
  prompts: {
    create: same('Firebase user ID token'),
    recreate: about('Firebase user ID token for {0} (tokens are not saved)', 'projectId'),
    signInAgain: about('Firebase user ID token for {0}, to sign in again (tokens are not saved)', 'projectId'),
  },
};

/** Every sign-in kind, in the order pickers list them. */
export const SIGN_IN_KINDS: { readonly [K in SessionAuthType]: SignInKind<K> } = {
  application: {
    type: 'application',
    label: 'Application',
    shortLabel: 'app',
    detail: 'Read-only token for the application, no user',
    codeTitle: 'application session',
    user: false,
    fixed: {},
    inputs: [],
    signsInToSession: false,
  },
  login: {
    type: 'login',
    label: 'User: login + password',
    shortLabel: 'login',
    detail: 'user[login] + user[password]',
    codeTitle: 'user session (login and password)',
    user: true,
    fixed: {},
    inputs: [login, loginPassword],
    identifier: { input: 'login' },
    savedPassword: 'login',
    signsInToSession: true,
  },
  email: {
    type: 'email',
    label: 'User: email + password',
    shortLabel: 'email',
    detail: 'user[email] + user[password]',
    codeTitle: 'user session (email and password)',
    user: true,
    fixed: {},
    inputs: [email, emailPassword],
    identifier: { input: 'email' },
    savedPassword: 'email',
    signsInToSession: true,
  },
  facebook: {
    type: 'facebook',
    label: 'Facebook',
    shortLabel: 'facebook',
    detail: 'provider=facebook with a Facebook access token',
    codeTitle: 'user session (Facebook access token)',
    user: true,
    fixed: { provider: 'facebook' },
    inputs: [facebookToken, facebookSecret],
    identifier: { text: 'facebook' },
    signsInToSession: true,
  },
  firebase_phone: {
    type: 'firebase_phone',
    label: 'Firebase phone',
    shortLabel: 'firebase',
    detail: 'provider=firebase_phone with a Firebase project id and ID token',
    codeTitle: 'user session (Firebase phone number)',
    user: true,
    fixed: { provider: 'firebase_phone' },
    inputs: [firebaseProjectId, firebaseIdToken],
    identifier: { input: 'projectId', prefix: 'firebase ' },
    signsInToSession: true,
  },
  custom: {
    type: 'custom',
    label: 'Custom identity provider',
    shortLabel: 'custom IdP',
    detail: 'Login + password checked by your custom identity provider',
    codeTitle: "user session through the application's custom identity provider (login and password, which QuickBlox forwards to it)",
    user: true,
    fixed: {},
    inputs: [login, loginPassword],
    identifier: { input: 'login' },
    savedPassword: 'login',
    signsInToSession: false,
  },
};

/** Every sign-in kind's type, in table order. */
export const SESSION_AUTH_TYPES = Object.keys(SIGN_IN_KINDS) as readonly SessionAuthType[];

/** Whether a value names a sign-in kind (an own key of the table, never `toString` and the like). */
export function isSessionAuthType(value: unknown): value is SessionAuthType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SIGN_IN_KINDS, value);
}

/** The table entry of a kind. */
export function signInKind<K extends SessionAuthType>(type: K): SignInKind<K>;
export function signInKind(type: SessionAuthType): SignInKind;
export function signInKind(type: SessionAuthType): SignInKind {
  return SIGN_IN_KINDS[type] as SignInKind;
}

/** "User: login + password". */
export function kindLabel(type: SessionAuthType): string {
  return signInKind(type).label;
}

/** The body parameter's name as signed: `user[login]`. */
export function inputParameterName(input: SignInInput): string {
  return `${input.parameter.group}[${input.parameter.key}]`;
}

/**
 * The inputs a flow asks for, in order: all of them when creating; when recreating, those not
 * kept among `kept`; when signing a user in again, only those with a `signInAgain` prompt and not
 * kept. A password that `savedPassword` says may be saved is looked up by the caller first.
 */
export function fieldsToAsk(type: SessionAuthType, options: { mode?: AskMode; kept?: KeptInputs } = {}): readonly SignInInput[] {
  const mode = options.mode ?? 'create';
  const kept = options.kept ?? {};
  const inputs: readonly SignInInput[] = signInKind(type).inputs;
  if (mode === 'create') return inputs;
  return inputs.filter((input) => !(input.kept && kept[input.name] !== undefined) && (mode === 'recreate' || input.prompts.signInAgain !== undefined));
}

/**
 * An input's prompt in a flow (`signInAgain` falls back to `recreate`), given the values asked
 * before it; `translate` turns the English text into the person's language first.
 */
export function promptOf(input: SignInInput, mode: AskMode, earlier: SignInValues, translate: (english: string) => string = (english) => english): string {
  const prompt =
    mode === 'create' ? input.prompts.create : mode === 'recreate' ? input.prompts.recreate : (input.prompts.signInAgain ?? input.prompts.recreate);
  const text = translate(prompt.text);
  return prompt.about === undefined ? text : text.replace('{0}', () => earlier[prompt.about as SignInInputName] ?? '');
}

/**
 * The SessionAuth of a kind from its input values as typed, sent as typed: an optional input left
 * empty is left out; a required one missing is refused with the sentence its check gives.
 */
export function authFromInputs(type: SessionAuthType, values: SignInValues): SessionAuth {
  const auth: Record<string, string> = { type };
  for (const input of signInKind(type).inputs) {
    const value = values[input.name];
    if (value === undefined || value === '') {
      if (input.optional) continue;
      if (value === undefined) input.check(value);
    }
    auth[input.name] = value as string;
  }
  return auth as unknown as SessionAuth;
}

/** The inputs of a sign-in that may be kept with its session (no passwords, no tokens); undefined when none. */
export function keptInputs(auth: SessionAuth): KeptInputs | undefined {
  const values = auth as unknown as Record<string, unknown>;
  const kept: Record<string, string> = {};
  for (const input of signInKind(auth.type).inputs) {
    const value = values[input.name];
    if (input.kept && typeof value === 'string') kept[input.name] = value;
  }
  return Object.keys(kept).length > 0 ? (kept as KeptInputs) : undefined;
}

/** Who signs in, as lists name them: a login, an email, `facebook`, `firebase <project>`; undefined for an application session. */
export function identifierOf(type: SessionAuthType, values: SignInValues): string | undefined {
  const identifier = signInKind(type).identifier;
  if (identifier === undefined) return undefined;
  if ('text' in identifier) return identifier.text;
  const value = values[identifier.input];
  return value === undefined ? undefined : (identifier.prefix ?? '') + value;
}

/** The kept inputs an identifier stands for (`firebase my-app` → project id `my-app`), to sign the same user in again. */
export function keptFromIdentifier(type: SessionAuthType, identifier: string): KeptInputs {
  const named = signInKind(type).identifier;
  if (named === undefined || 'text' in named) return {};
  const prefix = named.prefix ?? '';
  return { [named.input]: identifier.startsWith(prefix) ? identifier.slice(prefix.length) : identifier };
}

/** Checks the sign-in inputs and returns them as the body fragment the reference page names. */
export function authParameters(auth: unknown): SignableBody {
  const value = (auth ?? {}) as Record<string, unknown>;
  if (!isSessionAuthType(value.type)) {
    throw invalidInput(
      'auth',
      typeof value.type === 'string'
        ? `Unknown sign-in kind ${JSON.stringify(value.type.slice(0, 40))}: use one of ${SESSION_AUTH_TYPES.join(', ')}.`
        : `Choose a sign-in kind: one of ${SESSION_AUTH_TYPES.join(', ')}.`,
    );
  }
  const kind: SignInKind = signInKind(value.type);
  const body: Record<string, string | Record<string, string>> = Object.assign({}, kind.fixed);
  for (const input of kind.inputs) {
    const raw = value[input.name];
    if (input.optional && (raw === undefined || raw === '')) continue;
    const group = (body[input.parameter.group] ??= {}) as Record<string, string>;
    group[input.parameter.key] = input.check(raw);
  }
  return body;
}

/**
 * The sign-in parameters a kind would sign, `[name, value]` in body order, from raw values and
 * without checks: a value that is not text is written empty, an empty optional one is left out.
 * Unknown kinds sign none.
 */
export function uncheckedSignInPairs(auth: unknown, text: (value: unknown) => string): Array<[string, string]> {
  const value = (typeof auth === 'object' && auth !== null ? auth : {}) as Record<string, unknown>;
  if (!isSessionAuthType(value.type)) return [];
  const kind: SignInKind = signInKind(value.type);
  const pairs: Array<[string, string]> = Object.entries(kind.fixed);
  for (const input of kind.inputs) {
    const written = text(value[input.name]);
    if (!(input.optional && written === '')) pairs.push([inputParameterName(input), written]);
  }
  return pairs;
}

/** Every input of every kind, each once (kinds share input objects), in table order. */
export const SIGN_IN_INPUTS: readonly SignInInput[] = [...new Set(SESSION_AUTH_TYPES.flatMap((type) => signInKind(type).inputs))];

/** The secret inputs' names of every kind, by masking: wherever a sign-in value is secret under some kind. */
export const SECRET_INPUT_NAMES: Readonly<Record<SecretMasking, readonly SignInInputName[]>> = {
  whole: [...new Set(SIGN_IN_INPUTS.filter((input) => input.secret === 'whole').map((input) => input.name))],
  prefix: [...new Set(SIGN_IN_INPUTS.filter((input) => input.secret === 'prefix').map((input) => input.name))],
};

/** The body parameters secret under some kind, and how each is masked. */
export const SECRET_SIGN_IN_PARAMETERS: Readonly<Record<string, SecretMasking>> = Object.fromEntries(
  SIGN_IN_INPUTS.filter((input) => input.secret !== undefined).map((input) => [inputParameterName(input), input.secret as SecretMasking]),
);

/** The parameters a kind writes without asking (`provider`), over all kinds. */
export const FIXED_SIGN_IN_PARAMETERS: readonly string[] = [...new Set(SESSION_AUTH_TYPES.flatMap((type) => Object.keys(signInKind(type).fixed)))];
