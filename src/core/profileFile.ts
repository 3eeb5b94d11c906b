import { invalidInput } from './errors';
import { profileFieldProblem } from './profileInput';
import type { HashAlgorithm } from './signature';

export const PROFILE_FILE_FORMAT = 'quickblox-sessions.profiles';
export const MAX_PROFILE_FILE_BYTES = 1024 * 1024;
const MAX_PROFILES = 200;

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
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalidInput('file', 'The file is not valid JSON: choose a file written by "QuickBlox: Export Profiles".');
  }
  const file = data as Partial<ProfileFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== PROFILE_FILE_FORMAT || !Array.isArray(file.profiles)) {
    throw invalidInput('file', 'The file is not a QuickBlox Sessions profile export: choose a file written by "QuickBlox: Export Profiles".');
  }
  if (file.version !== 1) throw invalidInput('file', `The file has format version ${String(file.version)}; this version of the extension reads version 1.`);
  if (file.profiles.length > MAX_PROFILES) throw invalidInput('file', `The file holds ${file.profiles.length} profiles; at most ${MAX_PROFILES} can be imported at once.`);
  const names: string[] = [];
  return file.profiles.map((raw: unknown, index) => {
    const where = `Profile ${index + 1}`;
    const entry = raw as Record<string, unknown> | null;
    if (typeof entry !== 'object' || entry === null) throw invalidInput('file', `${where} is not an object.`);
    for (const secret of ['authKey', 'authSecret', 'accountKey', 'auth_key', 'auth_secret', 'password']) {
      if (secret in entry) throw invalidInput('file', `${where} contains "${secret}": profile files never hold secrets; remove it and import again.`);
    }
    const text = (field: string): string => (typeof entry[field] === 'string' ? (entry[field] as string) : typeof entry[field] === 'number' ? String(entry[field]) : '');
    const name = text('name').trim();
    const problem =
      profileFieldProblem('name', name, names) ?? profileFieldProblem('applicationId', text('applicationId')) ?? profileFieldProblem('endpoint', text('endpoint'));
    if (problem) throw invalidInput('file', `${where}${name ? ` ("${name.slice(0, 64)}")` : ''}: ${problem}`);
    names.push(name);
    const hash = entry.hash === undefined ? 'sha1' : entry.hash;
    if (hash !== 'sha1' && hash !== 'sha256') throw invalidInput('file', `${where} ("${name}"): hash must be "sha1" or "sha256".`);
    const users = entry.savedUsers === undefined ? [] : entry.savedUsers;
    if (!Array.isArray(users)) throw invalidInput('file', `${where} ("${name}"): savedUsers must be a list.`);
    const savedUsers = users.map((user: unknown, userIndex): ExportedProfile['savedUsers'][number] => {
      const u = user as { kind?: unknown; identifier?: unknown } | null;
      const kind = u?.kind;
      const identifier = typeof u?.identifier === 'string' ? u.identifier : '';
      if ((kind !== 'login' && kind !== 'email') || profileFieldProblem(kind, identifier)) {
        throw invalidInput('file', `${where} ("${name}"): saved user ${userIndex + 1} needs kind "login" or "email" and a valid identifier.`);
      }
      return { kind, identifier };
    });
    return { name, applicationId: text('applicationId').trim(), endpoint: text('endpoint').trim(), hash, hasAccountKey: entry.hasAccountKey === true, savedUsers };
  });
}
