/**
 * Stand-ins for what two VS Code windows share: one globalState that each window reads through its
 * own cache, which follows the other windows' writes only when the test says so (as a window's
 * copy follows the others' only eventually), and one SecretStorage. They implement the real
 * `vscode.Memento` and `vscode.SecretStorage` interfaces, so the stores run on them unchanged.
 */
import * as vscode from 'vscode';

/** Values are kept as JSON, as VS Code keeps globalState. */
function cloned<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The globalState on disk that every window writes to. */
export class SharedGlobalState {
  readonly stored = new Map<string, unknown>();

  /** A window that starts now: its cache holds what is stored at this moment. */
  window(): WindowMemento {
    return new WindowMemento(this);
  }

  keys(): string[] {
    return [...this.stored.keys()];
  }
}

/**
 * One window's globalState: reads come from its own cache; its writes reach the shared store at
 * once, other windows' writes reach its cache only at `catchUp()`. `interrupt` makes the next
 * matching write never finish and never land, as when the window closes while writing.
 */
export class WindowMemento implements vscode.Memento {
  private cache: Map<string, unknown>;
  private interruption: { matches: (key: string) => boolean; reached: () => void } | undefined;

  constructor(private readonly shared: SharedGlobalState) {
    this.cache = new Map([...shared.stored].map(([key, value]) => [key, cloned(value)]));
  }

  keys(): readonly string[] {
    return [...this.cache.keys()];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.cache.has(key) ? cloned(this.cache.get(key) as T) : defaultValue;
  }

  update(key: string, value: unknown): Thenable<void> {
    if (this.interruption?.matches(key)) {
      this.interruption.reached();
      this.interruption = undefined;
      return new Promise<void>(() => undefined);
    }
    for (const map of [this.cache, this.shared.stored]) {
      if (value === undefined) map.delete(key);
      else map.set(key, cloned(value));
    }
    return Promise.resolve();
  }

  /** This window's cache now shows everything stored, other windows' writes included. */
  catchUp(): void {
    this.cache = new Map([...this.shared.stored].map(([key, value]) => [key, cloned(value)]));
  }

  /** The next write of a key that matches never finishes; resolves when it is attempted. */
  interrupt(matches: (key: string) => boolean): Promise<void> {
    return new Promise<void>((reached) => (this.interruption = { matches, reached }));
  }
}

/** One SecretStorage shared by the windows; `interruptDeletes` makes deletes never finish. */
export class SharedSecrets implements vscode.SecretStorage, vscode.Disposable {
  readonly stored = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  interruptDeletes = false;

  get(key: string): Thenable<string | undefined> {
    return Promise.resolve(this.stored.get(key));
  }

  store(key: string, value: string): Thenable<void> {
    this.stored.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }

  delete(key: string): Thenable<void> {
    if (this.interruptDeletes) return new Promise<void>(() => undefined);
    const had = this.stored.delete(key);
    if (had) this.changed.fire({ key });
    return Promise.resolve();
  }

  /** The stored keys that start with `prefix`. */
  keysUnder(prefix: string): string[] {
    return [...this.stored.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
