import { describe, expect, it } from 'vitest'
import { FACTOR_IDS } from '../../src/core/aivss/factors.js'
import { estimateFactors } from '../../src/core/estimate/estimate.js'
import { FACTOR_BASES, FACTOR_RULES } from '../../src/core/estimate/rules.js'
import { SIGNALS } from '../../src/core/signals/signals.js'
import { profile } from '../support/profiles.js'

const orchestrator = profile({
  description: 'Orchestrates three worker agents that reconcile and report.',
  tools: [
    { name: 'run_sql', kind: 'database' },
    { name: 'send_email', kind: 'email' },
  ],
  memory: { kind: 'persistent', stores: ['pgvector'] },
  subAgents: ['a', 'b', 'c'],
})

describe('the rule table', () => {
  it('has unique ids, known signals and bounded effects', () => {
    const ids = FACTOR_RULES.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of FACTOR_RULES) {
      expect(Object.keys(SIGNALS)).toContain(rule.signal)
      expect(FACTOR_IDS).toContain(rule.factor)
      const amount =
        'atLeast' in rule.effect
          ? rule.effect.atLeast
          : 'atMost' in rule.effect
            ? rule.effect.atMost
            : 'bump' in rule.effect
              ? rule.effect.bump
              : rule.effect.add
      expect(Math.abs(amount)).toBeLessThanOrEqual(1)
      expect(rule.because.length).toBeGreaterThan(5)
    }
  })

  it('gives every factor a base that says what it assumes', () => {
    for (const id of FACTOR_IDS)
      expect(FACTOR_BASES[id].assumption).toMatch(/^not stated: /)
  })
})

describe('estimateFactors', () => {
  it('says "not stated" and assumes format defaults for a silent manifest', () => {
    const estimates = estimateFactors(profile({ description: 'Helps.' }))
    for (const id of FACTOR_IDS) {
      expect(estimates[id].value).toBe(FACTOR_BASES[id].value)
      // An empty tool list caps autonomy at its base: the cap is cited.
      expect(estimates[id].rationale).toMatch(
        /^(not stated: |no tools listed: )/,
      )
    }
    // unknown is not zero
    expect(estimates.autonomyOfAction.value).toBeGreaterThan(0)
    expect(estimates.nonDeterminism.value).toBeGreaterThan(0)
  })

  it('keeps every value in [0, 1] with two decimals and cites evidence', () => {
    const estimates = estimateFactors(orchestrator)
    for (const id of FACTOR_IDS) {
      const { value, rationale } = estimates[id]
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThanOrEqual(1)
      expect(Math.round(value * 100) / 100).toBe(value)
      expect(rationale.length).toBeGreaterThan(10)
    }
    expect(estimates.multiAgentInteractions.rationale).toMatch(
      /3 sub-agents: a, b, c/,
    )
    expect(estimates.dynamicToolUse.rationale).toMatch(/run_sql \(database\)/)
    expect(estimates.persistentMemory.value).toBeGreaterThanOrEqual(0.8)
  })

  it('lowers autonomy when human approval is declared', () => {
    const without = estimateFactors(orchestrator).autonomyOfAction
    const withApproval = estimateFactors({
      ...orchestrator,
      controls: { humanApproval: true },
    }).autonomyOfAction
    expect(withApproval.value).toBeLessThan(without.value)
    expect(withApproval.rationale).toMatch(
      /humanApproval: true.*a human approves its consequential actions/,
    )
  })

  it('lowers opacity when logging is declared and raises it when logging is off', () => {
    const base = estimateFactors(orchestrator).opacityReflexivity.value
    expect(
      estimateFactors({ ...orchestrator, controls: { logging: true } })
        .opacityReflexivity.value,
    ).toBeLessThan(base)
    expect(
      estimateFactors({ ...orchestrator, controls: { logging: false } })
        .opacityReflexivity.value,
    ).toBeGreaterThan(base)
  })

  it('lowers non-determinism for a low temperature with guardrails, and a fixed seed more', () => {
    const base = estimateFactors(profile()).nonDeterminism.value
    const guarded = estimateFactors(
      profile({ model: { temperature: 0 }, controls: { guardrails: true } }),
    ).nonDeterminism
    expect(guarded.value).toBeLessThan(base)
    expect(guarded.rationale).toMatch(/temperature 0/)
    expect(
      estimateFactors(profile({ model: { seed: 7 } })).nonDeterminism.value,
    ).toBeLessThanOrEqual(0.3)
  })

  it('reads memory kinds', () => {
    expect(
      estimateFactors(profile({ memory: { kind: 'none', stores: [] } }))
        .persistentMemory.value,
    ).toBe(0)
    expect(
      estimateFactors(profile({ memory: { kind: 'session', stores: [] } }))
        .persistentMemory.rationale,
    ).toMatch(/memory: session/)
    expect(
      estimateFactors(profile({ memory: { kind: 'persistent', stores: [] } }))
        .persistentMemory.value,
    ).toBeGreaterThanOrEqual(0.8)
  })

  it('treats read-only tools as reads, whatever their kind', () => {
    const reader = estimateFactors(
      profile({ tools: [{ name: 'read_ledger', kind: 'database' }] }),
    )
    expect(reader.autonomyOfAction.value).toBeLessThanOrEqual(0.4)
    const writer = estimateFactors(
      profile({ tools: [{ name: 'update_ledger', kind: 'database' }] }),
    )
    expect(writer.dynamicToolUse.value).toBeGreaterThanOrEqual(0.8)
  })

  it('rates code execution as self-modification', () => {
    const coder = estimateFactors(
      profile({ tools: [{ name: 'python', kind: 'code-exec' }] }),
    )
    expect(coder.selfModification.value).toBeGreaterThanOrEqual(0.7)
  })

  it('ignores negated phrases', () => {
    const calm = estimateFactors(
      profile({
        description:
          'Answers questions; it does not act autonomously and has no memory.',
      }),
    )
    expect(calm.autonomyOfAction.rationale).not.toMatch(/autonom/i)
    expect(calm.autonomyOfAction.value).toBe(
      FACTOR_BASES.autonomyOfAction.value,
    )
    expect(calm.persistentMemory.rationale).toMatch(/^not stated/)
  })

  it('is deterministic', () => {
    expect(estimateFactors(orchestrator)).toEqual(
      estimateFactors(structuredClone(orchestrator)),
    )
  })
})
