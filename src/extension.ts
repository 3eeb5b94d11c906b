import type * as vscode from 'vscode';

/** Wires the extension's pieces together; the core under src/core does the work. */
export function activate(_context: vscode.ExtensionContext): void {
  // The VS Code surface (profiles, tree, commands) registers here.
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
