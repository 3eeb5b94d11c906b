import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, waitFor } from './helpers';

/** The id VS Code knows the walkthrough by: `<publisher>.<name>#<walkthrough id>`. */
const WALKTHROUGH = `${EXTENSION_ID}#gettingStarted`;

const tabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs);

describe('the getting-started walkthrough, in the extension host', () => {
  beforeEach(async () => {
    await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('is contributed by the running extension under the id workbench.action.openWalkthrough takes', () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { walkthroughs?: Array<{ id: string }> } }).contributes
      ?.walkthroughs;
    assert.deepEqual(
      contributed?.map((walkthrough) => `${EXTENSION_ID}#${walkthrough.id}`),
      [WALKTHROUGH],
    );
  });

  it('opens with workbench.action.openWalkthrough and its id, as the active editor, without an error', async () => {
    assert.deepEqual(
      tabs().map((tab) => tab.label),
      [],
    );
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    // The walkthrough page is an editor of its own kind: the API gives its tab no input.
    const page = await waitFor('the walkthrough page', () => tabs().find((tab) => tab.input === undefined && /^(Welcome|Walkthrough: .+)$/.test(tab.label)));
    assert.ok(page.isActive, 'it is the active tab');
    assert.equal(tabs().length, 1);
  });
});
