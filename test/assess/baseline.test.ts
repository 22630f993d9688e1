import { describe, expect, it } from 'vitest'
import { scoreCvssVector } from '../../src/core/aivss/cvss.js'
import {
  BASELINE_METRICS,
  BASELINE_RULES,
  deriveBaseline,
} from '../../src/core/assess/baseline.js'
import { assessMitigation } from '../../src/core/assess/mitigation.js'
import { SIGNALS } from '../../src/core/signals/signals.js'
import { profile } from '../support/profiles.js'

describe('the baseline rule table', () => {
  it('ends every metric with a default row and uses valid values and signals', () => {
    for (const metric of BASELINE_METRICS) {
      const rows = BASELINE_RULES.filter((r) => r.metric === metric)
      expect(rows.at(-1)?.signal, metric).toBeUndefined()
      expect(rows.at(-1)?.because).toMatch(/\S/)
      for (const row of rows)
        if (row.signal) expect(Object.keys(SIGNALS)).toContain(row.signal)
    }
    // every value of the table makes a valid vector
    for (const row of BASELINE_RULES) {
      const base = {
        AV: 'N',
        AC: 'L',
        AT: 'N',
        PR: 'N',
        UI: 'N',
        VC: 'N',
        VI: 'N',
        VA: 'N',
        SC: 'N',
        SI: 'N',
        SA: 'N',
      }
      const vector = Object.entries({ ...base, [row.metric]: row.value })
        .map(([k, v]) => `${k}:${v}`)
        .join('/')
      expect(() => scoreCvssVector(`CVSS:4.0/${vector}`)).not.toThrow()
    }
  })
})

describe('deriveBaseline', () => {
  it('says what it assumes for a silent manifest', () => {
    const { vector, rationale } = deriveBaseline(profile())
    expect(vector).toBe(
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N',
    )
    expect(rationale.AV).toMatch(
      /^AV:N - reach: not stated: assumed reachable over the network/,
    )
    expect(rationale.VC).toMatch(/its instructions are not secrets/)
    expect(Object.keys(rationale)).toEqual([...BASELINE_METRICS])
  })

  it('reads exposure, authentication and filtering', () => {
    const local = deriveBaseline(
      profile({ exposure: { reach: 'local', channels: [] } }),
    )
    expect(local.vector).toMatch(/AV:L\/AC:L\/AT:P\/PR:L/)
    const guarded = deriveBaseline(
      profile({
        exposure: { reach: 'public', channels: ['web'], inputFiltering: true },
        identity: { authSchemes: ['oauth2'], credentials: [] },
      }),
    )
    expect(guarded.vector).toMatch(/AV:N\/AC:H\/AT:N\/PR:L\/UI:N/)
    expect(guarded.rationale.PR).toMatch(
      /auth schemes: oauth2: callers must authenticate/,
    )
  })

  it('takes impact from tools and reach beyond the agent', () => {
    const { vector, rationale } = deriveBaseline(
      profile({
        tools: [
          { name: 'run_sql', kind: 'database' },
          { name: 'bash', kind: 'shell' },
        ],
        subAgents: ['worker'],
      }),
    )
    expect(vector).toMatch(/VC:H\/VI:H\/VA:H\/SC:H\/SI:H\/SA:H/)
    expect(rationale.VA).toMatch(/bash \(shell\)/)
  })

  it('lowers what a sandbox contains and what approval gates', () => {
    const shell = (requiresApproval: boolean, sandbox?: boolean) =>
      deriveBaseline(
        profile({
          tools: [{ name: 'bash', kind: 'shell', requiresApproval }],
          controls: sandbox === undefined ? {} : { sandbox },
        }),
      ).vector
    expect(shell(false)).toMatch(/VC:H\/VI:H\/VA:H\/SC:N\/SI:L\/SA:L/)
    expect(shell(false, true)).toMatch(/VI:H\/VA:L\/SC:N\/SI:L\/SA:L/)
    // Approved: what it reads cannot leave unchecked, nor its changes land.
    expect(shell(true, true)).toMatch(/VC:L\/VI:L\/VA:L\/SC:N\/SI:N\/SA:N/)
    // A sandbox never raises a metric: declaring it off never lowers one.
    expect(shell(true)).toBe(shell(true, true))
    expect(shell(true, false)).toBe(shell(true, true))
  })
})

describe('assessMitigation', () => {
  const publicAgent = profile({
    exposure: { reach: 'public', channels: ['web'] },
  })

  it('keeps 1.00 unless the policy lets declared controls count', () => {
    const guarded = { ...publicAgent, controls: { guardrails: true } }
    expect(assessMitigation(guarded, false)).toMatchObject({
      level: 'none',
      factor: 1,
      source: 'default',
    })
    expect(assessMitigation(guarded, true)).toMatchObject({
      level: 'partial',
      factor: 0.83,
      source: 'controls',
    })
    expect(assessMitigation(guarded, true).reason).toMatch(
      /untrusted input can steer it \(guardrails or input filtering declared\)/,
    )
  })

  it('needs every main risk covered', () => {
    const risky = {
      ...publicAgent,
      tools: [{ name: 'run_sql', kind: 'database' as const }],
      controls: { guardrails: true },
    }
    const result = assessMitigation(risky, true)
    expect(result.level).toBe('none')
    expect(result.reason).toMatch(
      /it holds high-authority tools without human approval on them/,
    )
    expect(
      assessMitigation(
        { ...risky, controls: { guardrails: true, humanApproval: true } },
        true,
      ).level,
    ).toBe('partial')
    expect(
      assessMitigation(
        profile({
          tools: [{ name: 'bash', kind: 'shell' }],
          controls: { sandbox: true, humanApproval: true },
        }),
        true,
      ).level,
    ).toBe('partial')
  })

  it('honours a declared level with its reason', () => {
    const declared = profile({
      aivss: {
        factors: {},
        factorSources: {},
        vulnerabilities: [],
        mitigation: 'strong',
        mitigationReason: 'red-team validated',
        from: ['a.aivss.yml'],
      },
    })
    expect(assessMitigation(declared, false)).toMatchObject({
      level: 'strong',
      factor: 0.67,
      source: 'declared',
      reason: 'declared strong: red-team validated',
    })
  })
})
