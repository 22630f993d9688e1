import { describe, expect, it } from 'vitest'
import { scoreCvssVector } from '../../src/core/aivss/cvss.js'
import { rubricLevel } from '../../src/core/aivss/factors.js'
import { computeAivss } from '../../src/core/aivss/formula.js'
import { resolveThreatMultiplier } from '../../src/core/aivss/multipliers.js'
import { severityOf } from '../../src/core/aivss/severity.js'
import {
  factorsSumming,
  SEEDS,
  V05_CASES,
  V08_CASES,
} from '../support/conformance.js'

describe('AIVSS v0.8 conformance vectors (ThM 0.97, MF 1.0)', () => {
  it.each(V08_CASES)('$name: CVSS $cvss, F $factorSum → $aivss', (c) => {
    const cvss = scoreCvssVector(`CVSS:4.0/${c.vector}`)
    expect(cvss.score).toBe(c.cvss)
    const result = computeAivss({
      version: '0.8',
      cvss: cvss.score,
      factorValues: c.factors,
      threatMultiplier: 0.97,
      mitigationFactor: 1,
    })
    expect(result.factorSum).toBe(c.factorSum)
    expect(result.score).toBe(c.aivss)
    expect(result.severity).toBe(c.severity)
  })

  it('reproduces the published uplift and raw values', () => {
    const r = computeAivss({
      version: '0.8',
      cvss: 6.9,
      factorValues: [1, 1, 0.5, 1, 0.5, 1, 0.5, 0, 1, 1],
      threatMultiplier: 0.97,
      mitigationFactor: 1,
    })
    expect(r.aars).toBe('2.25525')
    expect(r.raw).toBe('9.15525')
  })

  it('applies a mitigation factor and ThM 1.00', () => {
    const r = computeAivss({
      version: '0.8',
      cvss: 6.5,
      factorValues: [1, 0.5, 1, 0.5, 0, 1, 0.5, 0, 0.5, 1],
      threatMultiplier: 1,
      mitigationFactor: 0.83,
    })
    expect(r.raw).toBe('7.138')
    expect(r.score).toBe(7.1)
    expect(r.severity).toBe('high')
  })

  it('gives 0.0 None for C 0 and all factors 0', () => {
    const r = computeAivss({
      version: '0.8',
      cvss: 0,
      factorValues: Array(10).fill(0),
      threatMultiplier: 0.97,
      mitigationFactor: 1,
    })
    expect(r.score).toBe(0)
    expect(r.severity).toBe('none')
  })

  it('scores the agent alone as F × ThM × MF', () => {
    const agentOnly = (factors: readonly number[]) =>
      computeAivss({
        version: '0.8',
        factorValues: factors,
        threatMultiplier: 0.97,
        mitigationFactor: 1,
      })
    expect(agentOnly(SEEDS['bella-twin']).score).toBe(5.1)
    expect(agentOnly(SEEDS['bella-twin']).severity).toBe('medium')
    expect(agentOnly(SEEDS['twilio-ai-assistants']).score).toBe(6.6)
  })

  it('matches the public agent directory example (C 7.5, F 5.3, ThM 1, MF 1 → 8.8)', () => {
    const r = computeAivss({
      version: '0.8',
      cvss: 7.5,
      factorValues: SEEDS['bella-twin'],
      threatMultiplier: 1,
      mitigationFactor: 1,
    })
    expect(r.aars).toBe('1.325')
    expect(r.score).toBe(8.8)
    expect(r.severity).toBe('high')
  })

  it('rounds genuine decimal ties up', () => {
    // F 5.0 at C 0, ThM 0.97 → 4.85 exactly
    const r = computeAivss({
      version: '0.8',
      factorValues: [1, 0.5, 0, 0.5, 0.5, 0.5, 0, 1, 0.5, 0.5],
      threatMultiplier: 0.97,
      mitigationFactor: 1,
    })
    expect(r.raw).toBe('4.85')
    expect(r.score).toBe(4.9)
    // F 5.3 at ThM 0.5 → 2.65 exactly
    const half = computeAivss({
      version: '0.8',
      factorValues: SEEDS['bella-twin'],
      threatMultiplier: 0.5,
      mitigationFactor: 1,
    })
    expect(half.raw).toBe('2.65')
    expect(half.score).toBe(2.7)
  })
})

describe('AIVSS v0.5 conformance vectors (ThM 0.97)', () => {
  it.each(V05_CASES)('CVSS $cvss, AARS $aars → $aivss', (c) => {
    expect(scoreCvssVector(`CVSS:4.0/${c.vector}`).score).toBe(c.cvss)
    const r = computeAivss({
      version: '0.5',
      cvss: c.cvss,
      factorValues: factorsSumming(c.aars),
      threatMultiplier: 0.97,
      mitigationFactor: 1,
    })
    expect(r.score).toBe(c.aivss)
  })

  it('ignores the mitigation factor, which v0.5 does not have', () => {
    const r = computeAivss({
      version: '0.5',
      cvss: 9.4,
      factorValues: factorsSumming(8.5),
      threatMultiplier: 0.97,
      mitigationFactor: 0.67,
    })
    expect(r.score).toBe(8.7)
  })

  it('scores the agent alone as the standalone AARS', () => {
    const r = computeAivss({
      version: '0.5',
      factorValues: SEEDS['bella-twin'],
      threatMultiplier: 0.97,
      mitigationFactor: 1,
    })
    expect(r.score).toBe(5.3)
    expect(r.aars).toBe('5.3')
    const twilio = computeAivss({
      version: '0.5',
      factorValues: SEEDS['twilio-ai-assistants'],
      threatMultiplier: 0.97,
      mitigationFactor: 1,
    })
    expect(twilio.score).toBe(6.8)
  })

  it('rounds the 2.65 tie up where toFixed would not', () => {
    const r = computeAivss({
      version: '0.5',
      cvss: 0,
      factorValues: SEEDS['bella-twin'],
      threatMultiplier: 1,
      mitigationFactor: 1,
    })
    expect(r.raw).toBe('2.65')
    expect(r.score).toBe(2.7)
  })
})

describe('threat multipliers, rubric and bands', () => {
  it('maps exploit maturity per version', () => {
    expect(resolveThreatMultiplier(undefined, '0.8')).toBe(0.97)
    expect(resolveThreatMultiplier('attacked', '0.8')).toBe(1)
    expect(resolveThreatMultiplier('unreported', '0.8')).toBe(0.5)
    expect(resolveThreatMultiplier('unreported', '0.5')).toBe(0.91)
    expect(resolveThreatMultiplier(0.8, '0.5')).toBe(0.8)
  })

  it('snaps to the nearest rubric level, ties going up', () => {
    expect([0, 0.24, 0.25, 0.5, 0.74, 0.75, 1].map(rubricLevel)).toEqual([
      0, 0, 0.5, 0.5, 0.5, 1, 1,
    ])
  })

  it('bands rounded scores', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOf)).toEqual([
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ])
  })
})
