// `npm run bench`: prints figures, asserts nothing (exit 0 when a target is missed). The minified
// bundle package.json's `main` names and the VSIX (after `npm run package`), code load + activate()
// in the real extension host (median of several code-server starts; `--no-host` skips it),
// signatures per second beside Node's bare createHmac, and createSession round trips on loopback
// beside a bare node-fetch POST of the same signed request, both against the same sandbox running in
// its own process. It ends with a table of issue 13's targets: figure, measured, target, met.
import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createHmac } from 'node:crypto';
import * as path from 'node:path';
import fetch from 'node-fetch';
import { computeSignature, createSession, signatureBaseString } from '../src/core';

interface SandboxInfo {
  url: string;
  app: { applicationId: number; authKey: string; authSecret: string; users: Array<{ login: string; password: string }> };
}

const ROOT = path.resolve(__dirname, '..', '..');
const TARGET_BUNDLE_KB = 60;
const TARGET_VSIX_KB = 150;
const TARGET_LOAD_AND_ACTIVATE_MS = 10;
/** Signatures through the production path, at least this share of a bare createHmac over the same text. */
const TARGET_SIGNING_SHARE = 0.8;
const ACTIVATION_STARTS = Number(process.env.BENCH_STARTS ?? 5);
/** createSession's time per round trip, at most this many times a bare node-fetch POST's. */
const TARGET_RATIO = 1.15;
const SIGNING_ROUNDS = 15;
/** Round trips of each kind, run in alternating blocks so that drift in the machine hits both alike. */
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 5000);
const BLOCK = 50;

const BENCH_USER_AGENT = 'quickblox-sessions-bench';

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

let bareNonce = 1;

/**
 * The request createSession sends (same headers, same signed body), built inline and posted with
 * node-fetch, the client's own HTTP layer, on the same default agent: what createSession adds on
 * top of node-fetch is the difference.
 */
async function barePost(info: SandboxInfo): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const nonce = bareNonce++;
  const { applicationId, authKey, authSecret } = info.app;
  const text = `application_id=${applicationId}&auth_key=${authKey}&nonce=${nonce}&timestamp=${timestamp}`;
  const signature = createHmac('sha1', authSecret).update(text).digest('hex');
  const body = JSON.stringify({ application_id: String(applicationId), auth_key: authKey, nonce: String(nonce), timestamp: String(timestamp), signature });
  const response = await fetch(`${info.url}/session.json`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'User-Agent': BENCH_USER_AGENT, 'QuickBlox-REST-API-Version': '0.1.1', 'Content-Type': 'application/json' },
    body,
    redirect: 'manual',
  });
  const answer = await response.text();
  if (response.status !== 201 || !(JSON.parse(answer) as { session?: unknown }).session) throw new Error(`bare POST: ${response.status} ${answer}`);
}

/** Each call's time in microseconds, into `times` from `at`. */
async function timeEach(count: number, once: () => Promise<unknown>, times: Float64Array, at: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await once();
    times[at + i] = (performance.now() - started) * 1000;
  }
}

/**
 * Times `a` and `b` round trip by round trip, in alternating blocks of BLOCK (each block
 * sequential, as a person's requests are), after warming both up: the medians of the two sets of
 * times, and their means.
 */
async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<{ a: Spread; b: Spread }> {
  const warm = new Float64Array(500);
  await timeEach(500, a, warm, 0);
  await timeEach(500, b, warm, 0);
  const ta = new Float64Array(ROUND_TRIPS);
  const tb = new Float64Array(ROUND_TRIPS);
  for (let at = 0; at < ROUND_TRIPS; at += BLOCK) {
    const count = Math.min(BLOCK, ROUND_TRIPS - at);
    await timeEach(count, a, ta, at);
    await timeEach(count, b, tb, at);
  }
  return { a: spreadOf(ta), b: spreadOf(tb) };
}

interface Spread {
  medianUs: number;
  meanUs: number;
  /** The fastest tenth's upper bound: the round trips idle waits touch least, printed for comparison. */
  p10Us: number;
}

function spreadOf(times: Float64Array): Spread {
  const sorted = Array.from(times).sort((x, y) => x - y);
  return {
    medianUs: median(sorted),
    meanUs: times.reduce((sum, time) => sum + time, 0) / times.length,
    p10Us: sorted[Math.floor(sorted.length / 10)],
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/** One line of the closing table; `met` is undefined when the figure was not measured in this run. */
interface TargetRow {
  figure: string;
  measured: string;
  target: string;
  met: boolean | undefined;
}

const targets: TargetRow[] = [];

function printTargets(): void {
  const header: TargetRow = { figure: 'figure', measured: 'measured', target: 'target', met: undefined };
  const cells = (row: TargetRow): string[] => [
    row.figure,
    row.measured,
    row.target,
    row === header ? 'met' : row.met === undefined ? '-' : row.met ? 'yes' : 'no',
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...[header, ...targets].map((row) => cells(row)[column].length)));
  const line = (row: TargetRow): string =>
    cells(row)
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log('targets (issue 13), from this run:');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of targets) console.log(line(row));
}

function sizes(): void {
  const main = path
    .normalize((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main)
    .split(path.sep)
    .join('/');
  for (const [label, file, target] of [
    [`bundle ${main} (minified)`, main, TARGET_BUNDLE_KB],
    ['VSIX quickblox-sessions.vsix', 'quickblox-sessions.vsix', TARGET_VSIX_KB],
  ] as const) {
    const full = path.join(ROOT, file);
    if (!fs.existsSync(full)) {
      console.log(`${label.padEnd(38)} missing: run \`npm run package\` first`);
      targets.push({ figure: label, measured: 'missing', target: `<= ${target} KB`, met: undefined });
      continue;
    }
    const kb = fs.statSync(full).size / 1024;
    console.log(`${label.padEnd(38)} ${kb.toFixed(1).padStart(8)} KB  target <= ${target} KB  ${verdict(kb <= target)}`);
    targets.push({ figure: label, measured: `${kb.toFixed(1)} KB`, target: `<= ${target} KB`, met: kb <= target });
  }
}

const LOAD_AND_ACTIVATE = 'code load + activate() in the extension host';

/**
 * Starts code-server with scripts/benchLoadProbe.ts as the test suite, several times: each start
 * gives how long loading the main bundle and how long activate() took in that host; the median of
 * their sums is the figure.
 */
function activationInHost(): void {
  const runs: Array<{ loadMs: number; activationMs: number }> = [];
  for (let i = 0; i < ACTIVATION_STARTS; i++) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qb-bench-')), 'activation.json');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'out', 'test', 'harness', 'runIntegration.js')], {
      env: { ...process.env, QB_EXTENSION_TESTS_PATH: path.join(ROOT, 'out', 'scripts', 'benchLoadProbe.js'), QB_BENCH_OUT: out },
      encoding: 'utf8',
    });
    const figures = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as { loadMs?: number; activationMs: number }) : undefined;
    if (figures?.loadMs === undefined) {
      console.log(
        `${LOAD_AND_ACTIVATE}: start ${i + 1} gave no figure (exit ${run.status}); ${run.stdout
          .split('\n')
          .filter((line) => /FAILED/.test(line))
          .join(' ')}`,
      );
      targets.push({ figure: LOAD_AND_ACTIVATE, measured: 'no figure', target: `<= ${TARGET_LOAD_AND_ACTIVATE_MS} ms`, met: undefined });
      return;
    }
    runs.push({ loadMs: figures.loadMs, activationMs: figures.activationMs });
  }
  const ms = median(runs.map((run) => run.loadMs + run.activationMs));
  const each = runs.map((run) => `${run.loadMs.toFixed(1)} + ${run.activationMs.toFixed(1)}`).join(', ');
  console.log(
    `${LOAD_AND_ACTIVATE} ${ms.toFixed(2).padStart(8)} ms  target <= ${TARGET_LOAD_AND_ACTIVATE_MS} ms  ${verdict(ms <= TARGET_LOAD_AND_ACTIVATE_MS)}`,
  );
  console.log(`  median of ${runs.length} starts, load + activate() each: ${each} ms`);
  targets.push({
    figure: LOAD_AND_ACTIVATE,
    measured: `${ms.toFixed(2)} ms`,
    target: `<= ${TARGET_LOAD_AND_ACTIVATE_MS} ms`,
    met: ms <= TARGET_LOAD_AND_ACTIVATE_MS,
  });
}

async function main(): Promise<void> {
  sizes();
  if (!process.argv.includes('--no-host')) activationInHost();
  else targets.push({ figure: LOAD_AND_ACTIVATE, measured: 'skipped (--no-host)', target: `<= ${TARGET_LOAD_AND_ACTIVATE_MS} ms`, met: undefined });
  const signing = signingRates();
  const signingRatio = signing.production / signing.bare;
  console.log(`signing (HMAC-SHA1, user body), per CPU second, median of ${SIGNING_ROUNDS} alternating rounds:`);
  console.log(`  computeSignature (createSession's) ${signing.production.toFixed(0).padStart(8)} /s`);
  console.log(`  createHmac alone, same text        ${signing.bare.toFixed(0).padStart(8)} /s   (the ceiling on this machine)`);
  console.log(
    `  ratio computeSignature / createHmac     ${signingRatio.toFixed(2)}     target >= ${TARGET_SIGNING_SHARE}  ${verdict(signingRatio >= TARGET_SIGNING_SHARE)}`,
  );
  targets.push({
    figure: 'signing (production path / bare createHmac)',
    measured: `${signingRatio.toFixed(3)} ×`,
    target: `>= ${TARGET_SIGNING_SHARE} ×`,
    met: signingRatio >= TARGET_SIGNING_SHARE,
  });

  const child = fork(path.join(__dirname, 'benchSandbox.js'), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<SandboxInfo>((resolve) => child.once('message', (m) => resolve(m as SandboxInfo)));
  try {
    console.log(`round trips to the sandbox on loopback, ${ROUND_TRIPS} of each in alternating blocks of ${BLOCK}, each block sequential:`);
    const { a: bare, b: ours } = await compare(
      () => barePost(info),
      () =>
        createSession({
          endpoint: info.url,
          applicationId: info.app.applicationId,
          authKey: info.app.authKey,
          authSecret: info.app.authSecret,
          auth: { type: 'application' },
          userAgent: BENCH_USER_AGENT,
        }),
    );
    const ratio = ours.medianUs / bare.medianUs;
    const us = (value: number): string => `${value.toFixed(0).padStart(6)} µs`;
    console.log(`  bare node-fetch POST              median ${us(bare.medianUs)}, mean ${us(bare.meanUs)}, 10th percentile ${us(bare.p10Us)}`);
    console.log(`  createSession                     median ${us(ours.medianUs)}, mean ${us(ours.meanUs)}, 10th percentile ${us(ours.p10Us)}`);
    console.log(
      `  ratio of medians createSession / bare ${ratio.toFixed(3)}  target <= ${TARGET_RATIO}  ${verdict(ratio <= TARGET_RATIO)}  (ratio of means ${(ours.meanUs / bare.meanUs).toFixed(3)}, of 10th percentiles ${(ours.p10Us / bare.p10Us).toFixed(3)})`,
    );
    targets.push({
      figure: 'createSession (time / bare node-fetch POST)',
      measured: `${ratio.toFixed(3)} ×`,
      target: `<= ${TARGET_RATIO} ×`,
      met: ratio <= TARGET_RATIO,
    });
  } finally {
    child.disconnect();
  }
  printTargets();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
