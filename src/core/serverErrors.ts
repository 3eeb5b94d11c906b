import type { ErrorKind } from './errors';

/**
 * The server's error strings from either body shape:
 * `{"errors":["Unauthorized"]}` or `{"errors":{"base":["..."],"login":["is missing"]}}`.
 * Field errors read "login is missing"; `base` errors stand alone. Undefined when the body is
 * not a QuickBlox error body.
 */
export function errorMessagesOf(body: unknown): string[] | undefined {
  if (!isObject(body) || !('errors' in body)) return undefined;
  const errors = body.errors;
  if (typeof errors === 'string') return [errors];
  if (Array.isArray(errors)) return errors.map(stringOf);
  if (!isObject(errors)) return undefined;
  const messages: string[] = [];
  for (const [field, value] of Object.entries(errors)) {
    const texts = Array.isArray(value) ? value.map(stringOf) : [stringOf(value)];
    for (const text of texts) messages.push(field === 'base' ? text : `${field} ${text}`);
  }
  return messages;
}

/** The kind of a non-2xx answer, from its body first and its status second. */
export function kindOfFailure(status: number, messages: readonly string[] | undefined): ErrorKind {
  const all = (messages ?? []).join('\n');
  if (/bad timestamp/i.test(all)) return 'bad_timestamp';
  if (/unexpected signature/i.test(all)) return 'invalid_signature';
  if (/required session does not exist/i.test(all)) return 'session_missing';
  if (/need user/i.test(all)) return 'user_required';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status >= 400 && messages !== undefined) return 'validation';
  return 'bad_response';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
