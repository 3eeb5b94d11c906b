import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS } from '../../src/commands/commandIds';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('command ids activate() registers', () => {
  it('are exactly the commands package.json contributes, once each', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
    assert.deepEqual([...COMMAND_IDS].sort(), contributed);
    assert.equal(new Set(COMMAND_IDS).size, COMMAND_IDS.length);
  });

  it('load without VS Code (the list is plain data in the startup bundle)', () => {
    assert.ok(COMMAND_IDS.every((id) => /^quickblox\.[A-Za-z]+$/.test(id)));
  });
});
