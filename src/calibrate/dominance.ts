import {
  assessAgent,
  type AgentAssessment,
} from '../core/assess/assess-agent.js'
import { VARIANT_KINDS, variantPairs, type VariantKind } from './variants.js'

/**
 * Dominance: an agent that can do strictly less never scores above one
 * that can do strictly more. Every variant pair of every agent is scored
 * with the scanner's own assessAgent, and compared on the score, each of
 * the ten factors and each metric of the baseline vector.
 */

/** Low to high risk, per CVSS v4.0 base metric. */
export const METRIC_ORDER: Readonly<Record<string, readonly string[]>> = {
  AV: ['P', 'L', 'A', 'N'],
  AC: ['H', 'L'],
  AT: ['P', 'N'],
  PR: ['H', 'L', 'N'],
  UI: ['A', 'P', 'N'],
  VC: ['N', 'L', 'H'],
  VI: ['N', 'L', 'H'],
  VA: ['N', 'L', 'H'],
  SC: ['N', 'L', 'H'],
  SI: ['N', 'L', 'H'],
  SA: ['N', 'L', 'H'],
}

/** How a strict pair whose score stayed put is described. */
export const NOT_STRICT = 'score not strictly higher'

/** What the comparator reads: a fake needs no more than this. */
export type Compared = Pick<AgentAssessment, 'score'> & {
  readonly factors: ReadonlyArray<{ readonly id: string; value: number }>
  readonly baseline: { readonly vector: string | null }
}

/**
 * What rises from `less` to `more` where it must not: each entry names the
 * score, factor or metric and both values. With `strict`, a score that is
 * not higher in `more` counts too.
 */
export function dominanceViolations(
  less: Compared,
  more: Compared,
  strict = false,
): string[] {
  const rose: string[] = []
  if (less.score > more.score) rose.push(`score ${less.score} > ${more.score}`)
  // 10.0 has nowhere higher to go.
  else if (strict && less.score === more.score && less.score < 10)
    rose.push(`${NOT_STRICT} (${less.score})`)
  const wider = new Map(more.factors.map((f) => [f.id, f.value]))
  for (const factor of less.factors) {
    const other = wider.get(factor.id)
    if (other !== undefined && factor.value > other + 1e-9)
      rose.push(`${factor.id} ${factor.value} > ${other}`)
  }
  const a = baseMetrics(less.baseline.vector)
  const b = baseMetrics(more.baseline.vector)
  for (const [metric, order] of Object.entries(METRIC_ORDER)) {
    const x = order.indexOf(a.get(metric) ?? '')
    const y = order.indexOf(b.get(metric) ?? '')
    if (x >= 0 && y >= 0 && x > y)
      rose.push(`${metric} ${order[x]} > ${order[y]}`)
  }
  return rose
}

/** Metric → value of a CVSS v4.0 vector; empty for none. */
function baseMetrics(vector: string | null): Map<string, string> {
  const metrics = new Map<string, string>()
  for (const part of vector?.split('/') ?? []) {
    const [key, value] = part.split(':')
    if (key && value && key in METRIC_ORDER) metrics.set(key, value)
  }
  return metrics
}

export interface Violation {
  readonly agent: string
  readonly file: string
  readonly kind: VariantKind
  readonly variant: string
  readonly rose: readonly string[]
}

export interface KindCount {
  pairs: number
  /** Pairs whose wider side must score strictly higher. */
  strict: number
  violations: number
  /** Violations of strict pairs that only failed to rise. */
  notStrict: number
}

export interface DominanceResult {
  readonly agents: number
  readonly pairs: number
  readonly violations: number
  readonly byKind: Record<VariantKind, KindCount>
  /** The first few violations of each kind, in agent order. */
  readonly examples: readonly Violation[]
  /** Variants that could not be scored (thrown), with the reason. */
  readonly errors: readonly string[]
}

export interface DominanceOptions {
  /** How many violations of each kind to keep as examples. */
  readonly examplesPerKind?: number
  /** The file to name for an agent (its path, under the root it came from). */
  readonly fileOf?: (assessment: AgentAssessment) => string
}

export function checkDominance(
  assessments: readonly AgentAssessment[],
  options: DominanceOptions = {},
): DominanceResult {
  const perKind = options.examplesPerKind ?? 3
  const fileOf = options.fileOf ?? ((a) => a.profile.source.file)
  const byKind = Object.fromEntries(
    VARIANT_KINDS.map((k) => [
      k,
      { pairs: 0, strict: 0, violations: 0, notStrict: 0 },
    ]),
  ) as Record<VariantKind, KindCount>
  const examples: Violation[] = []
  const errors: string[] = []
  let pairs = 0
  let violations = 0
  for (const original of assessments) {
    // The original was scored by the scan with the same function and
    // settings; only the variants need scoring.
    const score = (profile: typeof original.profile): AgentAssessment =>
      profile === original.profile
        ? original
        : assessAgent(profile, original.settings)
    for (const pair of variantPairs(original.profile)) {
      let rose: string[]
      try {
        rose = dominanceViolations(
          score(pair.less),
          score(pair.more),
          pair.strict,
        )
      } catch (error) {
        errors.push(
          `${fileOf(original)} ${original.profile.name} ${pair.label}: ${String(error)}`,
        )
        continue
      }
      pairs += 1
      byKind[pair.kind].pairs += 1
      if (pair.strict) byKind[pair.kind].strict += 1
      if (rose.length === 0) continue
      violations += 1
      const count = byKind[pair.kind]
      count.violations += 1
      if (rose.length === 1 && rose[0]?.startsWith(NOT_STRICT))
        count.notStrict += 1
      if (count.violations <= perKind)
        examples.push({
          agent: original.profile.name,
          file: fileOf(original),
          kind: pair.kind,
          variant: pair.label,
          rose,
        })
    }
  }
  return {
    agents: assessments.length,
    pairs,
    violations,
    byKind,
    examples,
    errors,
  }
}
