import * as assert from 'node:assert/strict';
import { PENDING_GRACE_MS, PendingSecrets } from '../../src/storage/pendingSecrets';
import { stateKeys } from '../../src/storage/stateKeys';
import { MemoryMemento, MemorySecrets } from './standIns';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINE = 'mine.';

describe('pending secrets: recorded before they are touched, settled after', () => {
  let time = START;
  let memento: MemoryMemento;
  let secrets: MemorySecrets;
  /** The keys the items refer to, as the store would compute them. */
  let referenced: Set<string>;
  let pending: PendingSecrets;

  const records = (): Array<{ recordKey: string; value: unknown }> =>
    memento
      .keys()
      .filter((key) => key.startsWith('quickblox.pending'))
      .map((recordKey) => ({ recordKey, value: memento.get(recordKey) }));
  const record = async (kind: 'pendingSecret' | 'pendingDelete', id: string, key: string, at: number): Promise<void> => {
    await memento.update(stateKeys[kind](id), { key, at });
  };

  beforeEach(() => {
    time = START;
    memento = new MemoryMemento();
    secrets = new MemorySecrets();
    referenced = new Set();
    pending = new PendingSecrets(
      memento,
      secrets,
      () => time,
      (key) => key.startsWith(MINE),
      () => referenced,
    );
  });
  afterEach(() => secrets.dispose());

  it('records each key (never a value) before storing, and forgets the records once the item is saved', async () => {
    let seenWhileSaving: Array<{ recordKey: string; value: unknown }> = [];
    await pending.apply({ store: [[`${MINE}a`, 'value-of-a']] }, async () => {
      seenWhileSaving = records();
      assert.equal(await secrets.get(`${MINE}a`), 'value-of-a', 'stored before the item is written');
      referenced.add(`${MINE}a`);
    });
    assert.equal(seenWhileSaving.length, 1);
    assert.ok(seenWhileSaving[0].recordKey.startsWith(stateKeys.prefix.pendingSecret));
    assert.deepEqual(seenWhileSaving[0].value, { key: `${MINE}a`, at: START });
    assert.ok(!JSON.stringify(seenWhileSaving).includes('value-of-a'));
    assert.deepEqual(records(), []);
    assert.equal(await secrets.get(`${MINE}a`), 'value-of-a');
  });

  it('a save that fails deletes the new secret again and rejects with its error', async () => {
    await assert.rejects(
      pending.apply({ store: [[`${MINE}a`, 'value-of-a']] }, () => Promise.reject(new Error('save failed'))),
      /save failed/,
    );
    assert.equal(await secrets.get(`${MINE}a`), undefined);
    assert.deepEqual(records(), []);
  });

  it('a store that fails stops before the save, and leaves no secret and no record', async () => {
    secrets.failStores = (key) => key === `${MINE}b`;
    let saved = false;
    await assert.rejects(
      pending.apply(
        {
          store: [
            [`${MINE}a`, 'A'],
            [`${MINE}b`, 'B'],
          ],
        },
        async () => {
          saved = true;
        },
      ),
      /unavailable/,
    );
    assert.equal(saved, false);
    assert.deepEqual(secrets.keysUnder(MINE), []);
    assert.deepEqual(records(), []);
  });

  it('deletes a dropped secret once no item refers to it, and keeps one that an item still does', async () => {
    await secrets.store(`${MINE}old`, 'old');
    await secrets.store(`${MINE}shared`, 'shared');
    referenced = new Set([`${MINE}shared`]);
    await pending.apply({ drop: [`${MINE}old`, `${MINE}shared`] }, () => Promise.resolve());
    assert.deepEqual(secrets.keysUnder(MINE), [`${MINE}shared`]);
    assert.deepEqual(records(), []);
  });

  it('a secret that cannot be deleted keeps its record for the next start-up', async () => {
    await secrets.store(`${MINE}old`, 'old');
    secrets.failDeletes = () => true;
    await pending.apply({ drop: [`${MINE}old`] }, () => Promise.resolve());
    assert.equal(records().length, 1);
    secrets.failDeletes = undefined;
    time += PENDING_GRACE_MS;
    await pending.sweep();
    assert.deepEqual(secrets.keysUnder(MINE), []);
    assert.deepEqual(records(), []);
  });

  it('at start-up settles records older than five minutes and leaves newer ones alone', async () => {
    assert.equal(PENDING_GRACE_MS, 5 * 60_000);
    for (const name of ['stale', 'fresh', 'exactly', 'kept']) await secrets.store(`${MINE}${name}`, name);
    referenced = new Set([`${MINE}kept`]);
    await record('pendingSecret', 'r1', `${MINE}stale`, START - PENDING_GRACE_MS - 1);
    await record('pendingSecret', 'r2', `${MINE}fresh`, START - PENDING_GRACE_MS + 1000);
    await record('pendingSecret', 'r3', `${MINE}exactly`, START - PENDING_GRACE_MS);
    await record('pendingSecret', 'r4', `${MINE}kept`, START - 1000);
    await pending.sweep();
    assert.deepEqual(secrets.keysUnder(MINE), [`${MINE}fresh`, `${MINE}kept`], 'old orphans go; a young one may be another window at work');
    assert.deepEqual(
      records().map(({ recordKey }) => recordKey),
      [stateKeys.pendingSecret('r2')],
      'a secret an item refers to is settled whatever its age',
    );
  });

  it('a pending delete is finished once no item refers to the secret, or after five minutes', async () => {
    for (const name of ['unreferenced', 'young', 'old']) await secrets.store(`${MINE}${name}`, name);
    referenced = new Set([`${MINE}young`, `${MINE}old`]);
    await record('pendingDelete', 'd1', `${MINE}unreferenced`, START);
    await record('pendingDelete', 'd2', `${MINE}young`, START - 1000);
    await record('pendingDelete', 'd3', `${MINE}old`, START - PENDING_GRACE_MS - 1);
    await pending.sweep();
    assert.deepEqual(secrets.keysUnder(MINE), [`${MINE}old`, `${MINE}young`], 'an item still refers to the old one: kept, record gone');
    assert.deepEqual(
      records().map(({ recordKey }) => recordKey),
      [stateKeys.pendingDelete('d2')],
    );
  });

  it("leaves the other store's records alone and drops malformed ones", async () => {
    await secrets.store('theirs.a', 'a');
    await record('pendingSecret', 'x1', 'theirs.a', 0);
    await memento.update(stateKeys.pendingSecret('bad'), { key: 5 });
    await pending.sweep();
    assert.equal(await secrets.get('theirs.a'), 'a');
    assert.deepEqual(
      records().map(({ recordKey }) => recordKey),
      [stateKeys.pendingSecret('x1')],
    );
  });

  it('moves the old single array of pending deletes to a record each, settled at the next sweep', async () => {
    await secrets.store(`${MINE}left`, 'left');
    await memento.update(stateKeys.legacy.pendingDeletes, [`${MINE}left`, 7]);
    await pending.migrateLegacyDeletes();
    assert.equal(memento.get(stateKeys.legacy.pendingDeletes), undefined);
    assert.deepEqual(
      records().map(({ value }) => value),
      [{ key: `${MINE}left`, at: 0 }],
    );
    const ids = records().map(({ recordKey }) => recordKey);
    await memento.update(stateKeys.legacy.pendingDeletes, [`${MINE}left`]);
    await pending.migrateLegacyDeletes();
    assert.deepEqual(
      records().map(({ recordKey }) => recordKey),
      ids,
      'the same key gives the same record, as in another window',
    );
    await pending.sweep();
    assert.deepEqual(secrets.keysUnder(MINE), []);
    assert.deepEqual(records(), []);
  });
});
