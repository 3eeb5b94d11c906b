import * as vscode from 'vscode';
import { DEFAULT_ENV_VARIABLE } from './core';

export type ShowResponse = 'always' | 'onError' | 'never';

const SECTION = 'quickblox';
const DEFAULT_ENDPOINT = 'https://api.quickblox.com';

/** Typed reads of the extension's settings; nothing secret is ever kept in them. */
export const config = {
  defaultEndpoint(): string {
    return settings().get<string>('defaultEndpoint', DEFAULT_ENDPOINT).trim() || DEFAULT_ENDPOINT;
  },
  requestTimeoutMs(): number {
    const seconds = settings().get<number>('requestTimeoutSeconds', 15);
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 600) * 1000 : 15_000;
  },
  showResponse(): ShowResponse {
    const value = settings().get<string>('showResponse', 'onError');
    return value === 'always' || value === 'never' ? value : 'onError';
  },
  statusBarEnabled(): boolean {
    return settings().get<boolean>('statusBar.enabled', true);
  },
  autoRecreate(): boolean {
    return settings().get<boolean>('autoRecreate', false);
  },
  correctClockSkew(): boolean {
    return settings().get<boolean>('correctClockSkew', false);
  },
  keepAliveIntervalMs(): number {
    const minutes = settings().get<number>('keepAlive.intervalMinutes', 30);
    return (Number.isFinite(minutes) && minutes >= 1 ? Math.min(minutes, 110) : 30) * 60_000;
  },
  envVariableName(): string {
    return settings().get<string>('env.variableName', DEFAULT_ENV_VARIABLE).trim();
  },
  envFile(): string {
    return settings().get<string>('env.file', '.env').trim() || '.env';
  },
  setCorrectClockSkew(on: boolean): Thenable<void> {
    return settings().update('correctClockSkew', on, vscode.ConfigurationTarget.Global);
  },
  /** Fires when one of the given settings (names below `quickblox.`) changes. */
  onDidChange(names: string[], listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (names.some((name) => event.affectsConfiguration(`${SECTION}.${name}`))) listener();
    });
  },
};

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}
