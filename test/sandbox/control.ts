/**
 * The control API under /_sandbox/, so a test in another process can drive the sandbox.
 * Control requests are never faulted and never recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BehaviourError } from './behaviour';
import { FaultSpecError, parseFaultSpec, type FaultSpec } from './faults';
import { qbErrors, sendJson } from './respond';
import { issuedSession } from './sessions';
import type { SandboxState } from './state';

export const CONTROL_PREFIX = '/_sandbox';

export const CONTROL_PATHS = {
  health: `${CONTROL_PREFIX}/health`,
  faults: `${CONTROL_PREFIX}/faults`,
  clock: `${CONTROL_PREFIX}/clock`,
  behaviour: `${CONTROL_PREFIX}/behaviour`,
  requests: `${CONTROL_PREFIX}/requests`,
  sessions: `${CONTROL_PREFIX}/sessions`,
  reset: `${CONTROL_PREFIX}/reset`,
} as const;

export function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** The raw JSON body of a control request (arrays are allowed here, unlike QuickBlox bodies). */
export function parseControlJson(text: string): unknown {
  return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
}

interface ControlRequest {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  /** The JSON body; a string holds the parse error. */
  body: { ok: true; value: unknown } | { ok: false; error: string };
  state: SandboxState;
}

function addFaults(c: ControlRequest, reply: (status: number, body: unknown) => void): void {
  if (!c.body.ok) return reply(400, qbErrors.base(`Invalid JSON: ${c.body.error}`));
  const items = Array.isArray(c.body.value) ? (c.body.value as unknown[]) : [c.body.value];
  let specs: FaultSpec[];
  try {
    specs = items.map(parseFaultSpec);
  } catch (err) {
    if (err instanceof FaultSpecError) return reply(400, qbErrors.base(err.message));
    throw err;
  }
  for (const spec of specs) c.state.faults.add(spec);
  reply(201, { ok: true, faults: c.state.faults.list() });
}

function setClock(c: ControlRequest, reply: (status: number, body: unknown) => void): void {
  const value = c.body.ok ? c.body.value : undefined;
  const offset = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).offsetSeconds : undefined;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) return reply(400, qbErrors.field('offsetSeconds', 'must be a finite number'));
  c.state.clock.setOffsetSeconds(offset);
  reply(200, { ok: true, offsetSeconds: c.state.clock.offsetSeconds, serverTime: new Date(c.state.clock.nowMs()).toISOString() });
}

function setBehaviour(c: ControlRequest, reply: (status: number, body: unknown) => void): void {
  if (!c.body.ok) return reply(400, qbErrors.base(`Invalid JSON: ${c.body.error}`));
  try {
    reply(200, { ok: true, behaviour: c.state.setBehaviour(c.body.value) });
  } catch (err) {
    if (err instanceof BehaviourError) return reply(400, qbErrors.base(err.message));
    throw err;
  }
}

export function handleControl(c: ControlRequest): void {
  const reply = (status: number, body: unknown): void => sendJson(c.res, c.state.clock.nowMs(), status, body);
  const method = c.req.method ?? 'GET';
  const allowed: Record<string, string[]> = {
    [CONTROL_PATHS.health]: ['GET'],
    [CONTROL_PATHS.faults]: ['GET', 'POST', 'DELETE'],
    [CONTROL_PATHS.clock]: ['GET', 'POST'],
    [CONTROL_PATHS.behaviour]: ['GET', 'POST'],
    [CONTROL_PATHS.requests]: ['GET'],
    [CONTROL_PATHS.sessions]: ['GET'],
    [CONTROL_PATHS.reset]: ['POST'],
  };
  const methods = Object.hasOwn(allowed, c.path) ? allowed[c.path] : undefined;
  if (!methods) return reply(404, qbErrors.notFound());
  if (!methods.includes(method)) return reply(405, qbErrors.methodNotAllowed());
  switch (`${method} ${c.path}`) {
    case `GET ${CONTROL_PATHS.health}`:
      return reply(200, { ok: true });
    case `GET ${CONTROL_PATHS.faults}`:
      return reply(200, { faults: c.state.faults.list() });
    case `POST ${CONTROL_PATHS.faults}`:
      return addFaults(c, reply);
    case `DELETE ${CONTROL_PATHS.faults}`:
      c.state.faults.clear();
      return reply(200, { ok: true });
    case `GET ${CONTROL_PATHS.clock}`:
      return reply(200, { offsetSeconds: c.state.clock.offsetSeconds, serverTime: new Date(c.state.clock.nowMs()).toISOString() });
    case `POST ${CONTROL_PATHS.clock}`:
      return setClock(c, reply);
    case `GET ${CONTROL_PATHS.behaviour}`:
      return reply(200, { behaviour: c.state.behaviour });
    case `POST ${CONTROL_PATHS.behaviour}`:
      return setBehaviour(c, reply);
    case `GET ${CONTROL_PATHS.requests}`:
      return reply(200, c.state.requests);
    case `GET ${CONTROL_PATHS.sessions}`:
      return reply(200, c.state.sessions.list(c.state.clock.nowMs()).map(issuedSession));
    case `POST ${CONTROL_PATHS.reset}`:
      c.state.reset();
      return reply(200, { ok: true });
  }
}
