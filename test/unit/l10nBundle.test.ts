/**
 * The sentences of the extension live in one module (src/feedback/messages.ts), and the English
 * bundle a translator starts from (l10n/bundle.l10n.json) is made from it by scripts/l10n-bundle.mjs.
 * A sentence added without `npm run l10n`, or a `t(…)` call written anywhere else, fails here.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'l10n-bundle.mjs');

/** Every .ts file under `folder`, relative to the repository, with `/` between parts. */
function typeScriptFiles(folder: string): string[] {
  return fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return typeScriptFiles(relative);
    return entry.isFile() && entry.name.endsWith('.ts') ? [relative] : [];
  });
}

describe('Translation bundle', () => {
  it('l10n/bundle.l10n.json is up to date with src/feedback/messages.ts (run `npm run l10n` after changing a sentence)', () => {
    const run = spawnSync(process.execPath, [SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 0, `${run.stderr}${run.stdout}`);
  });

  it('holds every sentence as its own English, with {0} placeholders intact', () => {
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const keys = Object.keys(bundle);
    assert.ok(keys.length > 100, `${keys.length} sentences`);
    for (const key of keys) assert.equal(bundle[key], key);
    assert.ok(keys.includes('{0}: QuickBlox answered "Unexpected signature". The usual cause is a wrong auth secret, or a computer clock that is off.'));
    assert.deepEqual(keys, [...keys].sort());
  });

  it('has no t(…) call outside src/feedback/messages.ts and src/feedback/l10n.ts', () => {
    const allowed = new Set(['src/feedback/messages.ts', 'src/feedback/l10n.ts']);
    const calls = typeScriptFiles('src')
      .filter((file) => !allowed.has(file))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, index) => (/(?<![\w$])t\s*\(/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    assert.deepEqual(calls, [], 'sentences are written in src/feedback/messages.ts, and called from there');
  });
});
