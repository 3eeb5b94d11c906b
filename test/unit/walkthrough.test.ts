// The getting-started walkthrough (contributes.walkthroughs): every step's text is a %key% of
// package.nls.json, its Markdown media ships in the VSIX, and every command it links to or waits
// for is one the extension contributes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: unknown; svg?: string; altText?: string };
  completionEvents?: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: Step[];
}
interface Manifest {
  contributes: { commands: Array<{ command: string }>; walkthroughs?: Walkthrough[] };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const english = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const walkthroughs = manifest.contributes.walkthroughs ?? [];
const steps = walkthroughs.flatMap((walkthrough) => walkthrough.steps);
const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));

/** The English text of a `%key%` field; fails when it is not one, or its key has no text. */
function text(field: string, where: string): string {
  const key = /^%([^%\s]+)%$/.exec(field)?.[1];
  assert.ok(key, `${where} is not a %key%: ${field}`);
  assert.ok(typeof english[key] === 'string' && english[key].trim() !== '', `package.nls.json has no text for ${key} (${where})`);
  return english[key];
}

/** The commands `command:` links name in Markdown (`[label](command:id)`, `[label](command:id?args)`). */
function linkedCommands(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(\s*<?command:([\w.-]+)/g)].map((match) => match[1]);
}

function mediaFile(step: Step): string {
  const file = step.media.markdown;
  assert.ok(file, `step ${step.id} has Markdown media (nothing large to ship)`);
  return path.join(ROOT, file);
}

function known(command: string): boolean {
  return contributed.has(command);
}

describe('the getting-started walkthrough', () => {
  it('exists, with its title, description and the four steps: a profile, a session, the token copied, the token used', () => {
    assert.deepEqual(
      walkthroughs.map((walkthrough) => walkthrough.id),
      ['gettingStarted'],
    );
    const [walkthrough] = walkthroughs;
    text(walkthrough.title, 'the walkthrough title');
    text(walkthrough.description, 'the walkthrough description');
    assert.deepEqual(
      steps.map((step) => step.id),
      ['profile', 'session', 'copyToken', 'useToken'],
    );
  });

  it("has every step's title and description in package.nls.json", () => {
    for (const step of steps) {
      text(step.title, `step ${step.id} title`);
      text(step.description, `step ${step.id} description`);
    }
  });

  it('has a Markdown media file for every step, shipped in the VSIX', () => {
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!media/walkthrough/*.md'), '.vscodeignore does not ship media/walkthrough/*.md');
    for (const step of steps) {
      const file = mediaFile(step);
      assert.ok(fs.existsSync(file), `step ${step.id}: ${file} is missing`);
      assert.equal(path.dirname(path.relative(ROOT, file)), path.join('media', 'walkthrough'), `step ${step.id}: its media is outside media/walkthrough/`);
      assert.match(path.basename(file), /\.md$/);
      assert.ok(fs.statSync(file).size < 4096, `step ${step.id}: ${file} is small`);
    }
  });

  it('links only to commands the extension contributes', () => {
    const links = steps.flatMap((step) => [
      ...linkedCommands(text(step.description, step.id)).map((command) => ({ step: step.id, command })),
      ...linkedCommands(fs.readFileSync(mediaFile(step), 'utf8')).map((command) => ({ step: `${step.id} media`, command })),
    ]);
    assert.ok(links.length >= 4, 'each step offers its command as a button');
    assert.deepEqual(
      links.filter(({ command }) => !known(command)),
      [],
    );
  });

  it('ticks each step on a command the extension contributes (onCommand), or on a context key it sets (onContext)', () => {
    const sources = fs
      .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => fs.readFileSync(path.join(ROOT, 'src', file), 'utf8'))
      .join('\n');
    for (const step of steps) {
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `step ${step.id} never ticks`);
      for (const event of events) {
        const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(known(name), `step ${step.id}: ${event} names no contributed command`);
        else if (kind === 'onContext') assert.ok(sources.includes(`'${name}'`), `step ${step.id}: ${event} names a context key src/ never sets`);
        else assert.fail(`step ${step.id}: ${event} is neither onCommand nor onContext`);
      }
      const linked = linkedCommands(text(step.description, step.id));
      assert.ok(
        linked.every((command) => events.includes(`onCommand:${command}`)),
        `step ${step.id}: a button's command does not tick it`,
      );
    }
  });
});
