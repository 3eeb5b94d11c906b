import * as assert from 'node:assert/strict';
import { reportError } from '../../src/feedback/errorReport';
import type { Log } from '../../src/host/log';
import type { Prompt, Prompts } from '../../src/feedback/prompts';
import { NoVariableValue, UserFacingError, isNoVariableValue, isUserFacing } from '../../src/feedback/userFacingError';

/** A notifier and a log that keep what they are given (the error boundary needs nothing else of them). */
function standIns(answer?: string): { prompts: Prompts; log: Log; shown: Prompt[]; lines: string[]; opened: number[] } {
  const shown: Prompt[] = [];
  const lines: string[] = [];
  const opened: number[] = [];
  const ask = (severity: Prompt['severity'], message: string, actions: string[] = []): Thenable<string | undefined> => {
    shown.push({ severity, message, actions });
    return Promise.resolve(answer);
  };
  const prompts = {
    ask,
    error: (message: string, ...actions: string[]) => ask('error', message, actions),
    choose: <T extends string>(severity: Prompt['severity'], message: string, choices: ReadonlyArray<{ id: T; label: string }>) =>
      ask(
        severity,
        message,
        choices.map((choice) => choice.label),
      ).then((label) => choices.find((choice) => choice.label === label)?.id),
  } as unknown as Prompts;
  const log = {
    warn: (line: string) => void lines.push(line),
    info: (line: string) => void lines.push(line),
    show: () => void opened.push(1),
  } as unknown as Log;
  return { prompts, log, shown, lines, opened };
}

describe('the error boundary of commands', () => {
  it('shows a UserFacingError as its own sentence, and logs nothing', () => {
    const { prompts, log, shown, lines } = standIns();
    reportError({ prompts, log }, new UserFacingError('The file is larger than 1 MiB: it is not a profile export.'), 'Import Profiles');
    assert.deepEqual(
      shown.map((prompt) => [prompt.severity, prompt.message]),
      [['error', 'The file is larger than 1 MiB: it is not a profile export.']],
    );
    assert.deepEqual(lines, []);
  });

  it('logs any other error with its stack and shows it as unexpected, pointing to the log', async () => {
    const { prompts, log, shown, lines, opened } = standIns('Show Log');
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    reportError({ prompts, log }, bug, 'The command quickblox.copySessionToken');
    assert.equal(shown.length, 1);
    assert.match(shown[0].message, /^The command quickblox\.copySessionToken failed unexpectedly\. The QuickBlox log has the details\.$/);
    assert.ok(!shown[0].message.includes('Cannot read properties'), 'the bug itself is not shown as if it were advice');
    assert.deepEqual(shown[0].actions, ['Show Log']);
    assert.ok(lines[0].includes('TypeError') && lines[0].includes('errorReport.test'), `the log has the stack: ${lines[0]}`);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(opened.length, 1, 'Show Log opens the log');
  });

  it('recognises a UserFacingError by its brand, as one made by the other bundle would be', () => {
    const fromElsewhere = Object.assign(new Error('x'), { [Symbol.for('quickblox-sessions.userFacingError')]: true });
    assert.ok(isUserFacing(fromElsewhere));
    assert.ok(!isUserFacing(new Error('x')));
    assert.ok(!isUserFacing('a string'));
  });

  it('tells a variable command without a value (passed on to the launch) from other errors, across the bundles too', () => {
    const none = new NoVariableValue('No QuickBlox session: the launch was not started.');
    assert.ok(isNoVariableValue(none));
    assert.ok(isUserFacing(none), 'shown as its own sentence wherever it is shown');
    assert.ok(!isNoVariableValue(new UserFacingError('x')));
    assert.ok(!isNoVariableValue(new Error('x')));
    assert.ok(isNoVariableValue(Object.assign(new Error('x'), { [Symbol.for('quickblox-sessions.noVariableValue')]: true })));
  });
});
