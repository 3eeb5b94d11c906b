import { createHash, randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { Clock } from '../core';
import { stateKeys } from './stateKeys';
import { together } from './stateWrites';

/**
 * A pending record younger than this may be another window's change in progress; an older one
 * was left by a window that closed or crashed half way, and the start-up sweep settles it.
 */
export const PENDING_GRACE_MS = 5 * 60_000;

/** One change of secrets, made together with the items in globalState that refer to them. */
export interface SecretChange {
  /** Secrets to store (key and value) before the items that refer to them are written. */
  store?: ReadonlyArray<readonly [key: string, value: string]>;
  /** Secrets the items no longer refer to once written, deleted after. */
  drop?: readonly string[];
}

interface Pending {
  /** Where the record is in globalState. */
  recordKey: string;
  /** The SecretStorage key it is about (a name, never a value). */
  key: string;
}

/**
 * Secrets whose item in globalState is not written yet, or no longer refers to them. Each key
 * (never a value) is recorded in globalState before the secret is stored or deleted. Once the
 * items are written, each key is settled: a secret some item refers to is kept, one no item
 * refers to is deleted, and the record goes. A window closed in between leaves its records, and
 * the next start-up settles them the same way, so no secret stays behind for good.
 */
export class PendingSecrets {
  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly now: Clock,
    /** The keys this store settles; the other store settles its own. */
    private readonly owns: (key: string) => boolean,
    /** The keys the stored items refer to, as this window sees them. */
    private readonly referenced: () => ReadonlySet<string>,
  ) {}

  /**
   * Records the keys, stores the new secrets, runs `save` (which writes the items), then settles
   * every key: new secrets no item refers to (storing or saving failed) are deleted again, and
   * dropped ones are deleted once no item refers to them. Rejects with the error of storing or saving.
   */
  async apply(change: SecretChange, save: () => Thenable<void>): Promise<void> {
    const stored = change.store ?? [];
    const records = [
      ...plan(
        stateKeys.pendingSecret,
        stored.map(([key]) => key),
      ),
      ...plan(stateKeys.pendingDelete, change.drop ?? []),
    ];
    try {
      const at = this.now();
      await together(records.map((record) => this.state.update(record.recordKey, { key: record.key, at })));
      for (const [key, value] of stored) await this.secrets.store(key, value);
      await save();
    } finally {
      // A record whose secret cannot be deleted now stays for the next start-up.
      await this.settle(records);
    }
  }

  /**
   * At start-up: settles what closed windows left. A record is settled once its change is
   * complete as far as this window sees (a stored secret is referred to, a dropped one no longer
   * is), or once it is older than PENDING_GRACE_MS: a younger one may be another window's change
   * in progress, whose item is not written yet.
   */
  async sweep(): Promise<void> {
    const now = this.now();
    const referenced = this.referenced();
    const due = (prefix: string, completeWhenReferenced: boolean): Pending[] =>
      itemsUnder(this.state, prefix).flatMap(({ key: recordKey, value }) => {
        const record = value as { key?: unknown; at?: unknown };
        // A malformed record names no secret: it only goes.
        if (typeof record.key !== 'string' || typeof record.at !== 'number') return [{ recordKey, key: '' }];
        if (!this.owns(record.key)) return [];
        const complete = referenced.has(record.key) === completeWhenReferenced;
        return complete || now - record.at >= PENDING_GRACE_MS ? [{ recordKey, key: record.key }] : [];
      });
    await this.settle([...due(stateKeys.prefix.pendingSecret, true), ...due(stateKeys.prefix.pendingDelete, false)]);
  }

  /**
   * Pending deletes as once kept, one array under one key: a record each. Record ids come from the
   * key, so two windows migrating at once write the same records.
   */
  async migrateLegacyDeletes(): Promise<void> {
    const legacy = this.state.get<unknown>(stateKeys.legacy.pendingDeletes);
    if (legacy === undefined) return;
    const keys = Array.isArray(legacy) ? legacy.filter((key): key is string => typeof key === 'string') : [];
    const id = (key: string): string => `legacy-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
    // Recorded long ago: settled at the next sweep whatever its age would say.
    await together([
      ...keys.map((key) => this.state.update(stateKeys.pendingDelete(id(key)), { key, at: 0 })),
      this.state.update(stateKeys.legacy.pendingDeletes, undefined),
    ]);
  }

  /** Keeps a secret some item refers to and deletes one none does; then forgets the record (one whose secret could not be deleted stays). */
  private async settle(records: Pending[]): Promise<void> {
    const referenced = this.referenced();
    const deleted = await Promise.allSettled(
      records.map((record) => (record.key && !referenced.has(record.key) ? this.secrets.delete(record.key) : Promise.resolve())),
    );
    const done = records.filter((_, i) => deleted[i].status === 'fulfilled');
    await together(done.map((record) => this.state.update(record.recordKey, undefined))).catch(() => undefined);
  }
}

/** Every record stored under a key that starts with `prefix`, with the key. */
function itemsUnder(state: vscode.Memento, prefix: string): Array<{ key: string; value: unknown }> {
  return state
    .keys()
    .filter((key) => key.startsWith(prefix))
    .map((key) => ({ key, value: state.get<unknown>(key) }))
    .filter(({ value }) => value !== undefined && value !== null);
}

function plan(recordKey: (id: string) => string, keys: readonly string[]): Pending[] {
  return keys.map((key) => ({ recordKey: recordKey(randomUUID()), key }));
}
