import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { assessAgent } from '../../src/core/assess/assess-agent.js'
import { evaluatePolicy } from '../../src/core/policy/evaluate.js'
import type { AgentProfile } from '../../src/core/profile/schema.js'
import { profile } from '../support/profiles.js'
import { policyFrom } from '../support/policies.js'

const settings = { ...DEFAULT_SCORING, mitigationFromControls: true }
const assess = (p: AgentProfile) => assessAgent(p, settings)

const orchestrator = (controls: AgentProfile['controls'] = {}): AgentProfile =>
  profile({
    name: 'orchestrator',
    source: { file: 'agents/orchestrator.aivss.yml', line: 1 },
    description: 'Orchestrates worker agents that reconcile the ledger.',
    subAgents: ['a', 'b', 'c'],
    delegation: { canDelegate: true, peers: [] },
    controls,
  })

const rule = (when: string, action = 'fail') =>
  policyFrom({
    'policy.yml': `version: 1\nrules:\n  - id: r\n    when: ${when}\n    action: ${action}\n`,
  })

function outcome(
  when: string,
  agent: AgentProfile,
): { matched: boolean; message: string } {
  const result = evaluatePolicy(rule(when), [assess(agent)], {
    today: '2026-11-23',
  })
  const r = result.agents[0]?.rules[0]
  return { matched: r?.outcome !== 'pass', message: r?.message ?? '' }
}

describe('the motivating rule', () => {
  const policy = policyFrom({
    'policy.yml': [
      'version: 1',
      'rules:',
      '  - id: multi-agent-needs-guardrails',
      '    when:',
      '      factors: { multiAgentInteractions: { gt: 0.7 } }',
      '      missing-controls: [guardrails]',
      '    action: fail',
    ].join('\n'),
  })

  it('fails an orchestrator without guardrails and says what was measured', () => {
    const result = evaluatePolicy(policy, [assess(orchestrator())], {
      today: '2026-11-23',
    })
    expect(result.result).toBe('fail')
    expect(result.violations).toEqual([
      {
        rule: 'multi-agent-needs-guardrails',
        agent: 'orchestrator',
        file: 'agents/orchestrator.aivss.yml',
        line: 1,
        action: 'fail',
        message:
          'multiAgentInteractions 0.80 > 0.70 and no guardrails declared',
        description: undefined,
      },
    ])
  })

  it('passes the same orchestrator once guardrails are declared', () => {
    const result = evaluatePolicy(
      policy,
      [assess(orchestrator({ guardrails: true }))],
      { today: '2026-11-23' },
    )
    expect(result.result).toBe('pass')
    expect(result.violations).toEqual([])
  })
})

describe('conditions', () => {
  const shell = profile({
    tools: [{ name: 'bash', kind: 'shell' }],
    format: 'crewai',
    source: { file: 'crews/a/config/agents.yaml', line: 3 },
  })

  it.each([
    ['{ score: { gte: 0.1 } }', /^score \d+\.\d >= 0\.1$/],
    ['{ agentic-score: { lt: 10 } }', /^agent-only score \d+\.\d < 10\.0$/],
    [
      '{ factors: { dynamicToolUse: { gte: 0.8 }, selfModification: { gte: 0.7 } } }',
      /^selfModification 0\.70 >= 0\.70 and dynamicToolUse 0\.80 >= 0\.80$/,
    ],
    [
      '{ severity: { gte: medium } }',
      /^severity (Medium|High|Critical) >= Medium$/,
    ],
    [
      '{ missing-controls: [humanApproval, sandbox] }',
      /^no humanApproval declared and no sandbox declared$/,
    ],
    ['{ tools: [code, shell] }', /^tools bash \(shell\)$/],
    ['{ formats: [crewai] }', /^format crewai$/],
    [
      '{ paths: ["crews/**"] }',
      /^crews\/a\/config\/agents\.yaml matches crews\/\*\*$/,
    ],
    ['{ agents: [agent] }', /^agent agent$/],
    ['{ declared: false }', /^factor values estimated$/],
    [
      '{ threats: [ASI05] }',
      /^threat model lists ASI05 \(Input Validation Attacks\)$/,
    ],
    ['{ all-tools: false }', /^the tool list is closed$/],
  ])('%s matches with its reason', (when, message) => {
    const r = outcome(when, shell)
    expect(r.matched).toBe(true)
    expect(r.message).toMatch(message)
  })

  it.each([
    '{ score: { gte: 10 } }',
    '{ controls: [sandbox] }',
    '{ tools: [payments] }',
    '{ formats: [google-adk] }',
    '{ paths: ["agents/**"] }',
    '{ declared: true }',
    '{ threats: [ASI07] }',
    '{ all-tools: true }',
    '{ severity: { eq: none } }',
  ])('%s does not match', (when) => {
    expect(outcome(when, shell).matched).toBe(false)
  })

  it('needs every condition of a rule', () => {
    expect(
      outcome('{ tools: [shell], missing-controls: [sandbox] }', shell).matched,
    ).toBe(true)
    expect(
      outcome('{ tools: [shell], missing-controls: [sandbox] }', {
        ...shell,
        controls: { sandbox: true },
      }).matched,
    ).toBe(false)
  })

  it('counts approval on every consequential tool as human approval', () => {
    const approved = {
      ...shell,
      tools: [{ name: 'bash', kind: 'shell' as const, requiresApproval: true }],
    }
    expect(
      outcome('{ missing-controls: [humanApproval] }', approved).matched,
    ).toBe(false)
    expect(outcome('{ controls: [humanApproval] }', approved).matched).toBe(
      true,
    )
  })

  it('treats an open tool list as having every kind', () => {
    expect(
      outcome('{ tools: [payments] }', { ...shell, allTools: true }).message,
    ).toMatch(/every tool of its host, including payments/)
  })

  it('does not depend on the order of rules or agents', () => {
    const policy = policyFrom({
      'policy.yml':
        'version: 1\nrules:\n  - { id: a, when: { tools: [shell] }, action: warn }\n  - { id: b, when: { declared: false }, action: fail }\n',
    })
    const reversed = { ...policy, rules: [...policy.rules].reverse() }
    const agents = [assess(shell), assess(orchestrator())]
    const one = evaluatePolicy(policy, agents, { today: '2026-11-23' })
    const two = evaluatePolicy(reversed, [...agents].reverse(), {
      today: '2026-11-23',
    })
    const key = (v: { rule: string; agent?: string }) =>
      `${v.rule}/${v.agent ?? ''}`
    expect(one.result).toBe(two.result)
    expect(one.violations.map(key).sort()).toEqual(
      two.violations.map(key).sort(),
    )
  })
})

describe('exceptions', () => {
  const policyWith = (exceptions: string) =>
    policyFrom({
      'policy.yml': `version: 1\nrules:\n  - { id: multi, when: { factors: { multiAgentInteractions: { gt: 0.7 } } }, action: fail }\nexceptions:\n${exceptions}`,
    })
  const agents = [assess(orchestrator())]

  it('applies by path until it expires, then is reported and no longer applies', () => {
    const policy = policyWith(
      '  - { rule: multi, paths: ["agents/**"], reason: Migrating (SEC-123), expires: 2027-01-31 }\n',
    )
    const before = evaluatePolicy(policy, agents, { today: '2027-01-31' })
    expect(before.result).toBe('pass')
    expect(before.excepted).toHaveLength(1)
    expect(before.excepted[0]?.exception).toMatchObject({
      reason: 'Migrating (SEC-123)',
      expires: '2027-01-31',
    })
    expect(before.agents[0]?.rules[0]?.outcome).toBe('excepted')
    const after = evaluatePolicy(policy, agents, { today: '2027-02-01' })
    expect(after.result).toBe('fail')
    expect(after.excepted).toEqual([])
    expect(after.expiredExceptions[0]?.message).toMatch(
      /exception for multi on agents\/\*\* \(Migrating \(SEC-123\)\) expired on 2027-01-31; it no longer applies/,
    )
  })

  it('applies by agent name', () => {
    const result = evaluatePolicy(
      policyWith(
        '  - { rule: "*", agents: [orchestrator], reason: accepted risk }\n',
      ),
      agents,
      { today: '2026-11-23' },
    )
    expect(result.result).toBe('pass')
  })

  it('reports exceptions that match nothing, and makes the verdict warn', () => {
    const result = evaluatePolicy(
      policyWith(
        '  - { rule: multi, paths: ["agents/**"], reason: real }\n  - { rule: multi, paths: ["old/**"], reason: stale }\n',
      ),
      agents,
      { today: '2026-11-23' },
    )
    expect(result.result).toBe('warn')
    expect(result.unusedExceptions.map((e) => e.scope)).toEqual(['old/**'])
  })

  it('counts every exception that covers a violation as used, whatever their order', () => {
    const byPath =
      '  - { rule: multi, paths: ["agents/**"], reason: by path, expires: 2027-01-31 }\n'
    const byName =
      '  - { rule: "*", agents: [orchestrator], reason: by name, expires: 2027-06-30 }\n'
    for (const exceptions of [byPath + byName, byName + byPath]) {
      const result = evaluatePolicy(policyWith(exceptions), agents, {
        today: '2026-11-23',
      })
      expect(result.result).toBe('pass')
      expect(result.unusedExceptions).toEqual([])
      expect(result.violations).toEqual([])
      // The violation cites one of them, the same one in either order: the
      // one that lasts longer.
      expect(result.excepted).toHaveLength(1)
      expect(result.excepted[0]?.exception).toMatchObject({
        reason: 'by name',
        expires: '2027-06-30',
      })
    }
  })
})

describe('unreadable manifests', () => {
  const problems = [
    {
      file: 'bad.aivss.yml',
      line: 3,
      field: 'aivss.factors.x',
      message: 'unknown field "x"',
      level: 'error' as const,
    },
  ]

  it('follow manifest-errors: warn by default, fail or off when the policy says', () => {
    const warn = evaluatePolicy(rule('{ declared: true }'), [], {
      today: '2026-11-23',
      problems,
    })
    expect(warn.result).toBe('warn')
    expect(warn.violations[0]).toMatchObject({
      rule: 'manifest-errors',
      file: 'bad.aivss.yml',
      line: 3,
      action: 'warn',
    })
    const strict = policyFrom({
      'policy.yml': 'version: 1\nmanifest-errors: fail\n',
    })
    expect(
      evaluatePolicy(strict, [], { today: '2026-11-23', problems }).result,
    ).toBe('fail')
    const off = policyFrom({
      'policy.yml': 'version: 1\nmanifest-errors: off\n',
    })
    expect(
      evaluatePolicy(off, [], { today: '2026-11-23', problems }).result,
    ).toBe('pass')
  })
})
