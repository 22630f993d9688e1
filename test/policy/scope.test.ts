import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import {
  assessAgent,
  type AgentAssessment,
} from '../../src/core/assess/assess-agent.js'
import { diffAgents } from '../../src/core/diff/compare.js'
import type { BaseComparison } from '../../src/core/diff/comparison.js'
import { headKey, snapshotOf } from '../../src/core/diff/snapshot.js'
import { evaluatePolicy } from '../../src/core/policy/evaluate.js'
import { loadPolicy } from '../../src/core/policy/load.js'
import type { AgentProfile } from '../../src/core/profile/schema.js'
import { policyFrom } from '../support/policies.js'
import { profile } from '../support/profiles.js'

/**
 * scope: change — with a base, only what the change introduced or made
 * worse is judged; what already held on the base is counted, not judged.
 */

const assess = (p: AgentProfile): AgentAssessment =>
  assessAgent(p, DEFAULT_SCORING)

const REPO = new URL('../../', import.meta.url).pathname

const agent = (
  name: string,
  fields: Partial<AgentProfile> = {},
): AgentProfile =>
  profile({
    name,
    format: 'claude-code-subagent',
    source: { file: `.claude/agents/${name}.md`, line: 1 },
    exposure: { reach: 'public', channels: ['web'] },
    triggers: ['webhook'],
    tools: [
      { name: 'Bash', kind: 'shell', requiresApproval: false },
      { name: 'deploy', kind: 'cloud-admin', requiresApproval: false },
    ],
    ...fields,
  })

const reader = (name: string): AgentProfile =>
  agent(name, {
    exposure: { reach: 'local', channels: [] },
    triggers: ['chat'],
    tools: [{ name: 'Read', kind: 'file-read' }],
  })

function comparison(
  base: readonly AgentProfile[],
  head: readonly AgentAssessment[],
): BaseComparison {
  const scored = base.map(assess)
  return {
    available: true,
    base: { kind: 'git', sha: 'b'.repeat(40) },
    diff: diffAgents(scored.map(snapshotOf), head.map(snapshotOf)),
    notes: [],
    baseAgents: new Map(
      scored.map((a) => [
        headKey({ ...a.profile.source, name: a.profile.name }),
        a,
      ]),
    ),
  }
}

function judge(
  policyName: string,
  base: readonly AgentProfile[] | undefined,
  head: readonly AgentProfile[],
) {
  const policy = loadPolicy(policyName, REPO)
  const agents = head.map(assess)
  return evaluatePolicy(policy, agents, {
    today: '2026-12-07',
    comparison:
      base === undefined
        ? { available: false, reason: 'no base was given' }
        : comparison(base, agents),
  })
}

describe('scope: change (the default preset)', () => {
  const critical = agent('deployer')

  it('the fixture agent is Critical, so the default preset fails it alone', () => {
    expect(assess(critical).severity).toBe('critical')
    const all = judge('default', undefined, [critical])
    expect(all.scope).toBe('all')
    expect(all.result).toBe('fail')
  })

  it('counts a Critical agent the base had already, and passes', () => {
    const result = judge('default', [critical], [critical])
    expect(result.scope).toBe('change')
    expect(result.result).toBe('pass')
    expect(result.preExisting.fail).toBeGreaterThan(0)
    expect(result.violations.length).toBeGreaterThan(0)
    expect(result.violations.every((v) => v.preExisting)).toBe(true)
    const rules = result.agents[0]!.rules.filter((r) => r.outcome === 'fail')
    expect(rules.every((r) => r.preExisting)).toBe(true)
  })

  it('fails a Critical agent the pull request adds beside pre-existing ones', () => {
    const added = agent('newcomer')
    const result = judge('default', [critical], [critical, added])
    expect(result.result).toBe('fail')
    const open = result.violations.filter((v) => !v.preExisting)
    expect(new Set(open.map((v) => v.agent))).toEqual(new Set(['newcomer']))
  })

  it('fails an agent the pull request makes worse, though it failed before', () => {
    const worse = agent('deployer', {
      tools: [
        ...critical.tools,
        { name: 'pay', kind: 'payments', requiresApproval: false },
      ],
    })
    const result = judge('default', [critical], [worse])
    expect(result.result).toBe('fail')
    expect(
      result.violations.some((v) => v.rule === 'new-unapproved-tools'),
    ).toBe(true)
    expect(result.violations.every((v) => !v.preExisting)).toBe(true)
  })

  it('fails a read-only agent given a shell without approval', () => {
    const before = reader('explorer')
    const after = agent('explorer', {
      exposure: before.exposure,
      triggers: before.triggers,
      tools: [
        ...before.tools,
        { name: 'Bash', kind: 'shell', requiresApproval: false },
      ],
      autonomy: { permissionMode: 'bypassPermissions' },
    })
    const result = judge('default', [before], [after])
    expect(result.result).toBe('fail')
    expect(
      result.violations.find((v) => v.rule === 'new-unapproved-tools')?.message,
    ).toBe('tool shell (Bash) now without approval')
  })

  it('fails an approval taken away from a tool the agent had', () => {
    const approved = agent('deployer', {
      tools: critical.tools.map((t) => ({ ...t, requiresApproval: true })),
    })
    const result = judge('default', [approved], [critical])
    expect(result.result).toBe('fail')
    expect(result.violations.map((v) => v.rule)).toContain(
      'new-unapproved-tools',
    )
  })

  it('never fails a change that only narrows an agent', () => {
    const narrower = agent('deployer', { tools: [critical.tools[0]!] })
    const result = judge('default', [critical], [narrower])
    expect(result.violations.every((v) => v.preExisting)).toBe(true)
    expect(result.result).toBe('pass')
  })

  it('strict still judges everything, the base notwithstanding', () => {
    const result = judge('strict', [critical], [critical])
    expect(result.scope).toBe('all')
    expect(result.result).toBe('fail')
    expect(result.preExisting).toEqual({ fail: 0, warn: 0 })
  })

  it('judges a finding again when the change raised the score', () => {
    const policy = policyFrom({
      'policy.yml':
        'version: 1\nscope: change\nrules:\n  - { id: risky, when: { score: { gte: 1 } }, action: fail }\n',
    })
    const base = reader('deployer')
    const head = agent('deployer', {
      exposure: base.exposure,
      triggers: base.triggers,
      tools: base.tools,
      memory: { kind: 'persistent', writable: true, stores: ['db'] },
    })
    expect(assess(head).score).toBeGreaterThan(assess(base).score)
    const agents = [assess(head)]
    const result = evaluatePolicy(policy, agents, {
      today: '2026-12-07',
      comparison: comparison([base], agents),
    })
    expect(result.violations.map((v) => v.preExisting)).toEqual([undefined])
    expect(result.result).toBe('fail')
    const same = evaluatePolicy(policy, [assess(base)], {
      today: '2026-12-07',
      comparison: comparison([base], [assess(base)]),
    })
    expect(same.result).toBe('pass')
  })

  it('a finding that held on the base is pre-existing only for the same rule', () => {
    // High on the base, Critical now: critical-agents is new, high-agents was not.
    const policy = policyFrom({
      'policy.yml': [
        'version: 1',
        'scope: change',
        'rules:',
        '  - { id: any-shell, when: { tools: [shell] }, action: warn }',
        '  - { id: payments, when: { tools: [payments] }, action: fail }',
      ].join('\n'),
    })
    const base = agent('deployer')
    const head = agent('deployer', {
      tools: [
        ...base.tools,
        { name: 'pay', kind: 'payments', requiresApproval: true },
      ],
    })
    const agents = [assess(head)]
    const result = evaluatePolicy(policy, agents, {
      today: '2026-12-07',
      comparison: comparison([base], agents),
    })
    expect(
      result.violations.map((v) => [v.rule, v.preExisting ?? false]),
    ).toEqual([
      ['any-shell', true],
      ['payments', false],
    ])
    expect(result.result).toBe('fail')
  })
})

describe('scope: change, properties', () => {
  const kinds = [
    'shell',
    'code-exec',
    'file-read',
    'search',
    'cloud-admin',
    'payments',
  ] as const
  const tools = fc.uniqueArray(
    fc.record({
      name: fc.constantFrom('a', 'b', 'c', 'd'),
      kind: fc.constantFrom(...kinds),
      requiresApproval: fc.boolean(),
    }),
    { selector: (t) => t.name, maxLength: 4 },
  )

  it('an unchanged repository never fails the default preset', () => {
    fc.assert(
      fc.property(fc.array(tools, { minLength: 1, maxLength: 3 }), (lists) => {
        const agents = lists.map((list, i) =>
          agent(`agent${i}`, { tools: list }),
        )
        const result = judge('default', agents, agents)
        return result.result !== 'fail'
      }),
      { numRuns: 60 },
    )
  })

  it('dropping tools from every agent never fails the default preset', () => {
    fc.assert(
      fc.property(tools, fc.nat(), (list, cut) => {
        const base = agent('a', { tools: list })
        const head = agent('a', {
          tools: list.slice(0, cut % (list.length + 1)),
        })
        return judge('default', [base], [head]).result !== 'fail'
      }),
      { numRuns: 60 },
    )
  })

  it('lists every finding the whole-inventory run finds, judged or counted', () => {
    const ratchet = new Set(['new-unapproved-tools', 'removed-controls'])
    const keys = (r: ReturnType<typeof judge>) =>
      r.violations
        .filter((v) => !ratchet.has(v.rule))
        .map((v) => `${v.rule} ${v.agent ?? ''}`)
        .sort()
    fc.assert(
      fc.property(tools, tools, (before, after) => {
        const base = agent('a', { tools: before })
        const head = agent('a', { tools: after })
        const change = judge('default', [base], [head])
        const all = judge('default', undefined, [head])
        expect(keys(change)).toEqual(keys(all))
        const counted = change.violations.filter((v) => v.preExisting).length
        expect(counted).toBe(change.preExisting.fail + change.preExisting.warn)
      }),
      { numRuns: 40 },
    )
  })
})
