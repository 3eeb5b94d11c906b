// extensionTestsPath for `npm run bench`: code load + activate() in the real extension host.
// test/bench/activationProbe.ts reports how long activate() took; this adds how long the same host
// takes to load the bundle that package.json's `main` names. The extension is already loaded by then,
// so the bundle is loaded a second time, from a copy that differs by a trailing comment: V8 compiles
// and runs it afresh instead of answering from its cache of scripts compiled in this process.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { run as activationProbe } from '../test/bench/activationProbe';

const ROOT = path.resolve(__dirname, '..', '..');

export async function run(): Promise<void> {
  await activationProbe();
  const out = process.env.QB_BENCH_OUT;
  if (!out || !fs.existsSync(out)) return;
  const figures = JSON.parse(fs.readFileSync(out, 'utf8')) as { activationMs: number };
  fs.writeFileSync(out, JSON.stringify({ ...figures, loadMs: freshLoadMs() }));
}

/** Milliseconds to require() a fresh copy of the main bundle, next to it so it resolves `vscode` alike. */
function freshLoadMs(): number {
  const main = path.resolve(ROOT, (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main);
  const copy = path.join(path.dirname(main), `.bench-load-${process.pid}-${Date.now()}.js`);
  fs.writeFileSync(copy, `${fs.readFileSync(main, 'utf8')}\n// ${path.basename(copy)}\n`);
  try {
    const load = createRequire(copy);
    const started = performance.now();
    load(copy);
    return performance.now() - started;
  } finally {
    delete require.cache[copy];
    fs.rmSync(copy, { force: true });
  }
}
