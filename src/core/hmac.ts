import * as crypto from 'node:crypto';

export type HashAlgorithm = 'sha1' | 'sha256';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sha1', 'sha256'];

/** Both hashes take their input in 64-byte blocks; their digests are 20 and 32 bytes. */
const BLOCK_BYTES = 64;
const DIGEST_BYTES: Readonly<Record<HashAlgorithm, number>> = { sha1: 20, sha256: 32 };
const INNER_PAD = 0x36;
const OUTER_PAD = 0x5c;

type OneShotHash = (algorithm: string, data: Buffer, outputEncoding: 'latin1' | 'hex') => string;

/**
 * Lowercase hex HMAC (RFC 2104) of `text`'s UTF-8 bytes under `key`'s UTF-8 bytes: the same
 * answer as `createHmac(hash, key).update(text, 'utf8').digest('hex')`, which it falls back to on a
 * runtime without `crypto.hash`. It is built on two one-shot hashes because setting up an Hmac
 * object costs more than the hashing itself; the key's padded blocks are zeroed before it returns.
 */
export function hmacHex(text: string, key: string, hash: HashAlgorithm): string {
  if (!HASH_ALGORITHMS.includes(hash)) {
    throw new TypeError(`Unsupported signature hash "${String(hash)}": use "sha1" or "sha256".`);
  }
  // Node's one-shot `crypto.hash` exists from Node 20.12; looked up per call, like createHmac.
  const oneShot = (crypto as { hash?: unknown }).hash;
  return typeof oneShot === 'function' ? hmacHexByHashes(oneShot as OneShotHash, text, key, hash) : hmacHexByObject(text, key, hash);
}

/** The fallback, and the reference the unit tests hold `hmacHex` to. */
export function hmacHexByObject(text: string, key: string, hash: HashAlgorithm): string {
  return crypto.createHmac(hash, key).update(text, 'utf8').digest('hex');
}

/** At most this many UTF-8 bytes per UTF-16 code unit (a surrogate pair is 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

/**
 * One buffer holds the inner block and text, then the outer block and inner digest: it is sized
 * from the text's length, so the text is written (and its characters read) once.
 */
function hmacHexByHashes(hashOnce: OneShotHash, text: string, key: string, hash: HashAlgorithm): string {
  const outerAt = BLOCK_BYTES + text.length * MAX_UTF8_PER_UNIT;
  const work = Buffer.allocUnsafe(outerAt + BLOCK_BYTES + DIGEST_BYTES[hash]);
  let keyBytes = asciiKeyInto(work, key);
  if (keyBytes < 0) {
    keyBytes = Buffer.byteLength(key, 'utf8');
    if (keyBytes > BLOCK_BYTES) {
      // A key longer than a block is replaced by its hash.
      const long = Buffer.from(key, 'utf8');
      keyBytes = work.write(hashOnce(hash, long, 'latin1'), 0, 'latin1');
      long.fill(0);
    } else {
      work.write(key, 0, 'utf8');
    }
  }
  for (let i = 0; i < keyBytes; i++) {
    work[outerAt + i] = work[i] ^ OUTER_PAD;
    work[i] ^= INNER_PAD;
  }
  for (let i = keyBytes; i < BLOCK_BYTES; i++) {
    work[i] = INNER_PAD;
    work[outerAt + i] = OUTER_PAD;
  }
  const innerEnd = BLOCK_BYTES + work.write(text, BLOCK_BYTES, 'utf8');
  work.write(hashOnce(hash, work.subarray(0, innerEnd), 'latin1'), outerAt + BLOCK_BYTES, 'latin1');
  const digest = hashOnce(hash, work.subarray(outerAt), 'hex');
  for (let i = 0; i < BLOCK_BYTES; i++) {
    work[i] = 0;
    work[outerAt + i] = 0;
  }
  return digest;
}

/**
 * Writes a key of at most a block of ASCII characters (an auth secret as QuickBlox issues it)
 * byte for byte, which is its UTF-8; -1, with the block to be overwritten, for any other key.
 */
function asciiKeyInto(work: Buffer, key: string): number {
  if (key.length > BLOCK_BYTES) return -1;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code > 0x7f) return -1;
    work[i] = code;
  }
  return key.length;
}
