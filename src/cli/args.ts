import { parseArgs } from 'node:util'
import { AIVSS_VERSIONS, type AivssVersion } from '../core/aivss/factors.js'
import {
  THREAT_LEVELS,
  type ThreatMultiplierInput,
} from '../core/aivss/multipliers.js'
import { FACTOR_SCALES, type FactorScale } from '../core/aivss/settings.js'
import { UsageError } from '../core/errors.js'

export const OUTPUT_FORMATS = ['text', 'markdown', 'json'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export interface ScanArgs {
  readonly command: 'scan'
  readonly dir: string
  readonly format: OutputFormat
  readonly output?: string | undefined
  readonly aivssVersion?: AivssVersion | undefined
  readonly threatMultiplier?: ThreatMultiplierInput | undefined
  readonly factorScale?: FactorScale | undefined
  readonly verbose: boolean
}

export type CliArgs =
  ScanArgs | { readonly command: 'help' } | { readonly command: 'version' }

/** Parses the command line; throws UsageError with a one-line reason. */
export function parseCli(argv: readonly string[]): CliArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'aivss-version': { type: 'string' },
        'threat-multiplier': { type: 'string' },
        'factor-scale': { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    throw new UsageError(
      error instanceof Error
        ? (error.message.split('\n')[0] ?? '')
        : String(error),
      {
        help: 'Run `aivss-gate --help` for the options.',
      },
    )
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [command, ...rest] = positionals
  if (command === undefined || command === 'help') return { command: 'help' }
  if (command !== 'scan') {
    throw new UsageError(`unknown command "${command}"`, {
      help: 'Commands: scan. Run `aivss-gate --help`.',
    })
  }
  if (rest.length > 1) {
    throw new UsageError(
      `scan takes one directory, got ${rest.length}: ${rest.join(' ')}`,
    )
  }
  return {
    command: 'scan',
    dir: rest[0] ?? '.',
    format: oneOf('--format', values.format ?? 'text', OUTPUT_FORMATS),
    output: values.output,
    aivssVersion:
      values['aivss-version'] === undefined
        ? undefined
        : oneOf('--aivss-version', values['aivss-version'], AIVSS_VERSIONS),
    threatMultiplier: threatMultiplier(values['threat-multiplier']),
    factorScale:
      values['factor-scale'] === undefined
        ? undefined
        : oneOf('--factor-scale', values['factor-scale'], FACTOR_SCALES),
    verbose: values.verbose,
  }
}

function oneOf<T extends string>(
  flag: string,
  value: string,
  allowed: readonly T[],
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new UsageError(
    `${flag} must be one of ${allowed.join(', ')} (got "${value}")`,
  )
}

function threatMultiplier(
  value: string | undefined,
): ThreatMultiplierInput | undefined {
  if (value === undefined) return undefined
  if ((THREAT_LEVELS as readonly string[]).includes(value))
    return value as ThreatMultiplierInput
  const number = Number(value)
  if (
    value.trim() !== '' &&
    Number.isFinite(number) &&
    number >= 0 &&
    number <= 1
  )
    return number
  throw new UsageError(
    `--threat-multiplier must be a number from 0 to 1 or one of ${THREAT_LEVELS.join(', ')} (got "${value}")`,
  )
}

export const HELP = `aivss-gate — find AI agent manifests, score them with OWASP AIVSS, report.

Usage:
  aivss-gate scan [DIR] [options]    scan DIR (default: the current directory)
  aivss-gate --help | --version

Scan options:
  -f, --format text|markdown|json    report format (default: text)
  -o, --output FILE                  write the report to FILE instead of stdout
      --aivss-version 0.8|0.5        AIVSS version to score with (default: 0.8)
      --threat-multiplier VALUE      ThM for agents that do not declare one:
                                     a number 0–1, or attacked|poc|unreported
                                     (default: poc = 0.97)
      --factor-scale continuous|rubric
                                     rubric snaps factors to 0 / 0.5 / 1 before
                                     summing (default: continuous)
  -v, --verbose                      log discovery details to stderr

What it reads:
  *.aivss.yml, *.aivss.yaml, *.aivss.json   aivss-gate agent descriptors
  <manifest>.aivss.yml                      sidecar: adds an aivss block and
                                            controls to the manifest beside it

Exit codes:
  0  the scan ran (problems with single manifests are listed in the report)
  1  the policy failed
  2  usage or configuration error (the reason is printed on stderr)

The JSON report follows schema/report.schema.json (schemaVersion 1).
`
