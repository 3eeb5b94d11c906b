import { tokenProblem } from './validate';

/**
 * A session as QuickBlox answers it. Only `token` is essential; the shape has drifted over the
 * years (`_id` has been a number and a Mongo ObjectId, `device_id` appeared), so every other
 * documented field is here only when the answer carries it well typed.
 */
export interface Session {
  token: string;
  id?: number;
  /** 0 for an application session. */
  user_id?: number;
  application_id?: number;
  nonce?: number;
  ts?: number;
  created_at?: string;
  updated_at?: string;
  /** Sent as text or as a number; kept as text. */
  _id?: string;
  device_id?: string | number;
  /** Every field of the answer's session that is not named above, as received. */
  extra: Record<string, unknown>;
}

/** The fields `readSession` reads by name; every other field of the session goes to `extra`. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set<Exclude<keyof Session, 'extra'>>([
  'token',
  'id',
  'user_id',
  'application_id',
  'nonce',
  'ts',
  'created_at',
  'updated_at',
  '_id',
  'device_id',
]);

/**
 * The `session` of a `{"session": {...}}` body, or a sentence saying why there is none: no
 * session object, or no token usable in a header. Odd or missing fields besides the token are
 * left out, never refused.
 */
export function readSession(body: unknown): Session | string {
  const session = (body as { session?: unknown } | null)?.session;
  if (typeof session !== 'object' || session === null || Array.isArray(session)) return 'the body has no "session" object';
  const raw = session as Record<string, unknown>;
  if (raw.token === undefined || raw.token === null) return 'the session has no token';
  if (typeof raw.token !== 'string') return 'the session token is not text';
  // The token goes into headers, shells and files: one that is not made of token characters is refused, never repeated.
  const problem = tokenProblem(raw.token);
  if (problem) return `the session token ${problem}`;

  const out: Session = { token: raw.token, extra: {} };
  // Field by field by name rather than in a loop over the names: V8 builds the object faster.
  const sessionId = integerOf(raw.id);
  if (sessionId !== undefined) out.id = sessionId;
  const userId = integerOf(raw.user_id);
  if (userId !== undefined) out.user_id = userId;
  const applicationId = integerOf(raw.application_id);
  if (applicationId !== undefined) out.application_id = applicationId;
  const nonce = integerOf(raw.nonce);
  if (nonce !== undefined) out.nonce = nonce;
  const ts = integerOf(raw.ts);
  if (ts !== undefined) out.ts = ts;
  if (typeof raw.created_at === 'string') out.created_at = raw.created_at;
  if (typeof raw.updated_at === 'string') out.updated_at = raw.updated_at;
  const id = raw._id;
  if (typeof id === 'string') out._id = id;
  else if (typeof id === 'number' && Number.isFinite(id)) out._id = String(id);
  const device = raw.device_id;
  if (typeof device === 'string' || (typeof device === 'number' && Number.isFinite(device))) out.device_id = device;
  // fromEntries defines each field as its own property, so a "__proto__" field stays data; most answers have none to keep.
  if (hasUnknownField(raw)) {
    out.extra = Object.fromEntries(Object.entries(raw).filter(([name]) => !KNOWN_FIELDS.has(name)));
  }
  return out;
}

function hasUnknownField(raw: Record<string, unknown>): boolean {
  for (const name in raw) if (Object.hasOwn(raw, name) && !KNOWN_FIELDS.has(name)) return true;
  return false;
}

/** A whole number sent as a number or as decimal text; undefined for anything else or beyond exact doubles. */
function integerOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  const number = typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}
