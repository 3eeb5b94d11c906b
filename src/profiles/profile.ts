import type { HashAlgorithm } from '../core';

export type SavedUserKind = 'login' | 'email';

/** A user whose password is kept for quick user sessions; the password lives in SecretStorage. */
export interface SavedUser {
  id: string;
  kind: SavedUserKind;
  /** The login or email. */
  identifier: string;
}

/** The non-secret part of a profile, kept in globalState. */
export interface Profile {
  id: string;
  name: string;
  applicationId: string;
  endpoint: string;
  hash: HashAlgorithm;
  hasAccountKey: boolean;
  savedUsers: SavedUser[];
  /** Which generation of secrets in SecretStorage belongs to the profile. */
  secretsVersion: string;
  /** A host that is neither QuickBlox's nor this computer, once the person confirmed sending this profile's credentials to it. */
  confirmedHost?: string;
}

/** The secret part, kept only in SecretStorage. */
export interface ProfileSecrets {
  authKey: string;
  authSecret: string;
  accountKey?: string;
}

export interface NewProfile {
  name: string;
  applicationId: string;
  endpoint: string;
  hash: HashAlgorithm;
  secrets: ProfileSecrets;
}

/** Fields an edit may change; secrets are changed through their own map. */
export type ProfileChanges = Partial<Pick<Profile, 'name' | 'applicationId' | 'endpoint' | 'hash' | 'confirmedHost'>>;
