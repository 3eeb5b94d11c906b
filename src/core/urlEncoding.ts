/**
 * URL encoding as the tools developers sign with apply it, and decoding that never throws: text
 * pasted from a log may hold broken escapes (`%E0%A4%A`) or lone surrogates.
 */

/**
 * How a library percent-encodes text. They differ in which punctuation they leave alone and in
 * how they write a space:
 * - `component`: JavaScript's encodeURIComponent (keeps `-_.!~*'()`, space as `%20`);
 * - `form`: URLSearchParams, Java's URLEncoder (keeps `*-._`, space as `+`);
 * - `python`: Python's urlencode and quote_plus (keeps `_.-~`, space as `+`);
 * - `php`: PHP's urlencode and http_build_query (keeps `-_.`, space as `+`).
 */
export type UrlEncodingStyle = 'component' | 'form' | 'python' | 'php';

export const URL_ENCODING_STYLES: readonly UrlEncodingStyle[] = ['component', 'form', 'python', 'php'];

const KEPT: Record<UrlEncodingStyle, string> = {
  component: "-_.!~*'()",
  form: '*-._',
  python: '_.-~',
  php: '-_.',
};

const HEX = '0123456789ABCDEF';

/** Percent-encodes the UTF-8 bytes of `text` the way `style` does (a lone surrogate becomes U+FFFD). */
export function urlEncode(text: string, style: UrlEncodingStyle): string {
  const kept = KEPT[style];
  const plus = style !== 'component';
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || kept.includes(c)) out += c;
    else if (byte === 0x20 && plus) out += '+';
    else out += '%' + HEX[byte >> 4] + HEX[byte & 15];
  }
  return out;
}

/**
 * Decodes `%XX` escapes (and `+` as a space when `plusIsSpace`, as form bodies and query strings
 * are read); anything that is not a valid escape stays as it is, and bytes that are not UTF-8
 * read as U+FFFD. Never throws.
 */
export function percentDecode(text: string, plusIsSpace: boolean): string {
  if (!text.includes('%') && !(plusIsSpace && text.includes('+'))) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && i + 2 < text.length && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === 0x2b && plusIsSpace) {
      bytes.push(0x20);
    } else {
      // Whole characters (a surrogate pair included) go through UTF-8 as they are.
      const point = text.codePointAt(i) ?? c;
      const char = String.fromCodePoint(point);
      for (const byte of Buffer.from(char, 'utf8')) bytes.push(byte);
      if (point > 0xffff) i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
