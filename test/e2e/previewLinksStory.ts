/**
 * The explanations open in VS Code's Markdown preview. Their text is written so that nothing from
 * outside becomes a link; this step checks the preview's own guard behind that: a `command:` link
 * that does reach a preview (a Markdown file of the workspace, written raw) does not run when
 * clicked. Runs in a trusted folder, where VS Code allows the most.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReliabilityContext } from './reliabilityStory';
import type { Step } from './steps';
import { selectors, type WorkbenchUi } from './ui';

const FILE = 'command-links.md';
/** Each would open a terminal if the preview ran it. */
const LINKS = [
  '[Markdown link](command:workbench.action.terminal.new)',
  '<a href="command:workbench.action.terminal.new">HTML link</a>',
  '<command:workbench.action.terminal.new>',
];

async function terminalsOpen(ui: WorkbenchUi): Promise<number> {
  return ui.page.locator('.xterm, .terminal-wrapper, .integrated-terminal').count();
}

export const previewLinksStory: ReadonlyArray<Step<ReliabilityContext>> = [
  {
    title: 'a command: link that reaches a Markdown preview does not run when clicked (Markdown, HTML and autolink forms)',
    run: async ({ ui, codeServer }) => {
      const file = path.join(codeServer.workspace, FILE);
      fs.writeFileSync(file, `# Links\n\n${LINKS.join('\n\n')}\n`);
      try {
        await ui.focusWorkbench();
        await ui.runCommand('View: Close All Editors');
        // Quick Open: the palette without its '>' searches files.
        await ui.page.keyboard.press('F1');
        await ui.page.locator(selectors.quickInputBox).fill(FILE);
        await ui.page.locator(selectors.quickInputRow).filter({ hasText: FILE }).first().click({ timeout: ui.timeoutMs });
        await ui.page.locator(selectors.editorTab).filter({ hasText: FILE }).first().waitFor({ state: 'visible', timeout: ui.timeoutMs });
        await ui.runExactCommand('Markdown: Open Preview');
        const body = ui.preview();
        await body.locator('h1', { hasText: 'Links' }).waitFor({ state: 'visible', timeout: ui.timeoutMs });
        assert.equal(await terminalsOpen(ui), 0, 'no terminal before the clicks');
        // Written raw, they are links in the preview: what is clicked below is a link, not text.
        // (VS Code 1.100's preview keeps their command: href; what stops them is that it runs none.)
        const hrefs = await body.locator('a').evaluateAll((elements) => elements.map((element) => element.getAttribute('href')));
        assert.deepEqual(
          hrefs,
          LINKS.map(() => 'command:workbench.action.terminal.new'),
          'each raw form renders as a command link',
        );
        for (const label of ['Markdown link', 'HTML link', 'command:workbench.action.terminal.new']) {
          const link = body.getByText(label, { exact: true });
          await link.click({ timeout: ui.timeoutMs });
          await sleep(1500);
          assert.equal(await terminalsOpen(ui), 0, `clicking "${label}" in the preview opened a terminal`);
        }
      } finally {
        fs.rmSync(file, { force: true });
        await ui.page.keyboard.press('Escape'); // a palette left open by a failure
        await ui.focusWorkbench();
        await ui.runCommand('View: Close All Editors');
      }
    },
  },
];
