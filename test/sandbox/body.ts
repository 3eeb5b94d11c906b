/**
 * Reads a request body with a size cap. Past the cap the rest is drained (up to a hard limit) so
 * the client is still able to read the 413 answer instead of seeing a broken pipe.
 */
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too_large'; closeConnection: boolean } | { kind: 'aborted' };

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      req.pause();
      settle({ kind: 'too_large', closeConnection: true });
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) {
        req.pause();
        settle({ kind: 'too_large', closeConnection: true });
      }
    });
    req.on('end', () => {
      settle(size > limit ? { kind: 'too_large', closeConnection: false } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}
