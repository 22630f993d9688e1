import { describe, expect, it } from 'vitest'
import descriptor from '../../src/core/formats/aivss-descriptor/index.js'
import { AgentProfileSchema } from '../../src/core/profile/schema.js'
import { fixtureFile, textFile } from '../support/files.js'

describe('aivss descriptor', () => {
  it('claims only *.aivss.{yml,yaml,json} paths', () => {
    expect(descriptor.matchPath('agents/a.aivss.yml')).toBe('yes')
    expect(descriptor.matchPath('a.aivss.YAML')).toBe('yes')
    expect(descriptor.matchPath('a.aivss.json')).toBe('yes')
    expect(descriptor.matchPath('a.yml')).toBe('no')
    expect(descriptor.matchPath('aivss.yml')).toBe('no')
  })

  it('reads the example of the issue into a profile', () => {
    const result = descriptor.parse(
      fixtureFile('descriptors/valid/invoice-orchestrator.aivss.yml'),
    )
    expect(result.problems).toEqual([])
    expect(result.agents).toHaveLength(1)
    const agent = result.agents[0]!
    expect(AgentProfileSchema.parse(agent)).toEqual(agent)
    expect(agent).toMatchObject({
      name: 'invoice-orchestrator',
      format: 'aivss-descriptor',
      source: {
        file: 'descriptors/valid/invoice-orchestrator.aivss.yml',
        line: 1,
      },
      model: { name: 'gpt-4o' },
      tools: [
        { name: 'run_sql', kind: 'database', line: 6 },
        { name: 'send_email', kind: 'email', line: 7 },
      ],
      memory: { kind: 'persistent', stores: ['pgvector'] },
      subAgents: ['reconciler', 'reporter', 'mailer'],
      controls: { guardrails: false, humanApproval: true, logging: true },
    })
    expect(agent.controls.sandbox).toBeUndefined()
    expect(agent.aivss?.factors).toEqual({ multiAgentInteractions: 0.8 })
    expect(agent.aivss?.factorSources.multiAgentInteractions).toEqual({
      file: 'descriptors/valid/invoice-orchestrator.aivss.yml',
      line: 12,
    })
    expect(agent.evidence['controls.humanApproval']).toBe(10)
  })

  it('reads several agents from one JSON file with comments', () => {
    const result = descriptor.parse(
      fixtureFile('descriptors/valid/multi.aivss.json'),
    )
    expect(result.problems).toEqual([])
    expect(result.agents.map((a) => a.name)).toEqual(['triage', 'writer'])
    expect(result.agents[0]!.tools).toMatchObject([
      { name: 'web_search', kind: 'search' },
      { name: 'open_ticket', kind: 'network' },
    ])
    expect(result.agents[0]!.source.line).toBe(4)
    expect(result.agents[1]!.memory.kind).toBe('none')
  })

  it.each([
    [
      'factor-out-of-range',
      'aivss.factors.autonomyOfAction',
      4,
      /must be at most 1 \(got 1\.3\)/,
    ],
    [
      'unknown-factor',
      'aivss.factors.multiAgentInteraction',
      4,
      /unknown field "multiAgentInteraction"/,
    ],
    [
      'bad-vector',
      'aivss.vulnerabilities[0].vector',
      5,
      /invalid CVSS v4\.0 vector: metric VI has value "Q"/,
    ],
    [
      'nan-factor',
      'aivss.factors.nonDeterminism',
      3,
      /must be a number \(got NaN\)/,
    ],
    ['unknown-field', 'tols', 2, /unknown field "tols"/],
    [
      'mitigation-without-reason',
      'aivss.mitigationReason',
      2,
      /required when mitigation is "strong"/,
    ],
    ['bad-kind', 'tools[0].kind', 2, /unknown tool kind/],
    ['cvss3-baseline', 'aivss.baseline', 3, /CVSS 3\.1 vector/],
  ])(
    'reports %s with the file, line and field',
    (name, field, line, message) => {
      const path = `descriptors/invalid/${name}.aivss.yml`
      const result = descriptor.parse(fixtureFile(path))
      // An unknown field is ignored with a warning, and a declaration that
      // cannot be read is left out: neither drops the agent, which is scored
      // on the rest. Other invalid fields still do.
      const unknown = name === 'unknown-field'
      const kept = unknown || field.startsWith('aivss')
      expect(result.agents.length).toBe(kept ? 1 : 0)
      if (kept) expect(result.agents[0]?.aivss).toBeUndefined()
      expect(result.problems.length).toBeGreaterThan(0)
      const problem = result.problems.find((p) => p.field === field)
      expect(problem, JSON.stringify(result.problems)).toBeDefined()
      expect(problem).toMatchObject({
        file: path,
        line,
        level: unknown ? 'warning' : 'error',
      })
      expect(problem?.message).toMatch(message)
    },
  )

  it('reports unreadable YAML with its line', () => {
    const result = descriptor.parse(
      fixtureFile('descriptors/invalid/unreadable.aivss.yml'),
    )
    expect(result.agents).toEqual([])
    expect(result.problems[0]).toMatchObject({
      file: 'descriptors/invalid/unreadable.aivss.yml',
      level: 'error',
    })
    expect(result.problems[0]?.message).toMatch(/^invalid YAML/)
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(2)
  })

  it('keeps the valid agents of a file when one is invalid', () => {
    const result = descriptor.parse(
      textFile(
        'team.aivss.yml',
        'agents:\n  - name: good\n  - name: bad\n    tools: [{ name: x, kind: nope }]\n',
      ),
    )
    expect(result.agents.map((a) => a.name)).toEqual(['good'])
    expect(result.problems).toMatchObject([
      { field: 'agents[1].tools[0].kind', line: 4 },
    ])
  })

  it('rejects a document that is not a mapping', () => {
    const result = descriptor.parse(textFile('x.aivss.yml', '- a\n- b\n'))
    expect(result.agents).toEqual([])
    expect(result.problems[0]?.message).toMatch(/must be a mapping/)
  })

  it('accepts threat multipliers by name and mitigation with a reason', () => {
    const result = descriptor.parse(
      textFile(
        'x.aivss.yml',
        'name: x\naivss:\n  threatMultiplier: attacked\n  mitigation: partial\n  mitigationReason: red-teamed guardrails on every tool\n  baseline: none\n',
      ),
    )
    expect(result.problems).toEqual([])
    expect(result.agents[0]?.aivss).toMatchObject({
      threatMultiplier: 'attacked',
      mitigation: 'partial',
      baseline: 'none',
    })
  })
})
