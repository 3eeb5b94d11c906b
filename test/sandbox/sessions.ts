/**
 * Session tokens with QuickBlox's sliding expiry: a token lives 2 hours after the last request
 * made with it, measured on the server clock.
 */
import type { SandboxBehaviour, SessionShape } from './behaviour';
import { isoSeconds } from './clock';
import { hexToken, jwtToken, objectId } from './tokens';

export const SESSION_TTL_MS = 2 * 3600 * 1000;
const FIRST_SESSION_ID = 51_000_001;

export interface SessionRecord {
  id: number;
  token: string;
  applicationId: number;
  /** 0 for an application session. */
  userId: number;
  nonce: number;
  ts: number;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number;
  /** The `_id` sent when the session shape asks for a Mongo ObjectId. */
  objectId: string;
}

/** The documented nine fields; with a drifted shape some may be missing and `device_id` added. */
export interface SessionJson {
  application_id?: number;
  created_at?: string;
  id?: number;
  nonce?: number;
  token: string;
  ts?: number;
  updated_at?: string;
  user_id?: number;
  _id?: string;
  device_id?: number;
}

const DOCUMENTED_SHAPE: SessionShape = { id: 'numeric_string', deviceId: false, omit: [] };

/** The session object of a 201/200 answer, in the documented shape unless `shape` says otherwise. */
export function sessionJson(session: SessionRecord, shape: SessionShape = DOCUMENTED_SHAPE): SessionJson {
  const json: SessionJson = {
    application_id: session.applicationId,
    created_at: isoSeconds(session.createdAt),
    id: session.id,
    nonce: session.nonce,
    token: session.token,
    ts: session.ts,
    updated_at: isoSeconds(session.updatedAt),
    user_id: session.userId,
  };
  if (shape.id === 'numeric_string') json._id = String(session.id);
  else if (shape.id === 'object_id') json._id = session.objectId;
  // No device is ever registered in the sandbox; the value is a guess (see README).
  if (shape.deviceId) json.device_id = 0;
  for (const field of shape.omit) delete json[field];
  return json;
}

export function expiresAt(session: SessionRecord): number {
  return session.lastUsedAt + SESSION_TTL_MS;
}

/** A live session as tests see it (Sandbox.sessions(), GET /_sandbox/sessions): token included. */
export interface IssuedSession {
  id: number;
  token: string;
  applicationId: number;
  /** 0 for an application session. */
  userId: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export function issuedSession(session: SessionRecord): IssuedSession {
  return {
    id: session.id,
    token: session.token,
    applicationId: session.applicationId,
    userId: session.userId,
    createdAt: isoSeconds(session.createdAt),
    updatedAt: isoSeconds(session.updatedAt),
    expiresAt: isoSeconds(expiresAt(session)),
  };
}

export class SessionStore {
  private readonly byToken = new Map<string, SessionRecord>();
  /** Every session issued since the last clear, ended and expired ones too (tests audit their tokens). */
  private readonly issued: SessionRecord[] = [];
  private nextId = FIRST_SESSION_ID;
  private lastPrunedAt = -Infinity;

  create(
    fields: { applicationId: number; userId: number; nonce: number; ts: number },
    nowMs: number,
    tokenFormat: SandboxBehaviour['tokenFormat'] = 'hex',
  ): SessionRecord {
    this.prune(nowMs);
    const id = this.nextId++;
    let token = '';
    do {
      token = tokenFormat === 'jwt' ? jwtToken({ ...fields, sessionId: id, issuedAtMs: nowMs, expiresAtMs: nowMs + SESSION_TTL_MS }) : hexToken();
    } while (this.byToken.has(token));
    const session: SessionRecord = { ...fields, id, token, createdAt: nowMs, updatedAt: nowMs, lastUsedAt: nowMs, objectId: objectId(nowMs) };
    this.byToken.set(session.token, session);
    this.issued.push(session);
    return session;
  }

  /** Every session issued since the last clear, oldest first, whether it still lives or not. */
  history(): SessionRecord[] {
    return [...this.issued];
  }

  /** The live session for a token, or undefined when unknown or expired (expired ones are dropped). */
  find(token: string, nowMs: number): SessionRecord | undefined {
    const session = this.byToken.get(token);
    if (!session) return undefined;
    if (nowMs >= expiresAt(session)) {
      this.byToken.delete(token);
      return undefined;
    }
    return session;
  }

  /** A request was made with the session: slide its expiry. */
  touch(session: SessionRecord, nowMs: number): void {
    session.updatedAt = nowMs;
    session.lastUsedAt = nowMs;
  }

  /** The live sessions, oldest first. */
  list(nowMs: number): SessionRecord[] {
    return [...this.byToken.values()].filter((session) => nowMs < expiresAt(session));
  }

  destroy(token: string): boolean {
    return this.byToken.delete(token);
  }

  get size(): number {
    return this.byToken.size;
  }

  /** Drops expired sessions; a full pass runs at most once a minute (find() drops them too). */
  prune(nowMs: number): void {
    if (Math.abs(nowMs - this.lastPrunedAt) < 60_000) return;
    this.lastPrunedAt = nowMs;
    for (const [token, session] of this.byToken) {
      if (nowMs >= expiresAt(session)) this.byToken.delete(token);
    }
  }

  clear(): void {
    this.byToken.clear();
    this.issued.length = 0;
    this.lastPrunedAt = -Infinity;
    this.nextId = FIRST_SESSION_ID;
  }
}
