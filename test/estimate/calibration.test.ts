import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { VERSION_FACTORS, type FactorId } from '../../src/core/aivss/factors.js'
import type { AgentAssessment } from '../../src/core/assess/assess-agent.js'
import descriptor from '../../src/core/formats/aivss-descriptor/index.js'
import { scan } from '../../src/core/scan.js'
import { FIXTURES } from '../support/files.js'

/**
 * Calibration: descriptors written from public product descriptions, with no
 * declared factors, against expert estimates (the two published seeds and
 * our own). The estimator must land near the experts without knowing which
 * agent it reads.
 */
const dir = join(FIXTURES, 'calibration')
const expected = (
  JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    cases: Record<
      string,
      { source: 'seed' | 'ours'; factors: Record<FactorId, number> }
    >
  }
).cases
const ids = VERSION_FACTORS['0.5']
const result = scan({
  root: dir,
  settings: { version: '0.5', scale: 'continuous' },
  formats: [descriptor],
})
const byName = new Map<string, AgentAssessment>(
  result.assessments.map((a) => [a.profile.name, a]),
)
const errors = new Map<FactorId, number[]>()

function errorsOf(name: string): Array<[FactorId, number, number]> {
  const agent = byName.get(name)
  const wanted = expected[name]?.factors
  if (!agent || !wanted) throw new Error(`no calibration case ${name}`)
  return ids.map((id) => [id, agent.allFactors[id].value, wanted[id]])
}

describe('factor estimates against expert estimates', () => {
  it('reads every calibration descriptor, none of which declares factors', () => {
    expect(result.problems).toEqual([])
    expect([...byName.keys()].sort()).toEqual(Object.keys(expected).sort())
    // Their controls are declarations too; no factor value is.
    for (const agent of result.assessments)
      expect(agent.profile.aivss?.factors ?? {}).toEqual({})
  })

  for (const [name, { source }] of Object.entries(expected)) {
    it(`${name} (${source}): within 0.15 of the expert on at least 8 of 10 factors`, () => {
      const rows = errorsOf(name)
      for (const [id, value, wanted] of rows) {
        errors.set(id, [...(errors.get(id) ?? []), Math.abs(value - wanted)])
      }
      const off = rows.filter(
        ([, value, wanted]) => Math.abs(value - wanted) > 0.15 + 1e-9,
      )
      const described = off
        .map(([id, value, wanted]) => `${id} ${value} vs ${wanted}`)
        .join('; ')
      expect(off.length, `${name} is off on ${described}`).toBeLessThanOrEqual(
        2,
      )
      expect(
        rows.every(
          ([, value, wanted]) => Math.abs(value - wanted) <= 0.4 + 1e-9,
        ),
      ).toBe(true)
    })
  }

  it('keeps the mean absolute error at most 0.15', () => {
    const all = [...errors.values()].flat()
    expect(all.length).toBe(ids.length * Object.keys(expected).length)
    expect(all.reduce((s, e) => s + e, 0) / all.length).toBeLessThanOrEqual(
      0.15,
    )
  })

  afterAll(() => {
    const lines = ['Mean absolute error per factor (calibration cases):']
    for (const id of ids) {
      const list = errors.get(id) ?? []
      const mae = list.reduce((s, e) => s + e, 0) / Math.max(1, list.length)
      lines.push(
        `  ${id.padEnd(24)} ${mae.toFixed(3)}  (max ${Math.max(0, ...list).toFixed(2)})`,
      )
    }
    const all = [...errors.values()].flat()
    lines.push(
      `  ${'all factors'.padEnd(24)} ${(all.reduce((s, e) => s + e, 0) / Math.max(1, all.length)).toFixed(3)}`,
    )
    console.log(lines.join('\n'))
  })
})
