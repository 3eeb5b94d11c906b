import type { Log } from '../host/log';
import type { Prompts } from './prompts';
import { faults } from './messages';
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
  void prompts.choose('error', faults.unexpected(doing), [{ id: 'log', label: faults.showLog() }]).then((action) => {
    if (action) log.show();
  });
}
