import * as assert from 'node:assert/strict';
import { ItemState, RESTORE_FOR_MS } from '../../src/storage/itemState';
import { MemoryMemento } from './standIns';

/** Runs `work` with Date.now moved `ms` ahead (ItemState stamps and ages its writes by Date.now). */
async function later<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  const at = realNow() + ms;
  Date.now = () => at;
  try {
    return await work();
  } finally {
    Date.now = realNow;
  }
}

describe('item state: one stamped key per item, tombstones, writing again what another window undid', () => {
  it('keeps each item under its own key, stamped with when it was written; stamps always increase', async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    await items.set('p.a', { name: 'A' });
    await items.set('p.b', { name: 'B' });
    await items.set('p.a', { name: 'A2' });
    await items.set('other.c', 1);
    assert.deepEqual([...memento.keys()].sort(), ['other.c', 'p.a', 'p.b']);
    const a = memento.get<{ writtenAt: number; value: unknown }>('p.a');
    const b = memento.get<{ writtenAt: number; value: unknown }>('p.b');
    assert.deepEqual(a?.value, { name: 'A2' });
    assert.ok(a && b && a.writtenAt > b.writtenAt, 'the later write has the later stamp, even within one millisecond');
    assert.deepEqual(items.items('p.'), [
      { key: 'p.a', value: { name: 'A2' } },
      { key: 'p.b', value: { name: 'B' } },
    ]);
  });

  it('a delete leaves a stamped tombstone: not listed, but known, so a migration cannot bring the item back', async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    await items.set('p.a', 'A');
    await items.delete('p.a');
    assert.deepEqual(items.items('p.'), []);
    assert.equal(items.known('p.a'), true);
    assert.equal(items.known('p.never'), false);
    const tombstone = memento.get<{ writtenAt: number; deleted: boolean }>('p.a');
    assert.equal(tombstone?.deleted, true);
    assert.equal(typeof tombstone?.writtenAt, 'number');
    assert.ok(!('value' in (tombstone ?? {})));
  });

  it("lists its own write while another window's older save hides it, and writes it again on restore", async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    const before = memento.snapshot();
    await items.set('p.a', 'mine');
    memento.replaceAll(before); // another window, not having heard of the write, saved its copy
    assert.equal(memento.get('p.a'), undefined);
    assert.deepEqual(items.items('p.'), [{ key: 'p.a', value: 'mine' }], 'this window still knows its write');
    await items.restore();
    assert.equal(memento.get<{ value: unknown }>('p.a')?.value, 'mine');
  });

  it('writes a delete again when an older save brings the item back', async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    await items.set('p.a', 'A');
    const withItem = memento.snapshot();
    await items.delete('p.a');
    memento.replaceAll(withItem);
    assert.deepEqual(items.items('p.'), [], 'the delete is newer than what was saved over it');
    await items.restore();
    assert.equal(memento.get<{ deleted?: boolean }>('p.a')?.deleted, true);
  });

  it('a later write by another window wins: its own is forgotten, not written back', async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    await items.set('p.a', 'mine');
    const mine = memento.get<{ writtenAt: number }>('p.a');
    memento.replaceAll({ 'p.a': { writtenAt: (mine?.writtenAt ?? 0) + 5, value: 'theirs' } });
    assert.deepEqual(items.items('p.'), [{ key: 'p.a', value: 'theirs' }]);
    await items.restore();
    assert.equal(memento.get<{ value: unknown }>('p.a')?.value, 'theirs');
    // Even when an older save hides theirs later on, this window no longer writes its own back.
    memento.replaceAll({});
    await items.restore();
    assert.equal(memento.get('p.a'), undefined);
  });

  it('an older version with the same content (two windows migrated the same item) is not written again', async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    await items.set('p.a', { same: true });
    const mine = memento.get<{ writtenAt: number }>('p.a');
    memento.replaceAll({ 'p.a': { writtenAt: (mine?.writtenAt ?? 0) - 5, value: { same: true } } });
    const writes = memento.writes;
    await items.restore();
    assert.equal(memento.writes, writes);
  });

  it('writes older than RESTORE_FOR_MS are not restored: every window has heard of them', async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    await items.set('p.a', 'mine');
    memento.replaceAll({});
    await later(RESTORE_FOR_MS + 1000, () => items.restore());
    assert.equal(memento.get('p.a'), undefined);
    await items.restore();
    assert.equal(memento.get('p.a'), undefined, 'forgotten, not only skipped');
  });

  it('a write that failed is not one to restore later', async () => {
    const memento = new MemoryMemento();
    const items = new ItemState(memento);
    memento.failWrites = (key) => key === 'p.a';
    await assert.rejects(items.set('p.a', 'never saved'), /could not write/);
    memento.failWrites = undefined;
    assert.deepEqual(items.items('p.'), []);
    await items.restore();
    assert.equal(memento.get('p.a'), undefined);
  });

  it('drops tombstones older than RESTORE_FOR_MS under the prefix, and nothing else', async () => {
    const memento = new MemoryMemento();
    const old = Date.now() - RESTORE_FOR_MS - 1000;
    await memento.update('p.old', { writtenAt: old, deleted: true });
    await memento.update('p.recent', { writtenAt: Date.now() - 1000, deleted: true });
    await memento.update('p.item', { writtenAt: old, value: 'kept' });
    await memento.update('q.old', { writtenAt: old, deleted: true });
    await new ItemState(memento).dropOldTombstones('p.');
    assert.deepEqual([...memento.keys()].sort(), ['p.item', 'p.recent', 'q.old']);
  });

  it('reads values not stamped by it (an older format) as absent', async () => {
    const memento = new MemoryMemento();
    await memento.update('p.plain', { name: 'no stamp' });
    await memento.update('p.nothing', { writtenAt: 5 });
    const items = new ItemState(memento);
    assert.deepEqual(items.items('p.'), []);
    assert.equal(items.known('p.plain'), false);
  });
});
