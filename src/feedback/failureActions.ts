import * as vscode from 'vscode';
import { config } from '../host/config';
import type { Profile } from '../profiles/profile';
import type { ResponseView } from '../views/responseView';
import { countdown } from './progress';

export interface ActionTargets {
  profile?: Profile;
  responseId?: string;
  setting?: string;
  retry?: () => Promise<unknown>;
  /** The one retry a rate limit allows, after `retryAfterSeconds`. */
  retryAfterLimit?: () => Promise<unknown>;
  retryAfterSeconds?: number;
  recreate?: () => Promise<unknown>;
  /** The tracked session an upgrade would sign a user in to. */
  sessionId?: string;
  /** Asks for the refused sign-in inputs again and tries once more. */
  reenter?: () => Thenable<unknown> | Promise<unknown>;
}

/** Does what the person chose on a failure notification. */
export async function runFailureAction(documents: ResponseView, action: string | undefined, targets: ActionTargets): Promise<unknown> {
  if (action === undefined) return undefined;
  if (/^Retry in \d+ s$/.test(action)) {
    if (!targets.retryAfterLimit) return undefined;
    const waited = await countdown(targets.retryAfterSeconds ?? 0, 'QuickBlox asked to wait');
    return waited ? targets.retryAfterLimit() : undefined;
  }
  switch (action) {
    case 'Retry':
      return targets.retry?.();
    case 'Edit Profile':
      return targets.profile ? vscode.commands.executeCommand('quickblox.editProfile', { type: 'profile', profile: targets.profile }) : undefined;
    case 'Show Response':
      return targets.responseId ? documents.open(targets.responseId) : undefined;
    case 'Open Settings':
      return vscode.commands.executeCommand('workbench.action.openSettings', targets.setting ?? 'quickblox');
    case 'Create Session':
      return vscode.commands.executeCommand('quickblox.createSession', targets.profile ? { profileId: targets.profile.id } : undefined);
    case 'Recreate Session':
      return targets.recreate?.();
    case 'Upgrade Session':
      return vscode.commands.executeCommand('quickblox.upgradeSession', targets.sessionId ? { sessionId: targets.sessionId } : undefined);
    case 'Explain Signature':
      return vscode.commands.executeCommand('quickblox.explainSignature', { lastFailure: true });
    case 'Re-enter Password':
    case 'Re-enter Token':
      return targets.reenter?.();
    case 'Sign With Server Time':
      await config.setCorrectClockSkew(true);
      return targets.retry?.();
    default:
      return undefined;
  }
}
