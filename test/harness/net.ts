/** A free loopback port, and waiting for a server to answer. */
import * as net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers with any HTTP status (redirects are not followed). Resolves to the
 * status, or to undefined when `deadline` passes or `givenUp()` turns true first.
 */
export async function waitForHttp(url: string, deadline: number, givenUp: () => boolean = () => false): Promise<number | undefined> {
  while (Date.now() < deadline && !givenUp()) {
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return undefined;
}
