import * as vscode from 'vscode';
import type { Prompts } from '../feedback/prompts';

/** A failed store operation becomes an error notification instead of a rejected command. */
async function guard<T>(prompts: Prompts, work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    void prompts.error(error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/** Registers a command whose failures are shown, never thrown at the caller. */
export function registerGuarded<A>(context: vscode.ExtensionContext, prompts: Prompts, id: string, handler: (argument: A) => Promise<unknown>): void {
  context.subscriptions.push(vscode.commands.registerCommand(id, (argument: A) => guard(prompts, handler(argument))));
}
