import vscode = require('vscode');
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { sessions as sessionWords, terminals as messages } from '../feedback/messages';
import { sessionTitle } from '../sessions/store/trackedSession';
import { resolveSession, type SessionArgument } from './pickSession';

/** Export Session to Terminals, and Stop Exporting to Terminals. */
export function terminalCommands(parts: Pick<Parts, 'profiles' | 'sessions' | 'prompts' | 'clock' | 'handoff' | 'terminals'>): CommandHandlers {
  const { handlers, register } = handlerTable();

  register<SessionArgument>('quickblox.exportToTerminals', async (argument) => {
    const session = await resolveSession(parts, argument, messages.sessionToExport());
    if (!session) return false;
    if (session.expiresAt <= parts.clock.now()) {
      const name = sessionWords.named(parts.profiles.get(session.profileId)?.name, sessionTitle(session));
      void parts.prompts
        .choose('warning', messages.expired(name, session.tokenPrefix), [{ id: 'recreate', label: sessionWords.recreateSession() }])
        .then((action) => (action === 'recreate' ? vscode.commands.executeCommand('quickblox.recreateSession', { sessionId: session.id }) : undefined));
      return false;
    }
    // A stored token that fails the token check is never exported (Recreate is offered instead).
    const token = await parts.handoff.tokenOrTell(session);
    if (!token) return false;
    return parts.terminals.start(session, token);
  });

  register<undefined>('quickblox.stopExportingToTerminals', async () => {
    if (parts.terminals.stop()) return true;
    void parts.prompts.info(messages.notExporting());
    return false;
  });
  return handlers;
}
