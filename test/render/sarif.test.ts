import { describe, expect, it } from 'vitest'
import { renderSarif } from '../../src/core/render/sarif.js'
import { sarifErrors } from '../support/sarif.js'
import {
  failingDescriptor,
  gateReport,
  HOSTILE_DESCRIPTOR,
  passingDescriptor,
} from '../support/reports.js'

describe('SARIF 2.1.0', () => {
  const report = gateReport({
    'agents/risky.aivss.yml': failingDescriptor('risky'),
    'agents/hostile ](x).aivss.yml': HOSTILE_DESCRIPTOR,
    'ok.aivss.yml': passingDescriptor('calm'),
    'broken.aivss.yml': 'name: [unclosed',
  })
  const sarif = renderSarif(report, {
    pathPrefix: 'repo/sub',
    rootUri: 'file:///home/runner/work/acme/acme/',
  })

  it('validates against the SARIF 2.1.0 schema', () => {
    expect(sarifErrors(sarif)).toEqual([])
    expect(sarifErrors({ version: '2.1.0' })).not.toEqual([])
  })

  it('says of each agent result what its score is', () => {
    const results = sarif.runs[0]!.results.filter(
      (r) => r.properties?.agent !== undefined,
    )
    expect(results.length).toBeGreaterThan(0)
    for (const result of results)
      expect(result.properties?.aivssBasis).toBe('derived-baseline')
  })

  it('has one rule per policy rule, with its action as the level', () => {
    const run = sarif.runs[0]!
    const ids = run.tool.driver.rules.map((r) => r.id)
    for (const rule of report.policy!.rules) expect(ids).toContain(rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    const critical = run.tool.driver.rules.find(
      (r) => r.id === 'critical-agents',
    )
    expect(critical?.defaultConfiguration.level).toBe('error')
    expect(ids).toContain('manifest-errors')
  })

  it('locates each finding in the manifest file and line, from the repository root', () => {
    const run = sarif.runs[0]!
    expect(run.results).toHaveLength(report.policy!.violations.length)
    const risky = run.results.find((r) => r.message.text.startsWith('risky:'))
    expect(risky?.level).toBe('error')
    expect(risky?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: {
        uri: 'repo/sub/agents/risky.aivss.yml',
        uriBaseId: '%SRCROOT%',
      },
      // The line that causes the finding (its tool list), as the report says.
      region: {
        startLine: report.policy!.violations.find((v) => v.agent === 'risky')
          ?.line,
      },
    })
    const hostile = run.results.find((r) =>
      r.locations[0]?.physicalLocation.artifactLocation.uri.includes('hostile'),
    )
    expect(hostile?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'repo/sub/agents/hostile%20%5D%28x%29.aivss.yml',
    )
    for (const r of run.results)
      expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId)
  })

  it('records an excepted finding as a suppressed result', () => {
    const excepted = gateReport({
      '.github/aivss-policy.yml': `version: 1
extends: default
exceptions:
  - rule: multi-agent-needs-guardrails
    agents: [risky]
    reason: Guardrails land in SEC-1
`,
      'risky.aivss.yml': failingDescriptor('risky'),
    })
    const log = renderSarif(excepted)
    expect(sarifErrors(log)).toEqual([])
    const suppressed = log.runs[0]!.results.filter((r) => r.suppressions)
    expect(suppressed).toHaveLength(1)
    expect(suppressed[0]?.suppressions?.[0]?.justification).toBe(
      'Guardrails land in SEC-1',
    )
  })
})
