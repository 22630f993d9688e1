import { globMatches } from '../glob/glob.js'
import type { AgentAssessment } from '../assess/assess-agent.js'
import type { Problem } from '../problems.js'
import type { AgentDiff } from '../diff/compare.js'
import {
  headChanges,
  type BaseComparison,
  type HeadChange,
} from '../diff/comparison.js'
import {
  headKey,
  snapshotOf,
  toolKey,
  type AgentSnapshot,
} from '../diff/snapshot.js'
import {
  declarationReviewer,
  type DeclarationReview,
} from '../assess/review.js'
import { declaredInPullRequest } from './declared-in-pull-request.js'
import { testConditions } from './conditions.js'
import { manifestErrorFindings } from './manifest-errors.js'
import type { RatchetContext } from './ratchet.js'
import type { ResolvedException, ResolvedPolicy, ResolvedRule } from './load.js'
import type { PolicyScope } from './schema.js'

/**
 * Judging agents against a resolved policy: every rule against every agent,
 * then exceptions. The verdict is `fail` when an unexcepted fail rule
 * matches, `warn` when only warnings do (or an exception has expired or
 * matches nothing), `pass` otherwise.
 */

export type Verdict = 'pass' | 'warn' | 'fail'

export interface Violation {
  readonly rule: string
  /** Absent for problems that concern a file rather than an agent. */
  readonly agent?: string
  readonly file: string
  readonly line?: number | undefined
  readonly action: 'fail' | 'warn'
  readonly message: string
  readonly description?: string | undefined
  /**
   * It held on the base already and the pull request did not make the agent
   * worse: reported and counted, never failing a change-scoped policy.
   */
  readonly preExisting?: true | undefined
}

export interface ExceptedViolation extends Violation {
  readonly exception: {
    readonly reason: string
    readonly expires?: string | undefined
    readonly source: string
  }
}

export interface RuleOutcome {
  readonly rule: string
  readonly outcome: 'pass' | 'warn' | 'fail' | 'excepted'
  readonly message: string
  /** A finding that held on the base already (see Violation). */
  readonly preExisting?: true | undefined
}

export interface AgentVerdict {
  readonly agent: string
  readonly file: string
  readonly line: number
  readonly result: Verdict
  /** Findings first, then passed rules; at most MAX_FINDINGS_PER_AGENT. */
  readonly rules: readonly RuleOutcome[]
  /** Rule outcomes left out of `rules` (the verdict counts them all). */
  readonly unlisted: number
  /** Its claims, and which are under review; absent when it makes none. */
  readonly declarations?: DeclarationReview | undefined
  /** What the rules were tested on: as declared, or without the claims under review. */
  readonly judgedOn?: 'declared' | 'estimate' | undefined
}

/**
 * Rule outcomes and findings kept per agent: the report grows with what
 * was found, not with rules times agents. The verdict is computed on all.
 */
export const MAX_FINDINGS_PER_AGENT = 50

export interface ExceptionNotice {
  readonly rule: string
  readonly scope: string
  readonly reason: string
  readonly expires?: string | undefined
  readonly source: string
  readonly line?: number | undefined
  readonly message: string
}

export interface PolicyEvaluation {
  readonly result: Verdict
  readonly chain: readonly string[]
  readonly rules: readonly ResolvedRule[]
  readonly agents: readonly AgentVerdict[]
  readonly violations: readonly Violation[]
  readonly excepted: readonly ExceptedViolation[]
  readonly expiredExceptions: readonly ExceptionNotice[]
  readonly unusedExceptions: readonly ExceptionNotice[]
  /** Findings beyond MAX_FINDINGS_PER_AGENT of one agent, not listed above. */
  readonly unlisted: {
    readonly fail: number
    readonly warn: number
    readonly excepted: number
  }
  /**
   * What was judged: `change` when the policy's scope is change and there
   * was a base to compare with; `all` otherwise.
   */
  readonly scope: PolicyScope
  /** Open findings that held on the base already, by action (all of them, listed or not). */
  readonly preExisting: { readonly fail: number; readonly warn: number }
}

export interface EvaluateOptions {
  /** Today's date, YYYY-MM-DD: exceptions apply through their `expires` day. */
  readonly today: string
  /**
   * Problems of the scan; errors and unreadable manifests become
   * `manifest-errors` violations.
   */
  readonly problems?: readonly Problem[]
  /** The comparison with the base, for the ratchet conditions. */
  readonly comparison?: BaseComparison | undefined
  /**
   * `file\0name` of the base commit's agents, when the policy came from a
   * base but nothing was compared with it (`base: none`, a baseline file the
   * base lacks): where exceptions by name alone hold.
   */
  readonly namesOnBase?: ReadonlySet<string> | undefined
}

export function evaluatePolicy(
  policy: ResolvedPolicy,
  agents: readonly AgentAssessment[],
  options: EvaluateOptions,
): PolicyEvaluation {
  const expired = policy.exceptions.filter(
    (e) => e.expires !== undefined && e.expires < options.today,
  )
  const active = policy.exceptions.filter((e) => !expired.includes(e))
  const used = new Set<ResolvedException>()
  const violations: Violation[] = []
  const excepted: ExceptedViolation[] = []
  const unlisted = { fail: 0, warn: 0, excepted: 0 }
  let failed = false

  const comparison = options.comparison
  const changes =
    comparison?.available === true ? headChanges(comparison.diff) : undefined
  const unavailable =
    comparison?.available === false ? comparison.reason : undefined
  const onBase =
    comparison?.available === true
      ? baseNames(comparison.diff)
      : options.namesOnBase

  const scope: PolicyScope =
    policy.scope === 'change' && comparison?.available === true
      ? 'change'
      : 'all'
  const preExisting = { fail: 0, warn: 0 }
  let open = 0
  const heldOnBase =
    scope === 'change' && comparison?.available === true
      ? baseFindings(comparison)
      : undefined

  const judge = (
    violation: Violation,
    name: string | undefined,
    listed = true,
  ): 'excepted' | 'open' => {
    // Every exception that covers the violation is used, not only the first:
    // which of them is written first must change neither the verdict nor
    // the exceptions reported as matching nothing.
    const covering = active.filter((e) =>
      covers(e, violation.rule, violation.file, name, onBase),
    )
    const exception = covering.reduce<ResolvedException | undefined>(
      (best, e) => (best === undefined || outlasts(e, best) ? e : best),
      undefined,
    )
    if (!exception) {
      if (violation.preExisting) preExisting[violation.action] += 1
      else open += 1
      if (!violation.preExisting && violation.action === 'fail') failed = true
      if (listed) violations.push(violation)
      else unlisted[violation.action] += 1
      return 'open'
    }
    for (const e of covering) used.add(e)
    if (!listed) {
      unlisted.excepted += 1
      return 'excepted'
    }
    excepted.push({
      ...violation,
      exception: {
        reason: exception.reason,
        expires: exception.expires,
        source: exception.source,
      },
    })
    return 'excepted'
  }

  const review = declarationReviewer(comparison, policy.trustedDeclarations)
  const verdicts = agents.map((agent): AgentVerdict => {
    const { profile } = agent
    const declarations = review(agent)
    // Claims under review: judged on the agent without them when asked.
    const judged =
      declarations?.underReview &&
      policy.declarationsUnderReview === 'judge-on-estimate'
        ? declarations.reviewed
        : agent
    const change = changes?.get(
      headKey({ ...profile.source, name: profile.name }),
    )
    const context: RatchetContext = {
      change:
        change && judged !== agent
          ? { ...change, head: snapshotOf(judged) }
          : change,
      unavailable,
    }
    let findings = 0
    const rules = policy.rules.map((rule): RuleOutcome => {
      const test = testConditions(judged, rule.when, context)
      if (!test.matched)
        return { rule: rule.id, outcome: 'pass', message: test.message }
      findings += 1
      const action = rule.action === 'fail' ? 'fail' : 'warn'
      const held = heldOnBase?.(rule, change) === true ? true : undefined
      const violation: Violation = {
        rule: rule.id,
        agent: profile.name,
        file: profile.source.file,
        line: causeLine(judged, rule.when, change),
        action,
        message: test.message,
        description: rule.description,
        preExisting: held,
      }
      const listed = findings <= MAX_FINDINGS_PER_AGENT
      const outcome =
        judge(violation, profile.name, listed) === 'excepted'
          ? 'excepted'
          : action
      return {
        rule: rule.id,
        outcome,
        message: test.message,
        preExisting: outcome === 'excepted' ? undefined : held,
      }
    })
    if (declarations?.underReview && policy.declarationsUnderReview !== 'off') {
      const violation = declaredInPullRequest(
        agent,
        declarations,
        policy.declarationsUnderReview === 'fail' ? 'fail' : 'warn',
      )
      rules.push({
        rule: violation.rule,
        outcome:
          judge(violation, profile.name) === 'excepted'
            ? 'excepted'
            : violation.action,
        message: violation.message,
      })
    }
    const result: Verdict = rules.some((r) => r.outcome === 'fail')
      ? 'fail'
      : rules.some((r) => r.outcome === 'warn')
        ? 'warn'
        : 'pass'
    // Findings first, in rule order, then passes, as many as are kept.
    const kept = [
      ...rules.filter((r) => r.outcome !== 'pass'),
      ...rules.filter((r) => r.outcome === 'pass'),
    ].slice(0, MAX_FINDINGS_PER_AGENT)
    const shown = new Set(kept)
    return {
      agent: profile.name,
      file: profile.source.file,
      line: profile.source.line,
      result,
      rules: rules.filter((r) => shown.has(r)),
      unlisted: rules.length - kept.length,
      declarations,
      judgedOn: declarations
        ? judged === agent
          ? 'declared'
          : 'estimate'
        : undefined,
    }
  })

  // Unreadable manifests count whatever their level; one the pull request
  // makes unreadable fails under `warn` (see manifest-errors.ts).
  for (const finding of manifestErrorFindings(
    policy.manifestErrors,
    options.problems ?? [],
    comparison,
  ))
    judge({ rule: 'manifest-errors', ...finding }, undefined)

  const expiredExceptions = expired.map((e) =>
    notice(e, `expired on ${e.expires ?? ''}; it no longer applies`),
  )
  const unusedExceptions = active
    .filter((e) => !used.has(e))
    .map((e) =>
      notice(e, 'matches nothing; remove it or fix its rule, paths or agents'),
    )
  // Pre-existing findings are counted, not judged: the verdict is about
  // what the change did.
  const result: Verdict = failed
    ? 'fail'
    : open > 0 || expiredExceptions.length > 0 || unusedExceptions.length > 0
      ? 'warn'
      : 'pass'
  return {
    result,
    chain: policy.chain,
    rules: policy.rules,
    agents: verdicts,
    violations,
    excepted,
    expiredExceptions,
    unusedExceptions,
    unlisted,
    scope,
    preExisting,
  }
}

/**
 * Whether a rule's finding on a head agent already held on the base, for a
 * change-scoped policy. Never for an agent the pull request adds, for one it
 * made worse (a higher score, a tool newly changing things without approval,
 * a control taken away), or for a rule about the change itself (the ratchet
 * conditions). Otherwise the rule is tested on the base's own agent; a
 * baseline file records no agents, so there an agent the pull request did not
 * make worse keeps its findings as they were.
 */
function baseFindings(
  comparison: Extract<BaseComparison, { available: true }>,
): (rule: ResolvedRule, change: HeadChange | undefined) => boolean {
  return (rule, change) => {
    if (change?.status !== 'matched') return false
    if (RATCHET_KEYS.some((key) => rule.when[key] !== undefined)) return false
    if (madeWorse(change.base, change.head)) return false
    const base = comparison.baseAgents?.get(headKey(change.base))
    if (!base) return comparison.baseAgents === undefined
    return testConditions(base, rule.when, {
      unavailable: 'the base is judged on its own',
    }).matched
  }
}

const RATCHET_KEYS = [
  'new',
  'increased',
  'new-tools',
  'new-unapproved-tools',
  'removed-controls',
] as const satisfies readonly (keyof ResolvedRule['when'])[]

/** The change raised the score, let a tool act unapproved, or took a control away. */
export function madeWorse(base: AgentSnapshot, head: AgentSnapshot): boolean {
  if (head.score > base.score) return true
  // Approval is judged per tool below, and an allow list taken away makes
  // tools ask again: neither is a control lost. Dropping the tools an
  // approval covered must not count as taking the approval away.
  const lost = base.controls.filter(
    (c) => c !== 'humanApproval' && c !== 'allowlists',
  )
  if (lost.some((c) => !head.controls.includes(c))) return true
  if (head.allTools && !base.allTools) return true
  const unapproved = new Set(
    base.tools.filter((t) => t.unapproved ?? true).map(toolKey),
  )
  return head.tools.some(
    (t) => t.unapproved === true && !unapproved.has(toolKey(t)),
  )
}

/**
 * Whether an exception covers a finding. Paths and names given together
 * must both hold. Names alone cover an agent only where that name stood on
 * the base, when there is one: otherwise a pull request could give a new,
 * riskier agent elsewhere the excepted name.
 */
/** Whether an exception names agents without paths (held only where they stood). */
export function byNameAlone(exception: ResolvedException): boolean {
  return exception.agents !== undefined && exception.paths === undefined
}

function covers(
  exception: ResolvedException,
  rule: string,
  file: string,
  agent: string | undefined,
  onBase: ReadonlySet<string> | undefined,
): boolean {
  if (exception.rule !== '*' && exception.rule !== rule) return false
  const paths = exception.paths
  const names = exception.agents
  const byPath = paths?.some((glob) => globMatches(glob, file)) ?? false
  const byName =
    agent !== undefined &&
    (names?.includes(agent) ?? false) &&
    (paths !== undefined ||
      onBase === undefined ||
      onBase.has(`${file}\0${agent}`))
  if (paths !== undefined && names !== undefined) return byPath && byName
  return byPath || byName
}

/** `file\0name` of every agent of the base. */
export function baseNames(diff: AgentDiff): Set<string> {
  const names = new Set<string>()
  const add = (a: {
    readonly file: string
    readonly name: string
  }): Set<string> => names.add(`${a.file}\0${a.name}`)
  for (const a of diff.removed) add(a)
  for (const a of diff.unchanged) add(a)
  for (const c of diff.changed) add(c.base)
  for (const r of diff.renamed) add(r.base)
  return names
}

/**
 * Of two exceptions covering one violation, whether `a` is the one to cite:
 * the one that lasts longer (no expiry outlasts any date), then by where it
 * is written and its reason, so that the choice never depends on their order.
 */
function outlasts(a: ResolvedException, b: ResolvedException): boolean {
  const order =
    compareExpiry(a.expires, b.expires) ||
    compareText(b.source, a.source) ||
    (b.line ?? 0) - (a.line ?? 0) ||
    compareText(b.reason, a.reason)
  return order > 0
}

function compareExpiry(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0
  if (a === undefined) return 1
  if (b === undefined) return -1
  return compareText(a, b)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function notice(
  exception: ResolvedException,
  message: string,
): ExceptionNotice {
  const scope = [
    ...(exception.paths ?? []),
    ...(exception.agents ?? []).map((a) => `agent ${a}`),
  ].join(', ')
  return {
    rule: exception.rule,
    scope,
    reason: exception.reason,
    expires: exception.expires,
    source: exception.source,
    line: exception.line,
    message: `exception for ${exception.rule} on ${scope} (${exception.reason}) ${message}`,
  }
}

/**
 * The line a finding points at: the one that causes it. A tool condition
 * points at the tool (the `tools:` line of most formats), or at the
 * permission mode when the change took an approval away from a tool the
 * agent had; a control condition at the control's line; a score, band or
 * factor at the tool list, which drives them most. The agent's own line when
 * nothing closer is known.
 */
export function causeLine(
  agent: AgentAssessment,
  when: ResolvedRule['when'],
  change: HeadChange | undefined,
): number {
  const { profile } = agent
  const evidence = profile.evidence
  const toolsLine =
    evidence.tools ?? profile.tools.find((t) => t.line !== undefined)?.line
  const kinds = when['new-unapproved-tools'] ?? when['new-tools'] ?? when.tools
  if (kinds !== undefined) {
    const tool = profile.tools.find(
      (t) =>
        (kinds as readonly string[]).includes(t.kind) && t.line !== undefined,
    )
    const had =
      change?.status === 'matched' &&
      tool !== undefined &&
      change.base.tools.some(
        (t) => t.name === tool.name && t.kind === tool.kind,
      )
    const mode = profile.autonomy.permissionMode ? evidence.autonomy : undefined
    return (
      (had ? mode : undefined) ?? tool?.line ?? toolsLine ?? profile.source.line
    )
  }
  const controls =
    when['missing-controls'] ?? when['removed-controls'] ?? when.controls
  if (controls !== undefined) {
    const line = controls
      .map((c) => evidence[`controls.${c}`])
      .find((l) => l !== undefined)
    if (line !== undefined) return line
  }
  return toolsLine ?? profile.source.line
}
