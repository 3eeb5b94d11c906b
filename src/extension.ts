import * as vscode from 'vscode';
import { ClockSkew } from './host/clockSkew';
import { registerDiagnosticsCommands } from './commands/diagnosticsCommands';
import { registerHandoffCommands } from './commands/handoffCommands';
import { registerImportExportCommands } from './commands/importExport';
import { registerLifecycleCommands } from './commands/lifecycleCommands';
import { registerOwnCodeCommands } from './commands/ownCodeCommands';
import { registerProfileCommands } from './commands/profileCommands';
import { registerSessionCommands } from './commands/sessionCommands';
import { Log } from './host/log';
import { ProfileStore } from './profiles/profileStore';
import { Prompts } from './feedback/prompts';
import { RESPONSE_SCHEME, ResponseView } from './views/responseView';
import type { Services } from './services';
import { KeepAlive } from './sessions/operations/keepAlive';
import { SessionStore } from './sessions/store/sessionStore';
import type { StatusLook } from './views/statusBar';
import type { ProfilesTree } from './views/profilesTree';
import { registerViews } from './views/registerViews';

/** What the extension hands to its own test suite; other extensions get nothing. */
export interface TestApi {
  services: Services;
  context: vscode.ExtensionContext;
  statusBarText(): string | undefined;
  /** The status-bar item's text, tooltip and background colour, as shown. */
  statusBarLook(): StatusLook | undefined;
  /** Recounts time left in the tree and the status bar now instead of at the next tick. */
  refreshViews(): void;
  tree: ProfilesTree;
  keepAlive: KeepAlive;
  /** How long activate() took, for the benchmark. */
  activationMs: number;
}

/** Builds the services and registers everything; no network I/O happens here. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  const log = new Log(vscode.window.createOutputChannel('QuickBlox', { log: true }));
  const prompts = new Prompts();
  const services: Services = {
    profiles: new ProfileStore(context.globalState, context.secrets, () => services.now()),
    sessions: new SessionStore(context.globalState, context.secrets, (profileId) => services.profiles.get(profileId) !== undefined, () => services.now()),
    responses: new ResponseView(prompts),
    log,
    prompts,
    clockSkew: new ClockSkew(() => services.now()),
    now: Date.now,
    responseOf: new Map(),
  };
  const keepAlive = new KeepAlive(services);
  context.subscriptions.push(services.profiles, services.sessions, services.responses, keepAlive, vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, services.responses));

  registerProfileCommands(context, services);
  registerSessionCommands(context, services);
  registerLifecycleCommands(context, services, keepAlive);
  registerHandoffCommands(context, services);
  registerDiagnosticsCommands(context, services);
  registerImportExportCommands(context, services);
  registerOwnCodeCommands(context, services);
  const views = registerViews(context, services);

  void services.sessions.pruneExpired();
  void services.profiles.finishPendingDeletes();
  void services.sessions.finishPendingDeletes();
  // Only the extension's own tests see its internals; secrets are never exported to other extensions.
  const activationMs = performance.now() - started;
  return context.extensionMode === vscode.ExtensionMode.Test ? { services, context, ...views, keepAlive, activationMs } : undefined;
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
