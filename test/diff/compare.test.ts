import { describe, expect, it } from 'vitest'
import { diffAgents } from '../../src/core/diff/compare.js'
import { matchAgents, similarity } from '../../src/core/diff/match.js'
import type { AgentSnapshot } from '../../src/core/diff/snapshot.js'
import { deltaSummary } from '../../src/core/report/delta.js'

const agent = (over: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  file: 'agents/a.yml',
  name: 'a',
  format: 'aivss-descriptor',
  line: 1,
  score: 5.1,
  severity: 'medium',
  factors: { autonomyOfAction: 0.4, multiAgentInteractions: 0.5 },
  tools: [{ name: 'search', kind: 'search' }],
  allTools: false,
  controls: ['guardrails'],
  ...over,
})

describe('the diff model', () => {
  it('says what changed per field: score, band, factors that moved, tools, controls', () => {
    const base = agent()
    const head = agent({
      score: 7.4,
      severity: 'high',
      factors: { autonomyOfAction: 0.4, multiAgentInteractions: 0.9 },
      tools: [
        { name: 'search', kind: 'search' },
        { name: 'bash', kind: 'shell' },
      ],
      controls: ['logging'],
    })
    const diff = diffAgents([base], [head])
    expect(diff.changed).toHaveLength(1)
    expect(diff.changed[0]!.changes).toEqual({
      score: { before: 5.1, after: 7.4, change: 2.3 },
      severity: { before: 'medium', after: 'high' },
      factors: [
        {
          id: 'multiAgentInteractions',
          before: 0.5,
          after: 0.9,
          change: 0.4,
        },
      ],
      tools: {
        added: [{ name: 'bash', kind: 'shell' }],
        removed: [],
      },
      controls: { added: ['logging'], removed: ['guardrails'] },
      allTools: undefined,
    })
    expect(diff.unchanged).toEqual([])
  })

  it('treats a tool whose kind changed as one removed and one added', () => {
    const diff = diffAgents(
      [agent({ tools: [{ name: 'run', kind: 'other' }] })],
      [agent({ tools: [{ name: 'run', kind: 'shell' }] })],
    )
    expect(diff.changed[0]!.changes.tools).toEqual({
      added: [{ name: 'run', kind: 'shell' }],
      removed: [{ name: 'run', kind: 'other' }],
    })
  })

  it('matches by file and name, whatever the line, and pairs namesakes in order', () => {
    const base = [
      agent({ name: 'w', line: 3, score: 1 }),
      agent({ name: 'w', line: 9, score: 2 }),
    ]
    const head = [
      agent({ name: 'w', line: 20, score: 2 }),
      agent({ name: 'w', line: 12, score: 1 }),
    ]
    const diff = diffAgents(base, head)
    expect(diff.changed).toEqual([])
    expect(diff.unchanged.map((a) => a.line)).toEqual([12, 20])
  })

  it('detects a moved agent from git, or from a matching profile of the same name and format', () => {
    const old = agent({ file: 'old/a.yml' })
    const moved = agent({ file: 'new/a.yml', score: 9.9, severity: 'critical' })
    const byGit = diffAgents(
      [old],
      [moved],
      new Map([['old/a.yml', 'new/a.yml']]),
    )
    expect(byGit.renamed).toEqual([
      { base: old, head: moved, detectedBy: 'git', changed: true },
    ])
    expect(byGit.changed[0]!.renamed).toBe('git')
    expect(byGit.added).toEqual([])
    expect(byGit.removed).toEqual([])

    const byProfile = diffAgents([old], [agent({ file: 'new/a.yml' })])
    expect(byProfile.renamed[0]).toMatchObject({
      detectedBy: 'profile',
      changed: false,
    })
    expect(byProfile.changed).toEqual([])
  })

  it('lists agents of a file the head cannot read as now unreadable, and never as moved', () => {
    const old = agent({ file: 'old/a.yml' })
    const twin = agent({ file: 'new/a.yml' })
    const unreadable = new Map([['old/a.yml', 'binary content (NUL bytes)']])
    const diff = diffAgents(
      [old, agent({ file: 'b.yml', name: 'b' })],
      [twin],
      undefined,
      unreadable,
    )
    expect(diff.unreadable).toEqual([
      { base: old, reason: 'binary content (NUL bytes)' },
    ])
    expect(diff.renamed).toEqual([])
    expect(diff.added).toEqual([twin])
    expect(diff.removed.map((a) => a.name)).toEqual(['b'])
    // Read in part: the agents still there are matched as usual.
    const partly = diffAgents([old], [old], undefined, unreadable)
    expect(partly.unreadable).toEqual([])
    expect(partly.unchanged).toEqual([old])
    expect(
      deltaSummary({
        changed: 0,
        added: 0,
        removed: 0,
        renamed: 0,
        unreadable: 1,
        unchanged: 2,
      }),
    ).toBe('1 agent now unreadable; 2 unchanged')
  })

  it('does not call different agents of one name a rename', () => {
    const old = agent({ file: 'old/a.yml' })
    const other = agent({
      file: 'new/a.yml',
      factors: { autonomyOfAction: 1, multiAgentInteractions: 1 },
      tools: [{ name: 'bash', kind: 'shell' }],
      controls: [],
    })
    expect(similarity(old, other)).toBeLessThan(0.8)
    const diff = diffAgents([old], [other])
    expect(diff.renamed).toEqual([])
    expect(diff.added).toEqual([other])
    expect(diff.removed).toEqual([old])
    const otherFormat = diffAgents(
      [old],
      [agent({ file: 'new/a.yml', format: 'crewai' })],
    )
    expect(otherFormat.renamed).toEqual([])
  })

  it('orders every list by path, whatever order the inputs came in', () => {
    const base = [agent({ file: 'z.yml' }), agent({ file: 'm.yml', name: 'm' })]
    const head = [
      agent({ file: 'c.yml', name: 'c', score: 1 }),
      agent({ file: 'b.yml', name: 'b' }),
      agent({ file: 'z.yml', score: 9 }),
    ]
    const one = diffAgents(base, head)
    const two = diffAgents([...base].reverse(), [...head].reverse())
    expect(two).toEqual(one)
    expect(one.added.map((a) => a.file)).toEqual(['b.yml', 'c.yml'])
    expect(matchAgents(base, head).removed.map((a) => a.file)).toEqual([
      'm.yml',
    ])
  })

  it('notes an opened tool list', () => {
    const diff = diffAgents([agent()], [agent({ allTools: true })])
    expect(diff.changed[0]!.changes.allTools).toEqual({
      before: false,
      after: true,
    })
  })
})

describe('the delta summary', () => {
  it('counts what changed, then what did not', () => {
    const none = { changed: 0, added: 0, removed: 0, renamed: 0 }
    expect(deltaSummary({ ...none, changed: 2, added: 1, unchanged: 3 })).toBe(
      '2 agents changed, 1 added; 3 unchanged',
    )
    expect(deltaSummary({ ...none, unchanged: 6 })).toBe(
      'No agent changed; 6 unchanged',
    )
    expect(
      deltaSummary({ ...none, removed: 1, renamed: 2, unchanged: 0 }),
    ).toBe('1 agent removed, 2 renamed')
  })
})
