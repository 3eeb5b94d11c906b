// What the extension writes into the Markdown documents VS Code renders: outside text (a server's
// message, a pasted selection, a value in a request) must read as text there, never as a link, an
// image, HTML or formatting. VS Code's preview links `https://…` and `mike@example.com` even with
// their `:` and `@` escaped (the extension-host test renders with VS Code's own engine).
import * as assert from 'node:assert/strict';
import { code, plain, prose } from '../../src/core/markdown';
import type { Explained } from '../../src/feedback/failures';
import { errorExplanationMarkdown } from '../../src/views/errorExplanationText';
import { withoutCode } from './withoutCode';

const HOSTILE = [
  '[Run](command:workbench.action.terminal.new)',
  '![x](https://tracker.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:workbench.action.quit">a</a>',
  '<command:workbench.action.quit>',
  'https://evil.example/path',
  'HTTPS://EVIL.EXAMPLE',
  '//evil.example/x',
  'see mike@example.com.',
  'mailto:mike@example.com',
  'www.evil.example',
  '**bold** _it_ `tick` # heading | cell ~strike~',
  '&#91;x&#93;(command:workbench.action.quit) &lt;img src=x&gt;',
];

/** What could still become a link, HTML or formatting once the code spans are taken out. */
function assertInert(markdown: string, what: string): void {
  const outside = withoutCode(markdown);
  assert.doesNotMatch(outside, /(?<!\\)\]\s*\(/, `${what}: a link`);
  assert.doesNotMatch(outside, /(?<!\\)</, `${what}: HTML or an autolink`);
  assert.doesNotMatch(outside, /(?<!\\)&/, `${what}: an entity`);
  assert.doesNotMatch(outside, /(?<!\\)\*\*bold/, `${what}: emphasis`);
  assert.doesNotMatch(outside, /:\/\/|\/\/evil|@|mailto:|www\\?\./i, `${what}: an address outside code`);
}

describe('Markdown text written for the rendered documents', () => {
  for (const text of HOSTILE) {
    it(`prose keeps ${JSON.stringify(text)} inert`, () => {
      assertInert(prose(text), text);
    });
  }

  it('prose writes each word that looks like an address as code, which reads the same', () => {
    assert.equal(prose('see https://evil.example/a now'), 'see `https://evil.example/a` now');
    assert.equal(prose('ask mike@example.com.'), 'ask `mike@example.com.`');
    assert.equal(prose('a `b` c@d'), 'a \\`b\\` ``c@d``'.replace('``c@d``', code('c@d')));
    assert.equal(prose('example.com and 1.5'), 'example\\.com and 1\\.5');
  });

  it('plain escapes & so that an entity in outside text shows as typed', () => {
    assert.equal(plain('&lt;b&gt; &#91;'), '\\&lt;b\\&gt; \\&\\#91;');
  });

  it('prose keeps a sentence on one line', () => {
    assert.equal(prose('one\n\n# two\r\nthree'), 'one \\# two three');
  });
});

describe('the rendered explanation of a pasted error', () => {
  const explained: Explained = {
    message: 'The pasted response: QuickBlox answered "Forbidden. Need user.": application sessions are read-only.',
    actions: ['upgradeSession', 'createSession', 'retry'],
  };

  it('leads with what it means, then the status and every line QuickBlox answered, then the actions its notification offers', () => {
    const markdown = errorExplanationMarkdown({ status: 403, lines: ['Forbidden. Need user.'], explained, offered: ['upgradeSession', 'createSession'] });
    const lines = markdown.split('\n');
    assert.equal(lines[0], '# QuickBlox error response');
    assert.match(markdown, /\*\*What it means:\*\* The pasted response: QuickBlox answered "Forbidden. Need user.": application sessions are read-only\./);
    assert.ok(lines.includes('- Status: `403`'), markdown);
    assert.ok(lines.includes('- `Forbidden. Need user.`'), markdown);
    assert.ok(markdown.indexOf('What it means') < markdown.indexOf('## What QuickBlox answered'));
    assert.match(markdown, /## What to do\n\nIts notification offers: \*\*Upgrade Session\*\*, \*\*Create Session\*\*\n/);
    assert.doesNotMatch(markdown, /Retry/, 'only what the notification offers');
  });

  it('says when no status came with the text, and leaves out "What to do" when nothing is offered', () => {
    const markdown = errorExplanationMarkdown({ lines: ['Unexpected signature'], explained: { message: 'm', actions: [] }, offered: [] });
    assert.match(markdown, /- Status: not given with the text\n- `Unexpected signature`/);
    assert.doesNotMatch(markdown, /What to do/);
  });

  it('renders no link, image, HTML or formatting from the lines or the message, and shows each line exactly', () => {
    const markdown = errorExplanationMarkdown({
      status: 422,
      lines: HOSTILE,
      explained: { message: `The pasted response: QuickBlox refused the request (422: ${HOSTILE.join('; ')}).`, actions: ['retry'] },
      offered: [],
    });
    assertInert(markdown, 'the explanation');
    for (const line of HOSTILE) assert.ok(markdown.includes(`- ${code(line)}\n`), line);
  });
});
