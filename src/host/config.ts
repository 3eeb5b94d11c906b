import vscode = require('vscode');
import { DEFAULT_ENV_VARIABLE } from '../core';

export type ShowResponse = 'always' | 'onError' | 'never';

const SECTION = 'quickblox';
const DEFAULT_ENDPOINT = 'https://api.quickblox.com';

/**
 * Typed reads of the extension's settings; nothing secret is ever kept in them.
 *
 * Settings that decide where credentials or tokens go, or that act without asking, are never taken
 * from a folder the person has not trusted (README → Security):
 * - `defaultEndpoint` and `autoRecreate` are `application` settings and `correctClockSkew` a
 *   `machine` one: only user settings hold them, trusted folder or not. They are read here from
 *   user settings alone too, so a folder's value is ignored even where VS Code would apply it.
 * - `env.file` and `env.variableName` belong to a folder, but are restricted: in Restricted Mode
 *   only the user's own value counts.
 */
export const config = {
  defaultEndpoint(): string {
    return userValue<string>('defaultEndpoint', DEFAULT_ENDPOINT).trim() || DEFAULT_ENDPOINT;
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
    return userValue<boolean>('autoRecreate', false) === true;
  },
  correctClockSkew(): boolean {
    return userValue<boolean>('correctClockSkew', false) === true;
  },
  keepAliveIntervalMs(): number {
    const minutes = settings().get<number>('keepAlive.intervalMinutes', 30);
    return (Number.isFinite(minutes) && minutes >= 1 ? Math.min(minutes, 110) : 30) * 60_000;
  },
  envVariableName(): string {
    return String(trustedValue<string>('env.variableName', DEFAULT_ENV_VARIABLE)).trim();
  },
  envFile(): string {
    return String(trustedValue<string>('env.file', '.env')).trim() || '.env';
  },
  /**
   * Whether VS Code saves the terminals still open when it exits, to revive them, their process
   * environment included (VS Code's `terminal.integrated.enablePersistentSessions` and
   * `terminal.integrated.persistentSessionReviveProcess`).
   */
  terminalsSavedAtExit(): boolean {
    const terminal = vscode.workspace.getConfiguration('terminal.integrated');
    return terminal.get<boolean>('enablePersistentSessions', true) && terminal.get<string>('persistentSessionReviveProcess', 'onExit') !== 'never';
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

/** The user's own value of a setting (user or remote user settings), else its default. */
function userValue<T>(name: string, fallback: T): T {
  const inspected = settings().inspect<T>(name);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** A folder's value only once the folder is trusted; in Restricted Mode the user's own value. */
function trustedValue<T>(name: string, fallback: T): T {
  return vscode.workspace.isTrusted ? settings().get<T>(name, fallback) : userValue(name, fallback);
}
