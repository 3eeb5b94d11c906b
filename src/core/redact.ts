/** What a fully masked value reads as; its length says nothing about the secret's. */
export const FULL_MASK = '••••••••';

const PREFIX_MAX = 6;
const SHORTEST_WITH_PREFIX = 12;

/**
 * A token, key or signature reduced to a short prefix (`c56f38…`) that lets a person tell two
 * apart without revealing either. Short values are masked whole.
 */
export function maskWithPrefix(value: string): string {
  if (value.length < SHORTEST_WITH_PREFIX) return FULL_MASK;
  return value.slice(0, Math.min(PREFIX_MAX, Math.floor(value.length / 4))) + '…';
}

/** Passwords and auth secrets: nothing of them is kept. */
export function maskWhole(value: string): string {
  return value.length === 0 ? value : FULL_MASK;
}

export interface SecretValues {
  /** Masked whole: passwords, auth secrets. */
  whole?: ReadonlyArray<string | undefined>;
  /** Masked to a short prefix: auth keys, account keys, provider tokens, session tokens, signatures. */
  prefixed?: ReadonlyArray<string | undefined>;
}

/** Body and header names whose values are secret wherever they appear. */
const SECRET_NAMES =
  'auth_key|auth_secret|authSecret|authKey|account_key|accountKey|password|token|secret|access_token|accessToken|signature|qb-token|qb-account-key';
/** Of those, the ones masked whole. */
const WHOLE_NAMES = /password|secret/i;

/** `"name": "value"` in JSON text. */
const JSON_FIELD = new RegExp(`("(${SECRET_NAMES})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`, 'gi');
/** `name=value` in query or signature strings, including `user[password]=value`. */
const PAIR = new RegExp(`((?:^|[&?\\s])(?:\\w+\\[)?(${SECRET_NAMES})\\]?=)([^&\\s]*)`, 'gi');
/** `QB-Token: value` header lines. */
const HEADER = /((qb-token|qb-account-key)\s*:\s*)(\S+)/gi;

/**
 * Masks secrets in text meant for logs: every known secret value wherever it appears (see
 * `maskKnown`), and the values of secret-named fields in JSON, query strings and headers even when
 * not known.
 */
export function redactText(text: string, secrets: SecretValues = {}): string {
  const named = (_m: string, head: string, name: string, value: string): string => head + maskNamed(name, value);
  return maskKnown(text, secrets)
    .replace(JSON_FIELD, (_m: string, head: string, name: string, value: string, tail: string) => head + maskNamed(name, value) + tail)
    .replace(PAIR, named)
    .replace(HEADER, named);
}

/** Values at least this long are also found in any letter case (shorter ones would match ordinary words). */
const CASE_FOLDED_FROM = 8;

/**
 * Masks every known secret value wherever it appears: as it is, URL-encoded (`%2F`, or `+` for a
 * space), JSON-escaped, and, for values of eight characters or more, in any letter case (a server
 * that echoes a key in upper case, or encodes it with lower-case hex, still gets it masked).
 * Leaves everything else as it is, so a body stays the body it was.
 */
export function maskKnown(text: string, secrets: SecretValues = {}): string {
  return knownMasker(secrets)(text);
}

/** `maskKnown` for one set of secrets, and a quick look for them. */
export interface KnownMasker {
  (text: string): string;
  /** Whether the text holds any known secret in any form: when not, masking leaves it as it is. */
  finds(text: string): boolean;
}

/**
 * `maskKnown` for many texts with the same secrets (a response's body, status text and every
 * header): the search is built once, as one pattern per letter-case rule, longest forms first.
 */
export function knownMasker(secrets: SecretValues = {}): KnownMasker {
  const folded = new Map<string, string>();
  const exact = new Map<string, string>();
  const add = (value: string, mask: string): void => {
    for (const form of formsOf(value)) {
      if (value.length >= CASE_FOLDED_FROM) {
        if (!folded.has(form.toLowerCase())) folded.set(form.toLowerCase(), mask);
      } else if (!exact.has(form)) exact.set(form, mask);
    }
  };
  for (const value of secrets.whole ?? []) if (value) add(value, maskWhole(value));
  for (const value of secrets.prefixed ?? []) if (value) add(value, maskWithPrefix(value));
  const pattern = (forms: Iterable<string>, flags: string): RegExp | undefined => {
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    return sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), flags) : undefined;
  };
  const foldedForms = [...folded.keys()];
  const exactForms = [...exact.keys()];
  const holdsFolded = (text: string): boolean => {
    if (foldedForms.length === 0) return false;
    const lower = text.toLowerCase();
    return foldedForms.some((form) => lower.includes(form));
  };
  const holdsExact = (text: string): boolean => exactForms.some((form) => text.includes(form));
  // The patterns are built the first time a text holds a secret: most texts hold none.
  let foldedPattern: RegExp | undefined;
  let exactPattern: RegExp | undefined;
  const mask = (text: string): string => {
    let out = text;
    if (holdsFolded(out)) {
      foldedPattern ??= pattern(foldedForms, 'gi');
      if (foldedPattern) out = out.replace(foldedPattern, (found) => folded.get(found.toLowerCase()) ?? found);
    }
    if (holdsExact(out)) {
      exactPattern ??= pattern(exactForms, 'g');
      if (exactPattern) out = out.replace(exactPattern, (found) => exact.get(found) ?? found);
    }
    return out;
  };
  return Object.assign(mask, { finds: (text: string): boolean => holdsFolded(text) || holdsExact(text) });
}

/** Characters that URL-encoding and JSON-escaping both leave as they are: a value made only of them has one form. */
const SAME_IN_EVERY_FORM = /^[A-Za-z0-9_.!~*'()-]*$/;

function formsOf(value: string): string[] {
  if (SAME_IN_EVERY_FORM.test(value)) return [value];
  const encoded = encodeURIComponent(value);
  return [...new Set([value, encoded, encoded.replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)])].sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Masks a value by the name it stands under: whole for passwords and secrets, else a prefix. */
export function maskNamed(name: string, value: string): string {
  if (value === '' || value === FULL_MASK || value.endsWith('…')) return value;
  return WHOLE_NAMES.test(name) ? maskWhole(value) : maskWithPrefix(value);
}
