import { describeEndpointHost, type EndpointHost } from '../core';
import type { Profile } from './profile';
import type { ProfileStore } from './profileStore';
import type { Prompts } from '../feedback/prompts';
import type { Log } from '../host/log';

/**
 * Why a host deserves a second look before credentials go to it, as sentences, or undefined for
 * QuickBlox's own hosts and this computer.
 */
export function hostConcern(view: EndpointHost): string | undefined {
  const own = "QuickBlox's own hosts end in .quickblox.com.";
  switch (view.lookalike) {
    case 'suffix':
      return `${view.host} is not a QuickBlox host: it begins like one, but the address belongs to ${view.domain}. ${own}`;
    case 'confusable':
      return `${view.host} only looks like a QuickBlox host: its letters imitate "quickblox". ${own}`;
    case 'international':
      return `${view.host} is written with international letters (${view.unicode ?? view.host}) that can imitate others. ${own}`;
  }
  if (view.kind === 'other') return `${view.host} is not a QuickBlox host: ${own} Dedicated and enterprise accounts have hosts of their own; go on if this one is yours.`;
  return undefined;
}

/** One line naming where a profile's requests go, for confirmations. */
export function hostSummary(view: EndpointHost): string {
  if (view.kind === 'quickblox') return `${view.host} is QuickBlox's own host.`;
  if (view.kind === 'loopback') return `${view.host} is this computer.`;
  return hostConcern(view) ?? view.host;
}

export interface EndpointGate {
  profiles: ProfileStore;
  prompts: Prompts;
  log: Log;
}

/**
 * Before anything of a profile (its auth key, a signature, a password, a token) goes to a host that
 * is neither QuickBlox's nor this computer, the person confirms that host once; the answer is
 * remembered with the profile, for that host only. Look-alikes of QuickBlox's name are named as
 * such. `quiet` (keep-alive) never asks: an unconfirmed host is simply not contacted.
 */
export async function confirmEndpoint({ profiles, prompts, log }: EndpointGate, given: Profile, quiet = false): Promise<boolean> {
  const profile = profiles.get(given.id) ?? given;
  const view = describeEndpointHost(profile.endpoint);
  const concern = hostConcern(view);
  if (!concern || profile.confirmedHost === view.host) return true;
  if (quiet) {
    log.warn(`Not contacting ${view.host} for ${profile.name} in the background: that host has not been confirmed for this profile yet.`);
    return false;
  }
  const send = `Send to ${view.host}`;
  const question = view.lookalike
    ? `${view.host} looks like QuickBlox but is not: send the credentials of ${profile.name} there?`
    : `Send the credentials of ${profile.name} to ${view.host}?`;
  const answer = await prompts.ask('warning', question, [send], {
    modal: true,
    detail: `${concern}\n\nThe auth key, signed requests, passwords and session tokens of this profile go to ${profile.endpoint}. You are asked once for this profile and host.`,
  });
  if (answer !== send) {
    log.info(`Did not contact ${view.host} for ${profile.name}: the host was not confirmed`);
    return false;
  }
  if (profiles.get(profile.id)) await profiles.update(profile.id, { confirmedHost: view.host });
  log.info(`Confirmed ${view.host} as the host of ${profile.name}`);
  return true;
}
