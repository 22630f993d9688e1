import { parseArgs } from 'node:util'
import { AIVSS_VERSIONS, type AivssVersion } from '../core/aivss/factors.js'
import {
  THREAT_LEVELS,
  type ThreatMultiplierInput,
} from '../core/aivss/multipliers.js'
import { FACTOR_SCALES, type FactorScale } from '../core/aivss/settings.js'
import { UsageError } from '../core/errors.js'
import { globProblem } from '../core/glob/glob.js'

export const OUTPUT_FORMATS = [
  'text',
  'markdown',
  'comment',
  'json',
  'sarif',
  'cyclonedx',
] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

export interface ScanArgs {
  readonly command: 'scan'
  readonly dir: string
  readonly format: OutputFormat
  readonly output?: string | undefined
  readonly aivssVersion?: AivssVersion | undefined
  readonly threatMultiplier?: ThreatMultiplierInput | undefined
  readonly factorScale?: FactorScale | undefined
  readonly include: readonly string[]
  readonly exclude: readonly string[]
  readonly gitignore: boolean
  readonly maxFileSize?: number | undefined
  readonly explain: boolean
  readonly verbose: boolean
  /** A policy file or preset name; undefined: the repository's, else default. */
  readonly policy?: string | undefined
  readonly warnOnly: boolean
  /** A git ref or SHA to compare with. */
  readonly base?: string | undefined
  /** A baseline file to compare with. */
  readonly baseline?: string | undefined
  /**
   * With --base: `base` (the default) reads the policy, what it extends and
   * the baseline file from the base commit; `head` from the working tree.
   */
  readonly policyFrom?: 'base' | 'head' | undefined
}

/** `baseline write`: the scan's options, and where to record the results. */
export interface BaselineWriteArgs extends Omit<
  ScanArgs,
  'command' | 'format' | 'base' | 'baseline' | 'policyFrom'
> {
  readonly command: 'baseline-write'
}

export interface PolicyCheckArgs {
  readonly command: 'policy-check'
  readonly policy: string
}

export type CliArgs =
  | ScanArgs
  | BaselineWriteArgs
  | PolicyCheckArgs
  | { readonly command: 'help' }
  | { readonly command: 'version' }

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
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        'no-gitignore': { type: 'boolean', default: false },
        'max-file-size': { type: 'string' },
        explain: { type: 'boolean', default: false },
        policy: { type: 'string', short: 'p' },
        'warn-only': { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        base: { type: 'string' },
        baseline: { type: 'string' },
        'policy-from': { type: 'string' },
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
  if (command === 'policy') {
    const [sub, file, ...extra] = rest
    if (sub !== 'check' || file === undefined || extra.length > 0) {
      throw new UsageError('usage: aivss-gate policy check FILE|PRESET')
    }
    return { command: 'policy-check', policy: file }
  }
  const baselineWrite = command === 'baseline'
  if (baselineWrite && rest[0] !== 'write')
    throw new UsageError(
      'usage: aivss-gate baseline write [DIR] [--output FILE]',
    )
  if (command !== 'scan' && !baselineWrite) {
    throw new UsageError(`unknown command "${command}"`, {
      help: 'Commands: scan, baseline write, policy check. Run `aivss-gate --help`.',
    })
  }
  const dirs = baselineWrite ? rest.slice(1) : rest
  const name = baselineWrite ? 'baseline write' : 'scan'
  if (dirs.length > 1) {
    throw new UsageError(
      `${name} takes one directory, got ${dirs.length}: ${dirs.join(' ')}`,
    )
  }
  if (values.base !== undefined && values.baseline !== undefined)
    throw new UsageError('give --base or --baseline, not both')
  if (baselineWrite) {
    for (const flag of ['format', 'base', 'baseline', 'policy-from'] as const)
      if (values[flag] !== undefined)
        throw new UsageError(`baseline write does not take --${flag}`)
  }
  if (values.base !== undefined && values.base.trim() === '')
    throw new UsageError('--base needs a git ref or commit')
  const policyFrom =
    values['policy-from'] === undefined
      ? undefined
      : oneOf('--policy-from', values['policy-from'], ['base', 'head'] as const)
  if (policyFrom === 'base' && values.base === undefined)
    throw new UsageError('--policy-from base needs --base', {
      help: 'Give --base REF: the policy is then read from that commit.',
    })
  const common = {
    dir: dirs[0] ?? '.',
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
    include: splitGlobs('--include', values.include),
    exclude: splitGlobs('--exclude', values.exclude),
    gitignore: !values['no-gitignore'],
    maxFileSize: byteSize(values['max-file-size']),
    explain: values.explain,
    verbose: values.verbose,
    policy: values.policy,
    warnOnly: values['warn-only'],
  }
  if (baselineWrite) return { command: 'baseline-write', ...common }
  return {
    command: 'scan',
    ...common,
    format: oneOf('--format', values.format ?? 'text', OUTPUT_FORMATS),
    base: values.base,
    baseline: values.baseline,
    policyFrom,
  }
}

/**
 * Globs may be given several times or comma/newline-separated; a comma
 * inside braces (`{a,b}`) belongs to the glob.
 */
function splitGlobs(
  flag: string,
  values: readonly string[] | undefined,
): string[] {
  const globs = (values ?? [])
    .flatMap((v) => v.split(/\n|,(?![^{]*\})/))
    .map((g) => g.trim())
    .filter((g) => g.length > 0)
  for (const glob of globs) {
    const problem = globProblem(glob)
    if (problem !== undefined) {
      throw new UsageError(`${flag} ${glob.slice(0, 80)}: ${problem}`)
    }
  }
  return globs
}

function byteSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib)?$/i.exec(value.trim())
  const unit = match?.[2]?.toLowerCase()[0]
  const bytes = match
    ? Number(match[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1)
    : NaN
  if (!Number.isFinite(bytes) || bytes < 1) {
    throw new UsageError(
      `--max-file-size must be a size such as 512k or 2m (got "${value}")`,
    )
  }
  return Math.floor(bytes)
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
                                     and judge it against the policy
  aivss-gate baseline write [DIR]    record DIR's results in a baseline file
                                     (default DIR/.github/aivss-baseline.json;
                                     --output FILE, or - for stdout) to compare
                                     later scans with
  aivss-gate policy check FILE       validate a policy file (or preset) and print
                                     the rules it resolves to, inherited included
  aivss-gate --help | --version

Scan options:
  -p, --policy FILE|PRESET           policy to judge by: a file, or a preset
                                     (default, strict, permissive, owasp-top10).
                                     Without it: DIR/.github/aivss-policy.yml when
                                     present, else the default preset. With
                                     --base, files of the repository are read
                                     from the base commit (see --policy-from)
      --warn-only                    report policy failures but exit 0
  -f, --format text|markdown|comment|json|sarif|cyclonedx
                                     report format (default: text); comment is
                                     the pull request comment the Action
                                     writes; sarif is SARIF 2.1.0 for code
                                     scanning, with paths relative to the git
                                     checkout's root; cyclonedx is a CycloneDX
                                     1.6 AI-BOM of the agents, models and tools
  -o, --output FILE                  write the report to FILE instead of stdout
      --aivss-version 0.8|0.5        AIVSS version to score with (default: 0.8)
      --threat-multiplier VALUE      ThM for agents that do not declare one
                                     and vectors without E: a number 0–1, or
                                     attacked|poc|unreported (default: poc = 0.97)
      --factor-scale continuous|rubric
                                     rubric snaps factors to 0 / 0.5 / 1 before
                                     summing (default: continuous)
      --include GLOB                 only consider files matching GLOB (repeatable,
                                     or comma-separated; relative to DIR)
      --exclude GLOB                 leave out files and directories matching GLOB
      --no-gitignore                 also scan files that .gitignore excludes
      --max-file-size SIZE           skip manifests larger than SIZE (default 2m)
      --explain                      list every file considered and what became
                                     of it (read, not a manifest, skipped: why),
                                     on stderr
  -v, --verbose                      log discovery details to stderr

Comparison (what a pull request changed; the report leads with it and the
policy's ratchet conditions new, increased, new-tools and removed-controls
judge it):
      --base REF                     compare with a git ref or commit of the
                                     repository that holds DIR, read with git
                                     (nothing is checked out)
      --baseline FILE                compare with a baseline file written by
                                     \`aivss-gate baseline write\`
      --policy-from base|head        with --base: read the policy file, what it
                                     extends and the baseline file from the base
                                     commit (base, the default: a pull request
                                     cannot change the rules that judge it), or
                                     from the working tree (head)

Discovery skips node_modules, vendor, build and dist trees, version-control
and tool directories, and never follows symbolic links.

What it reads: agent manifests of many formats (A2A cards, MCP client
configurations, CrewAI, Google ADK, Claude Code and Copilot agents, …; see
the README), and
  *.aivss.yml, *.aivss.yaml, *.aivss.json   aivss-gate agent descriptors
  <manifest>.aivss.yml                      sidecar: adds an aivss block and
                                            controls to the manifest beside it

Exit codes:
  0  the policy passed (or only warned, or --warn-only was given)
  1  the policy failed
  2  usage or configuration error, including an invalid policy (the reason,
     with file, line and column, is printed on stderr)

The JSON report follows schema/report.schema.json (schemaVersion 1).
`
