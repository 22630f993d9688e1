import type { AivssVersion } from './aivss/factors.js'
import type { ThreatMultiplierInput } from './aivss/multipliers.js'
import type { FactorScale, ScoringSettings } from './aivss/settings.js'
import type { Logger } from './logger.js'
import { evaluatePolicy, type PolicyEvaluation } from './policy/evaluate.js'
import {
  choosePolicy,
  loadPolicy,
  usesComparison,
  type ResolvedPolicy,
} from './policy/load.js'
import { scoringSettings } from './policy/settings.js'
import { buildReport } from './report/build.js'
import type { Report } from './report/schema.js'
import { scan, type ScanOptions, type ScanResult } from './scan.js'
import {
  compareWithBase,
  type CompareWith,
  type BaseComparison,
} from './diff/comparison.js'

/**
 * The whole gate, as the CLI and the Action both run it: choose and load the
 * policy, scan with its settings (overridden by the caller's), judge the
 * agents, and build the report.
 */
export interface GateOptions {
  /** Absolute path of the directory to scan. */
  readonly root: string
  /** Directory that relative policy paths are resolved against. */
  readonly cwd: string
  /** A policy file or preset; undefined: the repository's, else default. */
  readonly policy?: string | undefined
  readonly aivssVersion?: AivssVersion | undefined
  readonly threatMultiplier?: ThreatMultiplierInput | undefined
  readonly factorScale?: FactorScale | undefined
  /** Override the policy's scan.include when not empty. */
  readonly include?: readonly string[]
  /** Added to the policy's scan.exclude. */
  readonly exclude?: readonly string[]
  readonly gitignore?: boolean
  readonly maxFileSize?: number | undefined
  readonly warnOnly?: boolean
  /** YYYY-MM-DD, for exception expiry. */
  readonly today: string
  readonly logger?: Logger
  /**
   * What to compare the results with: a base commit, a baseline file, or
   * nothing with the reason. Undefined: no comparison, unless the policy's
   * ratchet rules ask for one, in which case it is reported unavailable.
   */
  readonly compare?: CompareWith | undefined
}

export interface GateRun {
  readonly policy: ResolvedPolicy
  readonly settings: ScoringSettings
  readonly result: ScanResult
  readonly evaluation: PolicyEvaluation
  readonly report: Report
  readonly comparison?: BaseComparison | undefined
}

export function runGate(options: GateOptions): GateRun {
  const policy = loadPolicy(
    choosePolicy(options.policy, options.root),
    options.cwd,
  )
  const settings = scoringSettings(policy, {
    version: options.aivssVersion,
    threatMultiplier: options.threatMultiplier,
    scale: options.factorScale,
  })
  const scanOptions: ScanOptions = {
    root: options.root,
    settings,
    logger: options.logger,
    include:
      options.include && options.include.length > 0
        ? options.include
        : policy.scan.include,
    exclude: [...(policy.scan.exclude ?? []), ...(options.exclude ?? [])],
    respectGitignore:
      (options.gitignore ?? true) && (policy.scan.gitignore ?? true),
    maxFileSize: options.maxFileSize ?? policy.scan['max-file-size'],
  }
  const result = scan(scanOptions)
  const compare: CompareWith | undefined =
    options.compare ??
    (usesComparison(policy)
      ? { kind: 'unavailable', reason: 'no base was given' }
      : undefined)
  // The base is scored exactly as the head is: same policy, same settings.
  const comparison = compare
    ? compareWithBase(compare, result.assessments, {
        settings,
        scanBase: (source) =>
          scan({ ...scanOptions, source, logger: undefined }),
        head: result,
      })
    : undefined
  if (comparison?.available) {
    for (const note of comparison.notes) options.logger?.warning(note)
  }
  const evaluation = evaluatePolicy(policy, result.assessments, {
    today: options.today,
    problems: result.problems,
    comparison,
  })
  const report = buildReport(
    result,
    settings,
    { evaluation, warnOnly: options.warnOnly ?? false },
    { comparison },
  )
  return { policy, settings, result, evaluation, report, comparison }
}
