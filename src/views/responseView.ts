import vscode = require('vscode');
import { parseBoundedJson, type QuickBloxError, type RequestRecord, type ResponseRecord } from '../core';
import { documents as messages } from '../feedback/messages';
import type { Prompts } from '../feedback/prompts';
import type { Clock } from '../host/clock';
import type { Log } from '../host/log';

export const RESPONSE_SCHEME = 'quickblox-response';
const KEPT = 50;
/** Response headers worth showing; the rest is noise for a session call. */
const RELEVANT_HEADERS = ['content-type', 'date', 'qb-token-expirationdate', 'retry-after', 'location', 'content-length', 'server'];

export interface Exchange {
  title: string;
  at: number;
  request?: RequestRecord;
  response?: ResponseRecord;
  error?: QuickBloxError;
  clockSkewSeconds?: number;
  /** What the extension did beyond the exchange itself, such as an extra request to find a failure's cause. */
  notes?: string[];
}

/** A finished read-only document, such as a signature explanation. */
/** An exchange as it is recorded: what was sent and answered, and its error if it failed. */
export interface Recorded {
  request?: RequestRecord;
  response?: ResponseRecord;
  clockSkewSeconds?: number;
}

export interface RecordOptions {
  error?: QuickBloxError;
  /** A background exchange (keep-alive, an extra check): logged and kept, but not "the last response". */
  quiet?: boolean;
  notes?: string[];
}

export interface TextDocument {
  title: string;
  text: string;
  language: 'markdown' | 'json';
}

type Entry = { exchange: Exchange } | { document: TextDocument };

/**
 * Request/response pairs as read-only JSON documents under their own scheme. The request side is
 * already redacted by the core; the response body is shown as received (a success body holds the
 * person's own token). Kept in memory only: nothing here is written to disk.
 */
export class ResponseView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly exchanges = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  private lastId: string | undefined;
  /** Tracked session id -> the id of the document of its last exchange. */
  private readonly bySession = new Map<string, string>();

  constructor(
    private readonly prompts: Prompts,
    private readonly log: Log,
    private readonly clock: Clock,
  ) {}

  dispose(): void {
    this.changed.dispose();
    this.exchanges.clear();
    this.bySession.clear();
  }

  /** Logs an exchange and keeps it as a document; returns the document's id. */
  record(title: string, exchange: Recorded, options: RecordOptions = {}): string {
    const { error, quiet = false, notes = [] } = options;
    this.log.exchange(exchange.request, exchange.response, error);
    const id = this.add({
      title,
      at: this.clock.now(),
      ...(exchange.request ? { request: exchange.request } : {}),
      ...(exchange.response ? { response: exchange.response } : {}),
      ...(error ? { error } : {}),
      ...(exchange.clockSkewSeconds !== undefined ? { clockSkewSeconds: exchange.clockSkewSeconds } : {}),
      ...(notes.length ? { notes } : {}),
    });
    if (!quiet) this.lastId = id;
    return id;
  }

  /** The id of the last exchange the person caused (for Show Last Response). */
  get last(): string | undefined {
    return this.lastId;
  }

  /** Remembers which document shows a session's last exchange. */
  linkSession(sessionId: string, documentId: string): void {
    this.bySession.set(sessionId, documentId);
  }

  ofSession(sessionId: string): string | undefined {
    return this.bySession.get(sessionId);
  }

  /** Drops the links of sessions no longer tracked (forgotten, destroyed, or their profile deleted). */
  keepSessions(tracked: ReadonlySet<string>): void {
    for (const id of [...this.bySession.keys()]) if (!tracked.has(id)) this.bySession.delete(id);
  }

  /** Stores an exchange and returns its id. */
  add(exchange: Exchange): string {
    return this.keep({ exchange });
  }

  /** Stores a finished document and returns its id. */
  addDocument(document: TextDocument): string {
    return this.keep({ document });
  }

  private keep(entry: Entry): string {
    const id = `${++this.counter}`;
    this.exchanges.set(id, entry);
    for (const old of this.exchanges.keys()) {
      if (this.exchanges.size <= KEPT) break;
      this.exchanges.delete(old);
    }
    return id;
  }

  uri(id: string): vscode.Uri {
    const entry = this.exchanges.get(id);
    const title = entry ? ('document' in entry ? entry.document.title : entry.exchange.title) : 'response';
    const extension = entry && 'document' in entry && entry.document.language === 'markdown' ? 'md' : 'json';
    const name = title.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '');
    return vscode.Uri.from({ scheme: RESPONSE_SCHEME, path: `/${name}-${id}.${extension}`, query: id });
  }

  async open(id: string): Promise<vscode.TextEditor | undefined> {
    if (!this.exchanges.has(id)) {
      void this.prompts.info(messages.responseNotKept());
      return undefined;
    }
    const entry = this.exchanges.get(id);
    const document = await vscode.workspace.openTextDocument(this.uri(id));
    await vscode.languages.setTextDocumentLanguage(document, entry && 'document' in entry ? entry.document.language : 'json');
    return vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
  }

  /**
   * Opens a Markdown document rendered (VS Code's read-only Markdown preview) instead of as source.
   * Resolves to the document's URI, or undefined when it is no longer kept.
   */
  async openRendered(id: string): Promise<vscode.Uri | undefined> {
    if (!this.exchanges.has(id)) {
      void this.prompts.info(messages.documentNotKept());
      return undefined;
    }
    const uri = this.uri(id);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.exchanges.get(uri.query);
    if (!entry) return JSON.stringify({ note: 'This response is no longer kept.' }, null, 2);
    return 'document' in entry ? entry.document.text : render(entry.exchange);
  }
}

function render(exchange: Exchange): string {
  const { request, response, error } = exchange;
  const document: Record<string, unknown> = { title: exchange.title, at: new Date(exchange.at).toISOString() };
  if (error) {
    document.error = {
      kind: error.kind,
      message: error.message,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.messages.length ? { serverMessages: error.messages } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      ...(error.code ? { code: error.code } : {}),
    };
  }
  if (exchange.notes?.length) document.notes = exchange.notes;
  if (exchange.clockSkewSeconds !== undefined) document.clockSkewSeconds = exchange.clockSkewSeconds;
  if (request) {
    document.request = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      ...(request.stringToSign !== undefined ? { stringToSign: request.stringToSign } : {}),
    };
  }
  if (response) {
    const headers: Record<string, string> = {};
    for (const name of RELEVANT_HEADERS) if (response.headers[name] !== undefined) headers[name] = response.headers[name];
    document.response = {
      status: response.status,
      statusText: response.statusText,
      durationMs: Math.round(response.durationMs),
      headers,
      body: parseOrText(response.body),
    };
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The body as JSON when it is JSON of a sane depth, else as the text it is. */
function parseOrText(body: string): unknown {
  const parsed = parseBoundedJson(body);
  return parsed.ok ? parsed.value : body.trim() === '' ? '' : body;
}
