import type * as vscode from 'vscode';
import type { Prompts } from '../feedback/prompts';
import type { TokenHandoff } from '../handoff/clipboard';
import type { TerminalExport } from '../handoff/terminalExport';
import type { Clock } from '../host/clock';
import type { ClockSkew } from '../host/clockSkew';
import type { Log } from '../host/log';
import type { LocalSandbox } from '../localSandbox/localSandbox';
import type { ProfileStore } from '../profiles/profileStore';
import type { KeepAlive } from '../sessions/keepAlive';
import type { SessionOperations } from '../sessions/operations/sessionOperations';
import type { SessionStore } from '../sessions/store/sessionStore';
import type { ResponseView } from '../views/responseView';

/** What activate() builds at startup and hands to the features file when a command first runs. */
export interface Foundation {
  context: vscode.ExtensionContext;
  clock: Clock;
  log: Log;
  prompts: Prompts;
  profiles: ProfileStore;
  sessions: SessionStore;
  documents: ResponseView;
  clockSkew: ClockSkew;
  keepAlive: KeepAlive;
  localSandbox: LocalSandbox;
}

/** The foundation and what the features file builds on it; each command module picks what it uses. */
export interface Parts extends Foundation {
  operations: SessionOperations;
  handoff: TokenHandoff;
  terminals: TerminalExport;
}

/** A command's handler: it gets the command's argument (a tree row, an object from another command, or nothing). */
export type CommandHandler = (argument: never) => Promise<unknown>;
export type CommandHandlers = Record<string, CommandHandler>;

/** Collects a module's handlers under their command ids. */
export function handlerTable(): { handlers: CommandHandlers; register: <A>(id: string, handler: (argument: A) => Promise<unknown>) => void } {
  const handlers: CommandHandlers = {};
  return { handlers, register: (id, handler) => void (handlers[id] = handler as CommandHandler) };
}
