import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/**
 * The CLI and the Action each start on a small entry file that runs the real
 * program (a separate bundle) as a child process of the same Node. Two
 * things come of it:
 *
 * - the program's heap can be tuned, which `node script.js` cannot do for
 *   itself: a young generation of a few megabytes keeps a scan of a large
 *   monorepo well under 300 MB where V8's default lets it reach 360 MB, and
 *   is no slower (the bench measures both);
 * - if hostile input ever exhausts the heap anyway, only the child dies: the
 *   entry still says what happened and exits with a deliberate code.
 *
 * The child shares the entry's standard streams, environment and working
 * directory; its exit code becomes the entry's.
 */

/** V8 settings for the program (see above). */
export const PROGRAM_FLAGS = ['--max-semi-space-size=8']

export interface ProgramRun {
  /** Arguments the program sees as `process.argv.slice(2)`. */
  readonly argv?: readonly string[]
  /** Caps the program's heap (old generation), in megabytes. */
  readonly heapLimitMb?: number
  /** Standard streams; the entry's own by default. */
  readonly stdio?: 'inherit' | 'ignore'
  /** Reports a program that died without exiting; returns the exit code. */
  readonly onCrash: (message: string) => number
}

/** Runs the script; resolves to the exit code the entry should use. */
export function runProgram(script: URL, run: ProgramRun): Promise<number> {
  return new Promise((resolve) => {
    const flags = [
      ...PROGRAM_FLAGS,
      ...(run.heapLimitMb ? [`--max-old-space-size=${run.heapLimitMb}`] : []),
    ]
    const child = spawn(
      process.execPath,
      [...flags, fileURLToPath(script), ...(run.argv ?? [])],
      { stdio: run.stdio ?? 'inherit' },
    )
    // A cancelled job or Ctrl-C stops the program, not just its entry.
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
    const onInt = forward('SIGINT')
    const onTerm = forward('SIGTERM')
    process.on('SIGINT', onInt)
    process.on('SIGTERM', onTerm)
    const settle = (code: number): void => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      resolve(code)
    }
    child.on('error', (error) =>
      settle(run.onCrash(`could not start: ${error.message}`)),
    )
    child.on('exit', (code, signal) => {
      if (code !== null) settle(code)
      else
        settle(
          run.onCrash(
            signal === 'SIGABRT'
              ? 'ran out of memory or stopped on a fatal error; nothing was reported'
              : `was stopped by ${signal ?? 'a signal'}; nothing was reported`,
          ),
        )
    })
  })
}
