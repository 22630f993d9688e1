import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FACTOR_IDS } from '../../src/core/aivss/factors.js'
import {
  MITIGATION_LEVELS,
  THREAT_LEVELS,
} from '../../src/core/aivss/multipliers.js'
import type { ScoringSettings } from '../../src/core/aivss/settings.js'
import {
  assessAgent,
  type AgentAssessment,
} from '../../src/core/assess/assess-agent.js'
import { declarationReviewer } from '../../src/core/assess/review.js'
import { diffAgents } from '../../src/core/diff/compare.js'
import type { BaseComparison } from '../../src/core/diff/comparison.js'
import { snapshotOf } from '../../src/core/diff/snapshot.js'
import {
  declareControl,
  mergeDeclared,
  toolSafeguardKey,
} from '../../src/core/manifest/aivss-block.js'
import { evaluatePolicy } from '../../src/core/policy/evaluate.js'
import { loadPolicy } from '../../src/core/policy/load.js'
import { scoringSettings as policySettings } from '../../src/core/policy/settings.js'
import {
  CONTROLS,
  type AgentProfile,
  type Control,
  type DeclaredAivss,
} from '../../src/core/profile/schema.js'
import { REPO } from '../support/files.js'
import {
  agentProfile,
  cvssVector,
  hundredths,
  scoringSettings,
} from './profiles.js'

/**
 * A pull request's declarations never make the verdict kinder. Take any
 * agent as the base has it (with whatever declarations the base already
 * holds), let the pull request add any declarations for items the base
 * does not declare: scored and judged the way `strict` does, with those
 * declarations under review, the agent never scores lower and fails every
 * rule it failed before.
 */

interface Added {
  readonly controls: Partial<Record<Control, boolean>>
  readonly aivss: DeclaredAivss
  /** Tools (by position) the pull request says need approval or only read. */
  readonly approved: readonly number[]
  readonly readOnly: readonly number[]
}

const SIDECAR = 'pr/agent.aivss.yml'

const positions = fc.uniqueArray(fc.nat(5), { maxLength: 3 })

const added: fc.Arbitrary<Added> = fc.record({
  approved: positions,
  readOnly: positions,
  controls: fc.record(
    Object.fromEntries(CONTROLS.map((c) => [c, fc.boolean()])),
    { requiredKeys: [] },
  ),
  aivss: fc
    .record(
      {
        factors: fc.record(
          Object.fromEntries(FACTOR_IDS.map((id) => [id, hundredths])),
          { requiredKeys: [] },
        ),
        threatMultiplier: fc.oneof(
          hundredths,
          fc.constantFrom(...THREAT_LEVELS),
        ),
        mitigation: fc.constantFrom(...MITIGATION_LEVELS),
        baseline: fc.oneof(fc.constant('none'), cvssVector),
      },
      { requiredKeys: ['factors'] },
    )
    .map((d): DeclaredAivss => ({
      ...d,
      factorSources: {},
      vulnerabilities: [],
      mitigationReason: 'trust us',
      from: [SIDECAR],
    })),
})

/** The base's agent with the pull request's declarations, for items the base leaves undeclared. */
function withAdded(base: AgentProfile, pr: Added): AgentProfile {
  const head = structuredClone(base)
  const declared = base.aivss
  for (const control of CONTROLS) {
    const value = pr.controls[control]
    if (value !== undefined && declared?.controls?.[control] === undefined)
      declareControl(head, control, value, SIDECAR)
  }
  const extra: DeclaredAivss = {
    ...pr.aivss,
    factors: Object.fromEntries(
      Object.entries(pr.aivss.factors).filter(
        ([id]) =>
          declared?.factors[id as keyof typeof declared.factors] === undefined,
      ),
    ),
    threatMultiplier:
      declared?.threatMultiplier === undefined
        ? pr.aivss.threatMultiplier
        : undefined,
    mitigation:
      declared?.mitigation === undefined ? pr.aivss.mitigation : undefined,
    baseline: declared?.baseline === undefined ? pr.aivss.baseline : undefined,
  }
  // Safeguards a descriptor claims, for tools whose name states none yet.
  const safeguards: Record<string, { file: string }> = {}
  const flag = (
    indices: readonly number[],
    which: 'requiresApproval' | 'readOnly',
  ): void => {
    for (const index of indices) {
      const tool = head.tools[index]
      if (
        !tool ||
        head.tools.some((t) => t.name === tool.name && t[which] !== undefined)
      )
        continue
      tool[which] = true
      safeguards[toolSafeguardKey(tool.name, which)] = { file: SIDECAR }
    }
  }
  flag(pr.approved, 'requiresApproval')
  flag(pr.readOnly, 'readOnly')
  head.aivss = mergeDeclared(head.aivss, { ...extra, safeguards })
  return head
}

function compared(
  base: AgentAssessment,
  head: AgentAssessment,
): BaseComparison {
  return {
    available: true,
    base: { kind: 'git', sha: 'b'.repeat(40) },
    diff: diffAgents([snapshotOf(base)], [snapshotOf(head)]),
    notes: [],
  }
}

const strict = loadPolicy('strict', REPO)

function failing(agent: AgentAssessment, comparison: BaseComparison): string[] {
  const evaluation = evaluatePolicy(strict, [agent], {
    today: '2026-12-01',
    comparison,
  })
  return (evaluation.agents[0]?.rules ?? [])
    .filter((r) => r.outcome === 'fail')
    .map((r) => r.rule)
}

const settingsOf = (s: ScoringSettings): ScoringSettings => s

describe('declarations under review', () => {
  it('never lower the score the policy judges on, under any scoring settings', () => {
    fc.assert(
      fc.property(
        agentProfile,
        added,
        scoringSettings,
        (profile, pr, settings) => {
          const base = assessAgent(profile, settingsOf(settings))
          const head = assessAgent(withAdded(profile, pr), settings)
          const review = declarationReviewer(compared(base, head), [])(head)
          const judged = review?.reviewed ?? head
          expect(judged.score).toBeGreaterThanOrEqual(base.score)
          if (review) {
            expect(review.estimate.score).toBeGreaterThanOrEqual(head.score)
            expect(review.reviewed.score).toBeGreaterThanOrEqual(head.score)
            // What the base did not declare is under review; what it did is not.
            const onBase = snapshotOf(base).declarations ?? {}
            for (const claim of review.claims)
              expect(claim.status).toBe(
                onBase[claim.key] === claim.value ? 'on-base' : 'under-review',
              )
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('never pass a strict rule the base agent fails', () => {
    const settings = policySettings(strict)
    fc.assert(
      fc.property(agentProfile, added, (profile, pr) => {
        const base = assessAgent(profile, settings)
        const head = assessAgent(withAdded(profile, pr), settings)
        const before = failing(base, compared(base, base))
        const after = failing(head, compared(base, head))
        expect(after).toEqual(expect.arrayContaining(before))
      }),
      { numRuns: 300 },
    )
  })
})
