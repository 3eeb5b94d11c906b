/**
 * A local stand-in for https://api.quickblox.com: signed session creation, sliding token expiry,
 * user sign-in kinds, token rights, plus fault switches and a control API for tests.
 * Plain Node only, and nothing from src/: it checks signatures with its own code.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { BehaviourPatch, SandboxBehaviour } from './behaviour';
import { defaultFixtures, type SandboxFixtures } from './fixtures';
import type { FaultSpec } from './faults';
import { createRequestHandler, type RequestLogEntry } from './handler';
import { issuedSession, type IssuedSession } from './sessions';
import { SandboxState, type ReceivedRequest } from './state';

export type { SandboxFixtures, SandboxApp, SandboxUser } from './fixtures';
export type { FaultSpec, FaultType } from './faults';
export type { BehaviourPatch, SandboxBehaviour, SessionShape, OmittableSessionField } from './behaviour';
export type { ReceivedRequest } from './state';
export type { RequestLogEntry } from './handler';
export type { IssuedSession } from './sessions';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: the demo data of fixtures.json. The sandbox works on its own copy. */
  fixtures?: SandboxFixtures;
  /** Epoch ms; default Date.now. The server clock is now() + the clock offset. */
  now?: () => number;
  /** Serve https when given. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Called once per request when its connection is done with it (used by the CLI's log). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Behaviour switches to start with (a patch over the defaults); reset() comes back to these. */
  behaviour?: BehaviourPatch;
  /** Answer the control API under /_sandbox/ (default true); false makes those unknown paths (404). */
  controlApi?: boolean;
  /**
   * Answer only requests whose Host header names this server's own address and port (or `localhost`
   * and that port); any other gets 421. Default false. Keeps a web page that points a name of its
   * own at 127.0.0.1 (DNS rebinding) from talking to the sandbox.
   */
  checkHostHeader?: boolean;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  port: number;
  /** Closes the server and every socket, keep-alive and hanging ones included. */
  close(): Promise<void>;
  addFault(f: FaultSpec): void;
  clearFaults(): void;
  /** Server clock = now() + offset: plays a server whose clock differs from the client's. */
  setClockOffset(seconds: number): void;
  /**
   * Changes behaviour switches (any subset; invalid values throw): needUserStatus, tokenFormat,
   * sessionShape, apiEndpoint, chatEndpoint. Returns the switches now in force.
   */
  setBehaviour(patch: BehaviourPatch): SandboxBehaviour;
  /** The behaviour switches in force (a copy). */
  behaviour(): SandboxBehaviour;
  /** The last 200 QuickBlox requests (control requests excluded), oldest first. */
  requests: ReceivedRequest[];
  /** The live sessions with their tokens, oldest first (what the sandbox issued and still honours). */
  sessions(): IssuedSession[];
  /** Every session issued since the last reset, ended and expired ones too, oldest first. */
  issuedSessions(): IssuedSession[];
  /** Sessions, nonces, faults, clock offset, behaviour switches, requests and fixtures back to their initial state. */
  reset(): void;
  /** The live fixtures (users created by a custom identity provider appear here until reset). */
  fixtures: SandboxFixtures;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const state = new SandboxState(options.fixtures ?? defaultFixtures(), options.now ?? Date.now, options.behaviour ?? {});
  let url = '';
  let ownHosts: string[] = [];
  const handler = createRequestHandler({
    state,
    baseUrl: () => url,
    onRequest: options.onRequest,
    controlApi: options.controlApi ?? true,
    ...(options.checkHostHeader ? { hostAllowed: (hostHeader: string | undefined) => ownHosts.includes((hostHeader ?? '').toLowerCase()) } : {}),
  });
  const server: http.Server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await listen(server, options.port ?? 0, host);
  server.on('error', () => undefined); // after listening, nothing a client does should crash the process
  const port = (server.address() as AddressInfo).port;
  url = `${options.tls ? 'https' : 'http'}://${urlHost(host)}:${port}`;
  ownHosts = [`${urlHost(host)}:${port}`, `localhost:${port}`];

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    requests: state.requests,
    get fixtures() {
      return state.fixtures;
    },
    addFault: (f) => state.faults.add(f),
    clearFaults: () => state.faults.clear(),
    setClockOffset: (seconds) => state.clock.setOffsetSeconds(seconds),
    setBehaviour: (patch) => state.setBehaviour(patch),
    behaviour: () => state.behaviour,
    sessions: () => state.sessions.list(state.clock.nowMs()).map(issuedSession),
    issuedSessions: () => state.sessions.history().map(issuedSession),
    reset: () => state.reset(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        state.cancelTimers();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
