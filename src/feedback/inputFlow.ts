import vscode = require('vscode');

/** Thrown inside a step when the person presses Back. */
class Back extends Error {}
/** Thrown inside a step when the person presses Escape or the input is hidden. */
class Cancelled extends Error {}

export interface TextStep {
  step: number;
  totalSteps: number;
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** A sentence saying what to change, or undefined when the value is fine. Runs as the person types. */
  validate?: (value: string) => string | undefined;
}

export interface PickStep<T extends vscode.QuickPickItem> {
  step: number;
  totalSteps: number;
  placeholder: string;
  items: readonly T[];
  active?: T;
}

/** A step reads input and returns the next step, or undefined when the flow is complete. */
export type Step = (input: FlowInput) => Promise<Step | undefined>;

/**
 * One titled sequence of input boxes and quick picks with a Back button; Escape cancels the whole
 * flow. Callers keep what was entered in their own state and save only once `run` returns true.
 */
export class FlowInput {
  private canGoBack = false;

  private constructor(private readonly title: string) {}

  /** Runs the steps; true when the last one completed, false when cancelled. */
  static async run(title: string, first: Step): Promise<boolean> {
    const input = new FlowInput(title);
    const history: Step[] = [];
    let step: Step | undefined = first;
    while (step) {
      input.canGoBack = history.length > 0;
      try {
        const next: Step | undefined = await step(input);
        history.push(step);
        step = next;
      } catch (error) {
        if (error instanceof Back) step = history.pop();
        else if (error instanceof Cancelled) return false;
        else throw error;
      }
    }
    return true;
  }

  text(spec: TextStep): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = this.title;
    box.step = spec.step;
    box.totalSteps = spec.totalSteps;
    box.prompt = spec.prompt;
    box.value = spec.value ?? '';
    box.placeholder = spec.placeholder;
    box.password = spec.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    return this.show(box, (accept) => [
      box.onDidChangeValue((value) => {
        box.validationMessage = spec.validate?.(value);
      }),
      box.onDidAccept(() => {
        const problem = spec.validate?.(box.value);
        box.validationMessage = problem;
        if (!problem) accept(box.value);
      }),
    ]);
  }

  pick<T extends vscode.QuickPickItem>(spec: PickStep<T>): Promise<T> {
    const picker = vscode.window.createQuickPick<T>();
    picker.title = this.title;
    picker.step = spec.step;
    picker.totalSteps = spec.totalSteps;
    picker.placeholder = spec.placeholder;
    picker.items = spec.items;
    if (spec.active) picker.activeItems = [spec.active];
    picker.ignoreFocusOut = true;
    picker.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    return this.show(picker, (accept) => [
      picker.onDidAccept(() => {
        const chosen = picker.selectedItems[0] ?? picker.activeItems[0];
        if (chosen) accept(chosen);
      }),
    ]);
  }

  private show<T>(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, wire: (accept: (value: T) => void) => vscode.Disposable[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const disposables: vscode.Disposable[] = [];
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        finish();
        for (const disposable of disposables) disposable.dispose();
        input.dispose();
      };
      disposables.push(
        ...wire((value) => settle(() => resolve(value))),
        input.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) settle(() => reject(new Back()));
        }),
        input.onDidHide(() => settle(() => reject(new Cancelled()))),
      );
      input.show();
    });
  }
}
