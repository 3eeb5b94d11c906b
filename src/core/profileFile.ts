import { MAX_JSON_DEPTH, parseBoundedJson } from './boundedJson';
import { invalidInput } from './errors';
import { profileFieldProblem } from './profileInput';
import type { HashAlgorithm } from './signature';

export const PROFILE_FILE_FORMAT = 'quickblox-sessions.profiles';
export const MAX_PROFILE_FILE_BYTES = 1024 * 1024;
const MAX_PROFILES = 200;
const MAX_SAVED_USERS = 50;

/** A profile as exported: never a key, secret or password. */
export interface ExportedProfile {
  name: string;
  applicationId: string;
  endpoint: string;
  hash: HashAlgorithm;
  hasAccountKey: boolean;
  savedUsers: Array<{ kind: 'login' | 'email'; identifier: string }>;
}

export interface ProfileFile {
  format: typeof PROFILE_FILE_FORMAT;
  version: 1;
  profiles: ExportedProfile[];
}

export function profileFileText(profiles: ExportedProfile[]): string {
  const file: ProfileFile = { format: PROFILE_FILE_FORMAT, version: 1, profiles };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads an export file; every field is checked, and secrets found in it are refused rather than
 * imported. Throws `invalid_input` naming the first problem and where it is.
 */
export function parseProfileFile(text: string): ExportedProfile[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_PROFILE_FILE_BYTES) throw invalidInput('file', 'The file is larger than 1 MiB: it is not a profile export.');
  // An editor may have saved the export again with a byte-order mark.
  const parsed = parseBoundedJson(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok && parsed.problem === 'too_deep') {
    throw invalidInput(
      'file',
      `The file nests more than ${MAX_JSON_DEPTH} levels deep, which no profile export does: choose a file written by "QuickBlox: Export Profiles".`,
    );
  }
  if (!parsed.ok) throw invalidInput('file', 'The file is not valid JSON: choose a file written by "QuickBlox: Export Profiles".');
  const data = parsed.value;
  const file = data as Partial<ProfileFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== PROFILE_FILE_FORMAT || !Array.isArray(file.profiles)) {
    throw invalidInput('file', 'The file is not a QuickBlox Sessions profile export: choose a file written by "QuickBlox: Export Profiles".');
  }
  if (file.version === undefined) throw invalidInput('file', 'The file names no format version: choose a file written by "QuickBlox: Export Profiles".');
  if (file.version !== 1) {
    throw invalidInput(
      'file',
      `The file has format version ${JSON.stringify(file.version).slice(0, 20)}; this version of QuickBlox Sessions reads version 1: use a newer version of the extension to import it.`,
    );
  }
  if (file.profiles.length > MAX_PROFILES) {
    throw invalidInput('file', `The file holds ${file.profiles.length} profiles; at most ${MAX_PROFILES} can be imported at once.`);
  }
  const names: string[] = [];
  return file.profiles.map((raw: unknown, index) => {
    const where = `Profile ${index + 1}`;
    const entry = raw as Record<string, unknown> | null;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw invalidInput('file', `${where} is not a profile: each entry needs "name", "applicationId" and "endpoint"; fix or remove it.`);
    }
    for (const secret of ['authKey', 'authSecret', 'accountKey', 'auth_key', 'auth_secret', 'password']) {
      if (secret in entry) throw invalidInput('file', `${where} contains "${secret}": profile files never hold secrets; remove it and import again.`);
    }
    const text = (field: string): string =>
      typeof entry[field] === 'string' ? (entry[field] as string) : typeof entry[field] === 'number' ? String(entry[field]) : '';
    const name = text('name').trim();
    const problem =
      profileFieldProblem('name', name, names) ??
      profileFieldProblem('applicationId', text('applicationId')) ??
      profileFieldProblem('endpoint', text('endpoint'));
    if (problem) throw invalidInput('file', `${where}${name ? ` ("${printable(name)}")` : ''}: ${problem}`);
    names.push(name);
    const hash = entry.hash === undefined ? 'sha1' : entry.hash;
    if (hash !== 'sha1' && hash !== 'sha256') throw invalidInput('file', `${where} ("${printable(name)}"): hash must be "sha1" or "sha256".`);
    const users = entry.savedUsers === undefined ? [] : entry.savedUsers;
    if (!Array.isArray(users)) throw invalidInput('file', `${where} ("${printable(name)}"): savedUsers must be a list.`);
    if (users.length > MAX_SAVED_USERS) {
      throw invalidInput('file', `${where} ("${printable(name)}") has ${users.length} saved users; at most ${MAX_SAVED_USERS} can be imported per profile.`);
    }
    const savedUsers = users.map((user: unknown, userIndex): ExportedProfile['savedUsers'][number] => {
      const u = user as { kind?: unknown; identifier?: unknown } | null;
      const kind = u?.kind;
      const identifier = typeof u?.identifier === 'string' ? u.identifier : '';
      if ((kind !== 'login' && kind !== 'email') || profileFieldProblem(kind, identifier)) {
        throw invalidInput('file', `${where} ("${printable(name)}"): saved user ${userIndex + 1} needs kind "login" or "email" and a valid identifier.`);
      }
      return { kind, identifier };
    });
    return {
      name,
      applicationId: text('applicationId').trim(),
      endpoint: text('endpoint').trim(),
      hash,
      hasAccountKey: entry.hasAccountKey === true,
      savedUsers,
    };
  });
}

/** A name as it may be quoted in a message: short, with control and invisible characters shown as "?". */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.slice(0, 64).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"]/g, '?');
}
