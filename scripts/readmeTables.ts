// The README's commands and settings tables, generated from package.json so they cannot drift:
// `npm run readme` rewrites them between their markers; a unit test fails when they are stale.
// The titles and descriptions are `%key%` placeholders there, resolved through package.nls.json.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: { commandPalette?: Array<{ command: string; when?: string }> };
    configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string; description?: string; enum?: string[] }> };
  };
}

const ROOT = path.resolve(__dirname, '..', '..');
export const README = path.join(ROOT, 'README.md');

export function commandsTable(manifest: Manifest): string {
  const hidden = new Set((manifest.contributes.menus.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command));
  const rows = manifest.contributes.commands
    .filter((command) => !hidden.has(command.command))
    .map((command) => `| ${command.category ? `${command.category}: ` : ''}${command.title} | \`${command.command}\` |`);
  return ['| command | id |', '| --- | --- |', ...rows].join('\n');
}

export function settingsTable(manifest: Manifest): string {
  const rows = Object.entries(manifest.contributes.configuration.properties).map(([name, setting]) => {
    const description = (setting.markdownDescription ?? setting.description ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const values = setting.enum ? ` One of ${setting.enum.map((value) => `\`${value}\``).join(', ')}.` : '';
    return `| \`${name}\` | \`${JSON.stringify(setting.default)}\` | ${description}${values} |`;
  });
  return ['| setting | default | what it does |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The README with both tables regenerated between `<!-- name:start -->` and `<!-- name:end -->`. */
export function withTables(readme: string, manifest: Manifest): string {
  return replaceBetween(replaceBetween(readme, 'commands', commandsTable(manifest)), 'settings', settingsTable(manifest));
}

function replaceBetween(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** package.json with its `%key%` placeholders replaced by the English text of package.nls.json, as VS Code shows it. */
export function readManifest(): Manifest {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const english = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return localized(manifest, english) as Manifest;
}

/** Every string that is exactly `%key%` becomes `strings[key]`; a key missing from `strings` throws. */
export function localized(value: unknown, strings: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const key = /^%([^%\s]+)%$/.exec(value)?.[1];
    if (key === undefined) return value;
    if (!Object.hasOwn(strings, key)) throw new Error(`package.nls.json lacks the key ${key}`);
    return strings[key];
  }
  if (Array.isArray(value)) return value.map((item) => localized(item, strings));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, localized(item, strings)]));
  return value;
}

if (require.main === module) {
  const before = fs.readFileSync(README, 'utf8');
  const after = withTables(before, readManifest());
  if (after !== before) fs.writeFileSync(README, after);
  console.log(after === before ? 'README.md tables are up to date.' : 'README.md tables regenerated from package.json.');
}
