import { runProgram } from './host/run-program.js'
import { VERSION } from './core/version.js'

/**
 * The Action's entry point. The Action itself (dist/action.js) is megabytes
 * of JavaScript that take a while to compile; this small file puts a first
 * line in the log before that, and runs it (see run-program.ts).
 */

// Beside this file in dist/, named in a variable so that the bundler leaves
// it to be loaded at run time.
const ACTION = './action.js'

process.stdout.write(`aivss-gate ${VERSION}\n`)
process.exitCode = await runProgram(new URL(ACTION, import.meta.url), {
  onCrash: (message) => {
    process.stdout.write(`::error::aivss-gate ${message}\n`)
    return 1
  },
})
