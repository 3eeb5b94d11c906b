import vscode = require('vscode');
import { isQuickBloxError, lookupAccountSettings } from '../core';
import { config } from '../host/config';
import { explainFailure } from '../feedback/failures';
import type { Profile } from '../profiles/profile';
import type { Clock } from '../host/clock';
import type { Prompts } from '../feedback/prompts';
import type { ProfileStore } from '../profiles/profileStore';
import type { ResponseView } from '../views/responseView';

import { showFailure } from '../feedback/failureActions';
import { withRequestProgress } from '../feedback/progress';
import type { Log } from '../host/log';
import { userAgent } from '../host/userAgent';
import { lookUp as messages } from '../feedback/messages';

/** What Look Up Endpoint uses. */
export interface LookUpDeps {
  profiles: ProfileStore;
  prompts: Prompts;
  log: Log;
  documents: ResponseView;
  clock: Clock;
}

/**
 * Look Up Endpoint: dedicated and enterprise accounts have their own API host, which
 * `GET https://api.quickblox.com/account_settings.json` names for the account key (as the official
 * SDKs find it). The account key goes only there. The host is shown, and the profile changes only
 * once the person agrees. `accountSettingsUrl` replaces QuickBlox's address for the extension's
 * own tests only.
 */
export async function lookUpEndpoint(parts: LookUpDeps, profile: Profile, accountSettingsUrl?: string): Promise<Profile | undefined> {
  const secrets = await parts.profiles.secretsOf(profile.id);
  if (!secrets?.accountKey) {
    void parts.prompts.info(messages.noAccountKey(profile.name));
    return undefined;
  }
  const accountKey = secrets.accountKey;
  try {
    const found = await withRequestProgress(messages.lookingUp(profile.name), (signal) =>
      lookupAccountSettings({
        accountKey,
        ...(accountSettingsUrl ? { baseUrl: accountSettingsUrl } : {}),
        timeoutMs: config.requestTimeoutMs(),
        signal,
        now: parts.clock.now,
        userAgent: userAgent(),
      }),
    );
    parts.documents.record(messages.document(profile.name), found);
    const current = parts.profiles.get(profile.id) ?? profile;
    if (found.apiEndpoint === current.endpoint) {
      void parts.prompts.info(messages.alreadyUsed(current.name, found.apiEndpoint));
      return current;
    }
    const answer = await parts.prompts.choose(
      'info',
      messages.question(found.apiEndpoint, current.name),
      [{ id: 'use', label: messages.use(new URL(found.apiEndpoint).host) }],
      {
        modal: true,
        detail: messages.detail(current.endpoint, found.chatEndpoint),
      },
    );
    if (answer !== 'use') return undefined;
    const updated = await parts.profiles.update(current.id, { endpoint: found.apiEndpoint });
    parts.log.info(`${updated.name} now uses ${updated.endpoint} (from its account settings)`);
    return updated;
  } catch (error) {
    if (!isQuickBloxError(error)) throw error;
    const responseId = parts.documents.record(messages.documentFailed(profile.name), error, { error });
    if (error.kind === 'cancelled') return undefined;
    const explained = explainFailure(error, messages.failed(profile.name));
    showFailure(parts, explained, { profile, responseId }, 'error', ['retry']);
    return undefined;
  }
}

/** Where the extension's own tests point account-settings look-ups (the sandbox), in test mode only. */
export function accountSettingsUrlFor(context: vscode.ExtensionContext): string | undefined {
  return context.extensionMode === vscode.ExtensionMode.Test ? process.env.QB_ACCOUNT_SETTINGS_URL : undefined;
}
