import vscode = require('vscode');
import { handlerTable, type CommandHandlers, type Parts } from '../features/parts';
import { localSandbox as messages } from '../feedback/messages';
import { UserFacingError } from '../feedback/userFacingError';
import { ensureSandboxProfile } from '../localSandbox/sandboxProfile';

/** What Start Local Sandbox resolves to (for the extension's own tests and other commands). */
export interface StartedSandbox {
  profileId: string;
  url: string;
  /** False when it was already running. */
  started: boolean;
}

/** Start and stop the Local Sandbox, the QuickBlox stand-in that runs inside VS Code. */
export function localSandboxCommands(parts: Pick<Parts, 'localSandbox' | 'profiles' | 'prompts' | 'log'>): CommandHandlers {
  const { handlers, register } = handlerTable();
  const { localSandbox, prompts, log } = parts;

  register('quickblox.startLocalSandbox', async (): Promise<StartedSandbox> => {
    let outcome: Awaited<ReturnType<typeof localSandbox.start>>;
    try {
      outcome = await localSandbox.start();
    } catch (error) {
      log.warn(`The Local Sandbox could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new UserFacingError(messages.couldNotStart(error instanceof Error ? error.message : String(error)));
    }
    const { server, started } = outcome;
    const profile = await ensureSandboxProfile(parts, server);
    log.info(`Local Sandbox ${started ? 'started' : 'already running'} on ${server.host} (profile "${profile.name}")`);
    const message = started ? messages.started(server.host, profile.name, server.demo.user.login) : messages.alreadyRunning(server.host, profile.name);
    void prompts.choose('info', message, [{ id: 'create', label: messages.createSession() }]).then((action) => {
      if (action === 'create') return vscode.commands.executeCommand('quickblox.createSession', { profileId: profile.id });
      return undefined;
    });
    return { profileId: profile.id, url: server.url, started };
  });

  register('quickblox.stopLocalSandbox', async (): Promise<boolean> => {
    const stopped = await localSandbox.stop();
    if (stopped) log.info('Local Sandbox stopped');
    void prompts.info(stopped ? messages.stopped() : messages.notRunning());
    return stopped;
  });

  return handlers;
}
