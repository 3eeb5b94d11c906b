/**
 * Writing text into the Markdown documents the extension shows. Text that came from outside (a
 * pasted request, a server's answer, a profile name) never becomes formatting, a link or an image.
 */

/** Text outside code: Markdown's special characters (and `&`, which would start an entity) are written literally. */
export function plain(text: string): string {
  return String(text)
    .replace(/[\\`*_{}[\]<>#|!~&]/g, (c) => `\\${c}`)
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * A word a previewer could turn into a link by itself: an address with `//` (`https://…`,
 * `//host`), an e-mail address or `mailto:`, a `www.` name. VS Code's Markdown preview links
 * `https://…` and `mike@example.com` even when their `:` and `@` are written as escapes, so such a
 * word is written as code instead, which no previewer links.
 */
const LINKISH = /\S*(?:\/\/|@|mailto:|www\.)\S*/giu;

/**
 * Like `plain`, for sentences that hold outside text: what a previewer would turn into a link by
 * itself stays text. Words that look like addresses become code spans (they read the same,
 * monospaced); elsewhere the dots between name parts are written as escapes (`example.com`).
 */
export function prose(text: string): string {
  const flat = String(text).replace(/\s*[\r\n]+\s*/g, ' ');
  let written = '';
  let from = 0;
  for (const match of flat.matchAll(LINKISH)) {
    written += escapedProse(flat.slice(from, match.index)) + code(match[0]);
    from = match.index + match[0].length;
  }
  return written + escapedProse(flat.slice(from));
}

function escapedProse(text: string): string {
  return plain(text).replace(/(?<=[\p{L}\p{N}_-])\.(?=[\p{L}\p{N}])/gu, '\\.');
}

/** An inline code span that holds any text, line breaks shown as escapes. */
export function code(text: string): string {
  const visible = String(text).replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  const longestRun = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  const pad = /^[`\s]|[`\s]$/.test(visible) ? ' ' : '';
  return `${ticks}${pad}${visible}${pad}${ticks}`;
}

/** Text inside a table cell: a `|` would end the cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** A fenced block whose fence is longer than any run of backticks inside it. */
export function fenced(text: string, language: string): string[] {
  const longestRun = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return [fence + language, text, fence];
}
