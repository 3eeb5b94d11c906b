/**
 * Text that came from outside (a server's message or reason phrase, a header, an editor selection,
 * a file name) made fit to stand inside one of the extension's sentences: one line, no control,
 * invisible or direction-changing characters, and at most `max` characters.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
/** Zero-width characters and bidirectional overrides, which can make text read other than it is. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export const OUTSIDE_TEXT_MAX = 200;

export function outsideText(text: unknown, max = OUTSIDE_TEXT_MAX): string {
  const flat = String(text ?? '')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return capText(flat, max);
}

/** Cuts text to `max` characters (ending in "…"), never splitting a surrogate pair. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Breaks what a notification would render as a link: VS Code turns Markdown links
 * `[label](target)` in a notification into clickable links, `command:` URIs included; with a
 * space between label and target no link is made, and the text still reads as what it was:
 * `[Open the docs] (command:x)`.
 */
export function withoutLinks(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}
