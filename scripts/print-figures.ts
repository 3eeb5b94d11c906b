/**
 * `node out/scripts/print-figures.js` (npm run figures): one summary block of what the tiers
 * measured, read from test-results/figures/*.json:
 *
 * - faults.json (integration suite, QB_FIGURES_DIR): faults survived / tried
 * - inputs.json (integration suite): hostile inputs rejected cleanly / tried
 * - concurrency.json (E2E reliability story): concurrent operations without loss / tried
 * - leaks.json (E2E secret-leak audit): leak hits
 * - hostile.json (hostile-folder tier): escapes found, out of the hostile inputs tried
 * - trust.json (unit tier, test/unit/trustBoundaries.test.ts): escapes found at the trust boundaries, out of the hostile inputs tried
 *
 * A figure file holds `{ "tried": n, "ok": n }` (or the figure's own names: `survived`,
 * `rejectedCleanly` out of `rejectTried`, `withoutLoss`), or an array of cases each with a boolean
 * `ok`; leaks.json holds `hits`; hostile.json holds `escapes`, `tried` and `complete` (false when
 * the story stopped at a failed step, so that not every input was tried). A missing file reads "not measured". inputs.json comes from the
 * unit tier (test/unit/hostileInput.test.ts) when mocha runs with QB_FIGURES_DIR set.
 * `--reset` deletes the figures first, so that a run shows only what it measured itself.
 * It never prints a `<tier>: N passed, N failed` line, and exits 0 unless it cannot read the folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIGURES_DIR, REPO_ROOT } from '../test/harness/repo';

/** Which counts make each figure's ratio, most specific first. */
const NAMES: Record<string, { ok: string[]; tried: string[] }> = {
  faults: { ok: ['survived', 'ok'], tried: ['tried', 'total'] },
  inputs: { ok: ['rejectedCleanly', 'ok'], tried: ['rejectTried', 'tried', 'total'] },
  concurrency: { ok: ['withoutLoss', 'ok'], tried: ['tried', 'total'] },
};

type Reading = { text: string; measuredAt?: string };

function pick(record: Record<string, unknown>, names: string[]): unknown {
  for (const name of names) if (name in record) return record[name];
  return undefined;
}

/** "ok / tried" from either shape; undefined when the file says neither. */
function ratio(name: string, data: unknown): { ok: number; tried: number } | undefined {
  const names = NAMES[name] ?? { ok: ['ok'], tried: ['tried'] };
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const ok = pick(data as Record<string, unknown>, names.ok);
    const tried = pick(data as Record<string, unknown>, names.tried);
    if (typeof ok === 'number' && typeof tried === 'number') return { ok, tried };
  }
  if (Array.isArray(data)) {
    const fine = data.filter((entry) => entry && typeof entry === 'object' && (entry as { ok?: unknown }).ok === true).length;
    return { ok: fine, tried: data.length };
  }
  return undefined;
}

function read(name: string): { data: unknown; measuredAt?: string } | 'missing' | Error {
  const file = path.join(FIGURES_DIR, `${name}.json`);
  if (!fs.existsSync(file)) return 'missing';
  try {
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const stamp =
      data && typeof data === 'object' && 'measuredAt' in data ? String((data as { measuredAt: unknown }).measuredAt) : fs.statSync(file).mtime.toISOString();
    return { data, measuredAt: stamp };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function ratioFigure(name: string): Reading {
  const found = read(name);
  if (found === 'missing') return { text: 'not measured' };
  if (found instanceof Error) return { text: `unreadable (${name}.json: ${found.message})` };
  const value = ratio(name, found.data);
  if (!value) return { text: `unreadable (${name}.json has no ok/tried counts)`, measuredAt: found.measuredAt };
  return { text: `${value.ok} / ${value.tried}${value.ok === value.tried ? '' : `  (${value.tried - value.ok} NOT)`}`, measuredAt: found.measuredAt };
}

function leakFigure(): Reading {
  const found = read('leaks');
  if (found === 'missing') return { text: 'not measured' };
  if (found instanceof Error) return { text: `unreadable (leaks.json: ${found.message})` };
  const data = found.data as { hits?: unknown; secrets?: unknown; filesScanned?: unknown; bytesScanned?: unknown };
  if (typeof data.hits !== 'number') return { text: 'unreadable (leaks.json has no hits)', measuredAt: found.measuredAt };
  const scope =
    typeof data.filesScanned === 'number' && typeof data.bytesScanned === 'number'
      ? `  (${String(data.secrets)} secrets in ${data.filesScanned} files, ${(data.bytesScanned / 1048576).toFixed(1)} MiB)`
      : '';
  return { text: `${data.hits}${scope}`, measuredAt: found.measuredAt };
}

function hostileFigure(): Reading {
  const found = read('hostile');
  if (found === 'missing') return { text: 'not measured' };
  if (found instanceof Error) return { text: `unreadable (hostile.json: ${found.message})` };
  const data = found.data as { escapes?: unknown; tried?: unknown; complete?: unknown; escapesFound?: Record<string, unknown> };
  if (typeof data.escapes !== 'number' || typeof data.tried !== 'number') {
    return { text: 'unreadable (hostile.json has no escapes/tried)', measuredAt: found.measuredAt };
  }
  const kinds = data.escapesFound
    ? Object.entries(data.escapesFound)
        .filter(([, count]) => typeof count === 'number' && count > 0)
        .map(([kind, count]) => `${kind} ${String(count)}`)
    : [];
  const scope = `  (${data.tried} hostile inputs tried${kinds.length ? `; ${kinds.join(', ')}` : ''}${data.complete === true ? '' : '; the story stopped at a failed step'})`;
  return { text: `${data.escapes}${scope}`, measuredAt: found.measuredAt };
}

function trustFigure(): Reading {
  const found = read('trust');
  if (found === 'missing') return { text: 'not measured' };
  if (found instanceof Error) return { text: `unreadable (trust.json: ${found.message})` };
  const data = found.data as { escapes?: unknown; tried?: unknown };
  if (typeof data.escapes !== 'number' || typeof data.tried !== 'number') {
    return { text: 'unreadable (trust.json has no escapes/tried)', measuredAt: found.measuredAt };
  }
  return {
    text: `${data.escapes}  (${data.tried} hostile inputs tried: tokens, deep JSON, links, echoed secrets, short keys, look-alike hosts, .env targets)`,
    measuredAt: found.measuredAt,
  };
}

function main(): number {
  if (process.argv.includes('--reset')) {
    if (fs.existsSync(FIGURES_DIR)) {
      for (const file of fs.readdirSync(FIGURES_DIR)) if (file.endsWith('.json')) fs.rmSync(path.join(FIGURES_DIR, file), { force: true });
    }
    fs.mkdirSync(FIGURES_DIR, { recursive: true });
    process.stdout.write(`figures: cleared ${path.relative(REPO_ROOT, FIGURES_DIR)}/\n`);
    return 0;
  }
  const rows: Array<[string, Reading]> = [
    ['faults survived / tried', ratioFigure('faults')],
    ['inputs rejected cleanly / tried', ratioFigure('inputs')],
    ['concurrent operations without loss / tried', ratioFigure('concurrency')],
    ['leak hits', leakFigure()],
    ['trust-boundary escapes (unit)', trustFigure()],
    ['hostile-folder escapes', hostileFigure()],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  const out = [`figures (${path.relative(REPO_ROOT, FIGURES_DIR)}/):`];
  for (const [label, reading] of rows) out.push(`  ${`${label}:`.padEnd(width + 1)} ${reading.text}${reading.measuredAt ? `   [${reading.measuredAt}]` : ''}`);
  process.stdout.write(`\n${out.join('\n')}\n\n`);
  return 0;
}

process.exitCode = main();
