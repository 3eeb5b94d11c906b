/**
 * Setting one variable in a workspace's .env file while keeping every other byte.
 *
 * `setEnvVariableInBytes` works on the file's bytes: they are read as latin1 (one char per byte),
 * so content that is not UTF-8 survives the round trip, and the new line is written as UTF-8.
 * `setEnvVariable` does the same on text. Lines end in CRLF, LF or a lone CR, counted as editors
 * count them.
 */

export const DEFAULT_ENV_VARIABLE = 'QUICKBLOX_TOKEN';

const MAX_NAME_LENGTH = 128;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Values made only of these need no quotes, for shells and dotenv parsers alike. */
const SAFE_VALUE = /^[A-Za-z0-9_\-.:/+=@,]*$/;
/** The UTF-8 byte order mark as latin1 text, and as the character itself. */
const BYTE_ORDER_MARKS = ['\xef\xbb\xbf', '\ufeff'];
/** Leading blanks, an optional `export`, a name, then `=`; group 1 is kept when the line is rewritten. */
const ASSIGNMENT = /^([ \t]*(?:export[ \t]+)?)([A-Za-z0-9_]+)[ \t]*=/;

/**
 * A name shells and dotenv parsers accept: letters, digits and underscores, not starting with a
 * digit (and at most 128 characters, so it agrees with `envVariableNameProblem`).
 */
export function isEnvVariableName(name: string): boolean {
  return envVariableNameProblem(name) === undefined;
}

/** A sentence saying what to change, or undefined when the name is fine (for an input box's validation). */
export function envVariableNameProblem(name: string): string | undefined {
  if (name === '') return `Enter a variable name, such as ${DEFAULT_ENV_VARIABLE}.`;
  if (!NAME.test(name)) {
    return `A variable name holds only English letters, digits and underscores and does not start with a digit: enter a name such as ${DEFAULT_ENV_VARIABLE}.`;
  }
  if (name.length > MAX_NAME_LENGTH) {
    return `The variable name is longer than ${MAX_NAME_LENGTH} characters: enter a shorter name, such as ${DEFAULT_ENV_VARIABLE}.`;
  }
  return undefined;
}

export interface EnvUpdate {
  text: string;
  change: 'added' | 'replaced' | 'unchanged';
  /** 1-based line numbers of the assignments written or kept (for revealing them in an editor). */
  lines: number[];
}

interface Line {
  content: string;
  /** '\r\n', '\n', '\r', or '' for a last line without one. */
  ending: string;
}

/**
 * Sets `name` to `value` in the text of a .env file. Throws (plain Error with a clear message) for
 * a bad name or a value holding a line break or NUL.
 *
 * Every assignment of `name` is rewritten whole: its indentation and `export` prefix stay, while
 * the old value goes, together with any trailing comment on that line (`NAME=abc # note`), since
 * telling a comment from part of an unquoted value is guesswork. A quoted old value spanning
 * several lines is not followed: only its first line is an assignment. Without an assignment,
 * one is appended. All other lines, line endings and a byte order mark are kept as they are.
 */
export function setEnvVariable(text: string, name: string, value: string): EnvUpdate {
  return setAssignment(text, name, `${checkedName(name)}=${formatValue(name, value)}`);
}

export interface EnvBytesUpdate {
  bytes: Buffer;
  change: EnvUpdate['change'];
  lines: number[];
}

/**
 * `setEnvVariable` on a file's bytes: every other line keeps its bytes, whatever their encoding,
 * and the assignment is written as UTF-8, whole (no character is cut to a byte).
 */
export function setEnvVariableInBytes(bytes: Uint8Array, name: string, value: string): EnvBytesUpdate {
  const assignment = Buffer.from(`${checkedName(name)}=${formatValue(name, value)}`, 'utf8').toString('latin1');
  const update = setAssignment(Buffer.from(bytes).toString('latin1'), name, assignment);
  return { bytes: Buffer.from(update.text, 'latin1'), change: update.change, lines: update.lines };
}

function checkedName(name: string): string {
  const problem = envVariableNameProblem(name);
  if (problem !== undefined) throw new Error(problem);
  return name;
}

function setAssignment(text: string, name: string, assignment: string): EnvUpdate {
  const mark = BYTE_ORDER_MARKS.find((candidate) => text.startsWith(candidate)) ?? '';
  const lines = splitLines(text.slice(mark.length));
  const numbers: number[] = [];
  let changed = false;
  lines.forEach((line, index) => {
    const match = ASSIGNMENT.exec(line.content);
    if (!match || match[2] !== name) return;
    const content = match[1] + assignment;
    if (content !== line.content) changed = true;
    line.content = content;
    numbers.push(index + 1);
  });
  if (numbers.length > 0) return { text: mark + joinLines(lines), change: changed ? 'replaced' : 'unchanged', lines: numbers };

  const newline = lines[0]?.ending === '\r\n' ? '\r\n' : '\n';
  const last = lines.at(-1);
  if (last && last.ending === '') last.ending = newline;
  lines.push({ content: assignment, ending: newline });
  return { text: mark + joinLines(lines), change: 'added', lines: [lines.length] };
}

/** The value as written after `=`: raw when safe, else double-quoted with `\`, `"`, `$` and backticks escaped. */
function formatValue(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`The value for ${name} holds a line break, which a .env line cannot hold.`);
  if (value.includes('\0')) throw new Error(`The value for ${name} holds a NUL character, which a .env file cannot hold.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029]/.test(value)) {
    throw new Error(`The value for ${name} holds a control character, which a .env line must not hold.`);
  }
  if (SAFE_VALUE.test(value)) return value;
  return `"${value.replace(/[\\"$`]/g, '\\$&')}"`;
}

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const match of body.matchAll(/\r\n|\r|\n/g)) {
    lines.push({ content: body.slice(start, match.index), ending: match[0] });
    start = match.index + match[0].length;
  }
  if (start < body.length) lines.push({ content: body.slice(start), ending: '' });
  return lines;
}

function joinLines(lines: readonly Line[]): string {
  return lines.map((line) => line.content + line.ending).join('');
}

/** Folders a token is never written into: the repository's own data and the editor's settings. */
const PROTECTED_FOLDERS = ['.git', '.vscode'];

/**
 * What is wrong with a path (relative to a workspace folder, `/` or `\` between parts) as the
 * file to write a token to, as the end of a sentence, or undefined when it is fine: it must stay
 * inside the folder and outside `.git/` and `.vscode/`. Used on the setting as written and again
 * on the path the file system resolves it to.
 */
export function envFilePathProblem(relative: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (relative.trim() === '' || /[\u0000-\u001f]/.test(relative)) return 'is not a file name';
  if (/^([/\\]|[A-Za-z]:)/.test(relative)) return 'is an absolute path, outside the folder';
  const parts = relative.split(/[/\\]+/).filter((part) => part !== '' && part !== '.');
  let depth = 0;
  for (const part of parts) {
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return 'leads outside the folder';
  }
  if (parts.length === 0 || parts.at(-1) === '..') return 'is not a file name';
  const folder = parts.find((part) => PROTECTED_FOLDERS.includes(part.toLowerCase()));
  if (folder) return `is inside ${folder}/, which holds ${folder.toLowerCase() === '.git' ? "the repository's own data" : "the folder's editor settings"}`;
  return undefined;
}
