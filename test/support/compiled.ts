import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO } from './files.js'

/**
 * The sources compiled with tsc (as `npm run compile` does), for tests
 * that must run the CLI or the Action as a separate process on the current
 * sources rather than on the committed bundle: a hostile input that blocks
 * or floods must stop a child process, not the test run. The output goes
 * to a temporary directory of its own.
 */

let compiled: string | undefined

/** Compiles once per test file; returns the output directory. */
export function compiledSources(): string {
  if (compiled) return compiled
  // In the run's temporary directory (removed at the end), with the
  // repository's packages linked beside it for the programs' imports.
  const out = mkdtempSync(join(tmpdir(), 'aivss-compiled-'))
  symlinkSync(join(REPO, 'node_modules'), join(out, 'node_modules'))
  execFileSync(
    process.execPath,
    [
      join(REPO, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(REPO, 'tsconfig.build.json'),
      '--outDir',
      out,
    ],
    { cwd: REPO, stdio: 'pipe' },
  )
  // @pandatix/js-cvss imports its own modules without file extensions,
  // which Node cannot resolve (the bundler and Vite can): the entries
  // resolve those with `.js` added, then load the program.
  for (const [entry, program] of [
    ['action.mjs', './action/program.js'],
    ['cli.mjs', './cli/program.js'],
  ] as const)
    writeFileSync(
      join(out, entry),
      `import { registerHooks } from 'node:module'
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context)
    } catch (error) {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('.')) throw error
      return next(specifier + '.js', context)
    }
  },
})
await import(${JSON.stringify(program)})
`,
    )
  compiled = out
  return out
}

/** The Action's program (what dist/action.js bundles), ready to run. */
export function compiledAction(): string {
  return join(compiledSources(), 'action.mjs')
}

export interface ProcessRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly ms: number
  readonly timedOut: boolean
}

/** Runs the compiled CLI program in `cwd`, killed after `timeoutMs`. */
export function compiledCli(
  args: readonly string[],
  cwd: string,
  timeoutMs = 20_000,
): Promise<ProcessRun> {
  const script = join(compiledSources(), 'cli.mjs')
  const started = Date.now()
  const child = spawn(process.execPath, [script, ...args], { cwd })
  let stdout = ''
  let stderr = ''
  let timedOut = false
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: Date.now() - started, timedOut })
    }),
  )
}
