import vscode = require('vscode');
import { clock, progress } from './messages';

/**
 * Runs one request under a cancellable progress notification; `title` undefined runs it quietly
 * (keep-alive). Cancelling aborts the request.
 */
export function withRequestProgress<T>(title: string | undefined, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (title === undefined) return call(new AbortController().signal);
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: progress.title(title), cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return call(controller.signal);
    }),
  );
}

/** A visible countdown before the one retry a rate limit allows; false when the person cancels it. */
export function countdown(seconds: number, what: string): Promise<boolean> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: progress.countdownTitle(what), cancellable: true },
      async (progress, token) => {
        for (let left = Math.max(0, Math.ceil(seconds)); left > 0; left--) {
          if (token.isCancellationRequested) return false;
          progress.report({ message: clock.retryingIn(left), increment: 100 / Math.max(1, seconds) });
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 1000);
            token.onCancellationRequested(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        return !token.isCancellationRequested;
      },
    ),
  );
}
