import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { runCli } from '../../src/cli/main.js'
import { REPO } from './files.js'

export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** With a timeout: whether the run was stopped by it. */
  readonly timedOut?: boolean
}

/** Runs the CLI in-process on the TypeScript sources. */
export function cli(args: readonly string[], cwd = REPO): CliRun {
  let stdout = ''
  let stderr = ''
  const code = runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
  })
  return { code, stdout, stderr }
}

/**
 * Runs the committed bundle with plain node, as users do. With `timeoutMs`
 * (for a hostile input that blocks or floods) the run is stopped by SIGTERM
 * after that long, which the entry passes on to the program, and says so in
 * `timedOut`.
 */
export function bundledCli(
  args: readonly string[],
  cwd = REPO,
  options: { readonly timeoutMs?: number } = {},
): CliRun {
  const result = spawnSync(
    process.execPath,
    [join(REPO, 'dist/cli.js'), ...args],
    { cwd, encoding: 'utf8', timeout: options.timeoutMs },
  )
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    ...(options.timeoutMs === undefined
      ? {}
      : {
          timedOut:
            (result.error as NodeJS.ErrnoException | undefined)?.code ===
            'ETIMEDOUT',
        }),
  }
}

export { execFileSync }
