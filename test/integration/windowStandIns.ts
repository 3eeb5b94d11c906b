/**
 * Stand-ins for what two VS Code windows share: one globalState and one SecretStorage. They
 * implement the real `vscode.Memento` and `vscode.SecretStorage` interfaces, so the stores run on
 * them unchanged. The globalState behaves as VS Code's does (extHostMemento.ts): an extension's
 * whole globalState is stored as one value; each window reads its own copy, every write saves
 * the window's whole copy, and hearing of another window's write replaces the whole copy. A
 * window hears of the others' writes only when the test says so (`catchUp`), as a window's copy
 * follows the others' only eventually.
 */
import * as vscode from 'vscode';

type Values = Record<string, unknown>;

/** Values are kept as JSON, as VS Code keeps globalState. */
function cloned<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The globalState on disk: one object that the last window to write saved whole. */
export class SharedGlobalState {
  stored: Values = {};

  /** A window that starts now: its copy is what is stored at this moment. */
  window(): WindowMemento {
    return new WindowMemento(this);
  }

  keys(): string[] {
    return Object.keys(this.stored);
  }

  get(key: string): unknown {
    return cloned(this.stored[key]);
  }

  has(key: string): boolean {
    return key in this.stored;
  }

  /** What an earlier version left stored, before any window starts. */
  set(key: string, value: unknown): void {
    this.stored[key] = cloned(value);
  }
}

/**
 * One window's globalState: reads come from its own copy; a write changes the copy and saves it
 * whole, over whatever other windows saved meanwhile. `interrupt` makes the next matching write
 * never finish and never land, as when the window closes while writing.
 */
export class WindowMemento implements vscode.Memento {
  private copy: Values;
  private interruption: { matches: (key: string) => boolean; reached: () => void } | undefined;

  constructor(private readonly shared: SharedGlobalState) {
    this.copy = cloned(shared.stored);
  }

  keys(): readonly string[] {
    return Object.keys(this.copy);
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return key in this.copy ? cloned(this.copy[key] as T) : defaultValue;
  }

  update(key: string, value: unknown): Thenable<void> {
    if (this.interruption?.matches(key)) {
      this.interruption.reached();
      this.interruption = undefined;
      return new Promise<void>(() => undefined);
    }
    if (value === undefined) delete this.copy[key];
    else this.copy[key] = cloned(value);
    this.shared.stored = cloned(this.copy);
    return Promise.resolve();
  }

  /** This window hears of the last save: its copy becomes what is stored, whole. */
  catchUp(): void {
    this.copy = cloned(this.shared.stored);
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
