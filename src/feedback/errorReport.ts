import type { Log } from '../host/log';
import type { Prompts } from './prompts';
import { isUserFacing } from './userFacingError';

/**
 * Shows an error that ended an action: a UserFacingError as its own sentence; anything else is a
 * fault of the extension, logged with its stack and shown as unexpected, with the way to the log.
 */
export function reportError({ prompts, log }: { prompts: Prompts; log: Log }, error: unknown, doing: string): void {
  if (isUserFacing(error)) {
    void prompts.error(error.message);
    return;
  }
  log.warn(`${doing} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void prompts.ask('error', `${doing} failed unexpectedly. The QuickBlox log has the details.`, ['Show Log']).then((action) => {
    if (action) log.show();
  });
}
