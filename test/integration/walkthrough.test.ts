import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID } from './helpers';

/** The id VS Code knows the walkthrough by: `<publisher>.<name>#<walkthrough id>`. */
const WALKTHROUGH = `${EXTENSION_ID}#gettingStarted`;

// Opening it is the E2E walkthrough story's: from the extension host, the page VS Code opens for an
// unknown walkthrough id (Welcome) cannot be told from this one.
describe('the getting-started walkthrough, in the extension host', () => {
  before(() => api());

  it('is contributed by the running extension under the id workbench.action.openWalkthrough takes', () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { walkthroughs?: Array<{ id: string }> } }).contributes
      ?.walkthroughs;
    assert.deepEqual(
      contributed?.map((walkthrough) => `${EXTENSION_ID}#${walkthrough.id}`),
      [WALKTHROUGH],
    );
  });
});
