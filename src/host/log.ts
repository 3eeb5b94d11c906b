import type * as vscode from 'vscode';
import { redactText, type QuickBloxError, type RequestRecord, type ResponseRecord, type SecretValues } from '../core';

/** The "QuickBlox" output channel; every line is redacted before it is written. */
export class Log {
  constructor(private readonly channel: vscode.LogOutputChannel) {}

  /** One line per request: method, URL, status, duration, error kind. */
  exchange(request: RequestRecord | undefined, response: ResponseRecord | undefined, error?: QuickBloxError): void {
    if (!request) {
      if (error) this.warn(`${error.kind}: ${error.message}`);
      return;
    }
    const status = response ? `${response.status}` : 'no response';
    const duration = response ? ` in ${Math.round(response.durationMs)} ms` : '';
    const line = `${request.method} ${request.url} → ${status}${duration}${error ? ` [${error.kind}]` : ''}`;
    if (error) this.warn(`${line} ${error.message}`);
    else this.info(line);
  }

  info(message: string, secrets?: SecretValues): void {
    this.channel.info(redactText(message, secrets));
  }

  warn(message: string, secrets?: SecretValues): void {
    this.channel.warn(redactText(message, secrets));
  }

  show(): void {
    this.channel.show(true);
  }
}
