/** Markdown test helper. */
/** Markdown with its fenced blocks and code spans taken out: what is left is what renders as Markdown. */
export function withoutCode(markdown: string): string {
  const text = markdown.replace(/^```[^]*?^```$/gm, '');
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      out += text[i++];
      continue;
    }
    let run = 0;
    while (text[i + run] === '`') run++;
    const close = new RegExp(`(?<!\`)\`{${run}}(?!\`)`, 'g');
    close.lastIndex = i + run;
    const end = close.exec(text);
    if (!end) {
      out += text.slice(i, i + run);
      i += run;
      continue;
    }
    i = end.index + run;
  }
  return out;
}
