/**
 * Behaviour switches: answers that differ between reports of the real service, or that have
 * drifted over the years. Unlike faults they are not used up; they hold until changed or until
 * reset() puts back the values the sandbox was started with. The defaults keep the documented
 * answers, so a test that sets nothing sees what it saw before.
 */

/** The session fields that may be left out; `token` is the one field always sent. */
export const OMITTABLE_SESSION_FIELDS = ['application_id', 'created_at', 'id', 'nonce', 'ts', 'updated_at', 'user_id', '_id'] as const;
export type OmittableSessionField = (typeof OMITTABLE_SESSION_FIELDS)[number];

export interface SessionShape {
  /**
   * `_id` as the reference page shows it (the numeric id as a string, the default), as a 24-hex
   * Mongo ObjectId string, or left out.
   */
  id: 'numeric_string' | 'object_id' | 'absent';
  /** Adds a `device_id` field (default false). */
  deviceId: boolean;
  /** Fields to leave out (default none); `token` cannot be left out. */
  omit: OmittableSessionField[];
}

export interface SandboxBehaviour {
  /** Status of "Forbidden. Need user." (both are reported); default 422. */
  needUserStatus: 403 | 422;
  /** `hex`: 40 hex digits, as on the reference page (default); `jwt`: three base64url parts, several hundred characters. */
  tokenFormat: 'hex' | 'jwt';
  sessionShape: SessionShape;
  /** `api_endpoint` of GET /account_settings.json; null (the default) means this sandbox's own URL. */
  apiEndpoint: string | null;
  /** `chat_endpoint` of GET /account_settings.json. */
  chatEndpoint: string;
}

/** What startSandbox({ behaviour }), setBehaviour() and POST /_sandbox/behaviour take: any subset. */
export interface BehaviourPatch {
  needUserStatus?: 403 | 422;
  tokenFormat?: 'hex' | 'jwt';
  /** Replaces the whole shape; keys left out take their defaults. */
  sessionShape?: Partial<SessionShape>;
  apiEndpoint?: string | null;
  chatEndpoint?: string;
}

export const DEFAULT_CHAT_ENDPOINT = 'chat.sandbox.local';

export function defaultBehaviour(): SandboxBehaviour {
  return {
    needUserStatus: 422,
    tokenFormat: 'hex',
    sessionShape: { id: 'numeric_string', deviceId: false, omit: [] },
    apiEndpoint: null,
    chatEndpoint: DEFAULT_CHAT_ENDPOINT,
  };
}

export class BehaviourError extends Error {}

type Raw = Record<string, unknown>;

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KEYS = ['needUserStatus', 'tokenFormat', 'sessionShape', 'apiEndpoint', 'chatEndpoint'];
const SHAPE_KEYS = ['id', 'deviceId', 'omit'];

function unknownKeys(raw: Raw, allowed: string[], where: string): void {
  const extra = Object.keys(raw).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw new BehaviourError(`unknown ${where} key ${extra[0]}; use ${allowed.join(', ')}`);
}

function parseShape(value: unknown): SessionShape {
  if (!isRaw(value)) throw new BehaviourError('sessionShape must be an object');
  unknownKeys(value, SHAPE_KEYS, 'sessionShape');
  const shape = defaultBehaviour().sessionShape;
  if (value.id !== undefined) {
    if (value.id !== 'numeric_string' && value.id !== 'object_id' && value.id !== 'absent') {
      throw new BehaviourError('sessionShape.id must be "numeric_string", "object_id" or "absent"');
    }
    shape.id = value.id;
  }
  if (value.deviceId !== undefined) {
    if (typeof value.deviceId !== 'boolean') throw new BehaviourError('sessionShape.deviceId must be true or false');
    shape.deviceId = value.deviceId;
  }
  if (value.omit !== undefined) {
    if (!Array.isArray(value.omit)) throw new BehaviourError('sessionShape.omit must be an array of field names');
    for (const field of value.omit as unknown[]) {
      if (field === 'token') throw new BehaviourError('sessionShape.omit cannot hold token: it is the one field always sent');
      if (typeof field !== 'string' || !(OMITTABLE_SESSION_FIELDS as readonly string[]).includes(field)) {
        throw new BehaviourError(`sessionShape.omit may hold ${OMITTABLE_SESSION_FIELDS.join(', ')}`);
      }
      if (!shape.omit.includes(field as OmittableSessionField)) shape.omit.push(field as OmittableSessionField);
    }
  }
  return shape;
}

function parseEndpoint(value: unknown, key: string): string {
  if (typeof value !== 'string' || value.trim() === '' || /\s/.test(value)) throw new BehaviourError(`${key} must be a non-empty string without spaces`);
  return value;
}

/** Validates a patch from untyped input (JSON, or a JS caller). */
export function parseBehaviourPatch(value: unknown): BehaviourPatch {
  if (!isRaw(value)) throw new BehaviourError('behaviour must be an object');
  unknownKeys(value, KEYS, 'behaviour');
  const patch: BehaviourPatch = {};
  if (value.needUserStatus !== undefined) {
    if (value.needUserStatus !== 403 && value.needUserStatus !== 422) throw new BehaviourError('needUserStatus must be 403 or 422');
    patch.needUserStatus = value.needUserStatus;
  }
  if (value.tokenFormat !== undefined) {
    if (value.tokenFormat !== 'hex' && value.tokenFormat !== 'jwt') throw new BehaviourError('tokenFormat must be "hex" or "jwt"');
    patch.tokenFormat = value.tokenFormat;
  }
  if (value.sessionShape !== undefined) patch.sessionShape = parseShape(value.sessionShape);
  if (value.apiEndpoint !== undefined) patch.apiEndpoint = value.apiEndpoint === null ? null : parseEndpoint(value.apiEndpoint, 'apiEndpoint');
  if (value.chatEndpoint !== undefined) patch.chatEndpoint = parseEndpoint(value.chatEndpoint, 'chatEndpoint');
  return patch;
}

/** `base` with `patch` applied (validated first); `base` is not changed. */
export function applyBehaviour(base: SandboxBehaviour, patch: unknown): SandboxBehaviour {
  const parsed = parseBehaviourPatch(patch);
  const next: SandboxBehaviour = cloneBehaviour(base);
  if (parsed.needUserStatus !== undefined) next.needUserStatus = parsed.needUserStatus;
  if (parsed.tokenFormat !== undefined) next.tokenFormat = parsed.tokenFormat;
  if (parsed.sessionShape !== undefined) next.sessionShape = parseShape(parsed.sessionShape);
  if (parsed.apiEndpoint !== undefined) next.apiEndpoint = parsed.apiEndpoint;
  if (parsed.chatEndpoint !== undefined) next.chatEndpoint = parsed.chatEndpoint;
  return next;
}

export function cloneBehaviour(behaviour: SandboxBehaviour): SandboxBehaviour {
  return { ...behaviour, sessionShape: { ...behaviour.sessionShape, omit: [...behaviour.sessionShape.omit] } };
}
