import type * as vscode from 'vscode';
import { Emitter } from '../storage/emitter';
import { stateKeys } from '../storage/stateKeys';
import { sandboxFileLoaded, startSandboxFile, type LocalSandboxServer } from './sandboxFile';

/**
 * The Local Sandbox of this window: whether it runs and where, and which profile signs in to it.
 * Starting loads the sandbox file (dist/sandbox.js) and listens on a free port of 127.0.0.1 inside
 * the extension host; stopping, and disposal when the extension deactivates, close the server and
 * every connection it has open. Which profile is the sandbox's is kept in globalState (an id only).
 */
export class LocalSandbox implements vscode.Disposable {
  private readonly changed = new Emitter<void>();
  /** Fires when it starts or stops. */
  readonly onDidChange = this.changed.event;
  private server: LocalSandboxServer | undefined;
  private starting: Promise<LocalSandboxServer> | undefined;
  private disposed = false;

  constructor(
    private readonly state: vscode.Memento,
    private readonly startServer: () => Promise<LocalSandboxServer> = startSandboxFile,
  ) {}

  /** The server this window started, while it runs. */
  running(): LocalSandboxServer | undefined {
    return this.server;
  }

  /** Whether the sandbox file has been loaded yet (activation loads none of it). */
  get isLoaded(): boolean {
    return sandboxFileLoaded();
  }

  /** Starts the sandbox, or hands back the one already running (`started: false`). */
  async start(): Promise<{ server: LocalSandboxServer; started: boolean }> {
    if (this.server) return { server: this.server, started: false };
    if (this.starting) return { server: await this.starting, started: false };
    const starting = this.startServer();
    this.starting = starting;
    let server: LocalSandboxServer;
    try {
      server = await starting;
    } finally {
      this.starting = undefined;
    }
    if (this.disposed) {
      await server.close();
      throw new Error('The extension was deactivated while the Local Sandbox started.');
    }
    this.server = server;
    this.changed.fire();
    return { server, started: true };
  }

  /** Stops the sandbox; false when it was not running. */
  async stop(): Promise<boolean> {
    const server = this.server;
    if (!server) return false;
    this.server = undefined;
    this.changed.fire();
    await server.close();
    return true;
  }

  /** The id of the Local Sandbox profile, if one was made. */
  profileId(): string | undefined {
    const id = this.state.get<unknown>(stateKeys.localSandboxProfile);
    return typeof id === 'string' ? id : undefined;
  }

  rememberProfile(profileId: string): Thenable<void> {
    return this.state.update(stateKeys.localSandboxProfile, profileId);
  }

  /** Whether the profile is the Local Sandbox one while the sandbox does not run in this window. */
  isStoppedProfile(profileId: string): boolean {
    return this.server === undefined && profileId === this.profileId();
  }

  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
    const server = this.server;
    this.server = undefined;
    // close() stops listening and ends every connection at once; its promise only reports that it is done.
    void server?.close();
  }
}
