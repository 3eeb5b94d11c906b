/**
 * The second file (dist/features.js): every command's work, the session operations and the core's
 * network and diagnosis code. activate() loads none of it; the first command run loads it once.
 */
import vscode = require('vscode');
import { diagnosticsCommands } from '../commands/diagnosticsCommands';
import { handoffCommands } from '../commands/handoffCommands';
import { importExportCommands } from '../commands/importExport';
import { lifecycleCommands } from '../commands/lifecycleCommands';
import { localSandboxCommands } from '../commands/localSandboxCommands';
import { ownCodeCommands } from '../commands/ownCodeCommands';
import { profileCommands } from '../commands/profileCommands';
import { sessionCommands } from '../commands/sessionCommands';
import { terminalCommands } from '../commands/terminalCommands';
import { variableCommands } from '../commands/variableCommands';
import { useTranslator } from '../feedback/l10n';
import { TokenHandoff } from '../handoff/clipboard';
import { TerminalExport } from '../handoff/terminalExport';
import { SessionOperations } from '../sessions/operations/sessionOperations';
import type { CommandHandlers, Foundation, Parts } from './parts';

export interface Features {
  handlers: CommandHandlers;
  operations: SessionOperations;
  /** The export to terminals: its timer looks at the expiry (check()), as the tests do after moving the clock. */
  terminals: TerminalExport;
}

export function createFeatures(foundation: Foundation): Features {
  // This file has its own copy of the sentence module: it translates through VS Code too.
  useTranslator(vscode.l10n.t);
  const handoff = new TokenHandoff(foundation.sessions, foundation.prompts, foundation.log);
  const operations = new SessionOperations(foundation, handoff);
  // Not persistent and empty until a session is exported: nothing to restore at startup.
  const terminals = new TerminalExport(foundation.context.environmentVariableCollection, foundation);
  foundation.context.subscriptions.push(terminals);
  const parts: Parts = { ...foundation, operations, handoff, terminals };
  const handlers: CommandHandlers = {
    ...profileCommands(parts),
    ...sessionCommands(parts),
    ...lifecycleCommands(parts),
    ...handoffCommands(parts),
    ...diagnosticsCommands(parts),
    ...importExportCommands(parts),
    ...ownCodeCommands(parts),
    ...localSandboxCommands(parts),
    ...variableCommands(parts),
    ...terminalCommands(parts),
  };
  return { handlers, operations, terminals };
}
