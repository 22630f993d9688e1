import { describe, expect, it } from 'vitest'
import { diffAgents } from '../../src/core/diff/compare.js'
import type { BaseComparison } from '../../src/core/diff/comparison.js'
import type { AgentSnapshot } from '../../src/core/diff/snapshot.js'
import { manifestErrorFindings } from '../../src/core/policy/manifest-errors.js'
import type { Problem } from '../../src/core/problems.js'

const agent = (file: string): AgentSnapshot => ({
  file,
  name: 'a',
  format: 'aivss-descriptor',
  line: 1,
  score: 9.5,
  severity: 'critical',
  factors: {},
  tools: [],
  allTools: false,
  controls: [],
})

const unreadable = (
  file: string,
  kind: Problem['unreadable'] = 'claimed',
): Problem => ({
  file,
  message: 'unreadable manifest: binary content (NUL bytes)',
  level: 'warning',
  unreadable: kind,
})

function comparison(
  base: { withAgents: string[]; unreadable?: string[] },
  head: Problem[],
): BaseComparison {
  const reasons = new Map(head.map((p) => [p.file, p.message]))
  return {
    available: true,
    base: { kind: 'git', sha: 'abc' },
    diff: diffAgents(base.withAgents.map(agent), [], undefined, reasons),
    notes: [],
    files: {
      withAgents: new Set(base.withAgents),
      unreadable: base.unreadable ? new Set(base.unreadable) : undefined,
    },
  }
}

const actions = (
  setting: 'fail' | 'warn' | 'off',
  problems: Problem[],
  compared?: BaseComparison,
) => manifestErrorFindings(setting, problems, compared).map((f) => f.action)

describe('manifest-errors', () => {
  const p = [unreadable('x.aivss.yml')]
  it('counts an unreadable manifest whatever its level: fail fails, warn warns, off ignores', () => {
    expect(actions('fail', p)).toEqual(['fail'])
    expect(actions('warn', p)).toEqual(['warn'])
    expect(actions('off', p)).toEqual([])
  })

  it('fails under warn, and warns under off, when the pull request makes it unreadable', () => {
    for (const base of [
      { withAgents: ['x.aivss.yml'], unreadable: [] },
      { withAgents: [], unreadable: [] },
    ]) {
      const compared = comparison(base, p)
      expect(actions('warn', p, compared)).toEqual(['fail'])
      expect(actions('off', p, compared)).toEqual(['warn'])
      expect(actions('fail', p, compared)).toEqual(['fail'])
      expect(manifestErrorFindings('warn', p, compared)[0]?.message).toMatch(
        /this pull request makes it unreadable/,
      )
    }
  })

  it('warns under warn when it was unreadable on the base already', () => {
    const compared = comparison(
      { withAgents: [], unreadable: ['x.aivss.yml'] },
      p,
    )
    expect(actions('warn', p, compared)).toEqual(['warn'])
    expect(actions('off', p, compared)).toEqual([])
  })

  it('counts a generic name only where the base held agents in it', () => {
    const generic = [unreadable('data.json', 'possible')]
    expect(actions('fail', generic)).toEqual([])
    expect(
      actions(
        'fail',
        generic,
        comparison({ withAgents: [], unreadable: [] }, generic),
      ),
    ).toEqual([])
    expect(
      actions(
        'warn',
        generic,
        comparison({ withAgents: ['data.json'], unreadable: [] }, generic),
      ),
    ).toEqual(['fail'])
  })

  it('names a file the head reads as no manifest where the base held agents in it', () => {
    const compared = comparison({ withAgents: ['crew.yaml'], unreadable: [] }, [
      {
        file: 'crew.yaml',
        message: 'not read as a manifest: no agents',
        level: 'warning',
      },
    ])
    const findings = manifestErrorFindings('warn', [], compared)
    expect(findings.map((f) => [f.file, f.action])).toEqual([
      ['crew.yaml', 'fail'],
    ])
    expect(findings[0]?.message).toMatch(
      /^unreadable manifest: .*held agents on the base/,
    )
  })
})
