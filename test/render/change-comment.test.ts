import { describe, expect, it } from 'vitest'
import { SMALL_CHANGE_LIMIT } from '../../src/core/render/change-comment.js'
import {
  renderComment,
  renderQuietBody,
} from '../../src/core/render/comment.js'
import type { Report } from '../../src/core/report/schema.js'
import { comparedReport } from '../support/compared.js'
import { PLAIN_AGENT } from '../support/plain-agents.js'
import { failingDescriptor, passingDescriptor } from '../support/reports.js'

/**
 * The comment follows the change, not the repository: a base of sixty
 * Critical agents, and pull requests that add one, touch three, or touch
 * none.
 */

const LINKS = {
  fullReportUrl: 'https://github.com/acme/agents/actions/runs/42',
  blobBase: 'https://github.com/acme/agents/blob/c0ffee',
}

const compared = (
  base: Record<string, string>,
  head: Record<string, string | null>,
  policy?: string,
): Report => comparedReport(base, head, { policy, today: '2026-12-07' })

/** Sixty Critical legacy agents, each with its own name. */
function legacyFleet(): Record<string, string> {
  const files: Record<string, string> = {}
  for (let i = 0; i < 60; i++)
    files[`legacy/agent-${i}.aivss.yml`] = failingDescriptor(
      `legacy-${i}`,
      'Runs the old batch jobs. '.repeat(10),
    )
  return files
}

const body = (report: Report): string =>
  renderComment(report, { links: LINKS, today: '2026-12-07' }).body

const unchangedNamed = (text: string): number =>
  new Set(text.match(/legacy-\d+/g) ?? []).size

describe('the comment about a change', () => {
  it('leads with the one agent a pull request adds, in a short comment', () => {
    const report = compared(legacyFleet(), {
      '.claude/agents/deployer.md': PLAIN_AGENT,
    })
    expect(report.policy?.result).toBe('fail')
    const text = body(report)
    expect(text.slice(0, 1500)).toContain('`deployer`')
    expect([...text].length).toBeLessThanOrEqual(SMALL_CHANGE_LIMIT)
    expect(unchangedNamed(text)).toBe(0)
    // What was already there: counted in one line, never listed.
    expect(text).toMatch(/\*\*\d+ pre-existing findings\*\*/)
    expect(text).toContain('60 agents unchanged')
    // A copyable exception, for the agent's own file, expiring in a quarter.
    expect(text).toContain('paths: [".claude/agents/deployer.md"]')
    expect(text).toContain('expires: 2027-03-07')
  })

  it('stays under the limit for three agents with the longest names and paths', () => {
    const long = (i: number) =>
      `${'deep/'.repeat(30)}agent-${i}-${'x'.repeat(60)}.aivss.yml`
    const head: Record<string, string> = {}
    for (let i = 0; i < 3; i++)
      head[long(i)] = `${failingDescriptor(
        `${'very-long-agent-name-'.repeat(6)}${i}`,
        'Coordinates worker agents. '.repeat(40),
      )}tools: [{ name: ${JSON.stringify(`shell-${'y'.repeat(70)}`)}, kind: shell }, { name: python, kind: code-exec }]\nallTools: true\n`
    // strict: every rule it has fails these agents, so each fix is long.
    const text = body(compared(legacyFleet(), head, 'strict'))
    expect(
      text.split('\n').filter((l) => l.startsWith('| 🆕 added')),
    ).toHaveLength(3)
    expect([...text].length).toBeLessThanOrEqual(SMALL_CHANGE_LIMIT)
  })

  it('is one short line when the pull request touches no agent', () => {
    const report = compared(legacyFleet(), { 'README.md': 'docs\n' })
    expect(report.policy?.result).toBe('pass')
    const text = body(report)
    expect([...text].length).toBeLessThanOrEqual(2_500)
    expect(text).toContain('No agent changed by this pull request')
    expect(unchangedNamed(text)).toBe(0)
    expect(renderQuietBody(report).body.split('\n').filter(Boolean)).toEqual([
      '<!-- aivss-gate:comment -->',
      expect.stringMatching(/^<!-- aivss-gate:digest [0-9a-f]{16} -->$/),
      '✅ aivss-gate: no agent changed by this pull request (60 agents unchanged).',
    ])
  })

  it('under strict, names at most five of the unchanged agents that fail', () => {
    const report = compared(
      legacyFleet(),
      { 'agents/calm.aivss.yml': passingDescriptor('calm') },
      'strict',
    )
    expect(report.policy?.result).toBe('fail')
    const text = body(report)
    expect(text).toContain('scope: all')
    expect(unchangedNamed(text)).toBe(5)
    expect(text).toContain('and 55 more')
  })

  it('leads with a read-only agent given a shell with bypassed permissions', () => {
    const reader = PLAIN_AGENT.replace(
      'tools: Bash, Write, WebFetch\npermissionMode: bypassPermissions\n',
      'tools: Read, Grep, Glob\n',
    )
    const report = compared(
      { ...legacyFleet(), '.claude/agents/explorer.md': reader },
      {
        '.claude/agents/explorer.md': reader.replace(
          'tools: Read, Grep, Glob\n',
          'tools: Read, Grep, Glob, Bash\npermissionMode: bypassPermissions\n',
        ),
      },
    )
    expect(report.policy?.result).toBe('fail')
    const lead = body(report).split('\n')[2]
    expect(lead).toMatch(
      /^## ❌ aivss-gate: This pull request makes `deployer` riskier \(.*\): now runs shell commands without approval$/,
    )
    // The annotation's line is the tools: line of the file.
    const finding = report.policy?.violations.find(
      (v) => v.rule === 'new-unapproved-tools',
    )
    expect(finding?.line).toBe(4)
  })
})
