// @ts-check
/**
 * `npm start`: builds src/ if it changed since the last build (scripts/build-if-changed.js),
 * then runs the gateway from the build in this same process, so that signals reach it directly.
 */
const { buildIfChanged } = require('./build-if-changed');

try {
  buildIfChanged();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
require('../dist/src/main.js');
