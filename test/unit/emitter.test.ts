import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/storage/emitter';

describe('store change events (Emitter)', () => {
  it('tells each listener, with its this, in the order they subscribed; a disposed one no more', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    const owner = { name: 'owner' };
    const first = emitter.event(function (this: typeof owner, value) {
      heard.push(`${this.name} ${value}`);
    }, owner);
    emitter.event((value) => heard.push(`second ${value}`));
    emitter.fire(1);
    first.dispose();
    emitter.fire(2);
    assert.deepEqual(heard, ['owner 1', 'second 1', 'second 2']);
  });

  it('adds the subscription to the disposables given, as vscode.Event does', () => {
    const emitter = new Emitter<void>();
    const disposables: Array<{ dispose(): void }> = [];
    let heard = 0;
    emitter.event(() => heard++, undefined, disposables);
    assert.equal(disposables.length, 1);
    for (const disposable of disposables) disposable.dispose();
    emitter.fire();
    assert.equal(heard, 0);
  });

  it('a listener that throws does not keep the others from hearing; one removed during a fire is skipped', () => {
    const emitter = new Emitter<void>();
    const heard: string[] = [];
    const quiet = console.error;
    console.error = () => undefined;
    try {
      emitter.event(() => {
        heard.push('thrower');
        later.dispose();
        throw new Error('listener failed');
      });
      const later = emitter.event(() => heard.push('removed meanwhile'));
      emitter.event(() => heard.push('last'));
      emitter.fire();
    } finally {
      console.error = quiet;
    }
    assert.deepEqual(heard, ['thrower', 'last']);
  });

  it('once disposed, neither subscribes nor fires', () => {
    const emitter = new Emitter<void>();
    let heard = 0;
    emitter.event(() => heard++);
    emitter.dispose();
    emitter.event(() => heard++).dispose();
    emitter.fire();
    assert.equal(heard, 0);
  });
});
