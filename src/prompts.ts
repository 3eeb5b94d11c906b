import * as vscode from 'vscode';

export interface Prompt {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
  /** A modal dialog instead of a notification; `detail` is its second paragraph. */
  modal?: boolean;
  detail?: string;
}

export type PromptAnswer = (prompt: Prompt) => Thenable<string | undefined>;

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
 * The notifications that offer actions (failures, confirmations, reminders). They all pass through
 * here so that the extension's own tests can read what was asked and answer it, the way a person
 * clicks a button; everything behind the answer runs as it does for the person.
 */
export class Prompts {
  answer: PromptAnswer = showPrompt;

  ask(severity: Prompt['severity'], message: string, actions: string[] = [], options: { modal?: boolean; detail?: string } = {}): Thenable<string | undefined> {
    return this.answer({ severity, message, actions, ...options });
  }
}
