/**
 * Writing text into the Markdown documents the extension shows. Text that came from outside (a
 * pasted request, a server's answer, a profile name) never becomes formatting, a link or an image.
 */

/** Text outside code: Markdown's special characters are written literally. */
export function plain(text: string): string {
  return String(text)
    .replace(/[\\`*_{}[\]<>#|!~]/g, (c) => `\\${c}`)
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

/**
 * Like `plain`, and what a previewer would turn into a link by itself (`https://…`, `www.…`,
 * `example.com`, `mike@example.com`) stays text: the `:` of `://`, the dots between name parts and
 * `@` are written as escapes, which read the same once rendered.
 */
export function prose(text: string): string {
  return plain(text)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/@/g, '\\@')
    .replace(/(?<=[\p{L}\p{N}_-])\.(?=[\p{L}\p{N}])/gu, '\\.');
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
