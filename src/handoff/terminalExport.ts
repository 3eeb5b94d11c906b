import vscode = require('vscode');
import { tokenProblem } from '../core';
import { prose } from '../core/markdown';
import { sessions as sessionWords, terminals as messages, type TerminalExportEnd } from '../feedback/messages';
import type { Prompts } from '../feedback/prompts';
import type { Clock } from '../host/clock';
import { config } from '../host/config';
import type { Log } from '../host/log';
import type { Profile } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import type { SessionStore } from '../sessions/store/sessionStore';
import { sessionTitle, type TrackedSession } from '../sessions/store/trackedSession';

/** The variables every new integrated terminal gets while a session is exported. */
export const TERMINAL_VARIABLES = {
  token: 'QUICKBLOX_TOKEN',
  endpoint: 'QUICKBLOX_API_ENDPOINT',
  applicationId: 'QUICKBLOX_APPLICATION_ID',
} as const;

/** True while a session is exported: "Stop Exporting to Terminals" shows in the palette then. */
export const EXPORTING_CONTEXT_KEY = 'quickblox.exportingToTerminals';

/** The longest wait between two looks at the expiry: a computer that slept, or a moved clock, is noticed within it. */
const RECHECK_MS = 30_000;

/**
 * Puts one session's token, endpoint and application id into every new integrated terminal, through
 * the extension's environment variable collection. The collection is never persistent: the
 * extension writes nothing to disk, and a reload ends the export. (VS Code itself saves the
 * terminals still open when it exits, their environment included, unless its settings say not to:
 * the person is told so on export.) It follows Recreate of that session (the new
 * token replaces the old one), and ends when the session is destroyed or forgotten, expires, or
 * its profile is deleted. It listens to the stores only while it exports.
 */
export class TerminalExport implements vscode.Disposable {
  /** The exported session (its id, and how it is named), and what the terminals were last given besides the token. */
  private exported: { sessionId: string; name: string; tokenPrefix: string; endpoint: string; applicationId: string } | undefined;
  private listening: vscode.Disposable | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly collection: vscode.EnvironmentVariableCollection,
    private readonly parts: { sessions: SessionStore; profiles: ProfileStore; prompts: Prompts; log: Log; clock: Clock },
  ) {}

  dispose(): void {
    this.unlisten();
  }

  /** The id of the session new terminals get, if any. */
  get sessionId(): string | undefined {
    return this.exported?.sessionId;
  }

  /** Exports the session (its token already checked), in place of any other; tells the person once. */
  start(session: TrackedSession, token: string): boolean {
    const profile = this.parts.profiles.get(session.profileId);
    if (!profile) return false;
    if (this.exported) this.end(undefined);
    this.apply(session, profile, token);
    this.listen();
    void vscode.commands.executeCommand('setContext', EXPORTING_CONTEXT_KEY, true);
    this.parts.log.info(`Exporting session ${session.tokenPrefix} to new terminals`);
    const told = [
      messages.exported(sessionWords.named(profile.name, sessionTitle(session)), session.tokenPrefix),
      ...(vscode.window.terminals.length > 0 ? [messages.relaunch()] : []),
      ...(config.terminalsSavedAtExit() ? [messages.savedAtExit()] : []),
    ];
    void this.parts.prompts.info(told.join(' '));
    this.check();
    return true;
  }

  /** Stop Exporting to Terminals; false when nothing was exported. */
  stop(): boolean {
    if (!this.exported) return false;
    this.end('stopped');
    return true;
  }

  /**
   * Ends the export when its session is gone, expired or lost its profile, and follows an edit of
   * the profile's endpoint or application id; run on every change of the stores and by a timer.
   */
  check(): void {
    const exported = this.exported;
    if (!exported) return;
    const session = this.parts.sessions.get(exported.sessionId);
    const profile = session ? this.parts.profiles.get(session.profileId) : undefined;
    if (!session) return this.end('ended');
    if (!profile) return this.end('profileDeleted');
    const left = session.expiresAt - this.parts.clock.now();
    if (left <= 0) return this.end('expired');
    if (profile.endpoint !== exported.endpoint || profile.applicationId !== exported.applicationId) {
      this.collection.replace(TERMINAL_VARIABLES.endpoint, profile.endpoint);
      this.collection.replace(TERMINAL_VARIABLES.applicationId, profile.applicationId);
      this.exported = { ...exported, endpoint: profile.endpoint, applicationId: profile.applicationId };
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), Math.min(left, RECHECK_MS));
  }

  private apply(session: TrackedSession, profile: Profile, token: string): void {
    const { collection } = this;
    const name = sessionWords.named(profile.name, sessionTitle(session));
    collection.persistent = false;
    // VS Code writes the description into Markdown (the terminal's hover, its environment changes document): the profile's name stays text there.
    collection.description = messages.description(prose(name), session.tokenPrefix);
    collection.replace(TERMINAL_VARIABLES.token, token);
    collection.replace(TERMINAL_VARIABLES.endpoint, profile.endpoint);
    collection.replace(TERMINAL_VARIABLES.applicationId, profile.applicationId);
    this.exported = { sessionId: session.id, name, tokenPrefix: session.tokenPrefix, endpoint: profile.endpoint, applicationId: profile.applicationId };
  }

  /** Recreate put a new session in the exported one's place: its token replaces the old one, once checked. */
  private async follow(from: string, to: string): Promise<void> {
    if (this.exported?.sessionId !== from) return;
    this.exported = { ...this.exported, sessionId: to };
    const token = await this.parts.sessions.token(to);
    // Ended, or recreated once more, while the token was read.
    if (this.exported?.sessionId !== to) return;
    const session = this.parts.sessions.get(to);
    const profile = session ? this.parts.profiles.get(session.profileId) : undefined;
    if (!session || !profile) return this.check();
    if (token === undefined || tokenProblem(token) !== undefined) return this.end('tokenUnusable');
    this.apply(session, profile, token);
    this.parts.log.info(`Terminals now get the recreated session ${session.tokenPrefix}`);
  }

  /** Clears the collection; `why` is told to the person (nothing when another export takes over). */
  private end(why: TerminalExportEnd | undefined): void {
    const exported = this.exported;
    if (!exported) return;
    this.exported = undefined;
    this.unlisten();
    this.collection.clear();
    this.collection.description = undefined;
    void vscode.commands.executeCommand('setContext', EXPORTING_CONTEXT_KEY, false);
    this.parts.log.info(`Stopped exporting session ${exported.tokenPrefix} to new terminals${why ? ` (${why})` : ''}`);
    if (!why) return;
    const told = messages.ended(exported.name, exported.tokenPrefix, why);
    if (why === 'stopped') vscode.window.setStatusBarMessage(told, 4000);
    else void this.parts.prompts.info(told);
  }

  private listen(): void {
    if (this.listening) return;
    const { sessions, profiles } = this.parts;
    this.listening = vscode.Disposable.from(
      sessions.onDidReplace(({ from, to }) => void this.follow(from, to)),
      sessions.onDidChange(() => this.check()),
      profiles.onDidChange(() => this.check()),
    );
  }

  private unlisten(): void {
    this.listening?.dispose();
    this.listening = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
