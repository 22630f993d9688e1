import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  FACTOR_IDS,
  rubricLevel,
  VERSION_FACTORS,
} from '../../src/core/aivss/factors.js'
import { MITIGATION_FACTORS } from '../../src/core/aivss/multipliers.js'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { severityOf } from '../../src/core/aivss/severity.js'
import {
  assessAgent,
  type AgentAssessment,
} from '../../src/core/assess/assess-agent.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { agentProfile, scoringSettings } from './profiles.js'

/**
 * assessAgent over arbitrary valid profiles: every factor value is in
 * [0, 1], every score in [0, 10] with one decimal, the headline is the
 * highest of what it is computed from, and declarations are honoured.
 */

function expectScore(score: number): void {
  expect(Number.isFinite(score)).toBe(true)
  expect(score).toBeGreaterThanOrEqual(0)
  expect(score).toBeLessThanOrEqual(10)
  expect(String(score)).toMatch(/^(10|\d)(\.\d)?$/)
}

function checkAssessment(a: AgentAssessment): void {
  expect(a.factors).toHaveLength(10)
  for (const id of FACTOR_IDS) {
    const factor = a.allFactors[id]
    expect(factor.id).toBe(id)
    expect(factor.value).toBeGreaterThanOrEqual(0)
    expect(factor.value).toBeLessThanOrEqual(1)
    expect(factor.level).toBe(rubricLevel(factor.value))
    expect(factor.rationale.length).toBeGreaterThan(0)
  }
  expect(a.factorSum).toBeGreaterThanOrEqual(0)
  expect(a.factorSum).toBeLessThanOrEqual(10)
  expectScore(a.score)
  expectScore(a.agentic.score)
  expect(a.severity).toBe(severityOf(a.score))
  expect(a.threatMultiplier.value).toBeGreaterThanOrEqual(0)
  expect(a.threatMultiplier.value).toBeLessThanOrEqual(1)
  expect(Object.values(MITIGATION_FACTORS)).toContain(a.mitigation.factor)
  if (a.baseline.cvss !== null) {
    expect(a.baseline.cvss).toBeGreaterThanOrEqual(0)
    expect(a.baseline.cvss).toBeLessThanOrEqual(10)
  }
  if (a.baseline.result) {
    expectScore(a.baseline.result.score)
    expect(a.score).toBeGreaterThanOrEqual(a.baseline.result.score)
  } else {
    expect(a.score).toBeGreaterThanOrEqual(a.agentic.score)
  }
  for (const v of a.vulnerabilities) {
    expect(v.cvss).toBeGreaterThanOrEqual(0)
    expect(v.cvss).toBeLessThanOrEqual(10)
    expectScore(v.result.score)
    expect(a.score).toBeGreaterThanOrEqual(v.result.score)
  }
  // The headline is one of the scores it is chosen from, and never below
  // the agent-only score (v0.5 averages C in, which could pull it under).
  expect([
    a.baseline.result?.score ?? a.agentic.score,
    a.agentic.score,
    ...a.vulnerabilities.map((v) => v.result.score),
  ]).toContain(a.score)
  expect(a.score).toBeGreaterThanOrEqual(a.agentic.score)
  // Each result says how it was computed, and ends in its own score.
  expect(a.headline.inputs.endsWith(`-> ${a.score.toFixed(1)}`)).toBe(true)
  for (const v of a.vulnerabilities) {
    expect(v.scored.inputs.endsWith(`-> ${v.result.score.toFixed(1)}`)).toBe(
      true,
    )
    if (a.settings.version === '0.5')
      expect(v.scored.aivssVector).toMatch(/^\(CVSS:\d+\.\d\/AARS:\d+\.\d+\)$/)
  }
  const basis = {
    'agent-only': a.agentic.score,
    'derived-baseline': a.baseline.derived ? a.baseline.result?.score : -1,
    'declared-baseline': a.baseline.derived ? -1 : a.baseline.result?.score,
    'declared-vulnerability': Math.max(
      -1,
      ...a.vulnerabilities.map((v) => v.result.score),
    ),
  }[a.basisKind]
  expect(basis).toBe(a.score)
  expect(a.summary.length).toBeGreaterThan(0)
}

describe('assessAgent', () => {
  it('generates valid profiles (a check of the generator itself)', () => {
    fc.assert(
      fc.property(agentProfile, (profile) => {
        expect(AgentProfileSchema.safeParse(profile).success).toBe(true)
      }),
      { numRuns: 50 },
    )
  })

  it('keeps factors in [0, 1] and scores in [0, 10] with the default settings', () => {
    fc.assert(
      fc.property(agentProfile, (profile) => {
        checkAssessment(assessAgent(profile, DEFAULT_SCORING))
      }),
      { numRuns: 150 },
    )
  })

  it('keeps them in range under any scoring settings, in the pinned version', () => {
    fc.assert(
      fc.property(agentProfile, scoringSettings, (profile, settings) => {
        const a = assessAgent(profile, settings)
        checkAssessment(a)
        expect(a.factors.map((f) => f.id)).toEqual(
          VERSION_FACTORS[settings.version],
        )
        if (settings.scale === 'rubric') {
          for (const f of a.factors) expect([0, 0.5, 1]).toContain(f.level)
        }
        if (settings.version === '0.8' && a.baseline.result) {
          // A vulnerability (C ≥ 0) never scores below the agent alone.
          expect(a.score).toBeGreaterThanOrEqual(a.agentic.score)
        }
        if (settings.version === '0.5') expect(a.mitigation.factor).toBe(1)
      }),
      { numRuns: 150 },
    )
  })

  it('uses declared factor values, threat multiplier and mitigation as declared', () => {
    fc.assert(
      fc.property(agentProfile, scoringSettings, (profile, settings) => {
        const a = assessAgent(profile, settings)
        const declared = profile.aivss
        for (const id of FACTOR_IDS) {
          const value = declared?.factors[id]
          expect(a.allFactors[id].declared).toBe(value !== undefined)
          if (value !== undefined) expect(a.allFactors[id].value).toBe(value)
        }
        if (declared?.threatMultiplier !== undefined) {
          expect(a.threatMultiplier.source).toBe('declared')
        }
        if (settings.version === '0.8' && declared?.mitigation !== undefined) {
          expect(a.mitigation.factor).toBe(
            MITIGATION_FACTORS[declared.mitigation],
          )
        }
        if (declared?.baseline === 'none') {
          expect(a.baseline.vector).toBeNull()
        }
      }),
      { numRuns: 100 },
    )
  })
})
