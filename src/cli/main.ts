import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { statSync } from 'node:fs'
import { buildReport } from '../core/report/build.js'
import {
  DEFAULT_SCORING,
  type ScoringSettings,
} from '../core/aivss/settings.js'
import { GateError, UsageError, errorMessage } from '../core/errors.js'
import type { Logger } from '../core/logger.js'
import { renderMarkdown } from '../core/render/markdown.js'
import { renderExplain } from '../core/render/explain.js'
import { renderText } from '../core/render/text.js'
import { scan } from '../core/scan.js'
import { VERSION } from '../core/version.js'
import { HELP, parseCli, type ScanArgs } from './args.js'

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
}

export const EXIT_OK = 0
export const EXIT_POLICY_FAILED = 1
export const EXIT_USAGE = 2

/** Runs the CLI; returns the exit code instead of exiting, for tests. */
export function runCli(argv: readonly string[], io: CliIo): number {
  try {
    const args = parseCli(argv)
    if (args.command === 'help') {
      io.stdout(HELP)
      return EXIT_OK
    }
    if (args.command === 'version') {
      io.stdout(`${VERSION}\n`)
      return EXIT_OK
    }
    return runScan(args, io)
  } catch (error) {
    if (error instanceof GateError) {
      io.stderr(`aivss-gate: ${error.message}\n`)
      if (error.help) io.stderr(`  ${error.help}\n`)
      return EXIT_USAGE
    }
    throw error
  }
}

function runScan(args: ScanArgs, io: CliIo): number {
  const root = resolve(io.cwd, args.dir)
  let isDirectory = false
  try {
    isDirectory = statSync(root).isDirectory()
  } catch {
    // reported below
  }
  if (!isDirectory) throw new UsageError(`${args.dir} is not a directory`)
  const settings: ScoringSettings = {
    version: args.aivssVersion ?? DEFAULT_SCORING.version,
    threatMultiplier: args.threatMultiplier,
    scale: args.factorScale ?? DEFAULT_SCORING.scale,
    mitigationFromControls: DEFAULT_SCORING.mitigationFromControls,
  }
  const logger: Logger = {
    debug: (m) => (args.verbose ? io.stderr(`${m}\n`) : undefined),
    info: (m) => (args.verbose ? io.stderr(`${m}\n`) : undefined),
    warning: (m) => io.stderr(`warning: ${m}\n`),
  }
  const result = scan({
    root,
    settings,
    logger,
    include: args.include,
    exclude: args.exclude,
    respectGitignore: args.gitignore,
    maxFileSize: args.maxFileSize,
  })
  if (args.explain) io.stderr(renderExplain(result))
  const report = buildReport(result, settings)
  const rendered =
    args.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : args.format === 'markdown'
        ? renderMarkdown(report)
        : renderText(report)
  if (args.output) {
    const target = resolve(io.cwd, args.output)
    try {
      writeFileSync(target, rendered)
    } catch (error) {
      throw new UsageError(
        `cannot write ${args.output}: ${errorMessage(error)}`,
      )
    }
    io.stderr(
      `aivss-gate: wrote the ${args.format} report of ${report.summary.agents} agents to ${args.output}\n`,
    )
  } else {
    io.stdout(rendered)
  }
  return EXIT_OK
}
