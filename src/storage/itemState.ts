import type * as vscode from 'vscode';
import { together } from './stateWrites';

/** How long a window writes its own changes again when another window's save undid them. */
export const RESTORE_FOR_MS = 10 * 60_000;

/** What globalState holds under an item's key: the item, or a tombstone, and when it was written. */
type Envelope = { writtenAt: number; value: unknown } | { writtenAt: number; deleted: true };

/**
 * Items kept one per globalState key, written so that another window cannot undo them for good.
 *
 * VS Code stores an extension's whole globalState as one value: every write saves the writing
 * window's whole copy, and a window that hears of another's write replaces its whole copy. So a
 * window that has not yet heard of an item another window wrote undoes that write with its next
 * write of anything. Therefore every item is stamped with when it was written, a delete leaves a
 * stamped tombstone, and each window remembers its own writes for RESTORE_FOR_MS: it reads the
 * newer of globalState and what it wrote, and `restore` writes its own again when globalState
 * shows an older version or none. A later write from another window wins, in every window.
 */
export class ItemState {
  private readonly own = new Map<string, Envelope>();
  private lastStamp = 0;

  constructor(private readonly state: vscode.Memento) {}

  /** The items under `prefix` (tombstones left out), each in the newest version this window knows. */
  items(prefix: string): Array<{ key: string; value: unknown }> {
    const keys = new Set([...this.state.keys(), ...this.own.keys()].filter((key) => key.startsWith(prefix)));
    return [...keys].flatMap((key) => {
      const newest = this.newest(key);
      return newest && 'value' in newest ? [{ key, value: newest.value }] : [];
    });
  }

  /** Whether the key was ever written, as an item or as a tombstone (a migration must not bring back a deleted item). */
  known(key: string): boolean {
    return this.newest(key) !== undefined;
  }

  set(key: string, value: unknown): Promise<void> {
    return this.write(key, { writtenAt: this.stamp(), value });
  }

  delete(key: string): Promise<void> {
    return this.write(key, { writtenAt: this.stamp(), deleted: true });
  }

  /**
   * Writes again this window's recent writes that globalState no longer shows (another window
   * saved its older copy over them), and forgets the ones a later write replaced or that are old
   * enough for every window to have heard of them.
   */
  async restore(): Promise<void> {
    const now = Date.now();
    const lost: Array<[string, Envelope]> = [];
    for (const [key, mine] of [...this.own]) {
      const stored = envelope(this.state.get<unknown>(key));
      if ((stored && stored.writtenAt > mine.writtenAt) || now - mine.writtenAt > RESTORE_FOR_MS) this.own.delete(key);
      else if (!stored || (stored.writtenAt < mine.writtenAt && !sameContent(stored, mine))) lost.push([key, mine]);
    }
    await together(lost.map(([key, mine]) => this.state.update(key, mine)));
  }

  /** Removes tombstones under `prefix` older than RESTORE_FOR_MS: every window has heard of those deletes. */
  async dropOldTombstones(prefix: string): Promise<void> {
    const now = Date.now();
    const old = this.state.keys().filter((key) => {
      const stored = key.startsWith(prefix) ? envelope(this.state.get<unknown>(key)) : undefined;
      return stored !== undefined && 'deleted' in stored && now - stored.writtenAt > RESTORE_FOR_MS && !this.own.has(key);
    });
    await together(old.map((key) => this.state.update(key, undefined)));
  }

  private newest(key: string): Envelope | undefined {
    const stored = envelope(this.state.get<unknown>(key));
    const mine = this.own.get(key);
    if (!mine || !stored) return mine ?? stored;
    return mine.writtenAt > stored.writtenAt ? mine : stored;
  }

  private async write(key: string, written: Envelope): Promise<void> {
    const before = this.own.get(key);
    this.own.set(key, written);
    try {
      await this.state.update(key, written);
    } catch (error) {
      // A write that failed is not one to restore later.
      if (this.own.get(key) === written) {
        if (before) this.own.set(key, before);
        else this.own.delete(key);
      }
      throw error;
    }
  }

  /** Milliseconds since the epoch, strictly increasing within the window. */
  private stamp(): number {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return this.lastStamp;
  }
}

/** Two windows wrote the same (both migrated an item, say): nothing to restore. */
function sameContent(a: Envelope, b: Envelope): boolean {
  return 'value' in a && 'value' in b ? JSON.stringify(a.value) === JSON.stringify(b.value) : 'deleted' in a && 'deleted' in b;
}

function envelope(stored: unknown): Envelope | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const candidate = stored as { writtenAt?: unknown; value?: unknown; deleted?: unknown };
  if (typeof candidate.writtenAt !== 'number') return undefined;
  if (candidate.deleted === true) return { writtenAt: candidate.writtenAt, deleted: true };
  return 'value' in candidate ? { writtenAt: candidate.writtenAt, value: candidate.value } : undefined;
}
