import * as Mocha from 'mocha';

/**
 * The spec reporter, closed by one plain line that CI reads:
 * `<tier>: N passed, N failed` (and `, N skipped` when any were).
 * The tier name comes from `--reporter-option tier=<name>`.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions & { reporterOption?: Record<string, string>; reporterOptions?: Record<string, string> }) {
    super(runner, options);
    const tier = options.reporterOption?.tier ?? options.reporterOptions?.tier ?? 'tests';
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      process.stdout.write(`\n${tier}: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`);
    });
  }
}

export = SummaryReporter;
