// package.json names its visible text as `%key%` placeholders and package.nls.json holds the English
// text, so that a translation is one more file (package.nls.de.json) and nothing else.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const english = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, unknown>;

/** The fields whose text a person reads in VS Code or on the Marketplace. */
const TEXT_FIELDS = new Set([
  'title',
  'category',
  'name',
  'contextualTitle',
  'contents',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
  'patternErrorMessage',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'label',
  'shortTitle',
  'altText',
]);

const PLACEHOLDER = /^%([^%\s]+)%$/;

/** Every string below `value`, with the dotted path that leads to it and the name of its field. */
function strings(value: unknown, where: string, field: string, found: Array<{ where: string; field: string; text: string }> = []): typeof found {
  if (typeof value === 'string') found.push({ where, field, text: value });
  else if (Array.isArray(value)) value.forEach((item, index) => strings(item, `${where}[${index}]`, field, found));
  else if (value !== null && typeof value === 'object') for (const [name, item] of Object.entries(value)) strings(item, `${where}.${name}`, name, found);
  return found;
}

const all = strings(manifest, 'package.json', '');
const used = new Set(all.map(({ text }) => PLACEHOLDER.exec(text)?.[1]).filter((key): key is string => key !== undefined));

describe('package.nls.json', () => {
  it('holds a non-empty English text for every %key% of package.json', () => {
    assert.ok(used.size > 0);
    for (const key of used) assert.ok(typeof english[key] === 'string' && english[key] !== '', `package.nls.json lacks ${key}`);
  });

  it('holds no key that package.json does not use', () => {
    assert.deepEqual(
      Object.keys(english).filter((key) => !used.has(key)),
      [],
    );
  });

  it('leaves no contributed title or description in package.json as plain text', () => {
    const visible = [
      ...strings(manifest.displayName, 'package.json.displayName', 'displayName'),
      ...strings(manifest.description, 'package.json.description', 'description'),
      ...strings(manifest.contributes, 'package.json.contributes', ''),
      ...strings(manifest.capabilities, 'package.json.capabilities', ''),
    ].filter(({ field }) => field === 'displayName' || TEXT_FIELDS.has(field));
    assert.ok(visible.length > 0);
    const plain = visible.filter(({ text }) => !PLACEHOLDER.test(text)).map(({ where, text }) => `${where}: ${text}`);
    assert.deepEqual(plain, []);
  });

  it('has translations (package.nls.<language>.json) that only use keys of package.nls.json', () => {
    for (const file of fs.readdirSync(ROOT).filter((name) => /^package\.nls\.[^.]+\.json$/.test(name))) {
      const translated = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(
        Object.keys(translated).filter((key) => !Object.hasOwn(english, key)),
        [],
        file,
      );
    }
  });

  it('ships with the extension, with the l10n bundle folder package.json names; translations ship, the English template does not', () => {
    assert.equal(manifest.l10n, './l10n');
    assert.ok(fs.existsSync(path.join(ROOT, 'l10n', 'bundle.l10n.json')));
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const line of ['!package.nls.json', '!package.nls.*.json', '!l10n/bundle.l10n.*.json']) {
      assert.ok(ignore.includes(line), `.vscodeignore lacks ${line}`);
    }
    // VS Code reads no bundle for English (the sentences in the code are the English text): the template is for translators.
    assert.ok(!ignore.includes('!l10n/*.json') && !ignore.includes('!l10n/bundle.l10n.json'), 'the English template would ship');
  });
});
