/**
 * What a run must undo (Chromium, code-server, the sandbox, scratch folders), undone in reverse
 * order at the end of the run or on SIGINT/SIGTERM/SIGHUP, whichever comes first.
 */
import { firstLine, say } from './log';

type Undo = () => Promise<void> | void;

export class Cleanup {
  private readonly steps: Array<{ name: string; undo: Undo }> = [];
  private running: Promise<void> | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    say(`${signal}: stopping everything this run started`);
    void this.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };

  constructor() {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, this.onSignal);
  }

  add(name: string, undo: Undo): void {
    this.steps.push({ name, undo });
  }

  /** Runs every undo step once, newest first; a failing step does not stop the others. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { name, undo } of this.steps.reverse()) {
        try {
          await undo();
        } catch (error) {
          say(`cleanup "${name}" failed: ${firstLine(error)}`);
        }
      }
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, this.onSignal);
    })();
    return this.running;
  }
}
