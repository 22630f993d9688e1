import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { runCli } from '../../src/cli/main.js'
import { REPO } from './files.js'

export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
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

/** Runs the committed bundle with plain node, as users do. */
export function bundledCli(args: readonly string[], cwd = REPO): CliRun {
  const result = spawnSync(
    process.execPath,
    [join(REPO, 'dist/cli.js'), ...args],
    { cwd, encoding: 'utf8' },
  )
  return {
    code: result.status ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
  }
}

export { execFileSync }
