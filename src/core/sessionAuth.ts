/** The ways to sign in that `POST /session.json` offers; what each means is in SIGN_IN_KINDS (signInKinds.ts). */
export type SessionAuth =
  | { type: 'application' }
  | { type: 'login'; login: string; password: string }
  | { type: 'email'; email: string; password: string }
  | { type: 'facebook'; token: string; secret?: string }
  | { type: 'firebase_phone'; projectId: string; accessToken: string }
  /** Custom identity provider: the server forwards login and password to the customer's service. */
  | { type: 'custom'; login: string; password: string };

export type SessionAuthType = SessionAuth['type'];
