/**
 * The extension as VS Code loads it from package.json: it activates, its commands and view are
 * there, and the sandbox the harness started is reachable from the extension host.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';

interface Manifest {
  name: string;
  publisher: string;
  contributes: {
    commands: Array<{ command: string }>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    views: Record<string, Array<{ id: string }>>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;
const declared = manifest.contributes.commands.map((entry) => entry.command);
const viewIds = Object.values(manifest.contributes.views).flatMap((views) => views.map((view) => view.id));

describe('activation', () => {
  it(`finds and activates ${extensionId}`, async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded (extensionDevelopmentPath should point at the repository)`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it("loads no command's work at startup: the features file waits for the first command", async () => {
    const extension = vscode.extensions.getExtension<TestApi | undefined>(extensionId);
    const api = await extension?.activate();
    assert.ok(api, 'the test API');
    assert.equal(api.features.isLoaded, false, 'dist/features.js was loaded before any command ran');
    await vscode.commands.executeCommand('quickblox.showLog');
    assert.equal(api.features.isLoaded, true, 'the first command loads it');
  });

  it('registers every command that package.json declares', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], `declared in contributes.commands but not registered: ${missing.join(', ')}`);
  });

  it('declares every quickblox.* command it registers', async () => {
    // VS Code itself registers `<view id>.focus`, `.resetViewLocation` ... for each contributed view.
    const ownedByViews = (command: string): boolean => viewIds.some((view) => command.startsWith(`${view}.`));
    const registered = (await vscode.commands.getCommands(true)).filter((command) => command.startsWith('quickblox.') && !ownedByViews(command));
    const undeclared = registered.filter((command) => !declared.includes(command));
    assert.deepEqual(undeclared, [], `registered but missing from contributes.commands: ${undeclared.join(', ')}`);
  });

  it('contributes the QuickBlox container with the Profiles view, which opens', async () => {
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((container) => container.id === 'quickblox'));
    assert.ok(viewIds.includes('quickblox.profiles'));
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('quickblox.profiles.focus'), 'VS Code did not create the Profiles view (no quickblox.profiles.focus)');
    await vscode.commands.executeCommand('workbench.view.extension.quickblox');
    await vscode.commands.executeCommand('quickblox.profiles.focus');
  });

  it('reaches the sandbox named by QB_SANDBOX_URL', async () => {
    const url = process.env.QB_SANDBOX_URL;
    assert.ok(url, 'QB_SANDBOX_URL is not set: the harness passes the sandbox URL to the extension host through it');
    const response = await fetch(`${url.replace(/\/$/, '')}/_sandbox/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
  });
});
