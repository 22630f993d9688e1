import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { FACTOR_IDS, type AivssVersion } from '../../src/core/aivss/factors.js'
import type { Report, ReportAgent } from '../../src/core/report/schema.js'
import { V05_ORDER, V08_ORDER } from '../support/conformance.js'
import { gateReport } from '../support/reports.js'

/**
 * What the spec defines, checked from outside: agents that declare every
 * factor and CVSS v4.0 vulnerabilities with an Exploit Maturity, scored by
 * the gate, against AIVSS computed here in exact fractions (BigInt, not the
 * project's decimal type) with C from FIRST's reference scores.
 */

/** A fraction n / d, exact. */
interface Q {
  readonly n: bigint
  readonly d: bigint
}
const q = (text: string): Q => {
  const [whole = '0', fraction = ''] = text.split('.')
  const d = 10n ** BigInt(fraction.length)
  return { n: BigInt(whole + fraction), d }
}
const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d })
const sub = (a: Q, b: Q): Q => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d })
const mul = (a: Q, b: Q): Q => ({ n: a.n * b.n, d: a.d * b.d })
/** Round half up to one decimal, on the exact value. */
const round1 = (a: Q): number => {
  const tenths = (a.n * 10n * 2n + a.d) / (a.d * 2n)
  return Number(tenths) / 10
}

const THM: Record<AivssVersion, Record<string, string>> = {
  '0.8': { A: '1', P: '0.97', U: '0.5', X: '0.97' },
  '0.5': { A: '1', P: '0.97', U: '0.91', X: '0.97' },
}
function expectedAivss(
  version: AivssVersion,
  cvss: string,
  factors: Record<string, string>,
  e: string,
): number {
  const ids = version === '0.8' ? V08_ORDER : V05_ORDER
  const f = ids.reduce((sum, id) => add(sum, q(factors[id] ?? '0')), q('0'))
  const c = q(cvss)
  const thm = q(THM[version][e] ?? '0.97')
  if (version === '0.8') {
    const aars = mul(mul(mul(sub(q('10'), c), f), q('0.1')), thm)
    return round1(add(c, aars)) // MF 1.00: nothing validated is declared
  }
  return round1(mul(mul(add(c, f), q('0.5')), thm))
}

const FIRST = new Map(
  gunzipSync(
    readFileSync(
      new URL('../fixtures/cvss/cvss4-first-base.tsv.gz', import.meta.url),
    ),
  )
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t') as [string, string]),
)
const BASE_VECTORS = [...FIRST.keys()]

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

interface Case {
  readonly name: string
  readonly base: string
  readonly e: string
  readonly extra: string
  readonly factors: Record<string, string>
}

function cases(count: number, seed: number): Case[] {
  const next = random(seed)
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(next() * items.length)] as T
  const out: Case[] = []
  for (let i = 0; i < count; i++) {
    const factors: Record<string, string> = {}
    for (const id of FACTOR_IDS)
      factors[id] = pick(['0', '0.05', '0.25', '0.5', '0.65', '0.75', '1'])
    out.push({
      name: `agent-${i}`,
      base: pick(BASE_VECTORS),
      e: ['A', 'P', 'U'][i % 3] as string,
      extra: pick(['', '/CR:H', '/MSI:S/AU:Y', '/MAV:L']),
      factors,
    })
  }
  return out
}

function descriptor(c: Case): string {
  const factors = Object.entries(c.factors)
    .map(([id, v]) => `${id}: ${v}`)
    .join(', ')
  return `name: ${c.name}
description: A test agent.
aivss:
  factors: { ${factors} }
  baseline: none
  vulnerabilities:
    - title: ${c.name}-vulnerability
      vector: ${c.base}/E:${c.e}${c.extra}
`
}

function scored(list: readonly Case[], version: AivssVersion): Report {
  return gateReport(
    Object.fromEntries(
      list.map((c) => [`agents/${c.name}.aivss.yml`, descriptor(c)]),
    ),
    { policy: 'permissive', aivssVersion: version },
  )
}

const agentNamed = (report: Report, name: string): ReportAgent => {
  const agent = report.agents.find((a) => a.name === name)
  if (!agent) throw new Error(`no agent ${name}`)
  return agent
}

describe('the threat multiplier comes from the vector’s Exploit Maturity', () => {
  const list = cases(120, 20261207)
  for (const version of ['0.8', '0.5'] as const) {
    it(`scores 120 vulnerabilities with E:A/P/U exactly under v${version}`, () => {
      const report = scored(list, version)
      const wrong: string[] = []
      for (const c of list) {
        const v = agentNamed(report, c.name).vulnerabilities[0]
        const expected = expectedAivss(
          version,
          FIRST.get(c.base) ?? '',
          c.factors,
          c.e,
        )
        if (v?.score !== expected)
          wrong.push(
            `${c.name} ${c.base}/E:${c.e}: ${v?.score}, expected ${expected}`,
          )
        if (v?.cvss !== Number(FIRST.get(c.base)))
          wrong.push(`${c.name}: C ${v?.cvss}, FIRST ${FIRST.get(c.base)}`)
      }
      expect(wrong).toEqual([])
    })
  }

  it('records the source in words and lists the metrics it did not use', () => {
    const [c] = cases(1, 7)
    if (!c) throw new Error('no case')
    const report = scored([{ ...c, e: 'U', extra: '/CR:H/MSI:S' }], '0.8')
    const v = agentNamed(report, c.name).vulnerabilities[0]
    expect(v?.threatMultiplier).toBe(0.5)
    expect(v?.threatMultiplierSource).toBe('vector')
    expect(v?.threatMultiplierReason).toMatch(/^E:U in the vector/)
    expect(v?.unusedMetrics).toEqual(['CR', 'MSI'])
    expect(v?.unused).toBe('CR, MSI not used: C is the base score')
  })

  it('lets a declared multiplier win over E, and says E went unused', () => {
    const [c] = cases(1, 8)
    if (!c) throw new Error('no case')
    const text = descriptor({ ...c, e: 'U', extra: '' }).replace(
      '  baseline: none',
      '  baseline: none\n  threatMultiplier: attacked',
    )
    const report = gateReport(
      { 'agents/a.aivss.yml': text },
      { policy: 'permissive' },
    )
    const v = report.agents[0]?.vulnerabilities[0]
    expect(v?.threatMultiplier).toBe(1)
    expect(v?.threatMultiplierSource).toBe('declared')
    expect(v?.unusedMetrics).toEqual(['E'])
  })

  it('keeps the default (PoC) for E:X and for no E', () => {
    const [c] = cases(1, 9)
    if (!c) throw new Error('no case')
    for (const e of ['X', '']) {
      const text = descriptor(c).replace(`/E:${c.e}`, e ? `/E:${e}` : '')
      const report = gateReport(
        { 'agents/a.aivss.yml': text },
        { policy: 'permissive' },
      )
      const v = report.agents[0]?.vulnerabilities[0]
      expect(v?.threatMultiplier).toBe(0.97)
      expect(v?.threatMultiplierSource).not.toBe('vector')
    }
  })
})

describe('each result carries the inputs to recompute it', () => {
  it('v0.5 results carry (CVSS:<C>/AARS:<F>)', () => {
    const list = cases(12, 11)
    const report = scored(list, '0.5')
    for (const c of list) {
      const agent = agentNamed(report, c.name)
      const v = agent.vulnerabilities[0]
      expect(v?.aivssVector).toMatch(/^\(CVSS:\d+\.\d\/AARS:\d+\.\d+\)$/)
      expect(v?.aivssVector).toBe(
        `(CVSS:${v?.cvss.toFixed(1)}/AARS:${String(agent.factorSum).includes('.') ? agent.factorSum : `${agent.factorSum}.0`})`,
      )
      if (agent.basisKind === 'declared-vulnerability')
        expect(agent.aivssVector).toBe(v?.aivssVector)
      else expect(agent.aivssVector).toBeUndefined()
    }
  })

  it('the one-line inputs recompute to the score', () => {
    for (const version of ['0.8', '0.5'] as const) {
      const report = scored(cases(30, 12), version)
      for (const agent of report.agents) {
        const v = agent.vulnerabilities[0]
        if (!v) throw new Error('no vulnerability')
        const c = /C (\d+\.\d)/.exec(v.inputs)?.[1]
        const f = /(?:F|AARS) (\d+(?:\.\d+)?) \(/.exec(v.inputs)?.[1]
        const thm = /ThM (\d\.\d\d)/.exec(v.inputs)?.[1]
        expect(c, v.inputs).toBeDefined()
        expect(f, v.inputs).toBeDefined()
        expect(thm, v.inputs).toBeDefined()
        const sum = q(f ?? '0')
        const value =
          version === '0.8'
            ? round1(
                mul(
                  add(
                    q(c ?? '0'),
                    mul(
                      mul(mul(sub(q('10'), q(c ?? '0')), sum), q('0.1')),
                      q(thm ?? '0'),
                    ),
                  ),
                  q(/MF (\d\.\d\d)/.exec(v.inputs)?.[1] ?? '0'),
                ),
              )
            : round1(mul(mul(add(q(c ?? '0'), sum), q('0.5')), q(thm ?? '0')))
        expect(value, v.inputs).toBe(v.score)
        expect(v.inputs.endsWith(`-> ${v.score.toFixed(1)}`)).toBe(true)
        expect(v.inputs).toMatch(/E:[APU] in the vector/)
      }
    }
  })
})

describe('the mitigation factor', () => {
  const everyControl = `name: guarded
description: Answers questions.
tools: [{ name: bash, kind: shell }]
exposure: { reach: public, untrustedInput: true }
controls: { guardrails: true, humanApproval: true, sandbox: true, logging: true, authentication: true, rateLimits: true, allowlists: true }
`
  for (const preset of ['default', 'strict', 'permissive', 'owasp-top10']) {
    it(`is 1.00 under ${preset} for an agent that declares every control and no mitigation`, () => {
      const agent = gateReport(
        { 'a.aivss.yml': everyControl },
        { policy: preset },
      ).agents[0]
      expect(agent?.mitigation.factor).toBe(1)
      expect(agent?.mitigation.source).toBe('default')
      expect(agent?.inputs).toContain('MF 1.00')
    })
  }

  it('says "from declared controls, not validated" where a policy opts in', () => {
    const root = {
      'a.aivss.yml': everyControl,
      'policy.yml':
        'version: 1\nextends: default\naivss:\n  mitigation-from-controls: true\n',
    }
    const agent = gateReport(root, { policy: 'policy.yml' }).agents[0]
    expect(agent?.mitigation.factor).toBe(0.83)
    expect(agent?.mitigation.reason).toContain(
      'from declared controls, not validated',
    )
    expect(agent?.inputs).toContain('from declared controls, not validated')
  })
})

describe('an off-spec threat multiplier', () => {
  const declaring = (thm: string): string => `name: odd
description: A test agent.
tools: [{ name: search, kind: search }]
aivss:
  threatMultiplier: ${thm}
`
  it('is a warning naming the value and the set, and the value used is stated', () => {
    const report = gateReport({ 'a.aivss.yml': declaring('0.73') })
    const problem = report.errors.find(
      (p) => p.field === 'aivss.threatMultiplier',
    )
    expect(problem?.level).toBe('warning')
    expect(problem?.line).toBe(5)
    expect(problem?.message).toContain('0.73')
    expect(problem?.message).toContain(
      '1.00 (Attacked), 0.97 (PoC), 0.50 (Unreported)',
    )
    expect(problem?.message).toContain('0.73 is used as declared')
    expect(report.agents[0]?.threatMultiplier).toBe(0.73)
    expect(report.agents[0]?.inputs).toContain('ThM 0.73')
  })

  it('names v0.5’s set under v0.5', () => {
    const report = gateReport(
      { 'a.aivss.yml': declaring('0.5') },
      { aivssVersion: '0.5' },
    )
    const problem = report.errors.find(
      (p) => p.field === 'aivss.threatMultiplier',
    )
    expect(problem?.message).toContain(
      '1.00 (Attacked), 0.97 (PoC), 0.91 (Unreported)',
    )
  })

  it('is an error under strict, and fails the run', () => {
    const report = gateReport(
      { 'a.aivss.yml': declaring('0.73') },
      { policy: 'strict' },
    )
    const problem = report.errors.find(
      (p) => p.field === 'aivss.threatMultiplier',
    )
    expect(problem?.level).toBe('error')
    expect(report.policy?.result).toBe('fail')
    expect(
      report.policy?.violations.some((v) => v.message.includes('0.73')),
    ).toBe(true)
  })

  it('is not reported for the spec’s own values', () => {
    for (const thm of ['1', '0.97', '0.5', 'attacked', 'poc', 'unreported']) {
      const report = gateReport({ 'a.aivss.yml': declaring(thm) })
      expect(report.errors.filter((p) => p.field?.includes('hreat'))).toEqual(
        [],
      )
    }
  })

  it('set by the policy is reported against the policy file', () => {
    const report = gateReport(
      {
        'a.aivss.yml': declaring('poc'),
        'policy.yml':
          'version: 1\nextends: default\naivss:\n  threat-multiplier: 0.8\n',
      },
      { policy: 'policy.yml' },
    )
    const problem = report.errors.find(
      (p) => p.field === 'aivss.threat-multiplier',
    )
    expect(problem?.file).toContain('policy.yml')
    expect(problem?.message).toContain('threat multiplier 0.8 is not one of')
  })
})

describe('every headline says what it is', () => {
  const derived = `name: plain
description: Answers questions.
tools: [{ name: search, kind: search }]
`
  it('derived baseline, declared vulnerability and agent-only', () => {
    const report = gateReport({
      'a.aivss.yml': derived,
      'b.aivss.yml': `${derived.replace('plain', 'vulnerable')}aivss:\n  vulnerabilities:\n    - { title: Injection, vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H" }\n`,
      'c.aivss.yml': `${derived.replace('plain', 'alone')}aivss:\n  baseline: none\n`,
    })
    const by = (name: string): ReportAgent => agentNamed(report, name)
    expect(by('plain').basisKind).toBe('derived-baseline')
    expect(by('plain').basis).toMatch(
      /^estimated from the manifest \(baseline vector derived by aivss-gate, CVSS \d+\.\d\): AIVSS v0\.8$/,
    )
    expect(by('vulnerable').basisKind).toBe('declared-vulnerability')
    expect(by('vulnerable').basis).toBe(
      'AIVSS v0.8 of the declared vulnerability "Injection" (CVSS 10.0)',
    )
    expect(by('alone').basisKind).toBe('agent-only')
    expect(by('alone').basis).toMatch(/^agent-only \(no vulnerability\)/)
  })

  it('a v0.5 headline never falls below the agent’s own AARS', () => {
    // Every factor at 1 sums to 10; a read-only local agent's baseline is low.
    const factors = FACTOR_IDS.map((id) => `${id}: 1`).join(', ')
    const report = gateReport(
      { 'a.aivss.yml': `${derived}aivss:\n  factors: { ${factors} }\n` },
      { aivssVersion: '0.5' },
    )
    const agent = report.agents[0]
    expect(agent?.agenticScore).toBe(10)
    expect(agent?.score).toBe(10)
    expect(agent?.basisKind).toBe('agent-only')
  })
})
