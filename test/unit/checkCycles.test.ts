// scripts/check-cycles.mjs (run by `npm run lint`) on small source trees written for each case.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScript, runScriptOnTree, type ScriptRun } from './scriptOnTree';

function checkTree(files: Record<string, string>): ScriptRun {
  return runScriptOnTree('check-cycles.mjs', files);
}

describe('check-cycles', () => {
  it('fails on a cycle of value imports and names it as a chain, through a folder index', () => {
    const run = checkTree({
      'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'b.ts': "import { c } from './c';\nexport const b = c;\n",
      'c/index.ts': "import { a } from '../a';\nexport const c = a;\n",
      'd.ts': "import { a } from './a';\nexport const d = a;\n",
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /1 import cycle /);
    assert.ok(run.stderr.includes('a.ts → b.ts → c/index.ts → a.ts'), run.stderr);
    assert.ok(!run.stderr.includes('d.ts'), run.stderr);
  });

  it('passes a tree without cycles', () => {
    const run = checkTree({
      'a.ts': "import { b } from './b';\nimport * as fs from 'node:fs';\nexport const a = () => [b, fs];\n",
      'b.ts': "export { c } from './lib';\n",
      'lib/index.ts': 'export const c = 1;\n',
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /No import cycles among 3 files/);
  });

  it('warns about, and does not fail on, a cycle that only types close', () => {
    const run = checkTree({
      'a.ts': "import { b } from './b';\nexport interface A { n: number }\nexport const a = b;\n",
      'b.ts': "import type { A } from './a';\nimport { type A as Also } from './a';\nexport const b = (x: A, y: Also) => x.n + y.n;\n",
    });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(run.stdout.includes('warning: import cycle through types only (gone at runtime): a.ts → b.ts → a.ts'), run.stdout);
  });

  it('follows export-from, require() and import() as well as import', () => {
    const run = checkTree({
      'x.ts': "export { y } from './y';\n",
      'y.ts': "export const y = () => import('./z');\n",
      'z.ts': "const x = require('./x.js');\nexport const z = x;\n",
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.ok(run.stderr.includes('x.ts → y.ts → z.ts → x.ts'), run.stderr);
  });

  it('refuses a root that is not a folder', () => {
    const run = runScript('check-cycles.mjs', ['--root', path.join(os.tmpdir(), 'qb-cycles-none', 'missing')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /is not a directory/);
  });
});
