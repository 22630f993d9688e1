import { describe, expect, it } from 'vitest'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { assessAgent } from '../../src/core/assess/assess-agent.js'
import { diffAgents } from '../../src/core/diff/compare.js'
import type { BaseComparison } from '../../src/core/diff/comparison.js'
import { snapshotOf } from '../../src/core/diff/snapshot.js'
import { evaluatePolicy } from '../../src/core/policy/evaluate.js'
import type { AgentProfile } from '../../src/core/profile/schema.js'
import { policyError, policyFrom } from '../support/policies.js'
import { profile } from '../support/profiles.js'

const assess = (p: AgentProfile) => assessAgent(p, DEFAULT_SCORING)

const worker = (fields: Partial<AgentProfile> = {}): AgentProfile =>
  profile({
    name: 'worker',
    source: { file: 'agents/worker.aivss.yml', line: 1 },
    description: 'Coordinates worker agents.',
    subAgents: ['a'],
    tools: [{ name: 'web_search', kind: 'search' }],
    controls: { guardrails: true },
    ...fields,
  })

/** One rule judged on `head`, compared with `base` (or with nothing). */
function judge(
  when: string,
  head: AgentProfile,
  base?: AgentProfile | 'none',
): { matched: boolean; message: string } {
  const policy = policyFrom({
    'policy.yml': `version: 1\nrules:\n  - id: r\n    when: ${when}\n    action: fail\n`,
  })
  const headAssessment = assess(head)
  const comparison: BaseComparison =
    base === undefined
      ? { available: false, reason: 'no base was given' }
      : {
          available: true,
          base: { kind: 'git', sha: 'a'.repeat(40) },
          diff: diffAgents(base === 'none' ? [] : [snapshotOf(assess(base))], [
            snapshotOf(headAssessment),
          ]),
          notes: [],
        }
  const result = evaluatePolicy(policy, [headAssessment], {
    today: '2026-01-15',
    comparison,
  })
  const rule = result.agents[0]!.rules[0]!
  return { matched: rule.outcome !== 'pass', message: rule.message }
}

describe('ratchet conditions', () => {
  it('new: only agents the pull request adds', () => {
    expect(judge('{ new: true }', worker(), 'none')).toEqual({
      matched: true,
      message: 'new agent: not in the base',
    })
    expect(judge('{ new: true }', worker(), worker())).toEqual({
      matched: false,
      message: 'agent in the base too',
    })
    expect(judge('{ new: false }', worker(), worker()).matched).toBe(true)
  })

  it('increased: the score or a factor rose by at least the amount', () => {
    const base = worker()
    const head = worker({
      tools: [
        { name: 'web_search', kind: 'search' },
        { name: 'bash', kind: 'shell' },
      ],
    })
    const before = assess(base).score
    const after = assess(head).score
    const rise = Math.round((after - before) * 10) / 10
    expect(rise).toBeGreaterThanOrEqual(0.5)
    expect(judge('{ increased: { score: 0.5 } }', head, base)).toEqual({
      matched: true,
      message: `score ${before.toFixed(1)} -> ${after.toFixed(1)}, +${rise.toFixed(1)} >= 0.5`,
    })
    expect(judge('{ increased: { score: 5 } }', head, base)).toEqual({
      matched: false,
      message: `score ${before.toFixed(1)} -> ${after.toFixed(1)}, +${rise.toFixed(1)} < 5.0`,
    })
    const factor = judge('{ increased: { dynamicToolUse: 0.2 } }', head, base)
    expect(factor.matched).toBe(true)
    expect(factor.message).toMatch(
      /^dynamicToolUse 0\.\d\d -> 0\.\d\d, \+0\.\d\d >= 0\.20$/,
    )
    expect(judge('{ increased: { score: 0.1 } }', base, head)).toMatchObject({
      matched: false,
      message: expect.stringMatching(/, -\d\.\d < 0\.1$/),
    })
    expect(judge('{ increased: { score: 0.1 } }', head, 'none')).toEqual({
      matched: false,
      message: 'new agent: no earlier value to compare with',
    })
  })

  it('new-tools: tool kinds the pull request adds', () => {
    const base = worker()
    const head = worker({
      tools: [
        { name: 'web_search', kind: 'search' },
        { name: 'bash', kind: 'shell' },
        { name: 'zsh', kind: 'shell' },
      ],
    })
    expect(judge('{ new-tools: [shell, code] }', head, base)).toEqual({
      matched: true,
      message: 'new tools shell (bash, zsh)',
    })
    expect(judge('{ new-tools: [shell] }', head, head)).toEqual({
      matched: false,
      message: 'no new shell tools',
    })
    expect(judge('{ new-tools: [search] }', head, 'none')).toEqual({
      matched: true,
      message: 'new tool search (web_search)',
    })
    expect(
      judge('{ new-tools: [payments] }', worker({ allTools: true }), base),
    ).toEqual({
      matched: true,
      message: 'tool list opened (every tool of its host, including payments)',
    })
  })

  it('removed-controls: controls in effect in the base that are not now', () => {
    const base = worker({ controls: { guardrails: true, logging: true } })
    expect(
      judge(
        '{ removed-controls: [guardrails, sandbox] }',
        worker({ controls: { guardrails: false, logging: true } }),
        base,
      ),
    ).toEqual({
      matched: true,
      message: 'guardrails declared in the base, declared off now',
    })
    expect(
      judge(
        '{ removed-controls: [logging] }',
        worker({ controls: { guardrails: true } }),
        base,
      ),
    ).toEqual({
      matched: true,
      message: 'logging declared in the base, not declared now',
    })
    expect(judge('{ removed-controls: [guardrails] }', base, base)).toEqual({
      matched: false,
      message: 'guardrails not removed since the base',
    })
  })

  it('without a base, never match and say why', () => {
    for (const when of [
      '{ new: true }',
      '{ increased: { score: 0.1 } }',
      '{ new-tools: [shell] }',
      '{ removed-controls: [guardrails] }',
    ])
      expect(judge(when, worker())).toEqual({
        matched: false,
        message: 'no base to compare with (no base was given)',
      })
  })

  it('combine with the other conditions', () => {
    expect(
      judge('{ new: true, severity: { gte: critical } }', worker(), 'none')
        .matched,
    ).toBe(assess(worker()).severity === 'critical')
  })
})

describe('ratchet conditions are validated like the others', () => {
  it.each([
    [
      'an unknown factor in increased',
      'version: 1\nrules:\n  - { id: a, when: { increased: { multiAgent: 0.2 } }, action: fail }\n',
      /rules\[0\]\.when\.increased\.multiAgent: unknown field/,
    ],
    [
      'a rise that is not positive',
      'version: 1\nrules:\n  - { id: a, when: { increased: { score: 0 } }, action: fail }\n',
      /rules\[0\]\.when\.increased\.score: /,
    ],
    [
      'a factor rise above 1',
      'version: 1\nrules:\n  - { id: a, when: { increased: { selfModification: 2 } }, action: fail }\n',
      /rules\[0\]\.when\.increased\.selfModification: must be at most 1 \(got 2\)/,
    ],
    [
      'an empty increased',
      'version: 1\nrules:\n  - { id: a, when: { increased: {} }, action: fail }\n',
      /rules\[0\]\.when\.increased: needs score or a factor id/,
    ],
    [
      'an unknown tool kind in new-tools',
      'version: 1\nrules:\n  - { id: a, when: { new-tools: [teleport] }, action: fail }\n',
      /rules\[0\]\.when\.new-tools\[0\]: unknown tool kind/,
    ],
    [
      'an unknown control in removed-controls',
      'version: 1\nrules:\n  - { id: a, when: { removed-controls: [firewall] }, action: fail }\n',
      /rules\[0\]\.when\.removed-controls\[0\]: must be one of "guardrails"/,
    ],
    [
      'new that is not a boolean',
      'version: 1\nrules:\n  - { id: a, when: { new: yes please }, action: fail }\n',
      /rules\[0\]\.when\.new: /,
    ],
  ])('rejects %s', (_name, text, message) => {
    expect(policyError(text)).toMatch(message)
  })

  it('normalises tool kind aliases in new-tools', () => {
    const policy = policyFrom({
      'policy.yml':
        'version: 1\nrules:\n  - { id: a, when: { new-tools: [exec, code] }, action: fail }\n',
    })
    expect(policy.rules[0]!.when['new-tools']).toEqual(['shell', 'code-exec'])
  })
})
