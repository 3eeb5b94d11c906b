/**
 * Quoting one argument for the shell a person pastes a command into. Each shell reads quotes its
 * own way, so text quoted for one can mean something else in another: `'it'\''s'` is one word in
 * bash and a syntax error in PowerShell.
 */
export type Shell = 'posix' | 'fish' | 'powershell' | 'cmd';

export const SHELLS: readonly Shell[] = ['posix', 'fish', 'powershell', 'cmd'];

export function isShell(value: unknown): value is Shell {
  return typeof value === 'string' && (SHELLS as readonly string[]).includes(value);
}

/** Text a shell cannot carry inside one quoted argument. The message never repeats the text (it may be a token). */
export class ShellQuoteError extends Error {
  constructor(
    readonly shell: Shell,
    /** The refused character, as a name: `line break`, `NUL`, `"`, `%`, `!`. */
    readonly character: string,
    message: string,
  ) {
    super(message);
    this.name = 'ShellQuoteError';
  }
}

const SHELL_NAMES: Record<Shell, string> = { posix: 'a POSIX shell', fish: 'fish', powershell: 'PowerShell', cmd: 'Command Prompt (cmd.exe)' };

/** Refused everywhere: a pasted line break runs the line before it ends, and NUL ends a C string early. */
function refuseLineBreaksAndNul(text: string, shell: Shell): void {
  const found = /[\0\r\n]/.exec(text);
  if (!found) return;
  const character = found[0] === '\0' ? 'NUL' : 'line break';
  throw new ShellQuoteError(
    shell,
    character,
    `A command for ${SHELL_NAMES[shell]} cannot hold a ${character} inside an argument: pasted into a terminal, the command would run cut short.`,
  );
}

/**
 * cmd.exe has no quoting that protects these: inside double quotes it still expands `%NAME%`, and
 * `!NAME!` when delayed expansion is on; a `"` inside ends the quotes and has no escape there.
 */
const CMD_REFUSED: Record<string, string> = {
  '"': 'a double quote (") ends the quotes and cannot be escaped inside them',
  '%': 'cmd.exe expands %NAME% even inside double quotes',
  '!': 'cmd.exe expands !NAME! inside double quotes when delayed expansion is on',
};

const QUOTERS: Record<Shell, (text: string) => string> = {
  // sh, bash, zsh: nothing is special inside single quotes; a quote closes them, an escaped one follows, they reopen.
  posix: (text) => `'${text.replace(/'/g, `'\\''`)}'`,
  // fish reads \' and \\ as escapes inside single quotes (every other backslash is literal), so both get one.
  fish: (text) => `'${text.replace(/[\\']/g, '\\$&')}'`,
  // PowerShell ends a single-quoted string at ' and at the typographic ‘ ’ ‚ ‛ too; a doubled one is that character.
  powershell: (text) => `'${text.replace(/['\u2018\u2019\u201A\u201B]/g, '$&$&')}'`,
  cmd: (text) => {
    const found = /["%!]/.exec(text);
    if (found) {
      throw new ShellQuoteError(
        'cmd',
        found[0],
        `A command for Command Prompt (cmd.exe) cannot hold ${found[0]}: ${CMD_REFUSED[found[0]]}. Choose another shell.`,
      );
    }
    // cmd.exe passes the quotes through; the program splits its command line by the Microsoft C
    // runtime's rules, where backslashes just before the closing quote would escape it: double them.
    return `"${text.replace(/\\+$/, '$&$&')}"`;
  },
};

/**
 * Quotes `text` as one argument for `shell` (POSIX sh, bash and zsh by default), so that the shell
 * hands the program exactly `text`. Throws a {@link ShellQuoteError} for text the shell cannot carry:
 * NUL, CR or LF in any shell; `"`, `%` or `!` in cmd.exe.
 */
export function shellQuote(text: string, shell: Shell = 'posix'): string {
  refuseLineBreaksAndNul(text, shell);
  return QUOTERS[shell](text);
}

/**
 * The shell a terminal program path names (`vscode.env.shell`, `$SHELL`, `ComSpec`): fish, PowerShell
 * (`pwsh`, `powershell.exe`), cmd.exe, and anything else (bash, zsh, sh, dash, ...) as POSIX.
 */
export function shellOfProgram(path: string): Shell {
  const name = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (name.includes('fish')) return 'fish';
  if (name.includes('pwsh') || name.includes('powershell')) return 'powershell';
  if (name === 'cmd.exe' || name === 'cmd') return 'cmd';
  return 'posix';
}
