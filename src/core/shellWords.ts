/**
 * Splits a pasted shell command into its words the way a POSIX shell reads them, so that a cURL
 * command's options and data come out as curl received them: '…' literal, "…" with the
 * backslash escapes bash keeps, $'…' with C escapes, backslash-newline (and the `^` of Command
 * Prompt or the backtick of PowerShell before a newline) joining lines. Reading stops where the
 * command ends: at an unquoted `|`, `;`, `&&`, `>` or `<`, or a `#` comment. Never throws; an
 * unclosed quote runs to the end of the text.
 */
export function shellWords(text: string, start: number, maxWords: number): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = start;
  const push = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length && words.length < maxWords) {
    const c = text[i];
    const next = text[i + 1];
    if ((c === '\\' || c === '^' || c === '`') && (next === '\n' || (next === '\r' && text[i + 2] === '\n'))) {
      i += next === '\n' ? 2 : 3;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      push();
      i++;
      continue;
    }
    if (c === '|' || c === ';' || c === '>' || c === '<' || (c === '&' && next === '&') || (c === '#' && !inWord)) break;
    inWord = true;
    if (c === '\\') {
      if (next !== undefined) word += next;
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      word += text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '$' && next === "'") {
      i = ansiC(text, i + 2, (part) => (word += part));
    } else if (c === '"') {
      i = doubleQuoted(text, i + 1, (part) => (word += part));
    } else {
      word += c;
      i++;
    }
  }
  push();
  return words;
}

/** Inside "…": a backslash escapes only `$`, `` ` ``, `"`, `\` and a newline. Returns the index after the closing quote. */
function doubleQuoted(text: string, i: number, add: (part: string) => void): number {
  while (i < text.length) {
    const c = text[i];
    if (c === '"') return i + 1;
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      add('$`"\\'.includes(next) ? next : c + next);
      i += 2;
      continue;
    }
    add(c);
    i++;
  }
  return i;
}

const C_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Inside $'…'. Returns the index after the closing quote. */
function ansiC(text: string, i: number, add: (part: string) => void): number {
  while (i < text.length) {
    const c = text[i];
    if (c === "'") return i + 1;
    if (c !== '\\' || i + 1 >= text.length) {
      add(c);
      i++;
      continue;
    }
    const next = text[i + 1];
    const hex = next === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4)) : next === 'u' ? /^[0-9a-fA-F]{1,4}/.exec(text.slice(i + 2, i + 6)) : null;
    if (hex) {
      add(String.fromCharCode(parseInt(hex[0], 16)));
      i += 2 + hex[0].length;
    } else {
      add(C_ESCAPES[next] ?? c + next);
      i += 2;
    }
  }
  return i;
}
