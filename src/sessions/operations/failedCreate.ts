import type { SessionAuth } from '../../core';
import type { Profile } from '../../profiles/profile';

/** A create-session request that failed, kept in memory so Explain Signature can replay its signing. */
export interface FailedCreate {
  profile: Profile;
  auth: SessionAuth;
  timestamp: number;
  nonce: number;
  at: number;
  kind: string;
  clockSkewSeconds?: number;
  /** The signature sent, as recorded (masked to its first characters). */
  sentSignature?: string;
}
