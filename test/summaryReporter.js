/**
 * Ends every test run with one plain line, `N passed, N failed` (and `, N skipped` when any),
 * which CI reads; also kept in test-results/summary.txt so .ci/run can print it last. A suite
 * that fails to run at all counts as one failure.
 */
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.file = path.join(globalConfig.rootDir, 'test-results', 'summary.txt');
  }

  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, `${line}\n`);
    process.stderr.write(`\n${line}\n`);
  }
}

module.exports = SummaryReporter;
