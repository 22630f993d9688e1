import {
  closeSync,
  mkdirSync,
  openSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { GateError, UsageError, errorMessage } from '../core/errors.js'
import type { Logger } from '../core/logger.js'
import { loadPolicy } from '../core/policy/load.js'
import { describePolicy } from '../core/policy/describe.js'
import { logText } from '../core/render/escape.js'
import { renderExplain } from '../core/render/explain.js'
import { jsonReportChunks } from '../core/render/json.js'
import { renderMarkdown } from '../core/render/markdown.js'
import { renderSarif } from '../core/render/sarif.js'
import { renderText } from '../core/render/text.js'
import {
  baselineFileText,
  DEFAULT_BASELINE_FILE,
} from '../core/diff/baseline-file.js'
import type { CompareWith } from '../core/diff/comparison.js'
import { repositoryOf, resolveCommit } from '../core/diff/git-base.js'
import { snapshotOf } from '../core/diff/snapshot.js'
import { runGate, type GateOptions } from '../core/gate.js'
import type { Report } from '../core/report/schema.js'
import { VERSION } from '../core/version.js'
import {
  HELP,
  parseCli,
  type BaselineWriteArgs,
  type PolicyCheckArgs,
  type ScanArgs,
} from './args.js'

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
  /** Today's date (YYYY-MM-DD), for policy exceptions; defaults to the clock. */
  readonly today?: string
}

export const EXIT_OK = 0
export const EXIT_POLICY_FAILED = 1
export const EXIT_USAGE = 2

/** Runs the CLI; returns the exit code instead of exiting, for tests. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseCli(argv)
    switch (args.command) {
      case 'help':
        io.stdout(HELP)
        return EXIT_OK
      case 'version':
        io.stdout(`${VERSION}\n`)
        return EXIT_OK
      case 'policy-check':
        return runPolicyCheck(args, io)
      case 'scan':
        return runScan(args, io)
      case 'baseline-write':
        return runBaselineWrite(args, io)
    }
  } catch (error) {
    if (error instanceof GateError) {
      io.stderr(`aivss-gate: ${logText(error.message)}\n`)
      if (error.help) io.stderr(`  ${logText(error.help)}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}

function runPolicyCheck(args: PolicyCheckArgs, io: CliIo): number {
  const policy = loadPolicy(args.policy, io.cwd)
  io.stdout(describePolicy(policy))
  return EXIT_OK
}

/** The gate's options from the scan flags both commands share. */
function gateOptions(
  args: ScanArgs | BaselineWriteArgs,
  io: CliIo,
): GateOptions {
  const root = resolve(io.cwd, args.dir)
  let isDirectory = false
  try {
    isDirectory = statSync(root).isDirectory()
  } catch {
    // reported below
  }
  if (!isDirectory) throw new UsageError(`${args.dir} is not a directory`)
  const logger: Logger = {
    debug: (m) => (args.verbose ? io.stderr(`${logText(m)}\n`) : undefined),
    info: (m) => (args.verbose ? io.stderr(`${logText(m)}\n`) : undefined),
    warning: (m) => io.stderr(`warning: ${logText(m)}\n`),
  }
  return {
    root,
    cwd: io.cwd,
    policy: args.policy,
    aivssVersion: args.aivssVersion,
    threatMultiplier: args.threatMultiplier,
    factorScale: args.factorScale,
    include: args.include,
    exclude: args.exclude,
    gitignore: args.gitignore,
    maxFileSize: args.maxFileSize,
    warnOnly: args.warnOnly,
    today: io.today ?? new Date().toISOString().slice(0, 10),
    logger,
  }
}

function runScan(args: ScanArgs, io: CliIo): number {
  const options = gateOptions(args, io)
  const root = options.root
  const { result, evaluation, report } = runGate({
    ...options,
    compare: compareWith(args, io.cwd, root),
  })
  if (args.explain) io.stderr(renderExplain(result))
  const chunks: Iterable<string> =
    args.format === 'json'
      ? jsonReportChunks(report)
      : [
          args.format === 'markdown'
            ? renderMarkdown(report)
            : args.format === 'sarif'
              ? sarifDocument(report, io.cwd, root)
              : renderText(report),
        ]
  if (args.output) {
    const target = resolve(io.cwd, args.output)
    try {
      writeChunks(target, chunks)
    } catch (error) {
      throw new UsageError(
        `cannot write ${args.output}: ${errorMessage(error)}`,
      )
    }
    io.stderr(
      `aivss-gate: wrote the ${args.format} report of ${report.summary.agents} agents to ${args.output}; policy ${evaluation.result}\n`,
    )
  } else {
    for (const chunk of chunks) io.stdout(chunk)
  }
  return evaluation.result === 'fail' && !args.warnOnly
    ? EXIT_POLICY_FAILED
    : EXIT_OK
}

/** --base: a commit of the repository holding DIR; --baseline: a file. */
function compareWith(
  args: ScanArgs,
  cwd: string,
  root: string,
): CompareWith | undefined {
  if (args.baseline !== undefined)
    return {
      kind: 'file',
      path: resolve(cwd, args.baseline),
      label: args.baseline,
    }
  if (args.base === undefined) return undefined
  const repo = repositoryOf(root)
  if ('error' in repo)
    throw new UsageError(`--base ${args.base}: ${repo.error}`, {
      help: 'Give --base only for a directory inside a git working tree.',
    })
  const sha = resolveCommit(repo.top, args.base)
  if (!sha)
    throw new UsageError(`--base ${args.base}: no such commit in ${repo.top}`, {
      help: 'Give a branch, tag or commit the clone has; fetch it first (git fetch origin <ref>) if it does not.',
    })
  return {
    kind: 'git',
    repo: repo.top,
    sha,
    ref: args.base === sha ? undefined : args.base,
    prefix: repo.prefix,
  }
}

/**
 * `baseline write`: the scan's results, recorded for later comparisons, in
 * DIR/.github/aivss-baseline.json unless --output says otherwise.
 */
function runBaselineWrite(args: BaselineWriteArgs, io: CliIo): number {
  const options = gateOptions(args, io)
  const { result, settings } = runGate(options)
  if (args.explain) io.stderr(renderExplain(result))
  const text = baselineFileText(result.assessments.map(snapshotOf), settings)
  if (args.output === '-') {
    io.stdout(text)
    return EXIT_OK
  }
  const target = args.output
    ? resolve(io.cwd, args.output)
    : join(options.root, DEFAULT_BASELINE_FILE)
  try {
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, text)
  } catch (error) {
    throw new UsageError(`cannot write ${target}: ${errorMessage(error)}`)
  }
  const count = result.assessments.length
  io.stderr(
    `aivss-gate: recorded ${count} agent${count === 1 ? '' : 's'} in ${relative(io.cwd, target) || target}\n`,
  )
  return EXIT_OK
}

function writeChunks(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w')
  try {
    for (const chunk of chunks) writeSync(fd, chunk)
  } finally {
    closeSync(fd)
  }
}

/**
 * SARIF for code scanning. Its locations are relative to the directory the
 * CLI runs in (the repository root, where code scanning expects them) when
 * the scanned directory is inside it, else to the scanned directory.
 */
function sarifDocument(report: Report, cwd: string, root: string): string {
  const rel = relative(cwd, root)
  const inside = !rel.startsWith('..') && !isAbsolute(rel)
  const base = inside ? cwd : root
  const sarif = renderSarif(report, {
    pathPrefix: inside ? rel.split(sep).join('/') : '',
    rootUri: pathToFileURL(base.endsWith(sep) ? base : `${base}${sep}`).href,
  })
  return `${JSON.stringify(sarif, null, 2)}\n`
}
