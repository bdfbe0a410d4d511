import type { RunnerTestFile, RunnerTask } from 'vitest';
import type { Reporter } from 'vitest/reporters';

/**
 * Prints one plain closing line, `tests: N passed, N failed[, N skipped]`, that CI reads whatever
 * the test runner. A file that failed to load counts as a failure.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    let passed = 0;
    let failed = errors.length;
    let skipped = 0;
    const visit = (task: RunnerTask) => {
      if (task.type === 'test') {
        const state = task.result?.state;
        if (state === 'pass') passed++;
        else if (state === 'fail') failed++;
        else skipped++;
      } else {
        if (task.result?.state === 'fail' && task.tasks.every((t) => !t.result || t.result.state !== 'fail')) failed++;
        for (const child of task.tasks) visit(child);
      }
    };
    for (const file of files) visit(file);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
