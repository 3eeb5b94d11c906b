/**
 * Demo data for the sandbox: the typed shape of fixtures.json and a validating loader.
 * Every credential in fixtures.json is made up.
 */
import demoFixtures from './fixtures.json';

export interface SandboxUser {
  id: number;
  login: string;
  email: string;
  password: string;
  fullName: string;
  /** ISO 'YYYY-MM-DDTHH:MM:SSZ'; users created at run time get the server clock. */
  createdAt?: string;
}

export interface FacebookToken {
  token: string;
  /** When set, a sign-in must send the same keys[secret]. */
  secret?: string;
  userId: number;
}

export interface FirebaseProject {
  projectId: string;
  accessTokens: { token: string; userId: number }[];
}

export interface CustomIdentity {
  login: string;
  password: string;
  fullName?: string;
  email?: string;
}

export interface SandboxApp {
  name: string;
  applicationId: number;
  authKey: string;
  authSecret: string;
  accountKey: string;
  accountId: number;
  users: SandboxUser[];
  facebookTokens?: FacebookToken[];
  firebase?: FirebaseProject;
  /** Stands in for the customer's identity service: login + password sign-ins are checked here. */
  customIdentityProvider?: { identities: CustomIdentity[] };
}

export interface SandboxFixtures {
  apps: SandboxApp[];
}

export class FixtureError extends Error {}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(obj: Json, key: string, where: string): string {
  const value = obj[key];
  if (typeof value !== 'string' || value === '') throw new FixtureError(`${where}.${key} must be a non-empty string`);
  return value;
}

function optStr(obj: Json, key: string, where: string): string | undefined {
  return obj[key] === undefined ? undefined : str(obj, key, where);
}

function int(obj: Json, key: string, where: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new FixtureError(`${where}.${key} must be a positive integer`);
  }
  return value;
}

function list(obj: Json, key: string, where: string, optional = false): Json[] {
  const value = obj[key];
  if (value === undefined && optional) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw new FixtureError(`${where}.${key} must be an array of objects`);
  return value;
}

function parseUser(raw: Json, where: string): SandboxUser {
  const user: SandboxUser = {
    id: int(raw, 'id', where),
    login: str(raw, 'login', where),
    email: str(raw, 'email', where),
    password: str(raw, 'password', where),
    fullName: str(raw, 'fullName', where),
  };
  const createdAt = optStr(raw, 'createdAt', where);
  if (createdAt !== undefined) user.createdAt = createdAt;
  return user;
}

function parseApp(raw: Json, where: string): SandboxApp {
  const app: SandboxApp = {
    name: str(raw, 'name', where),
    applicationId: int(raw, 'applicationId', where),
    authKey: str(raw, 'authKey', where),
    authSecret: str(raw, 'authSecret', where),
    accountKey: str(raw, 'accountKey', where),
    accountId: int(raw, 'accountId', where),
    users: list(raw, 'users', where).map((u, i) => parseUser(u, `${where}.users[${i}]`)),
  };
  if (raw.facebookTokens !== undefined) {
    app.facebookTokens = list(raw, 'facebookTokens', where).map((t, i) => {
      const w = `${where}.facebookTokens[${i}]`;
      const token: FacebookToken = { token: str(t, 'token', w), userId: int(t, 'userId', w) };
      const secret = optStr(t, 'secret', w);
      if (secret !== undefined) token.secret = secret;
      return token;
    });
  }
  if (raw.firebase !== undefined) {
    const fb = raw.firebase;
    const w = `${where}.firebase`;
    if (!isObject(fb)) throw new FixtureError(`${w} must be an object`);
    app.firebase = {
      projectId: str(fb, 'projectId', w),
      accessTokens: list(fb, 'accessTokens', w).map((t, i) => ({
        token: str(t, 'token', `${w}.accessTokens[${i}]`),
        userId: int(t, 'userId', `${w}.accessTokens[${i}]`),
      })),
    };
  }
  if (raw.customIdentityProvider !== undefined) {
    const cip = raw.customIdentityProvider;
    const w = `${where}.customIdentityProvider`;
    if (!isObject(cip)) throw new FixtureError(`${w} must be an object`);
    app.customIdentityProvider = {
      identities: list(cip, 'identities', w).map((id, i) => {
        const wi = `${w}.identities[${i}]`;
        const identity: CustomIdentity = { login: str(id, 'login', wi), password: str(id, 'password', wi) };
        const fullName = optStr(id, 'fullName', wi);
        const email = optStr(id, 'email', wi);
        if (fullName !== undefined) identity.fullName = fullName;
        if (email !== undefined) identity.email = email;
        return identity;
      }),
    };
  }
  return app;
}

/** Validates untyped data (e.g. a parsed JSON file) and returns a fresh, typed copy. */
export function parseFixtures(value: unknown): SandboxFixtures {
  if (!isObject(value)) throw new FixtureError('fixtures must be an object');
  const apps = list(value, 'apps', 'fixtures').map((a, i) => parseApp(a, `fixtures.apps[${i}]`));
  if (apps.length === 0) throw new FixtureError('fixtures.apps must not be empty');
  const ids = new Set(apps.map((a) => a.applicationId));
  if (ids.size !== apps.length) throw new FixtureError('fixtures.apps: application ids must be unique');
  return { apps };
}

/** A deep copy, so a running sandbox can add users without touching the caller's object. */
export function cloneFixtures(fixtures: SandboxFixtures): SandboxFixtures {
  return structuredClone(fixtures);
}

/** The demo data of fixtures.json, validated; a new copy on every call. */
export function defaultFixtures(): SandboxFixtures {
  return parseFixtures(demoFixtures);
}

/** Looks an app up by name ('demo', 'sandbox-idp'); throws when absent. */
export function appByName(fixtures: SandboxFixtures, name: string): SandboxApp {
  const app = fixtures.apps.find((a) => a.name === name);
  if (!app) throw new FixtureError(`no app named ${name} in the fixtures`);
  return app;
}
