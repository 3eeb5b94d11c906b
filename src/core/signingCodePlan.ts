/**
 * What a signing-code snippet does, whatever its language: the parameters of `POST /session.json`
 * for one sign-in kind, and where each value comes from. Secrets always come from the
 * environment; only the application id and the endpoint are written into the code.
 */
import type { SessionAuthType } from './auth';
import type { ProfileField } from './profileInput';
import { signInKind, type SignInKind } from './signInKinds';

/** An environment variable a snippet reads, with the names its value gets in code. */
export interface EnvVariable {
  /** QB_USER_PASSWORD */
  readonly name: string;
  /** What to set it to, for the message a snippet prints when it is missing. */
  readonly what: string;
  /** The local variable in camelCase languages (JavaScript, Go, Java, Kotlin, C#, PHP). */
  readonly camel: string;
  /** The local variable in snake_case languages (Python, Ruby). */
  readonly snake: string;
  /** An optional variable is left out of the request when unset or empty. */
  readonly optional?: boolean;
}

function variable(name: string, what: string, camel: string, snake: string, optional = false): EnvVariable {
  return { name, what, camel, snake, optional };
}

export const AUTH_KEY = variable('QB_AUTH_KEY', "the application's auth key", 'authKey', 'auth_key');
export const AUTH_SECRET = variable('QB_AUTH_SECRET', "the application's auth secret", 'authSecret', 'auth_secret');
const USER_LOGIN = variable('QB_USER_LOGIN', "the user's login", 'login', 'login');
const USER_EMAIL = variable('QB_USER_EMAIL', "the user's email", 'email', 'email');
const USER_PASSWORD = variable('QB_USER_PASSWORD', "the user's password", 'password', 'password');
const FACEBOOK_TOKEN = variable('QB_FACEBOOK_TOKEN', "the user's Facebook access token", 'facebookToken', 'facebook_token');
const FACEBOOK_SECRET = variable('QB_FACEBOOK_SECRET', 'the Facebook access token secret, when it has one', 'facebookSecret', 'facebook_secret', true);
const FIREBASE_PROJECT_ID = variable('QB_FIREBASE_PROJECT_ID', 'the Firebase project id', 'firebaseProjectId', 'firebase_project_id');
const FIREBASE_ID_TOKEN = variable('QB_FIREBASE_ID_TOKEN', "the user's Firebase ID token", 'firebaseIdToken', 'firebase_id_token');

/** One sign-in parameter: `user[login]` is group `user`, key `login`; `provider` has no group. */
export interface PlanParameter {
  readonly group?: string;
  readonly key: string;
  /** A variable read from the environment, or fixed text such as the provider's name. */
  readonly value: { readonly env: EnvVariable } | { readonly text: string };
}

/** The name the signature uses: `user[login]`, or `provider`. */
export function parameterName(parameter: PlanParameter): string {
  return parameter.group === undefined ? parameter.key : `${parameter.group}[${parameter.key}]`;
}

interface KindPlan {
  /** Completes "Creates a QuickBlox …". */
  readonly title: string;
  readonly parameters: readonly PlanParameter[];
}

/** The variable each sign-in input is read from, by the input's profile field. */
const ENV_BY_FIELD: Partial<Record<ProfileField, EnvVariable>> = {
  login: USER_LOGIN,
  email: USER_EMAIL,
  password: USER_PASSWORD,
  facebookToken: FACEBOOK_TOKEN,
  facebookSecret: FACEBOOK_SECRET,
  firebaseProjectId: FIREBASE_PROJECT_ID,
  firebaseIdToken: FIREBASE_ID_TOKEN,
};

/** The extra parameters of a sign-in kind (SIGN_IN_KINDS): its fixed ones, then its inputs read from the environment. */
function planOf(kind: SignInKind): KindPlan {
  const fixed = Object.entries(kind.fixed).map(([key, text]): PlanParameter => ({ key, value: { text } }));
  const inputs = kind.inputs.map((input): PlanParameter => {
    const env = ENV_BY_FIELD[input.field];
    if (env === undefined) throw new TypeError(`No environment variable for the ${input.field} input.`);
    return { group: input.parameter.group, key: input.parameter.key, value: { env } };
  });
  return { title: kind.codeTitle, parameters: [...fixed, ...inputs] };
}

/** Everything a language's writer needs; `applicationId` and `endpoint` are already checked. */
export interface SnippetPlan {
  readonly applicationId: string;
  /** An origin such as `https://api.quickblox.com`, no trailing slash. */
  readonly endpoint: string;
  readonly title: string;
  /** The sign-in parameters, in the order they are written (optional ones included). */
  readonly parameters: readonly PlanParameter[];
  /** Every variable read, auth key and secret first. */
  readonly env: readonly EnvVariable[];
  /** How to run the file, for its header. */
  readonly run: readonly string[];
}

export function kindPlan(kind: SessionAuthType): KindPlan {
  return planOf(signInKind(kind));
}

/** The variables a kind reads, in order, without repeats. */
export function envOf(parameters: readonly PlanParameter[]): EnvVariable[] {
  const env: EnvVariable[] = [AUTH_KEY, AUTH_SECRET];
  for (const parameter of parameters) {
    if ('env' in parameter.value && !env.includes(parameter.value.env)) env.push(parameter.value.env);
  }
  return env;
}

/** The parameters in their groups, in order of first appearance: `user` → login, password. */
export interface ParameterEntry {
  readonly name: string;
  /** Present for a group such as `user`: its members. */
  readonly members?: readonly PlanParameter[];
  /** Present for a parameter without a group. */
  readonly parameter?: PlanParameter;
}

/** Required parameters by group, for languages that write the nested JSON body. */
export function groupedRequired(parameters: readonly PlanParameter[]): ParameterEntry[] {
  const entries: Array<{ name: string; members?: PlanParameter[]; parameter?: PlanParameter }> = [];
  for (const parameter of parameters) {
    if (isOptional(parameter)) continue;
    if (parameter.group === undefined) {
      entries.push({ name: parameter.key, parameter });
      continue;
    }
    const group = entries.find((entry) => entry.name === parameter.group && entry.members);
    if (group?.members) group.members.push(parameter);
    else entries.push({ name: parameter.group, members: [parameter] });
  }
  return entries;
}

export function isOptional(parameter: PlanParameter): boolean {
  return 'env' in parameter.value && parameter.value.env.optional === true;
}

/** The lines every header says: what it creates, how to run it, what it reads, what it prints. */
export function headerLines(plan: SnippetPlan, body: string): string[] {
  const required = plan.env.filter((env) => !env.optional).map((env) => env.name);
  const optional = plan.env.filter((env) => env.optional).map((env) => env.name);
  return [
    `Creates a QuickBlox ${plan.title}: POST /session.json on the endpoint below.`,
    ...plan.run,
    `Reads from the environment: ${required.join(', ')}${optional.length ? ` (optional: ${optional.join(', ')})` : ''}.`,
    'No secret is written in this file: keep it that way, and set the variables outside it.',
    body,
    "Prints QuickBlox's answer; exits 1 when it is an HTTP error (or no answer came), 2 when a variable is missing.",
  ];
}
