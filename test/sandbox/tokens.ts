/**
 * Session tokens and Mongo-style ids in the forms the real service has used: 40 hex digits (the
 * reference page's example) and, since about 2022 by quickblox-api.md's account, JWTs. A sandbox
 * JWT is shaped like one (header.payload.signature, base64url, HS256 over a key that never
 * leaves the process) but is only ever looked up, never verified, like any other token here.
 */
import { createHmac, randomBytes } from 'node:crypto';

const JWT_KEY = randomBytes(32);

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export interface TokenClaims {
  applicationId: number;
  userId: number;
  sessionId: number;
  nonce: number;
  /** Epoch ms on the server clock. */
  issuedAtMs: number;
  /** Epoch ms on the server clock. */
  expiresAtMs: number;
}

export function hexToken(): string {
  return randomBytes(20).toString('hex');
}

/** Three base64url parts joined by dots; several hundred characters, only [A-Za-z0-9_.-]. */
export function jwtToken(claims: TokenClaims): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      iss: 'https://api.sandbox.local',
      aud: 'quickblox-sandbox',
      sub: `app:${claims.applicationId}:user:${claims.userId}`,
      application_id: claims.applicationId,
      user_id: claims.userId,
      session_id: claims.sessionId,
      nonce: claims.nonce,
      iat: Math.floor(claims.issuedAtMs / 1000),
      exp: Math.floor(claims.expiresAtMs / 1000),
      jti: randomBytes(16).toString('hex'),
      scope: claims.userId === 0 ? 'application' : 'user',
    }),
  );
  const signature = base64url(createHmac('sha256', JWT_KEY).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

/** A 24-hex Mongo ObjectId: 4 bytes of creation time in seconds, then 8 random bytes. */
export function objectId(createdAtMs: number): string {
  const time = Buffer.alloc(4);
  time.writeUInt32BE(Math.floor(createdAtMs / 1000) >>> 0);
  return Buffer.concat([time, randomBytes(8)]).toString('hex');
}
