import vscode = require('vscode');
import type { Clock } from '../host/clock';
import { config } from '../host/config';
import type { Log } from '../host/log';
import type { SessionOperations } from './operations/sessionOperations';
import type { SessionStore } from './store/sessionStore';
import type { TrackedSession } from './store/trackedSession';

/** How often due sessions are looked for; each session is retrieved once per configured interval. */
const CHECK_MS = 30_000;
/** After a failed keep-alive (network, server), wait at most this long before trying again. */
const RETRY_MS = 5 * 60_000;

/**
 * Keep Alive: while VS Code runs, sessions that opted in are retrieved (`GET /session.json`)
 * once per `quickblox.keepAlive.intervalMinutes`, which slides their expiry on the server.
 */
export class KeepAlive implements vscode.Disposable {
  // A tick never rejects (each session's failure is caught below), so the timer leaves no rejection unhandled.
  private readonly timer = setInterval(() => void this.tick(), CHECK_MS);
  private readonly running = new Set<string>();
  private readonly retryAt = new Map<string, number>();

  /** `operations` loads the session operations (a second file) only when a session is due. */
  constructor(
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly operations: () => Promise<SessionOperations>,
  ) {}

  dispose(): void {
    clearInterval(this.timer);
  }

  /** Retrieves every session that is due; resolves to how many were kept alive. */
  async tick(): Promise<number> {
    const { sessions, clock, log } = this;
    const now = clock.now();
    const interval = config.keepAliveIntervalMs();
    // Sessions whose countdown ran out while the computer slept are asked about too: the server
    // may still know them (then their expiry comes back), or Recreate is offered.
    const due = sessions
      .list()
      .filter((session) => session.keepAlive && !this.running.has(session.id) && !sessions.isEnding(session.id) && !goneOnServer(session))
      .filter((session) => now - (session.checkedAt ?? session.createdAt) >= interval && now >= (this.retryAt.get(session.id) ?? 0));
    if (due.length === 0) return 0;
    const operations = await this.operations();
    const results = await Promise.all(
      due.map(async (session) => {
        this.running.add(session.id);
        try {
          const kept = await operations.retrieve(session, { quiet: true });
          if (kept) this.retryAt.delete(session.id);
          else this.retryAt.set(session.id, clock.now() + Math.min(interval, RETRY_MS));
          return kept ? 1 : 0;
        } catch (error) {
          // Not a QuickBlox answer but a fault of the extension itself: logged with its stack, tried again later.
          log.warn(`Keep-alive for ${session.tokenPrefix} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          this.retryAt.set(session.id, clock.now() + Math.min(interval, RETRY_MS));
          return 0;
        } finally {
          this.running.delete(session.id);
        }
      }),
    );
    return results.reduce<number>((sum, kept) => sum + kept, 0);
  }
}

/** The server said the session no longer exists (its expiry was set when it answered so). */
function goneOnServer(session: TrackedSession): boolean {
  return session.checkedAt !== undefined && session.expiresAt <= session.checkedAt;
}
