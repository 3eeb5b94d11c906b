// scripts/check-boundaries.mjs (run by `npm run lint`) on small repositories written for each case.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScript, runScriptOnTree, type ScriptRun } from './scriptOnTree';

/** What a repository that keeps the boundary holds: the loader, the shipped entry, a sandbox file and an extension file. */
const KEPT: Record<string, string> = {
  'src/localSandbox/sandboxFile.ts':
    "import type { Server } from '../../test/sandbox/shipped';\nexport const load = () => require('./sandbox.js') as typeof import('../../test/sandbox/shipped');\nexport type { Server };\n",
  'src/extension.ts': "import { load } from './localSandbox/sandboxFile';\nimport * as vscode from 'vscode';\nexport const go = () => [load, vscode];\n",
  'test/sandbox/shipped.ts': "import { start } from './server';\nexport interface Server { url: string }\nexport const run = start;\n",
  'test/sandbox/server.ts': "import * as http from 'node:http';\nimport data from './fixtures.json';\nexport const start = () => [http, data];\n",
};

function check(files: Record<string, string>): ScriptRun {
  return runScriptOnTree('check-boundaries.mjs', files);
}

describe('check-boundaries', () => {
  it('passes when src/ reaches the sandbox only through the loader, and only its shipped entry', () => {
    const run = check(KEPT);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /stay apart/);
  });

  it('fails when a sandbox file imports from src/ (a value, a type or a require) or imports vscode', () => {
    const run = check({
      ...KEPT,
      'test/sandbox/server.ts': "import { computeSignature } from '../../src/core/signature';\nexport const start = computeSignature;\n",
      'test/sandbox/routes/x.ts': "import type { Profile } from '../../../src/profiles/profile';\nexport type P = Profile;\n",
      'test/sandbox/y.ts': "export const y = require('../../src/core');\n",
      'test/sandbox/z.ts': "import * as vscode from 'vscode';\nexport const z = vscode;\n",
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^4 imports across the boundary/m);
    assert.ok(run.stderr.includes('test/sandbox/server.ts: imports ../../src/core/signature (the sandbox imports nothing from src/)'), run.stderr);
    assert.ok(run.stderr.includes('test/sandbox/routes/x.ts: imports ../../../src/profiles/profile'), run.stderr);
    assert.ok(run.stderr.includes('test/sandbox/y.ts: imports ../../src/core'), run.stderr);
    assert.ok(run.stderr.includes('test/sandbox/z.ts: imports vscode (the sandbox is plain Node)'), run.stderr);
  });

  it('fails when another file of src/ imports the sandbox, even for types only', () => {
    const run = check({
      ...KEPT,
      'src/views/tree.ts': "import type { Server } from '../../test/sandbox/shipped';\nexport type S = Server;\n",
      'src/commands/start.ts': "export const s = () => import('../../test/sandbox/server');\n",
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.ok(
      run.stderr.includes('src/views/tree.ts: imports ../../test/sandbox/shipped (src/ reaches the sandbox only through src/localSandbox/sandboxFile.ts)'),
      run.stderr,
    );
    assert.ok(run.stderr.includes('src/commands/start.ts: imports ../../test/sandbox/server'), run.stderr);
  });

  it('fails when the loader names a sandbox file other than the shipped entry', () => {
    const run = check({
      ...KEPT,
      'src/localSandbox/sandboxFile.ts': "import { startSandbox } from '../../test/sandbox/server';\nexport const load = startSandbox;\n",
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.ok(
      run.stderr.includes('src/localSandbox/sandboxFile.ts: imports ../../test/sandbox/server (the loader names only test/sandbox/shipped.ts)'),
      run.stderr,
    );
  });

  it('passes on this repository', () => {
    const run = runScript('check-boundaries.mjs');
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  it('refuses a root without src/ and test/sandbox/', () => {
    const run = runScript('check-boundaries.mjs', ['--root', path.join(os.tmpdir(), 'qb-boundaries-none')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /is not a directory/);
  });
});
