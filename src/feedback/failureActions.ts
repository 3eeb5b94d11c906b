import vscode = require('vscode');
import { config } from '../host/config';
import type { Profile } from '../profiles/profile';
import type { ResponseView } from '../views/responseView';
import type { Explained } from './failures';
import { actionLabel, clock, type FailureAction } from './messages';
import { countdown } from './progress';
import type { Prompt, Prompts } from './prompts';

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

/**
 * Shows an explained failure with its actions and does what the person chooses. Resolves once the
 * notification is shown; what follows a click runs on its own.
 */
export function showFailure(
  { prompts, documents }: { prompts: Prompts; documents: ResponseView },
  explained: Explained,
  targets: ActionTargets,
  severity: Prompt['severity'] = 'error',
  leaveOut: FailureAction[] = [],
): void {
  const actions = explained.actions.filter((action) => !leaveOut.includes(action));
  const choices = actions.map((id) => ({ id, label: actionLabel(id, explained.waitSeconds) }));
  void prompts
    .choose(severity, explained.message, choices)
    .then((action) => runFailureAction(documents, action, { ...(explained.setting ? { setting: explained.setting } : {}), ...targets }));
}

/** Does what the person chose on a failure notification. */
export async function runFailureAction(documents: ResponseView, action: FailureAction | undefined, targets: ActionTargets): Promise<unknown> {
  switch (action) {
    case undefined:
      return undefined;
    case 'retryAfterWait': {
      if (!targets.retryAfterLimit) return undefined;
      const waited = await countdown(targets.retryAfterSeconds ?? 0, clock.rateLimitWait());
      return waited ? targets.retryAfterLimit() : undefined;
    }
    case 'retry':
      return targets.retry?.();
    case 'editProfile':
      return targets.profile ? vscode.commands.executeCommand('quickblox.editProfile', { type: 'profile', profile: targets.profile }) : undefined;
    case 'showResponse':
      return targets.responseId ? documents.open(targets.responseId) : undefined;
    case 'openSettings':
      return vscode.commands.executeCommand('workbench.action.openSettings', targets.setting ?? 'quickblox');
    case 'createSession':
      return vscode.commands.executeCommand('quickblox.createSession', targets.profile ? { profileId: targets.profile.id } : undefined);
    case 'recreateSession':
      return targets.recreate?.();
    case 'upgradeSession':
      return vscode.commands.executeCommand('quickblox.upgradeSession', targets.sessionId ? { sessionId: targets.sessionId } : undefined);
    case 'explainSignature':
      return vscode.commands.executeCommand('quickblox.explainSignature', { lastFailure: true });
    case 'reenterPassword':
    case 'reenterToken':
      return targets.reenter?.();
    case 'signWithServerTime':
      await config.setCorrectClockSkew(true);
      return targets.retry?.();
    case 'startLocalSandbox':
      // Its notification offers Create Session with the profile's new endpoint.
      return vscode.commands.executeCommand('quickblox.startLocalSandbox');
  }
}
