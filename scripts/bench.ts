// `npm run bench`: prints figures, asserts nothing. The minified bundle and VSIX sizes (after
// `npm run package`), activate() in the real extension host (median of several code-server
// starts; `--no-host` skips it), signing through the function createSession signs with
// (computeSignature) as a ratio of a bare createHmac over the same string, and createSession round trips on loopback
// beside a bare Node http POST that signs with inline code, both against the same sandbox running
// in its own process.
import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';
import { computeSignature, createSession, signatureBaseString } from '../src/core';

interface SandboxInfo {
  url: string;
  app: { applicationId: number; authKey: string; authSecret: string; users: Array<{ login: string; password: string }> };
}

const ROOT = path.resolve(__dirname, '..', '..');
const TARGET_BUNDLE_KB = 60;
const TARGET_VSIX_KB = 150;
const TARGET_ACTIVATE_MS = 10;
const ACTIVATION_STARTS = Number(process.env.BENCH_STARTS ?? 5);
/** Signing through computeSignature (the base string and the HMAC) against createHmac alone over the finished string. */
const TARGET_SIGNING_RATIO = 0.8;
const SIGNING_ROUNDS = 15;
const TARGET_RATIO = 1.5;
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 1000);
const ROUNDS = 5;

const BODY = { application_id: '76730', auth_key: '7quWEh-k6TqghXe', nonce: '7334', timestamp: '1567349756', user: { login: 'Mike', password: '!mike123' } };

/** This process's CPU time in microseconds: unlike the wall clock, other busy processes on the machine do not count. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** Calls per CPU second, over about `micros` of CPU time. */
function loopFor(once: () => unknown, micros: number): number {
  let count = 0;
  const started = cpuMicros();
  while (cpuMicros() - started < micros) {
    for (let i = 0; i < 1000; i++) once();
    count += 1000;
  }
  return count / ((cpuMicros() - started) / 1e6);
}

/**
 * Signatures per second through computeSignature, the function createSession signs with, and
 * through a bare createHmac over the finished string (the ceiling); rounds alternate so that
 * drift on the machine hits both alike, and the medians are compared.
 */
function signingRates(): { production: number; bare: number } {
  const text = signatureBaseString(BODY);
  if (computeSignature(BODY, 's3cr3t') !== createHmac('sha1', 's3cr3t').update(text).digest('hex')) throw new Error('the two signers disagree');
  const production = (): unknown => computeSignature(BODY, 's3cr3t');
  const bare = (): unknown => createHmac('sha1', 's3cr3t').update(text).digest('hex');
  loopFor(production, 300_000);
  loopFor(bare, 300_000);
  const rates = { production: [] as number[], bare: [] as number[] };
  for (let round = 0; round < SIGNING_ROUNDS; round++) {
    rates.production.push(loopFor(production, 200_000));
    rates.bare.push(loopFor(bare, 200_000));
  }
  return { production: median(rates.production), bare: median(rates.bare) };
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

async function perSecond(count: number, once: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await once();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Warms both up, then alternates rounds so drift in the server or the JIT hits both alike. */
async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await perSecond(500, a);
  await perSecond(500, b);
  const ra: number[] = [];
  const rb: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ra.push(await perSecond(ROUND_TRIPS, a));
    rb.push(await perSecond(ROUND_TRIPS, b));
  }
  return [median(ra), median(rb)];
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

function sizes(): void {
  for (const [label, file, target] of [
    ['bundle dist/extension.js (minified)', 'dist/extension.js', TARGET_BUNDLE_KB],
    ['VSIX quickblox-sessions.vsix', 'quickblox-sessions.vsix', TARGET_VSIX_KB],
  ] as const) {
    const full = path.join(ROOT, file);
    if (!fs.existsSync(full)) {
      console.log(`${label.padEnd(38)} missing: run \`npm run package\` first`);
      continue;
    }
    const kb = fs.statSync(full).size / 1024;
    console.log(`${label.padEnd(38)} ${kb.toFixed(1).padStart(8)} KB  target <= ${target} KB  ${verdict(kb <= target)}`);
  }
}

/** Starts code-server with the activation probe as the test suite, several times; the median. */
function activationInHost(): void {
  const times: number[] = [];
  for (let i = 0; i < ACTIVATION_STARTS; i++) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qb-bench-')), 'activation.json');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'out', 'test', 'harness', 'runIntegration.js')], {
      env: { ...process.env, QB_EXTENSION_TESTS_PATH: path.join(ROOT, 'out', 'test', 'bench', 'activationProbe.js'), QB_BENCH_OUT: out },
      encoding: 'utf8',
    });
    if (!fs.existsSync(out)) {
      console.log(`activate() in the extension host: start ${i + 1} gave no figure (exit ${run.status}); ${run.stdout.split('\n').filter((line) => /FAILED/.test(line)).join(' ')}`);
      return;
    }
    times.push((JSON.parse(fs.readFileSync(out, 'utf8')) as { activationMs: number }).activationMs);
  }
  const ms = median(times);
  console.log(`activate() in the extension host       ${ms.toFixed(2).padStart(8)} ms  target <= ${TARGET_ACTIVATE_MS} ms  ${verdict(ms <= TARGET_ACTIVATE_MS)}  (median of ${times.map((t) => t.toFixed(1)).join(', ')})`);
}

async function main(): Promise<void> {
  sizes();
  if (!process.argv.includes('--no-host')) activationInHost();
  const signing = signingRates();
  const signingRatio = signing.production / signing.bare;
  console.log(`signing (HMAC-SHA1, user body), per CPU second, median of ${SIGNING_ROUNDS} alternating rounds:`);
  console.log(`  computeSignature (createSession's) ${signing.production.toFixed(0).padStart(8)} /s`);
  console.log(`  createHmac alone, same text        ${signing.bare.toFixed(0).padStart(8)} /s   (the ceiling on this machine)`);
  console.log(`  ratio computeSignature / createHmac     ${signingRatio.toFixed(2)}     target >= ${TARGET_SIGNING_RATIO}  ${verdict(signingRatio >= TARGET_SIGNING_RATIO)}`);

  const child = fork(path.join(__dirname, 'benchSandbox.js'), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<SandboxInfo>((resolve) => child.once('message', (m) => resolve(m as SandboxInfo)));
  try {
    console.log(`round trips to the sandbox on loopback (median of ${ROUNDS} rounds of ${ROUND_TRIPS}, sequential):`);
    const [bare, ours] = await compare(
      () => barePost(info),
      () => createSession({ endpoint: info.url, applicationId: info.app.applicationId, authKey: info.app.authKey, authSecret: info.app.authSecret, auth: { type: 'application' } }),
    );
    console.log(`  bare http POST                     ${bare.toFixed(0).padStart(8)} /s`);
    console.log(`  createSession                      ${ours.toFixed(0).padStart(8)} /s`);
    const ratio = bare / ours;
    console.log(`  ratio bare / createSession             ${ratio.toFixed(2)}     target <= ${TARGET_RATIO}  ${verdict(ratio <= TARGET_RATIO)}`);
  } finally {
    agent.destroy();
    child.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
