/**
 * In-memory stand-ins for a window's globalState (`vscode.Memento`) and for SecretStorage, so the
 * stores' logic runs on plain Node. They implement the interfaces the stores take and nothing
 * else of VS Code; the extension-host tests run the same stores on the real ones.
 */
import type * as vscode from 'vscode';
import { Emitter } from '../../src/storage/emitter';

type Values = Record<string, unknown>;

/** VS Code keeps globalState as JSON: what is read back is a copy, never the object written. */
function cloned<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** A window's globalState, held in memory. */
export class MemoryMemento implements vscode.Memento {
  private values: Values = {};
  /** How many writes were made (each `update` call). */
  writes = 0;
  /** A write of a key this matches rejects, and changes nothing. */
  failWrites: ((key: string) => boolean) | undefined;

  keys(): readonly string[] {
    return Object.keys(this.values);
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return key in this.values ? cloned(this.values[key] as T) : defaultValue;
  }

  update(key: string, value: unknown): Thenable<void> {
    this.writes++;
    if (this.failWrites?.(key)) return Promise.reject(new Error(`globalState could not write ${key}`));
    if (value === undefined) delete this.values[key];
    else this.values[key] = cloned(value);
    return Promise.resolve();
  }

  /** Everything stored, as a copy: to look at, or to put back later with `replaceAll`. */
  snapshot(): Values {
    return cloned(this.values);
  }

  /** Another window's globalState that starts now: a copy of everything stored here. */
  clone(): MemoryMemento {
    const copy = new MemoryMemento();
    copy.replaceAll(this.values);
    return copy;
  }

  /** Replaces the whole copy, as VS Code does when it hears of another window's save. */
  replaceAll(values: Values): void {
    this.values = cloned(values);
  }
}

/** SecretStorage held in memory; `onDidChange` fires for every store and for every delete of a stored key. */
export class MemorySecrets implements vscode.SecretStorage, vscode.Disposable {
  private readonly values = new Map<string, string>();
  private readonly changed = new Emitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  /** A store of a key this matches rejects, and stores nothing. */
  failStores: ((key: string) => boolean) | undefined;
  /** A delete of a key this matches rejects, and deletes nothing. */
  failDeletes: ((key: string) => boolean) | undefined;

  get(key: string): Thenable<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  store(key: string, value: string): Thenable<void> {
    if (this.failStores?.(key)) return Promise.reject(new Error('secret storage is unavailable'));
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }

  delete(key: string): Thenable<void> {
    if (this.failDeletes?.(key)) return Promise.reject(new Error('secret storage is unavailable'));
    if (this.values.delete(key)) this.changed.fire({ key });
    return Promise.resolve();
  }

  /** The stored keys that start with `prefix`, sorted. */
  keysUnder(prefix: string): string[] {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Resolves once `check` returns true, trying every 20 ms for up to `ms`; rejects naming `what` otherwise. */
export async function eventually(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
