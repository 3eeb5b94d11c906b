import vscode = require('vscode');
import { capText, outsideText, withoutLinks } from '../core';

export interface Prompt {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
  /** A modal dialog instead of a notification; `detail` is its second paragraph. */
  modal?: boolean;
  detail?: string;
}

export type PromptAnswer = (prompt: Prompt) => Thenable<string | undefined>;

/** How long a notification's message and a dialog's detail may be (a revealed token fits in a detail). */
const MESSAGE_MAX = 1000;
const DETAIL_MAX = 6000;

/** Shows the prompt as a VS Code notification or modal dialog. */
const showPrompt: PromptAnswer = (prompt) => {
  const options: vscode.MessageOptions = { modal: prompt.modal ?? false, ...(prompt.detail ? { detail: prompt.detail } : {}) };
  switch (prompt.severity) {
    case 'info':
      return vscode.window.showInformationMessage(prompt.message, options, ...prompt.actions);
    case 'warning':
      return vscode.window.showWarningMessage(prompt.message, options, ...prompt.actions);
    case 'error':
      return vscode.window.showErrorMessage(prompt.message, options, ...prompt.actions);
  }
};

/**
 * The notifier: every notification and modal dialog of the extension passes through here (a lint
 * rule forbids `vscode.window.show…Message` anywhere else). Messages often quote outside text (a
 * server's message, a reason phrase, an editor selection, a file name), so each is neutralised
 * here, where no caller can forget it: one line, no control or direction-changing characters,
 * capped in length, and no Markdown link (VS Code renders `[label](command:…)` in a notification
 * as a link that runs the command). The extension's own tests read what was asked and answer it,
 * the way a person clicks a button; everything behind the answer runs as it does for the person.
 */
export class Prompts implements vscode.Disposable {
  answer: PromptAnswer = showPrompt;
  private readonly asked = new vscode.EventEmitter<Prompt>();
  /** Fires with every prompt as shown (neutralised), before the person answers it. */
  readonly onDidAsk = this.asked.event;

  dispose(): void {
    this.asked.dispose();
  }

  ask(severity: Prompt['severity'], message: string, actions: string[] = [], options: { modal?: boolean; detail?: string } = {}): Thenable<string | undefined> {
    const detail = options.detail === undefined ? undefined : forDetail(options.detail);
    const prompt: Prompt = { severity, message: forMessage(message), actions, ...(options.modal ? { modal: true } : {}), ...(detail ? { detail } : {}) };
    this.asked.fire(prompt);
    return this.answer(prompt);
  }

  /**
   * Asks with buttons that stand for ids: the person reads each label, the caller gets the id of
   * the one pressed (labels are translated, ids are not).
   */
  choose<T extends string>(
    severity: Prompt['severity'],
    message: string,
    choices: ReadonlyArray<{ id: T; label: string }>,
    options: { modal?: boolean; detail?: string } = {},
  ): Thenable<T | undefined> {
    return this.ask(
      severity,
      message,
      choices.map((choice) => choice.label),
      options,
    ).then((label) => choices.find((choice) => choice.label === label)?.id);
  }

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.ask('info', message, actions);
  }

  warn(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.ask('warning', message, actions);
  }

  error(message: string, ...actions: string[]): Thenable<string | undefined> {
    return this.ask('error', message, actions);
  }
}

export function forMessage(text: string): string {
  return withoutLinks(outsideText(text, MESSAGE_MAX));
}

/** A dialog's detail keeps its paragraphs; everything else as for a message. */
export function forDetail(text: string): string {
  const paragraphs = String(text)
    .split(/\r?\n/)
    .map((line) => withoutLinks(outsideText(line, DETAIL_MAX)));
  return capText(
    paragraphs
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    DETAIL_MAX,
  );
}
