import * as vscode from 'vscode';
import { registerImportExportCommands } from './commands/importExport';
import { registerProfileCommands } from './commands/profileCommands';
import { registerSessionCommands } from './commands/sessionCommands';
import { Log } from './log';
import { ProfileStore } from './profiles/profileStore';
import { RESPONSE_SCHEME, ResponseView } from './responseView';
import type { Services } from './services';
import { SessionStore } from './sessions/sessionStore';
import type { ProfilesTree } from './views/profilesTree';
import { registerViews } from './views/registerViews';

/** What the extension hands to its own test suite; other extensions get nothing. */
export interface TestApi {
  services: Services;
  context: vscode.ExtensionContext;
  statusBarText(): string | undefined;
  tree: ProfilesTree;
  /** How long activate() took, for the benchmark. */
  activationMs: number;
}

/** Builds the services and registers everything; no network I/O happens here. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  const log = new Log(vscode.window.createOutputChannel('QuickBlox', { log: true }));
  const profiles = new ProfileStore(context.globalState, context.secrets);
  const sessions = new SessionStore(context.globalState, context.secrets);
  const responses = new ResponseView();
  const services: Services = { profiles, sessions, responses, log, now: Date.now, responseOf: new Map() };
  context.subscriptions.push(profiles, sessions, responses, vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, responses));

  registerProfileCommands(context, services);
  registerSessionCommands(context, services);
  registerImportExportCommands(context, services);
  const views = registerViews(context, services);

  void sessions.pruneExpired();
  void profiles.finishPendingDeletes();
  // Only the extension's own tests see its internals; secrets are never exported to other extensions.
  const activationMs = performance.now() - started;
  return context.extensionMode === vscode.ExtensionMode.Test ? { services, context, statusBarText: views.statusBarText, tree: views.tree, activationMs } : undefined;
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
