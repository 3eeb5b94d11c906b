import vscode = require('vscode');
import { registerCommands } from './commands/register';
import { FeatureLoader } from './features/loader';
import type { Foundation } from './features/parts';
import { useTranslator } from './feedback/l10n';
import { Prompts } from './feedback/prompts';
import { Clock } from './host/clock';
import { ClockSkew } from './host/clockSkew';
import { Log } from './host/log';
import { LocalSandbox } from './localSandbox/localSandbox';
import { ProfileStore } from './profiles/profileStore';
import { KeepAlive } from './sessions/keepAlive';
import { SessionStore } from './sessions/store/sessionStore';
import { registerViews, type Views } from './views/registerViews';
import { RESPONSE_SCHEME, ResponseView } from './views/responseView';

/** What the extension hands to its own test suite; other extensions get nothing. */
export interface TestApi extends Foundation, Views {
  /** The features file's parts (loads it if no command has yet). */
  features: FeatureLoader;
  /** How long activate() took, for the benchmark. */
  activationMs: number;
}

/** Builds the parts and registers everything; no network I/O happens here, and no command's work is loaded. */
export function activate(context: vscode.ExtensionContext): TestApi | undefined {
  const started = performance.now();
  useTranslator(vscode.l10n.t);
  const clock = new Clock();
  const now = (): number => clock.now();
  const log = new Log(vscode.window.createOutputChannel('QuickBlox', { log: true }));
  const prompts = new Prompts();
  const profiles = new ProfileStore(context.globalState, context.secrets, now);
  const sessions = new SessionStore(context.globalState, context.secrets, (profileId) => profiles.get(profileId) !== undefined, now);
  const documents = new ResponseView(prompts, log, clock);
  const clockSkew = new ClockSkew(now);
  const features = new FeatureLoader();
  const keepAlive = new KeepAlive(sessions, clock, log, async () => features.get().operations);
  // Stopped with everything else when the extension deactivates: the server closes with its connections.
  const localSandbox = new LocalSandbox(context.globalState);
  const foundation: Foundation = { context, clock, log, prompts, profiles, sessions, documents, clockSkew, keepAlive, localSandbox };
  features.provide(foundation);

  context.subscriptions.push(
    prompts,
    profiles,
    sessions,
    documents,
    keepAlive,
    localSandbox,
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, documents),
    // A forgotten session's (or deleted profile's) response document is no longer "its" response.
    sessions.onDidChange(() => documents.keepSessions(new Set(sessions.list().map((session) => session.id)))),
  );
  registerCommands(context, foundation, (id) => features.get().handlers[id]);
  const views = registerViews(context, { profiles, sessions, clock, localSandbox });

  void sessions.pruneExpired();
  void profiles.finishPendingDeletes();
  void sessions.finishPendingDeletes();
  // Only the extension's own tests see its internals; secrets are never exported to other extensions.
  const activationMs = performance.now() - started;
  return context.extensionMode === vscode.ExtensionMode.Test ? { ...foundation, ...views, features, activationMs } : undefined;
}

export function deactivate(): void {
  // Everything registered is disposed through context.subscriptions.
}
