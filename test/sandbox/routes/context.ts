import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Params } from '../params';
import { sendEmpty, sendJson } from '../respond';
import type { SandboxState } from '../state';

/** What a route handler gets for one request. */
export class RouteContext {
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly state: SandboxState,
    readonly path: string,
    /** Parsed body; undefined when it could not be parsed. */
    readonly params: Params | undefined,
    /** This server's base URL, e.g. http://127.0.0.1:3090. */
    readonly baseUrl: string,
  ) {}

  nowMs(): number {
    return this.state.clock.nowMs();
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  json(status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
    sendJson(this.res, this.nowMs(), status, body, headers);
  }

  empty(status: number, headers: OutgoingHttpHeaders = {}): void {
    sendEmpty(this.res, this.nowMs(), status, headers);
  }
}
