import { localSandbox as messages } from '../feedback/messages';
import type { Profile, ProfileChanges, ProfileSecrets } from '../profiles/profile';
import type { ProfileStore } from '../profiles/profileStore';
import type { LocalSandbox } from './localSandbox';
import type { DemoApplication, LocalSandboxServer } from './sandboxFile';

/** `base`, or `base 2`, `base 3`… : the first that no profile is named (names compare without case, as the store does). */
export function freeProfileName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.trim().toLowerCase()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** What an existing Local Sandbox profile must change to sign in to `server`: its endpoint, application and keys. */
export function sandboxProfileChanges(
  profile: Profile,
  secrets: ProfileSecrets | undefined,
  server: { url: string; demo: DemoApplication },
): { changes: ProfileChanges; secretChanges: Partial<ProfileSecrets> } {
  const { demo } = server;
  const changes: ProfileChanges = {
    ...(profile.endpoint !== server.url ? { endpoint: server.url } : {}),
    ...(profile.applicationId !== demo.applicationId ? { applicationId: demo.applicationId } : {}),
  };
  const sameKeys = secrets?.authKey === demo.authKey && secrets.authSecret === demo.authSecret;
  return { changes, secretChanges: sameKeys ? {} : { authKey: demo.authKey, authSecret: demo.authSecret } };
}

/**
 * Makes the Local Sandbox profile point at the running sandbox, through the profile store like any
 * other profile (its keys go to SecretStorage): the one made before is updated (a new port becomes
 * its endpoint), or, when there is none (never made, or deleted), a new one is added with the
 * sandbox's made-up demo application and one demo user saved in it.
 */
export async function ensureSandboxProfile(
  { localSandbox, profiles }: { localSandbox: LocalSandbox; profiles: ProfileStore },
  server: LocalSandboxServer,
): Promise<Profile> {
  const id = localSandbox.profileId();
  const existing = id === undefined ? undefined : profiles.get(id);
  if (existing) {
    const { changes, secretChanges } = sandboxProfileChanges(existing, await profiles.secretsOf(existing.id), server);
    if (Object.keys(changes).length === 0 && Object.keys(secretChanges).length === 0) return existing;
    return profiles.update(existing.id, changes, secretChanges);
  }
  const { demo } = server;
  const profile = await profiles.add({
    name: freeProfileName(
      messages.profileName(),
      profiles.list().map((other) => other.name),
    ),
    applicationId: demo.applicationId,
    endpoint: server.url,
    hash: 'sha1',
    secrets: { authKey: demo.authKey, authSecret: demo.authSecret },
  });
  await localSandbox.rememberProfile(profile.id);
  await profiles.addSavedUser(profile.id, 'login', demo.user.login, demo.user.password);
  return profiles.get(profile.id) ?? profile;
}
