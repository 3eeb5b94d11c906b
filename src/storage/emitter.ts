import type * as vscode from 'vscode';

interface Subscription<T> {
  listener: (value: T) => unknown;
  thisArgs: unknown;
}

/**
 * A change event for the stores, in the shape of `vscode.Event` (listener, this, disposables →
 * a disposable), so that views subscribe to a store as to any VS Code event, while the store
 * itself needs no `vscode` at run time and loads on plain Node. Like VS Code's emitter, a
 * listener that throws does not keep the others from hearing of the change.
 */
export class Emitter<T> implements vscode.Disposable {
  private subscriptions: Array<Subscription<T>> = [];
  private disposed = false;

  readonly event: vscode.Event<T> = (listener, thisArgs?, disposables?) => {
    if (this.disposed) return { dispose: () => undefined };
    const subscription: Subscription<T> = { listener, thisArgs };
    this.subscriptions.push(subscription);
    const handle = {
      dispose: () => {
        this.subscriptions = this.subscriptions.filter((other) => other !== subscription);
      },
    };
    disposables?.push(handle);
    return handle;
  };

  /** Tells every listener subscribed at this moment, in the order they subscribed (one unsubscribed meanwhile is skipped). */
  fire(value: T): void {
    for (const subscription of [...this.subscriptions]) {
      if (!this.subscriptions.includes(subscription)) continue;
      const { listener, thisArgs } = subscription;
      try {
        listener.call(thisArgs, value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Forgets every listener; later subscriptions and fires do nothing. */
  dispose(): void {
    this.disposed = true;
    this.subscriptions = [];
  }
}
