/**
 * A string literal per target language that reads back as exactly the given text. Everything
 * outside printable ASCII, and every character the language treats specially inside its quotes
 * (`$`, `#{`, `\`), is escaped, so no input can end the literal early or be interpolated.
 */

export type LiteralLanguage = 'javascript' | 'python' | 'php' | 'go' | 'java' | 'kotlin' | 'csharp' | 'ruby' | 'shell';

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

/** UTF-16 code units as `\uXXXX`: JavaScript, C#, Kotlin (no code point escapes needed there). */
function quoteUnits(text: string, special: Readonly<Record<string, string>>): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = text.charCodeAt(i);
    out += special[char] ?? (isPrintableAscii(code) ? char : `\\u${hex(code, 4)}`);
  }
  return out + '"';
}

/** Whole code points: `escape` writes one that is not printable ASCII; a lone surrogate becomes U+FFFD where asked. */
function quotePoints(text: string, special: Readonly<Record<string, string>>, escape: (point: number) => string, loneSurrogate?: number): string {
  let out = '"';
  for (const char of text) {
    let point = char.codePointAt(0) ?? 0;
    if (loneSurrogate !== undefined && point >= 0xd800 && point <= 0xdfff) point = loneSurrogate;
    out += special[char] ?? (isPrintableAscii(point) ? char : escape(point));
  }
  return out + '"';
}

const QUOTE_AND_BACKSLASH = { '"': '\\"', '\\': '\\\\' } as const;

/**
 * Java turns `\uXXXX` into its character before it reads the source, so `\u0022` would end the
 * string and `\u000A` would break the line: control characters are written as octal escapes,
 * which happen after, and `\u` is only used for characters at 0x7F and above, none of them special.
 */
function javaLiteral(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const code = text.charCodeAt(i);
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (isPrintableAscii(code)) out += char;
    else if (code < 0x20) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += `\\u${hex(code, 4)}`;
  }
  return out + '"';
}

/** Single quotes: nothing is special inside them but the quote itself. A shell variable cannot hold NUL. */
function shellLiteral(text: string): string {
  if (text.includes('\0')) throw new TypeError('A shell string cannot hold the NUL character.');
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const WRITERS: Readonly<Record<LiteralLanguage, (text: string) => string>> = {
  javascript: (text) => quoteUnits(text, QUOTE_AND_BACKSLASH),
  csharp: (text) => quoteUnits(text, QUOTE_AND_BACKSLASH),
  // `$name` and `${…}` are templates in Kotlin strings.
  kotlin: (text) => quoteUnits(text, { ...QUOTE_AND_BACKSLASH, $: '\\$' }),
  // Python reads surrogate escapes as they are, and `\U` takes any code point.
  python: (text) => quotePoints(text, QUOTE_AND_BACKSLASH, (point) => (point > 0xffff ? `\\U${hex(point, 8)}` : `\\u${hex(point, 4)}`)),
  // Go refuses surrogate escapes: a lone surrogate is written as U+FFFD, as Go itself converts it.
  go: (text) => quotePoints(text, QUOTE_AND_BACKSLASH, (point) => (point > 0xffff ? `\\U${hex(point, 8)}` : `\\u${hex(point, 4)}`), 0xfffd),
  // Double quotes interpolate `$name` in PHP and `#{…}` in Ruby; both escape them with a backslash.
  php: (text) => quotePoints(text, { ...QUOTE_AND_BACKSLASH, $: '\\$' }, (point) => `\\u{${hex(point, 4)}}`, 0xfffd),
  ruby: (text) => quotePoints(text, { ...QUOTE_AND_BACKSLASH, '#': '\\#' }, (point) => `\\u{${hex(point, 4)}}`, 0xfffd),
  java: javaLiteral,
  shell: shellLiteral,
};

/** `text` as a string literal of `language`. */
export function stringLiteral(language: LiteralLanguage, text: string): string {
  return WRITERS[language](text);
}
