/**
 * A small HTTP server on 127.0.0.1 that answers every request as a test says and records what it
 * was asked: a hostile or odd QuickBlox for one test. Used by the unit tier and, inside the
 * extension host, by the integration tier.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  /** The reason phrase after the status code. */
  reason?: string;
  body: string;
  headers?: Record<string, string>;
}

export interface Asked {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The request body as text (empty when there was none). */
  body: string;
}

export interface LoopbackServer {
  url: string;
  requests: Asked[];
  close(): Promise<void>;
}

export async function startLoopbackServer(reply: (asked: Asked) => Reply): Promise<LoopbackServer> {
  const requests: Asked[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const asked = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(asked);
      const { status, reason, body, headers } = reply(asked);
      response.writeHead(status, reason ?? '', { 'content-type': 'application/json', ...headers });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
