import { tmpdir } from 'node:os'
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
    versionControl: {
      repositoryUri: 'https://github.com/acme/agents',
      revisionId: 'a'.repeat(40),
      branch: 'main',
    },
  })
  const rules = sarif.runs[0]!.tool.driver.rules

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
    const risky = run.results.find((r) =>
      r.message.text.startsWith('risky (AIVSS'),
    )
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

  it('gives every rule what code scanning needs: name, help, helpUri, tags and a numeric security-severity', () => {
    expect(rules.length).toBeGreaterThan(3)
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/)
      expect(rule.shortDescription.text.length).toBeGreaterThan(0)
      expect(rule.fullDescription.text.length).toBeGreaterThan(0)
      expect(rule.help.text).toContain('How to fix it:')
      expect(rule.help.markdown).toContain('```yaml\nexceptions:')
      expect(rule.help.markdown).toContain(`rule: ${rule.id}`)
      expect(rule.helpUri).toMatch(/^https:\/\/[^#]+#[a-z0-9-]+$/)
      expect(rule.properties.tags).toContain('security')
      const severity = Number(rule.properties['security-severity'])
      expect(severity).toBeGreaterThanOrEqual(0)
      expect(severity).toBeLessThanOrEqual(10)
      expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/)
    }
  })

  it("takes a rule's security-severity from the highest score among the agents it flags", () => {
    const critical = rules.find((r) => r.id === 'critical-agents')!
    const flagged = report.policy!.violations.filter(
      (v) => v.rule === 'critical-agents',
    )
    const scores = report.agents
      .filter((a) =>
        flagged.some((v) => v.agent === a.name && v.file === a.file),
      )
      .map((a) => a.score)
    expect(scores.length).toBeGreaterThan(0)
    expect(Number(critical.properties['security-severity'])).toBe(
      Math.max(...scores),
    )
    // A rule with no agent behind it takes its action's band.
    const errors = rules.find((r) => r.id === 'manifest-errors')!
    expect(['7.0', '4.0']).toContain(errors.properties['security-severity'])
  })

  it('tags a rule with the OWASP Agentic Top 10 ids it is about', () => {
    const tags = rules.flatMap((r) => r.properties.tags)
    expect(tags.some((t) => /^ASI\d\d$/.test(t))).toBe(true)
  })

  it('names no absolute path and carries the provenance it is given', () => {
    const text = JSON.stringify(sarif)
    expect(text).not.toMatch(/file:\/\/|\/home\/|\/tmp\//)
    expect(sarif.runs[0]!.versionControlProvenance).toEqual([
      {
        repositoryUri: 'https://github.com/acme/agents',
        revisionId: 'a'.repeat(40),
        branch: 'main',
        mappedTo: { uriBaseId: '%SRCROOT%' },
      },
    ])
    expect(
      renderSarif(report).runs[0]!.versionControlProvenance,
    ).toBeUndefined()
  })

  it('keeps fingerprints when the score, message and line of a finding move', () => {
    const moved = structuredClone(report)
    for (const v of moved.policy!.violations) {
      v.message = `${v.message} (changed)`
      v.line = (v.line ?? 1) + 7
    }
    for (const a of moved.agents) a.score = Math.max(0, a.score - 1.5)
    const before = sarif.runs[0]!.results.map((r) => r.partialFingerprints)
    const after = renderSarif(moved, {
      pathPrefix: 'repo/sub',
    }).runs[0]!.results.map((r) => r.partialFingerprints)
    expect(after).toEqual(before)
    expect(new Set(before.map((f) => f['aivssGate/v1'])).size).toBe(
      before.length,
    )
  })

  it('keeps a hostile policy description inert in the rule help', () => {
    const hostile = gateReport({
      '.github/aivss-policy.yml': `version: 1
extends: default
rules:
  - id: team-rule
    description: "[click](https://evil.example) <img src=x> **bold** \u202e"
    action: fail
    when: { score: { gte: 0 } }
`,
      'risky.aivss.yml': failingDescriptor('risky'),
    })
    const log = renderSarif(hostile)
    expect(sarifErrors(log)).toEqual([])
    // The policy file is named without the machine's path.
    expect(JSON.stringify(log)).not.toContain(tmpdir())
    expect(JSON.stringify(log)).toContain('aivss-policy.yml')
    const rule = log.runs[0]!.tool.driver.rules.find(
      (r) => r.id === 'team-rule',
    )!
    expect(rule.help.markdown).not.toContain('[click](')
    // Escaped, so GitHub shows the characters instead of an image.
    expect(rule.help.markdown).not.toMatch(/(?<!\\)<img/)
    expect(rule.help.markdown).toContain('\\<img')
    expect(rule.help.markdown).not.toContain('\u202e')
    expect(rule.helpUri).toMatch(/#the-policy-file$/)
  })
})
