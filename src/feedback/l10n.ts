/** A translator with vscode.l10n.t's shape: the English text with `{0}`, `{1}`… placeholders, and their values. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills the placeholders of the English text: what vscode.l10n.t does when no translation is loaded. */
export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));

let current: Translate = english;

/**
 * Every sentence of the extension goes through here (src/feedback/messages.ts). In VS Code it is
 * vscode.l10n.t, set once by each bundle when it loads; the unit tests on plain Node read the
 * English text, filled the same way.
 */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  return current(message, ...args);
}

export function useTranslator(translate: Translate): void {
  current = translate;
}

/**
 * Text that is the core's data, not a sentence written here (a sign-in kind's label or prompt in
 * src/core/signInKinds.ts): translated by its English wording, which scripts/l10n-bundle.mjs also
 * collects into the bundle.
 */
export function translateData(english: string): string {
  return current(english);
}
