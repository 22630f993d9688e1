import { FACTOR_IDS, type FactorId } from '../aivss/factors.js'
import type { AgentProfile } from '../profile/schema.js'
import { FACTOR_BASES, rulesFor, type FactorRule } from './rules.js'
import { ProfileFacts } from '../signals/signals.js'

export interface FactorEstimate {
  /** In [0, 1], two decimals. */
  readonly value: number
  /** One line citing the evidence, or what was assumed where nothing was stated. */
  readonly rationale: string
  /** Ids of the rules that moved the value. */
  readonly rules: readonly string[]
  /**
   * The agent's own prose (description, instructions, skills) moved the
   * value: without the text signals it would be different.
   */
  readonly textDerived: boolean
}

export type FactorEstimates = Readonly<Record<FactorId, FactorEstimate>>

const round2 = (value: number): number => Math.round(value * 100) / 100
const clamp01 = (value: number): number => Math.min(1, Math.max(0, value))

interface Fired {
  readonly rule: FactorRule
  readonly evidence: string
}

/** Estimates every factor of a profile from the rule table. */
export function estimateFactors(
  profile: AgentProfile,
  facts = new ProfileFacts(profile),
): FactorEstimates {
  const result = {} as Record<FactorId, FactorEstimate>
  for (const factor of FACTOR_IDS) {
    const fired: Fired[] = []
    for (const rule of rulesFor(factor)) {
      const evidence = facts.signal(rule.signal)
      if (evidence !== undefined) fired.push({ rule, evidence })
    }
    const estimate = applyRules(factor, fired)
    const structural = fired.filter((item) => !isTextRule(item.rule))
    result[factor] = {
      ...estimate,
      textDerived:
        structural.length < fired.length &&
        applyRules(factor, structural).value !== estimate.value,
    }
  }
  return result
}

/** Rows that read the agent's wording rather than its structure. */
export function isTextRule(rule: FactorRule): boolean {
  return rule.signal.startsWith('text.')
}

function applyRules(
  factor: FactorId,
  fired: readonly Fired[],
): Omit<FactorEstimate, 'textDerived'> {
  const base = FACTOR_BASES[factor]
  let value = base.value
  const used: Fired[] = []
  // Phase 1: floors. The strongest sets the value; up to two more are cited
  // so that structural evidence shows even when the prose claims more.
  const floors = fired
    .filter(
      (item) =>
        'atLeast' in item.rule.effect && item.rule.effect.atLeast >= value,
    )
    .sort((a, b) => floorOf(b.rule) - floorOf(a.rule))
  const cited = new Set<string>()
  for (const item of floors) {
    if (cited.has(item.evidence) || cited.size >= 3) continue
    cited.add(item.evidence)
    used.push(item)
  }
  if (floors[0]) value = floorOf(floors[0].rule)
  // Phase 2: shifts — a reason counts once even if two signals show it.
  const reasons = new Set<string>()
  for (const item of fired) {
    const effect = item.rule.effect
    if (!('add' in effect) || reasons.has(item.rule.because)) continue
    // A shift down stops at its floor, and never lifts a value that is
    // already below it: a declared control must not raise a factor.
    const next =
      effect.add < 0
        ? Math.max(Math.min(value, effect.floor ?? 0), value + effect.add)
        : value + effect.add
    if (round2(next) === round2(value)) continue
    reasons.add(item.rule.because)
    value = next
    used.push(item)
  }
  // Phase 3: caps. A cap on what the structure shows leaves standing a
  // floor the prose sets where the structure is silent.
  const proseFloor = Math.max(
    0,
    ...fired
      .filter((item) => isTextRule(item.rule))
      .map((item) => floorOf(item.rule)),
  )
  for (const item of fired) {
    const effect = item.rule.effect
    if (!('atMost' in effect)) continue
    const cap = effect.proseMayExceed
      ? Math.max(effect.atMost, proseFloor)
      : effect.atMost
    if (cap < value) {
      value = cap
      used.push(item)
    }
  }
  // Phase 4: what no cap may hide (bypassing every approval).
  for (const item of fired) {
    if ('bump' in item.rule.effect) {
      value += item.rule.effect.bump
      used.push(item)
    }
  }
  value = round2(clamp01(value))
  // Rules that fired without moving the value still show what was stated.
  const shown =
    used.length > 0 ? used : fired.filter((item) => holds(item.rule, value))
  const rationale =
    shown.length === 0
      ? base.assumption
      : shown
          .map(
            (item) =>
              `${item.evidence}: ${item.rule.because}${describeEffect(item.rule)}`,
          )
          .join('; ')
  return { value, rationale, rules: shown.map((item) => item.rule.id) }
}

function floorOf(rule: FactorRule): number {
  return 'atLeast' in rule.effect ? rule.effect.atLeast : 0
}

/** Whether a rule's effect agrees with the final value. */
function holds(rule: FactorRule, value: number): boolean {
  const effect = rule.effect
  if ('atLeast' in effect) return value >= effect.atLeast
  if ('atMost' in effect) return value <= effect.atMost
  return false
}

function describeEffect(rule: FactorRule): string {
  const effect = rule.effect
  if ('atLeast' in effect) return ` (at least ${effect.atLeast.toFixed(1)})`
  if ('atMost' in effect) return ` (at most ${effect.atMost.toFixed(1)})`
  if ('bump' in effect) return ` (+${effect.bump.toFixed(1)} after every cap)`
  return ` (${effect.add > 0 ? '+' : '-'}${Math.abs(effect.add).toFixed(1)})`
}
