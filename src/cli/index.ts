#!/usr/bin/env node
import { VERSION } from '../core/version.js'
import { runProgram } from '../host/run-program.js'

// The CLI itself, beside this file in dist/, named in a variable so that the
// bundler leaves it to be loaded at run time (see run-program.ts).
const CLI = './cli-main.js'

const argv = process.argv.slice(2)
if (argv.length === 1 && argv[0] === '--version') {
  // Asked often by scripts, and answered without starting the program.
  process.stdout.write(`${VERSION}\n`)
} else {
  process.exitCode = await runProgram(new URL(CLI, import.meta.url), {
    argv,
    onCrash: (message) => {
      process.stderr.write(`aivss-gate: the scan ${message}\n`)
      return 2
    },
  })
}
