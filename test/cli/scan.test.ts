import { describe, expect, it } from 'vitest'
import { ReportSchema, type Report } from '../../src/core/report/schema.js'
import { cli } from '../support/cli.js'
import {
  factorsSumming,
  SEEDS,
  V05_CASES,
  V05_ORDER,
  V08_CASES,
  V08_ORDER,
} from '../support/conformance.js'
import { tempTree } from '../support/files.js'

function jsonReport(args: readonly string[]): Report {
  const run = cli([...args, '--format', 'json', '--warn-only'])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  return ReportSchema.parse(JSON.parse(run.stdout))
}

function descriptor(
  name: string,
  order: readonly string[],
  values: readonly number[],
  extra = '',
): string {
  const factors = order.map((id, i) => `    ${id}: ${values[i]}`).join('\n')
  return `name: ${name}\naivss:\n  factors:\n${factors}\n${extra}`
}

describe('aivss-gate scan: scores of declared descriptors', () => {
  it('gives exactly the v0.8 conformance scores', () => {
    const files: Record<string, string> = {}
    for (const c of V08_CASES) {
      files[`${c.name}.aivss.yml`] = descriptor(
        c.name,
        V08_ORDER,
        c.factors,
        `  baseline: CVSS:4.0/${c.vector}\n`,
      )
    }
    const report = jsonReport(['scan', tempTree(files)])
    expect(report.aivss).toEqual({
      version: '0.8',
      threatMultiplier: 0.97,
      scale: 'continuous',
    })
    for (const c of V08_CASES) {
      const agent = report.agents.find((a) => a.name === c.name)
      expect(agent, c.name).toBeDefined()
      expect(agent?.baseline.cvss).toBe(c.cvss)
      expect(agent?.factorSum).toBe(c.factorSum)
      expect(agent?.score).toBe(c.aivss)
      expect(agent?.severity).toBe(c.severity)
      expect(agent?.declared).toHaveLength(10)
    }
  })

  it('gives exactly the v0.5 conformance scores', () => {
    const files: Record<string, string> = {}
    V05_CASES.forEach((c, i) => {
      files[`case-${i}.aivss.yml`] = descriptor(
        `case-${i}`,
        V05_ORDER,
        factorsSumming(c.aars),
        `  vulnerabilities:\n    - { title: reference, vector: "CVSS:4.0/${c.vector}" }\n  baseline: none\n`,
      )
    })
    const report = jsonReport([
      'scan',
      tempTree(files),
      '--aivss-version',
      '0.5',
    ])
    V05_CASES.forEach((c, i) => {
      const agent = report.agents.find((a) => a.name === `case-${i}`)
      expect(agent?.vulnerabilities[0]?.cvss).toBe(c.cvss)
      expect(agent?.vulnerabilities[0]?.score).toBe(c.aivss)
      expect(agent?.agenticScore).toBe(c.aars)
      expect(agent?.score).toBe(Math.max(c.aivss, c.aars))
    })
  })

  it('reproduces the factor tables of the two samples when declared', () => {
    const files = Object.fromEntries(
      Object.entries(SEEDS).map(([name, values]) => [
        `${name}.aivss.yml`,
        descriptor(name, V05_ORDER, values),
      ]),
    )
    const root = tempTree(files)
    const v05 = jsonReport(['scan', root, '--aivss-version', '0.5'])
    for (const [name, values] of Object.entries(SEEDS)) {
      const agent = v05.agents.find((a) => a.name === name)
      expect(Object.keys(agent?.factors ?? {})).toEqual([...V05_ORDER])
      expect(V05_ORDER.map((id) => agent?.factors[id])).toEqual(values)
      expect(agent?.declared).toEqual([...V05_ORDER])
      expect(agent?.rationale.autonomyOfAction).toMatch(/^declared in /)
    }
    // v0.5's agent-only score is the standalone AARS, the factor sum.
    expect(v05.agents.find((a) => a.name === 'bella-twin')?.agenticScore).toBe(
      5.3,
    )
    expect(
      v05.agents.find((a) => a.name === 'twilio-ai-assistants')?.agenticScore,
    ).toBe(6.8)
    // v0.8 replaces Goal-Driven Planning with Natural Language Interface,
    // which the samples do not declare: it is estimated and said to be.
    const v08 = jsonReport(['scan', root])
    const bella = v08.agents.find((a) => a.name === 'bella-twin')
    expect(bella?.declared).not.toContain('naturalLanguageInterface')
    expect(bella?.rationale.naturalLanguageInterface).not.toMatch(/^declared/)
  })

  it('honours a threat multiplier declared by the agent over the run default', () => {
    const root = tempTree({
      'a.aivss.yml': descriptor(
        'a',
        V08_ORDER,
        SEEDS['bella-twin'],
        '  threatMultiplier: attacked\n',
      ),
      'b.aivss.yml': descriptor('b', V08_ORDER, SEEDS['bella-twin']),
    })
    const report = jsonReport([
      'scan',
      root,
      '--threat-multiplier',
      'unreported',
    ])
    expect(report.agents.find((a) => a.name === 'a')?.agenticScore).toBe(5.3)
    expect(report.agents.find((a) => a.name === 'b')?.agenticScore).toBe(2.7)
  })

  it('snaps factors to the rubric when asked', () => {
    const root = tempTree({
      'a.aivss.yml': descriptor('a', V08_ORDER, SEEDS['bella-twin']),
    })
    const report = jsonReport(['scan', root, '--factor-scale', 'rubric'])
    expect(report.agents[0]?.factorSum).toBe(5)
    expect(report.agents[0]?.agenticScore).toBe(4.9)
    expect(report.agents[0]?.factors.autonomyOfAction).toBe(0.8)
    expect(report.agents[0]?.levels.autonomyOfAction).toBe(1)
  })
})

describe('aivss-gate scan: bad input', () => {
  const root = tempTree({
    'good.aivss.yml': 'name: good\ntools: [web_search]\n',
    'range.aivss.yml':
      'name: range\naivss:\n  factors: { autonomyOfAction: 1.3 }\n',
    'unknown.aivss.yml':
      'name: unknown\naivss:\n  factors: { autonomy: 0.5 }\n',
    'vector.aivss.yml': 'name: vector\naivss:\n  baseline: CVSS:4.0/AV:N\n',
    'broken.aivss.yml': 'name: [unclosed\n',
    'nested/also-good.aivss.json': '{ "name": "also-good" }',
  })

  it('names file and field for each problem and still reports the other agents', () => {
    const report = jsonReport(['scan', root])
    // An aivss block that cannot be read is left out, not its agent: the
    // agent is scored on what the descriptor says otherwise.
    expect(report.agents.map((a) => a.name).sort()).toEqual([
      'also-good',
      'good',
      'range',
      'unknown',
      'vector',
    ])
    expect(report.agents.every((a) => a.declared.length === 0)).toBe(true)
    const byFile = Object.fromEntries(report.errors.map((e) => [e.file, e]))
    expect(byFile['range.aivss.yml']).toMatchObject({
      field: 'aivss.factors.autonomyOfAction',
      line: 3,
      level: 'error',
    })
    expect(byFile['unknown.aivss.yml']).toMatchObject({
      field: 'aivss.factors.autonomy',
      line: 3,
    })
    expect(byFile['unknown.aivss.yml']?.message).toMatch(
      /unknown field "autonomy"/,
    )
    expect(byFile['vector.aivss.yml']).toMatchObject({
      field: 'aivss.baseline',
      line: 3,
    })
    expect(byFile['vector.aivss.yml']?.message).toMatch(
      /missing base metrics AC, AT/,
    )
    expect(byFile['broken.aivss.yml']?.message).toMatch(/invalid YAML/)
  })

  it('lists the problems in the text report', () => {
    const run = cli(['scan', root])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /range\.aivss\.yml:3 aivss\.factors\.autonomyOfAction: must be at most 1 \(got 1\.3\)/,
    )
  })
})

describe('aivss-gate command line', () => {
  it('prints help', () => {
    const run = cli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/aivss-gate scan \[DIR\]/)
    expect(run.stdout).toMatch(/--aivss-version/)
  })

  it.each([
    [
      ['scan', '--format', 'xml'],
      /--format must be one of text, markdown, comment, json/,
    ],
    [
      ['scan', '--aivss-version', '1.0'],
      /--aivss-version must be one of 0\.8, 0\.5/,
    ],
    [
      ['scan', '--threat-multiplier', '1.5'],
      /--threat-multiplier must be a number from 0 to 1/,
    ],
    [['scan', '--bogus'], /Unknown option '--bogus'/],
    [['scan', 'no/such/dir'], /no\/such\/dir is not a directory/],
    [['launch'], /unknown command "launch"/],
  ])('exits 2 with a one-line reason for %j', (args, message) => {
    const run = cli(args)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toMatch(message)
  })

  it('writes the report to --output', async () => {
    const root = tempTree({ 'a.aivss.yml': 'name: a\n' })
    const run = cli([
      'scan',
      root,
      '--format',
      'markdown',
      '--output',
      `${root}/report.md`,
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /wrote the markdown report of 1 agents to .*report\.md; policy (pass|warn|fail)/,
    )
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(`${root}/report.md`, 'utf8')).toMatch(
      /^## .*aivss-gate: /,
    )
  })
})
