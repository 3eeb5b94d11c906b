/**
 * Reading the user part of a sign-in (create session or POST /login.json) and checking it.
 */
import type { SandboxApp, SandboxUser } from '../fixtures';
import { hasParam, isParams, objectParam, textParam, type Params } from '../params';
import { qbErrors, type ErrorBody } from '../respond';
import { authenticateFacebook, authenticateFirebase, authenticatePassword, type PasswordCredentials } from '../users';
import type { RouteContext } from './context';

export type SignIn =
  | { kind: 'none' }
  | { kind: 'password'; creds: PasswordCredentials }
  | { kind: 'facebook'; token: string; secret?: string }
  | { kind: 'firebase_phone'; projectId: string; accessToken: string };

/** A sign-in that names a user. */
export type UserSignIn = Exclude<SignIn, { kind: 'none' }>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; status: number; body: ErrorBody };

const invalid = (body: ErrorBody): Parsed<never> => ({ ok: false, status: 422, body });

/** `{login|email, password}` from an object such as `user` (or the body of POST /login.json). */
export function parsePasswordCredentials(source: Params): Parsed<PasswordCredentials> {
  const login = textParam(source, 'login');
  const email = textParam(source, 'email');
  const password = textParam(source, 'password');
  if (login !== undefined && email !== undefined) return invalid(qbErrors.base('Provide either login or email, not both'));
  if (login === undefined && email === undefined) {
    return invalid(password !== undefined ? qbErrors.base('login or email is required') : qbErrors.field('login', 'is missing'));
  }
  if (password === undefined) return invalid(qbErrors.field('password', 'is missing'));
  const creds: PasswordCredentials = { password };
  if (login !== undefined) creds.login = login;
  if (email !== undefined) creds.email = email;
  return { ok: true, value: creds };
}

function parseProvider(params: Params, provider: string): Parsed<UserSignIn> {
  if (provider === 'facebook') {
    const keys = objectParam(params, 'keys');
    const token = keys && textParam(keys, 'token');
    if (!keys || token === undefined) return invalid(qbErrors.field('keys', 'token is missing'));
    const secret = textParam(keys, 'secret');
    return { ok: true, value: secret === undefined ? { kind: 'facebook', token } : { kind: 'facebook', token, secret } };
  }
  if (provider === 'firebase_phone') {
    const firebase = objectParam(params, 'firebase_phone');
    const projectId = firebase && textParam(firebase, 'project_id');
    const accessToken = firebase && textParam(firebase, 'access_token');
    if (projectId === undefined) return invalid(qbErrors.field('firebase_phone', 'project_id is missing'));
    if (accessToken === undefined) return invalid(qbErrors.field('firebase_phone', 'access_token is missing'));
    return { ok: true, value: { kind: 'firebase_phone', projectId, accessToken } };
  }
  return invalid(qbErrors.field('provider', 'is not supported'));
}

/**
 * A `provider` sign-in (Facebook or Firebase phone) when the body names a provider or sends its
 * keys; undefined when it does neither.
 */
function parseProviderSignIn(params: Params): Parsed<UserSignIn> | undefined {
  if (hasParam(params, 'provider')) {
    const provider = textParam(params, 'provider');
    return provider === undefined ? invalid(qbErrors.field('provider', 'is not supported')) : parseProvider(params, provider);
  }
  if (hasParam(params, 'keys') || hasParam(params, 'firebase_phone')) return invalid(qbErrors.field('provider', 'is missing'));
  return undefined;
}

/** Which of the sign-in kinds a create-session body asks for (at most one). */
export function parseSignIn(params: Params): Parsed<SignIn> {
  const hasUser = hasParam(params, 'user');
  if (hasUser && hasParam(params, 'provider')) return invalid(qbErrors.base('Give either user or provider, not both'));
  const provider = parseProviderSignIn(params);
  if (provider) return provider;
  if (!hasUser) return { ok: true, value: { kind: 'none' } };
  const user = params.user;
  if (!isParams(user)) return invalid(qbErrors.field('user', 'is invalid'));
  const creds = parsePasswordCredentials(user);
  return creds.ok ? { ok: true, value: { kind: 'password', creds: creds.value } } : creds;
}

/**
 * The sign-in of a POST /login.json body: `provider` with `keys[token]` (Facebook) or with
 * `firebase_phone[project_id]` + `firebase_phone[access_token]`, or else `{login|email, password}`
 * at the top level or nested under `user`.
 */
export function parseLoginSignIn(params: Params): Parsed<UserSignIn> {
  const hasCredentials = ['user', 'login', 'email', 'password'].some((name) => hasParam(params, name));
  if (hasCredentials && hasParam(params, 'provider')) return invalid(qbErrors.base('Give either user credentials or provider, not both'));
  const provider = parseProviderSignIn(params);
  if (provider) return provider;
  const creds = parsePasswordCredentials(objectParam(params, 'user') ?? params);
  return creds.ok ? { ok: true, value: { kind: 'password', creds: creds.value } } : creds;
}

/** The user a sign-in names, or undefined when the credentials are wrong. */
export function resolveSignIn(ctx: RouteContext, app: SandboxApp, signIn: UserSignIn): SandboxUser | undefined {
  switch (signIn.kind) {
    case 'password':
      return authenticatePassword(ctx.state.fixtures, app, signIn.creds, ctx.nowMs());
    case 'facebook':
      return authenticateFacebook(app, signIn.token, signIn.secret);
    case 'firebase_phone':
      return authenticateFirebase(app, signIn.projectId, signIn.accessToken);
  }
}
