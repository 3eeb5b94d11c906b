import * as vscode from 'vscode';
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
export async function lookUpEndpoint(services: LookUpDeps, profile: Profile, accountSettingsUrl?: string): Promise<Profile | undefined> {
  const secrets = await services.profiles.secretsOf(profile.id);
  if (!secrets?.accountKey) {
    void services.prompts.info(`${profile.name} has no account key: add one with Edit Profile (QuickBlox dashboard → Settings → Account key), then look the endpoint up.`);
    return undefined;
  }
  const accountKey = secrets.accountKey;
  try {
    const found = await withRequestProgress(`Looking up the API endpoint of ${profile.name}'s account`, (signal) =>
      lookupAccountSettings({ accountKey, ...(accountSettingsUrl ? { baseUrl: accountSettingsUrl } : {}), timeoutMs: config.requestTimeoutMs(), signal, now: services.clock.now, userAgent: userAgent() }),
    );
    services.documents.record(`${profile.name} account settings`, found);
    const current = services.profiles.get(profile.id) ?? profile;
    if (found.apiEndpoint === current.endpoint) {
      void services.prompts.info(`${current.name} already uses its account's API endpoint, ${found.apiEndpoint}.`);
      return current;
    }
    const use = `Use ${new URL(found.apiEndpoint).host}`;
    const answer = await services.prompts.ask('info', `QuickBlox names ${found.apiEndpoint} as the API endpoint of ${current.name}'s account. Use it?`, [use], {
      modal: true,
      detail: `The profile now uses ${current.endpoint}.${found.chatEndpoint ? ` The account's chat endpoint is ${found.chatEndpoint}.` : ''}`,
    });
    if (answer !== use) return undefined;
    const updated = await services.profiles.update(current.id, { endpoint: found.apiEndpoint });
    services.log.info(`${updated.name} now uses ${updated.endpoint} (from its account settings)`);
    return updated;
  } catch (error) {
    if (!isQuickBloxError(error)) throw error;
    const responseId = services.documents.record(`${profile.name} account settings failed`, error, { error });
    if (error.kind === 'cancelled') return undefined;
    const explained = explainFailure(error, `Could not look up the API endpoint of ${profile.name}`);
    showFailure(services, explained, { profile, responseId }, 'error', ['retry']);
    return undefined;
  }
}

/** Where the extension's own tests point account-settings look-ups (the sandbox), in test mode only. */
export function accountSettingsUrlFor(context: vscode.ExtensionContext): string | undefined {
  return context.extensionMode === vscode.ExtensionMode.Test ? process.env.QB_ACCOUNT_SETTINGS_URL : undefined;
}
