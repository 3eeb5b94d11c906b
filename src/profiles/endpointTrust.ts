import { describeEndpointHost, type EndpointHost } from '../core';
import type { Profile } from './profile';
import type { ProfileStore } from './profileStore';
import type { Prompts } from '../feedback/prompts';
import type { Log } from '../host/log';
import { trust } from '../feedback/messages';

/**
 * Why a host deserves a second look before credentials go to it, as sentences, or undefined for
 * QuickBlox's own hosts and this computer.
 */
export function hostConcern(view: EndpointHost): string | undefined {
  switch (view.lookalike) {
    case 'suffix':
      return trust.suffixLookalike(view.host, view.domain);
    case 'confusable':
      return trust.confusableLookalike(view.host);
    case 'international':
      return trust.internationalLetters(view.host, view.unicode ?? view.host);
  }
  if (view.kind === 'other') return trust.otherHost(view.host);
  return undefined;
}

/** One line naming where a profile's requests go, for confirmations. */
export function hostSummary(view: EndpointHost): string {
  if (view.kind === 'quickblox') return trust.quickbloxHost(view.host);
  if (view.kind === 'loopback') return trust.thisComputer(view.host);
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
  const question = view.lookalike ? trust.lookalikeQuestion(view.host, profile.name) : trust.question(profile.name, view.host);
  const answer = await prompts.choose('warning', question, [{ id: 'send', label: trust.sendTo(view.host) }], {
    modal: true,
    detail: trust.detail(concern, profile.endpoint),
  });
  if (answer !== 'send') {
    log.info(`Did not contact ${view.host} for ${profile.name}: the host was not confirmed`);
    return false;
  }
  if (profiles.get(profile.id)) await profiles.update(profile.id, { confirmedHost: view.host });
  log.info(`Confirmed ${view.host} as the host of ${profile.name}`);
  return true;
}
