/** The session object of the reference page: all nine fields. */
export interface Session {
  application_id: number;
  created_at: string;
  id: number;
  nonce: number;
  token: string;
  ts: number;
  updated_at: string;
  user_id: number;
  _id: string;
}

import { tokenProblem } from './validate';

const INTEGER_FIELDS = ['application_id', 'id', 'nonce', 'ts', 'user_id'] as const;
const TEXT_FIELDS = ['created_at', 'token', 'updated_at', '_id'] as const;

/**
 * The `session` of a `{"session": {...}}` body with its types checked (integers sent as numeric
 * text are accepted), or a sentence naming what is missing or wrong.
 */
export function readSession(body: unknown): Session | string {
  const session = (body as { session?: unknown } | null)?.session;
  if (typeof session !== 'object' || session === null) return 'the body has no "session" object';
  const raw = session as Record<string, unknown>;
  const wrong: string[] = [];
  const out: Record<string, unknown> = {};
  for (const name of INTEGER_FIELDS) {
    const value = typeof raw[name] === 'string' && /^-?\d+$/.test(raw[name] as string) ? Number(raw[name]) : raw[name];
    if (typeof value === 'number' && Number.isInteger(value)) out[name] = value;
    else wrong.push(name);
  }
  for (const name of TEXT_FIELDS) {
    const value = typeof raw[name] === 'number' && name === '_id' ? String(raw[name]) : raw[name];
    if (typeof value === 'string' && (value !== '' || name !== 'token')) out[name] = value;
    else wrong.push(name);
  }
  // The token goes into headers, shells and files: one that is not made of token characters is refused, never repeated.
  const problem = typeof raw.token === 'string' && raw.token !== '' ? tokenProblem(raw.token) : undefined;
  if (problem) return `the session token ${problem}`;
  if (wrong.length > 0) return `the session's ${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} missing or malformed`;
  return out as unknown as Session;
}
