/**
 * Two small HTTP servers on loopback for the hostile-folder tier (plain Node `http`, port 0):
 *
 * - the folder's endpoint (H1): the URL a cloned folder's settings offer as the endpoint. It
 *   records every request and answers 404; the story asserts it never got one.
 * - a hostile QuickBlox (H2): answers every request with 422, a reason phrase and an error body
 *   that both hold markdown command links, as a server that wants its text rendered would.
 *
 * Bounded: request bodies past 64 KiB are not kept, at most 100 requests are recorded, requests
 * time out after 10 s, and `close()` ends every connection.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The body H2 answers: a QuickBlox error whose message holds a link to a command that types into a terminal. */
export const HOSTILE_BODY = JSON.stringify({
  errors: { base: ['See [Open the docs](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D) now'] },
});
/** The reason phrase of H2's status line. */
export const HOSTILE_REASON = 'Unprocessable [click](command:workbench.action.quit)';

const MAX_BODY_BYTES = 64 * 1024;
const MAX_RECORDED = 100;

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The first 64 KiB, as UTF-8. */
  body: string;
  at: string;
}

export interface HostileServer {
  name: string;
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** Every request received, oldest first (at most 100 kept; `count` goes on). */
  requests: RecordedRequest[];
  count(): number;
  close(): Promise<void>;
}

type Answer = (response: http.ServerResponse) => void;

async function start(name: string, answer: Answer): Promise<HostileServer> {
  const requests: RecordedRequest[] = [];
  let count = 0;
  const server = http.createServer((request, response) => {
    count++;
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size < MAX_BODY_BYTES) chunks.push(chunk.subarray(0, MAX_BODY_BYTES - size));
      size += chunk.length;
    });
    request.on('end', () => {
      if (requests.length < MAX_RECORDED) {
        requests.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: new Date().toISOString(),
        });
      }
      answer(response);
    });
    request.on('error', () => response.destroy());
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    requests,
    count: () => count,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** H1: the endpoint the folder's settings name. Any request it gets is an escape. */
export function startFolderEndpoint(): Promise<HostileServer> {
  return start('the folder endpoint (H1)', (response) => {
    response.writeHead(404, { 'Content-Type': 'application/json' });
    response.end('{"errors":["Not Found"]}');
  });
}

/** H2: a hostile QuickBlox that answers everything with command links in its error. */
export function startHostileQuickBlox(): Promise<HostileServer> {
  return start('the hostile QuickBlox (H2)', (response) => {
    response.statusCode = 422;
    response.statusMessage = HOSTILE_REASON;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Date', new Date().toUTCString());
    response.end(HOSTILE_BODY);
  });
}
