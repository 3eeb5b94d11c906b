/**
 * Everything a running sandbox remembers, and how reset() puts it back.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { applyBehaviour, cloneBehaviour, defaultBehaviour, type SandboxBehaviour } from './behaviour';
import { SandboxClock } from './clock';
import { FaultQueue } from './faults';
import { cloneFixtures, type SandboxApp, type SandboxFixtures } from './fixtures';
import { NonceStore } from './nonces';
import { SessionStore } from './sessions';

export const MAX_LOGGED_REQUESTS = 200;

export interface ReceivedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string without '?', '' when none. */
  query: string;
  headers: IncomingHttpHeaders;
  /** Parsed parameters; undefined when the body could not be parsed (see bodyError). */
  body: unknown;
  bodyError?: string;
  /** Server clock, epoch ms. */
  receivedAt: number;
}

export class SandboxState {
  readonly clock: SandboxClock;
  readonly sessions = new SessionStore();
  readonly nonces = new NonceStore();
  readonly faults = new FaultQueue();
  /** Kept as the same array for the sandbox's lifetime, so references stay live. */
  readonly requests: ReceivedRequest[] = [];
  /** Timers of delay/reset faults, cancelled by close(). */
  readonly timers = new Set<NodeJS.Timeout>();
  private readonly current: SandboxFixtures;
  private readonly initialBehaviour: SandboxBehaviour;
  private currentBehaviour: SandboxBehaviour;

  /** `behaviour` is a patch over the defaults (validated); reset() comes back to it. */
  constructor(
    private readonly initialFixtures: SandboxFixtures,
    now: () => number,
    behaviour: unknown = {},
  ) {
    this.clock = new SandboxClock(now);
    this.current = cloneFixtures(initialFixtures);
    this.initialBehaviour = applyBehaviour(defaultBehaviour(), behaviour);
    this.currentBehaviour = cloneBehaviour(this.initialBehaviour);
  }

  /** The behaviour switches in force (a copy). */
  get behaviour(): SandboxBehaviour {
    return cloneBehaviour(this.currentBehaviour);
  }

  /** Applies a patch (validated; throws BehaviourError) and returns the switches now in force. */
  setBehaviour(patch: unknown): SandboxBehaviour {
    this.currentBehaviour = applyBehaviour(this.currentBehaviour, patch);
    return this.behaviour;
  }

  /** The live fixtures (users created by a custom identity provider show up here). */
  get fixtures(): SandboxFixtures {
    return this.current;
  }

  appById(applicationId: number): SandboxApp | undefined {
    return this.current.apps.find((a) => a.applicationId === applicationId);
  }

  record(request: ReceivedRequest): void {
    this.requests.push(request);
    if (this.requests.length > MAX_LOGGED_REQUESTS) this.requests.splice(0, this.requests.length - MAX_LOGGED_REQUESTS);
  }

  reset(): void {
    this.sessions.clear();
    this.nonces.clear();
    this.faults.clear();
    this.clock.setOffsetSeconds(0);
    this.currentBehaviour = cloneBehaviour(this.initialBehaviour);
    this.requests.length = 0;
    // In place, so a reference to `fixtures` taken earlier stays current.
    this.current.apps = cloneFixtures(this.initialFixtures).apps;
  }

  cancelTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
