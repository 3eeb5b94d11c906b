import vscode = require('vscode');
import { defaultUserAgent } from '../core';

/** The core's User-Agent with the VS Code version added. */
export function userAgent(): string {
  return `${defaultUserAgent()} VSCode/${vscode.version}`;
}
