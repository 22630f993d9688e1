import { errorMessage } from '../core/errors.js'
import { writeToFd } from '../host/fd-output.js'
import { EXIT_USAGE, runCli } from './main.js'

// The CLI's program, run by dist/cli.js (see host/run-program.ts). A reader
// that stops early (`| head`) ends the run quietly.
const write = (fd: number) => (text: string) => {
  if (!writeToFd(fd, text)) process.exit(process.exitCode ?? 0)
}

try {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: write(1),
    stderr: write(2),
    cwd: process.cwd(),
    env: process.env,
  })
} catch (error) {
  // Never exit 1 (a failed policy) for a fault of the gate's own.
  write(2)(`aivss-gate: unexpected error: ${errorMessage(error)}\n`)
  process.exitCode = EXIT_USAGE
}
