// `npm run bench`: prints figures, asserts nothing. Signatures per second, and createSession
// round trips on loopback beside a bare Node http POST that signs with inline code, both
// against the same sandbox running in its own process.
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';
import { computeSignature, createSession } from '../src/core';

interface SandboxInfo {
  url: string;
  app: { applicationId: number; authKey: string; authSecret: string; users: Array<{ login: string; password: string }> };
}

const TARGET_SIGNATURES = 500_000;
const TARGET_RATIO = 1.5;
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 1500);

function signaturesPerSecond(): number {
  const body = { application_id: '76730', auth_key: '7quWEh-k6TqghXe', nonce: '7334', timestamp: '1567349756', user: { login: 'Mike', password: '!mike123' } };
  for (let i = 0; i < 20_000; i++) computeSignature(body, 's3cr3t');
  let count = 0;
  const started = process.hrtime.bigint();
  const budget = 1_500_000_000n;
  while (process.hrtime.bigint() - started < budget) {
    for (let i = 0; i < 1000; i++) computeSignature(body, 's3cr3t');
    count += 1000;
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

const agent = new http.Agent({ keepAlive: true });
let bareNonce = 1;

function barePost(info: SandboxInfo): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const nonce = bareNonce++;
  const { applicationId, authKey, authSecret } = info.app;
  const text = `application_id=${applicationId}&auth_key=${authKey}&nonce=${nonce}&timestamp=${timestamp}`;
  const signature = createHmac('sha1', authSecret).update(text).digest('hex');
  const body = JSON.stringify({ application_id: String(applicationId), auth_key: authKey, nonce: String(nonce), timestamp: String(timestamp), signature });
  return new Promise((resolve, reject) => {
    const req = http.request(`${info.url}/session.json`, { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 201 && (JSON.parse(text) as { session?: unknown }).session ? resolve() : reject(new Error(`bare POST: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function perSecond(label: string, count: number, once: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 100; i++) await once();
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once();
  const rate = count / (Number(process.hrtime.bigint() - started) / 1e9);
  console.log(`  ${label.padEnd(34)} ${rate.toFixed(0).padStart(8)} /s`);
  return rate;
}

async function main(): Promise<void> {
  const rate = signaturesPerSecond();
  console.log(`signatures (HMAC-SHA1, user body)   ${rate.toFixed(0).padStart(8)} /s   target >= ${TARGET_SIGNATURES}  ${rate >= TARGET_SIGNATURES ? 'met' : 'MISSED'}`);

  const child = fork(path.join(__dirname, 'benchSandbox.js'), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<SandboxInfo>((resolve) => child.once('message', (m) => resolve(m as SandboxInfo)));
  try {
    console.log(`round trips to the sandbox on loopback (${ROUND_TRIPS} each, sequential):`);
    const bare = await perSecond('bare http POST', ROUND_TRIPS, () => barePost(info));
    const ours = await perSecond('createSession', ROUND_TRIPS, () =>
      createSession({ endpoint: info.url, applicationId: info.app.applicationId, authKey: info.app.authKey, authSecret: info.app.authSecret, auth: { type: 'application' } }),
    );
    const ratio = bare / ours;
    console.log(`  ratio bare / createSession             ${ratio.toFixed(2)}     target <= ${TARGET_RATIO}  ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`);
  } finally {
    agent.destroy();
    child.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
