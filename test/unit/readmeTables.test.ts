import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { README, commandsTable, readManifest, settingsTable, withTables } from '../../scripts/readmeTables';

describe('README tables', () => {
  it('list every palette command and every setting of package.json', () => {
    const manifest = readManifest();
    const commands = commandsTable(manifest);
    for (const { command } of manifest.contributes.commands) {
      const hidden = manifest.contributes.menus.commandPalette?.some((entry) => entry.command === command && entry.when === 'false');
      assert.equal(commands.includes(`\`${command}\``), !hidden, command);
    }
    const settings = settingsTable(manifest);
    for (const name of Object.keys(manifest.contributes.configuration.properties)) assert.ok(settings.includes(`\`${name}\``), name);
  });

  it('are in sync with package.json (run `npm run readme` after changing it)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    assert.equal(readme, withTables(readme, readManifest()));
  });
});
