import { code, prose } from '../core/markdown';
import type { Explained } from '../feedback/failures';
import { actionLabel, diagnostics as messages, type FailureAction } from '../feedback/messages';

/** A QuickBlox error a person pasted or selected, as Explain Error Response read it. */
export interface ReadError {
  /** The status given with the text, if any. */
  status?: number;
  /** The server's messages, each already made one plain line (outsideText). */
  lines: string[];
  explained: Explained;
  /** The actions its notification offers. */
  offered: FailureAction[];
}

/**
 * The rendered explanation of a pasted error: what it means, what QuickBlox answered, and the
 * actions on its notification. Every line of the answer came from outside: each is a code span,
 * which shows it exactly and renders no link, image or formatting.
 */
export function errorExplanationMarkdown(read: ReadError): string {
  const lines = [`# ${prose(messages.errorDocumentTitle())}`, '', `**${prose(messages.errorMeaning())}** ${prose(read.explained.message)}`];
  lines.push('', `## ${prose(messages.errorAnswered())}`, '');
  lines.push(`- ${read.status === undefined ? prose(messages.errorStatusNotGiven()) : `${prose(messages.errorStatus())} ${code(String(read.status))}`}`);
  for (const line of read.lines) lines.push(`- ${code(line)}`);
  if (read.offered.length > 0) {
    const labels = read.offered.map((action) => `**${prose(actionLabel(action, read.explained.waitSeconds))}**`);
    lines.push('', `## ${prose(messages.errorWhatToDo())}`, '', `${prose(messages.errorOnNotification())} ${labels.join(', ')}`);
  }
  lines.push('');
  return lines.join('\n');
}
