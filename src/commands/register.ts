import vscode = require('vscode');
import { reportError } from '../feedback/errorReport';
import type { Prompts } from '../feedback/prompts';
import type { Log } from '../host/log';
import type { CommandHandler } from '../features/parts';
import { COMMAND_IDS } from './commandIds';
import { faults } from '../feedback/messages';
import { isNoVariableValue } from '../feedback/userFacingError';

/**
 * Registers every contributed command. A command's work is looked up when it runs (the first run
 * loads the features file), and whatever it throws is shown, never thrown at the caller: a
 * UserFacingError as its sentence, anything else as an unexpected error that points to the log.
 * The one exception is a variable command that has no value (NoVariableValue): the launch or task
 * that asked gets the rejection, so VS Code stops it and shows the sentence.
 */
export function registerCommands(
  context: vscode.ExtensionContext,
  feedback: { prompts: Prompts; log: Log },
  handlerOf: (id: string) => CommandHandler | undefined,
): void {
  for (const id of COMMAND_IDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (argument: unknown) => {
        try {
          const handler = handlerOf(id) as ((argument: unknown) => Promise<unknown>) | undefined;
          if (!handler) throw new Error(`No handler for ${id}.`);
          return await handler(argument);
        } catch (error) {
          if (isNoVariableValue(error)) {
            feedback.log.info(`${id} has no value to give: ${error.message}`);
            throw error;
          }
          reportError(feedback, error, faults.command(id));
          return undefined;
        }
      }),
    );
  }
}
