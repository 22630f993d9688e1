import type { AivssVersion } from './aivss/factors.js'
import type { ThreatMultiplierInput } from './aivss/multipliers.js'
import type { FactorScale, ScoringSettings } from './aivss/settings.js'
import type { FileSource } from './discovery/source.js'
import type { Logger } from './logger.js'
import {
  baseNames,
  byNameAlone,
  evaluatePolicy,
  type PolicyEvaluation,
} from './policy/evaluate.js'
import { pathInCheckout } from './git/run-git.js'
import { usesComparison, type ResolvedPolicy } from './policy/load.js'
import {
  chooseConfig,
  type ChosenConfig,
  type PolicyTrust,
} from './policy/trust.js'
import { scoringSettings } from './policy/settings.js'
import { buildReport } from './report/build.js'
import { offSpecSetting } from './assess/off-spec.js'
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
  /** Where the repository's policy file is looked for; `root` by default. */
  readonly policyRoot?: string | undefined
  /**
   * Where the policy, what it extends and the baseline file come from: on
   * a pull request, its base commit. Undefined: the workspace `cwd`.
   */
  readonly trust?: PolicyTrust | undefined
  readonly aivssVersion?: AivssVersion | undefined
  readonly threatMultiplier?: ThreatMultiplierInput | undefined
  readonly factorScale?: FactorScale | undefined
  /** Override the policy's scan.include when not empty. */
  readonly include?: readonly string[]
  /** Added to the policy's scan.exclude. */
  readonly exclude?: readonly string[]
  readonly gitignore?: boolean
  /** Files git tracks under the root: .gitignore never hides them. */
  readonly tracked?: ReadonlySet<string> | undefined
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
  readonly config: ChosenConfig
  readonly settings: ScoringSettings
  readonly result: ScanResult
  readonly evaluation: PolicyEvaluation
  readonly report: Report
  readonly comparison?: BaseComparison | undefined
}

export function runGate(options: GateOptions): GateRun {
  const config = chooseConfig({
    explicit: options.policy,
    root: options.policyRoot ?? options.root,
    cwd: options.cwd,
    trust: options.trust ?? { workspace: options.cwd },
    compare: options.compare,
  })
  const policy = config.policy
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
    tracked: options.tracked,
  }
  const scanned = scan(scanOptions)
  const offSpec = offSpecSetting(
    settings,
    options.threatMultiplier !== undefined
      ? 'the command line (--threat-multiplier)'
      : (policy.chain[0] ?? 'the policy'),
  )
  const result: ScanResult = offSpec
    ? { ...scanned, problems: [offSpec, ...scanned.problems] }
    : scanned
  const needsBase = (p: ResolvedPolicy): CompareWith | undefined =>
    usesComparison(p)
      ? { kind: 'unavailable', reason: 'no base was given' }
      : undefined
  const compare: CompareWith | undefined = config.compare ?? needsBase(policy)
  // The base is scored exactly as the head is: same policy, same settings.
  const context = {
    settings,
    scanBase: (source: FileSource) =>
      scan({ ...scanOptions, source, logger: undefined }),
    head: result,
  }
  const comparison = compare
    ? compareWithBase(compare, result.assessments, context)
    : undefined
  if (comparison?.available) {
    for (const note of comparison.notes) options.logger?.warning(note)
  }
  const namesOnBase = comparison?.available
    ? undefined
    : baseAgentNames(config, policy, options.root, (compareWith) =>
        compareWithBase(compareWith, result.assessments, context),
      )
  const judge = (
    p: ResolvedPolicy,
    c: BaseComparison | undefined,
  ): PolicyEvaluation =>
    evaluatePolicy(p, result.assessments, {
      today: options.today,
      problems: result.problems,
      comparison: c,
      namesOnBase,
    })
  let evaluation = judge(policy, comparison)
  if (config.alsoJudge) {
    const other = judge(config.alsoJudge, comparison)
    if (stricter(other, evaluation)) evaluation = other
  }
  const pending = config.pending
  let wouldDecide: PolicyEvaluation | undefined
  if (pending && !('error' in pending.policy)) {
    // What the head's version would decide, on this run's assessments.
    const headCompare = pending.compare ?? compare ?? needsBase(pending.policy)
    const headComparison =
      headCompare === compare
        ? comparison
        : headCompare
          ? safely(() =>
              compareWithBase(headCompare, result.assessments, context),
            )
          : undefined
    wouldDecide = judge(pending.policy, headComparison)
  }
  const report = buildReport(
    result,
    settings,
    {
      evaluation,
      warnOnly: options.warnOnly ?? false,
      source: config.source,
      pending: pending && {
        files: pending.files,
        ...(wouldDecide
          ? { evaluation: wouldDecide }
          : 'error' in pending.policy
            ? { error: pending.policy.error }
            : {}),
      },
    },
    { comparison },
  )
  return { policy, config, settings, result, evaluation, report, comparison }
}

/**
 * Where the base commit held which agent names, when the policy came from a
 * base commit that nothing was compared with and exceptions name agents
 * alone: otherwise a new agent anywhere could take an excepted name. A base
 * that cannot be scanned holds no names (the exceptions hold nowhere).
 */
function baseAgentNames(
  config: ChosenConfig,
  policy: ResolvedPolicy,
  root: string,
  compare: (compareWith: CompareWith) => BaseComparison,
): ReadonlySet<string> | undefined {
  const base = config.base
  if (base === undefined || !policy.exceptions.some(byNameAlone))
    return undefined
  const prefix = pathInCheckout(base.repo, root)
  if (prefix === undefined) return new Set()
  const comparison = safely(() =>
    compare({ kind: 'git', repo: base.repo, sha: base.sha, prefix }),
  )
  return comparison?.available ? baseNames(comparison.diff) : new Set()
}

const SEVERITY = { pass: 0, warn: 1, fail: 2 } as const

/** Whether `a` judges more strictly than `b`: a worse verdict, then more failures. */
function stricter(a: PolicyEvaluation, b: PolicyEvaluation): boolean {
  const failures = (e: PolicyEvaluation): number =>
    e.violations.filter((v) => v.action === 'fail').length
  return (
    SEVERITY[a.result] > SEVERITY[b.result] ||
    (a.result === b.result && failures(a) > failures(b))
  )
}

/** A comparison for information only: one that cannot be made is left out. */
function safely(make: () => BaseComparison): BaseComparison | undefined {
  try {
    return make()
  } catch {
    return undefined
  }
}
