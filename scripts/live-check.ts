// `npm run test:live`: the opt-in check of the core against the real QuickBlox, to see that the
// service still answers the way src/core and the sandbox expect. It reads
//
//   QB_LIVE_APP_ID, QB_LIVE_AUTH_KEY, QB_LIVE_AUTH_SECRET   required
//   QB_LIVE_ENDPOINT                                         default https://api.quickblox.com
//   QB_LIVE_USER_LOGIN, QB_LIVE_USER_PASSWORD                a user, for the user-session checks
//   QB_LIVE_ACCOUNT_KEY                                      for GET /account_settings.json
//
// Without the three required ones it prints one line saying how to run it and exits 0. It never
// prints or stores their values: everything it prints has them masked. It ends with
// `live: N passed, N failed` and exits 1 when a check failed.
import { randomBytes } from 'node:crypto';
import {
  createSession,
  destroySession,
  getSession,
  isQuickBloxError,
  lookupAccountSettings,
  maskKnown,
  maskWithPrefix,
  upgradeSession,
  type QuickBloxError,
  type Session,
} from '../src/core';

const REQUIRED = ['QB_LIVE_APP_ID', 'QB_LIVE_AUTH_KEY', 'QB_LIVE_AUTH_SECRET'] as const;
const DEFAULT_ENDPOINT = 'https://api.quickblox.com';
const TIMEOUT_MS = 20_000;

interface Live {
  endpoint: string;
  applicationId: string;
  authKey: string;
  authSecret: string;
  user?: { login: string; password: string };
  accountKey?: string;
}

type Check = [name: string, run: () => Promise<string>];

function variable(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Every given value masked in `text`: secrets whole, the application id, login and endpoint by name. */
function masker(live: Live): (text: string) => string {
  const secrets = [live.authSecret, live.authKey, live.user?.password, live.accountKey];
  const named: Array<[string, string]> = [];
  if (live.endpoint !== DEFAULT_ENDPOINT) named.push([live.endpoint, '<QB_LIVE_ENDPOINT>'], [new URL(live.endpoint).host, '<QB_LIVE_ENDPOINT host>']);
  if (live.user) named.push([live.user.login, '<QB_LIVE_USER_LOGIN>']);
  const id = live.applicationId.trim();
  // An id of digits is masked only where it stands as a whole number, not inside a longer one.
  const idPattern = /^\d+$/.test(id) ? new RegExp(`(?<![0-9])${id}(?![0-9])`, 'g') : undefined;
  return (text) => {
    let out = maskKnown(text, { whole: secrets });
    for (const [value, label] of named) out = out.split(value).join(label);
    if (idPattern) return out.replace(idPattern, '<QB_LIVE_APP_ID>');
    return id === '' ? out : out.split(id).join('<QB_LIVE_APP_ID>');
  };
}

function describeSession(session: Session): string {
  const fields = Object.keys(session).filter((name) => name !== 'extra' && name !== 'token');
  const extra = Object.keys(session.extra);
  return [
    `token ${maskWithPrefix(session.token)} (${session.token.length} characters${session.token.split('.').length === 3 ? ', a JWT' : ''})`,
    `fields read: ${fields.join(', ') || 'none besides the token'}`,
    extra.length > 0 ? `fields not in the reference: ${extra.join(', ')}` : 'no fields beyond the reference',
    `user_id ${session.user_id ?? 'absent'}`,
  ].join('; ');
}

function failureText(error: QuickBloxError): string {
  const body = error.response ? `, body ${JSON.stringify(error.response.body.slice(0, 300))}` : '';
  return `${error.kind}${error.status !== undefined ? ` ${error.status}` : ''}${body}: ${error.message}`;
}

function checks(live: Live): Check[] {
  const base = { endpoint: live.endpoint, timeoutMs: TIMEOUT_MS };
  const app = { ...base, applicationId: live.applicationId, authKey: live.authKey, authSecret: live.authSecret };
  let token: string | undefined;
  let firstSession: Session | undefined;

  const list: Check[] = [
    [
      'create an application session (POST /session.json)',
      async () => {
        const result = await createSession({ ...app, auth: { type: 'application' } });
        if (result.session.user_id !== undefined && result.session.user_id !== 0) throw new Error(`user_id is ${result.session.user_id}, not 0`);
        token = result.session.token;
        firstSession = result.session;
        const skew = result.clockSkewSeconds === undefined ? 'no Date header' : `clock skew ${result.clockSkewSeconds} s`;
        return `${result.response.status}; ${describeSession(result.session)}; ${skew}; expiry header ${result.response.headers['qb-token-expirationdate'] ? 'present' : 'absent'}`;
      },
    ],
    [
      'retrieve it (GET /session.json)',
      async () => {
        if (!token) throw new Error('no session to retrieve');
        const result = await getSession({ ...base, token });
        if (result.session.token !== token) throw new Error('the answer holds another token');
        if (firstSession?.id !== undefined && result.session.id !== undefined && result.session.id !== firstSession.id) {
          throw new Error('the answer names another session id');
        }
        return `${result.response.status}; ${describeSession(result.session)}`;
      },
    ],
    [
      'destroy it (DELETE /session.json)',
      async () => {
        if (!token) throw new Error('no session to destroy');
        const result = await destroySession({ ...base, token });
        return `${result.response.status}; body ${JSON.stringify(result.response.body.slice(0, 100))}`;
      },
    ],
    [
      'the destroyed token is refused as "Required session does not exist"',
      async () => {
        if (!token) throw new Error('no destroyed session to try');
        const error = await refusal(getSession({ ...base, token }));
        if (error.kind !== 'session_missing') throw new Error(`expected session_missing, got ${failureText(error)}`);
        return `${error.status}; body ${JSON.stringify(error.response?.body.slice(0, 300) ?? '')}`;
      },
    ],
    [
      live.user ? 'a wrong password is refused with 401 (POST /session.json)' : 'an unknown user is refused with 401 (POST /session.json)',
      async () => {
        const login = live.user?.login ?? `qb-live-check-${randomBytes(6).toString('hex')}`;
        const password = `wrong-${randomBytes(9).toString('hex')}`;
        const error = await refusal(createSession({ ...app, auth: { type: 'login', login, password } }));
        if (error.kind !== 'unauthorized' || error.status !== 401) throw new Error(`expected unauthorized 401, got ${failureText(error)}`);
        const body = error.response?.body ?? '';
        const documented = /^\{\s*"errors"\s*:\s*\[\s*"Unauthorized"\s*\]\s*\}\s*$/.test(body);
        return `401; body ${JSON.stringify(body.slice(0, 300))} (${documented ? 'the documented {"errors":["Unauthorized"]}' : 'NOT the documented {"errors":["Unauthorized"]}'}); userCredentialsSent ${String(error.userCredentialsSent)}`;
      },
    ],
  ];

  const user = live.user;
  if (user) {
    let userToken: string | undefined;
    list.push(
      [
        'create a user session (login and password)',
        async () => {
          const result = await createSession({ ...app, auth: { type: 'login', login: user.login, password: user.password } });
          if (result.session.user_id !== undefined && result.session.user_id <= 0) throw new Error(`user_id is ${result.session.user_id}`);
          userToken = result.session.token;
          return `${result.response.status}; ${describeSession(result.session)}`;
        },
      ],
      [
        'destroy the user session',
        async () => {
          if (!userToken) throw new Error('no user session to destroy');
          const result = await destroySession({ ...base, token: userToken });
          return String(result.response.status);
        },
      ],
      [
        'sign the user in to an application session (POST /login.json), then destroy it',
        async () => {
          const created = await createSession({ ...app, auth: { type: 'application' } });
          const session = { ...base, token: created.session.token };
          try {
            const upgraded = await upgradeSession({ ...session, user: { login: user.login, password: user.password } });
            const after = await getSession(session);
            if (after.session.user_id !== undefined && after.session.user_id !== upgraded.userId) {
              throw new Error(`the session names user ${after.session.user_id}, the sign-in user ${upgraded.userId}`);
            }
            return `${upgraded.response.status}; user ${upgraded.userId}; the session then names user ${after.session.user_id ?? 'absent'}`;
          } finally {
            await destroySession(session).catch(() => undefined);
          }
        },
      ],
    );
  }

  const accountKey = live.accountKey;
  if (accountKey) {
    list.push([
      'look up the account settings (GET /account_settings.json)',
      async () => {
        const result = await lookupAccountSettings({ accountKey, timeoutMs: TIMEOUT_MS });
        const same = result.apiEndpoint === live.endpoint ? 'the endpoint in use' : 'another host than the endpoint in use';
        return `${result.response.status}; api_endpoint is ${same}; chat_endpoint ${result.chatEndpoint ? 'present' : 'absent'}`;
      },
    ]);
  }
  return list;
}

/** The QuickBloxError a call is expected to end in. */
async function refusal(call: Promise<unknown>): Promise<QuickBloxError> {
  try {
    await call;
  } catch (error) {
    if (isQuickBloxError(error)) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

async function main(): Promise<number> {
  if (REQUIRED.some((name) => variable(name) === undefined)) {
    console.log(
      'live: not run: set QB_LIVE_APP_ID, QB_LIVE_AUTH_KEY and QB_LIVE_AUTH_SECRET (optionally QB_LIVE_ENDPOINT, QB_LIVE_USER_LOGIN with QB_LIVE_USER_PASSWORD, QB_LIVE_ACCOUNT_KEY) and run npm run test:live to check against the real QuickBlox.',
    );
    return 0;
  }
  const login = variable('QB_LIVE_USER_LOGIN');
  const password = variable('QB_LIVE_USER_PASSWORD');
  const accountKey = variable('QB_LIVE_ACCOUNT_KEY');
  const live: Live = {
    endpoint: variable('QB_LIVE_ENDPOINT')?.trim().replace(/\/+$/, '') ?? DEFAULT_ENDPOINT,
    applicationId: variable('QB_LIVE_APP_ID') as string,
    authKey: variable('QB_LIVE_AUTH_KEY') as string,
    authSecret: variable('QB_LIVE_AUTH_SECRET') as string,
    ...(login && password ? { user: { login, password } } : {}),
    ...(accountKey ? { accountKey } : {}),
  };
  let mask: (text: string) => string;
  try {
    mask = masker(live);
  } catch {
    console.log('live: QB_LIVE_ENDPOINT is not an absolute URL such as https://api.quickblox.com.');
    console.log('live: 0 passed, 1 failed');
    return 1;
  }
  const say = (text: string): void => console.log(mask(text));

  say(
    `live: checking ${live.endpoint === DEFAULT_ENDPOINT ? DEFAULT_ENDPOINT : 'QB_LIVE_ENDPOINT'}${live.user ? ' with a user' : ''}${live.accountKey ? ' and the account key' : ''}`,
  );
  if ((login === undefined) !== (password === undefined)) say('  (user checks left out: set both QB_LIVE_USER_LOGIN and QB_LIVE_USER_PASSWORD)');
  let passed = 0;
  let failed = 0;
  for (const [name, run] of checks(live)) {
    try {
      const detail = await run();
      passed++;
      say(`  ✓ ${name}: ${detail}`);
    } catch (error) {
      failed++;
      say(`  ✗ ${name}: ${isQuickBloxError(error) ? failureText(error) : error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`live: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only a bug in this script gets here; its message may quote a value, so it is not printed.
    console.log(`live: the check stopped unexpectedly (${error instanceof Error ? error.name : typeof error})`);
    console.log('live: 0 passed, 1 failed');
    process.exitCode = 1;
  },
);
