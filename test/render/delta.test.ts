import { describe, expect, it } from 'vitest'
import { runGate } from '../../src/core/gate.js'
import { COMMENT_LIMIT, renderComment } from '../../src/core/render/comment.js'
import { renderJobSummary } from '../../src/core/render/summary.js'
import { comparedReport } from '../support/compared.js'
import { gitRepo } from '../support/git.js'
import {
  failingDescriptor,
  HOSTILE_DESCRIPTOR,
  passingDescriptor,
} from '../support/reports.js'

const LINKS = {
  fullReportUrl: 'https://github.com/acme/agents/actions/runs/42',
}

function outsideCode(markdown: string): string {
  return markdown.replace(/`[^`\n]*`/g, '')
}

describe('the delta section', () => {
  it('escapes what comes from manifests: names, tool names and paths', () => {
    const report = comparedReport(
      { 'a.aivss.yml': passingDescriptor('calm') },
      {
        'agents/<img src=x onerror=alert(1)>.aivss.yml': HOSTILE_DESCRIPTOR,
        'a.aivss.yml': `${passingDescriptor('calm')}tools: [search_docs, { name: "@octocat <script>", kind: shell }]\n`,
      },
    )
    expect(report.delta?.summary).toBe('1 agent changed, 1 added')
    for (const text of [
      renderComment(report, { links: LINKS }).body,
      renderJobSummary(report),
    ]) {
      const visible = outsideCode(text)
      expect(visible).not.toMatch(/<img|<script/i)
      expect(visible).not.toMatch(/@(?!&#8203;)[A-Za-z]/)
      expect(visible).not.toMatch(/(?<!\\)\]\(javascript:/)
    }
    const body = renderComment(report, { links: LINKS }).body
    // Outside code spans nothing is live; the lead names no tool at all.
    expect(body).toContain('now runs shell commands (`@octocat <script>`) |')
    expect(body).toContain(
      '| 🆕 added | **@&#8203;everyone &lt;img src=x onerror=alert(1)&gt;**<br>',
    )
    expect(body.split('\n')[2]).toBe(
      '## ❌ aivss-gate: This pull request adds `@everyone <img src=x onerror=alert(1)>` (Critical 9.5): runs shell commands without approval',
    )
    // The exception snippet's path is escaped to plain ASCII letters.
    expect(body).toContain(
      'paths: ["agents/\\u003cimg\\u0020src\\u003dx\\u0020onerror\\u003dalert\\u00281\\u0029\\u003e.aivss.yml"]',
    )
  })

  it('keeps a pull request that changes hundreds of agents under the comment limit', () => {
    const base: Record<string, string> = {}
    const head: Record<string, string> = {}
    for (let i = 0; i < 300; i++) {
      base[`fleet/agent-${i}.aivss.yml`] = passingDescriptor(`worker-${i}`)
      head[`fleet/agent-${i}.aivss.yml`] = failingDescriptor(
        `worker-${i}`,
        'Coordinates worker agents and retries their failed steps. '.repeat(8),
      )
    }
    const report = comparedReport(base, head)
    expect(report.delta?.changed).toHaveLength(300)
    const { body } = renderComment(report, { links: LINKS })
    expect([...body].length).toBeLessThanOrEqual(COMMENT_LIMIT)
    // Fifteen rows, three fixes, the rest counted: the size follows the cap.
    expect([...body].length).toBeLessThanOrEqual(16_000)
    expect(body.split('\n')[2]).toMatch(
      /^## ❌ aivss-gate: This pull request makes `worker-\d+` riskier .*\(and 299 more agents\)$/,
    )
    expect(body).toContain(
      '| … | 285 more changed agents: see [the job summary](https://github.com/acme/agents/actions/runs/42) | | | |',
    )
    expect(body).toContain(
      '297 more agents fail: see [the job summary](https://github.com/acme/agents/actions/runs/42).',
    )
  })

  it('folds unchanged agents into one line', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 6; i++)
      files[`a-${i}.aivss.yml`] = passingDescriptor(`agent-${i}`)
    const report = comparedReport(files, { 'README.md': 'docs\n' })
    const lines = renderComment(report, { links: LINKS }).body.split('\n')
    expect(lines.slice(2, 5)).toEqual([
      '## ✅ aivss-gate: No agent changed by this pull request',
      '',
      '6 agents unchanged (highest score in the repository 3.4).',
    ])
    // A count, never a list.
    expect(lines.join('\n')).not.toContain('agent-0')
  })

  it('says when the base could not be compared, in the comment and the summary', () => {
    const repo = gitRepo({ 'a.aivss.yml': passingDescriptor('calm') })
    const { report } = runGate({
      root: repo,
      cwd: repo,
      today: '2026-01-15',
      compare: {
        kind: 'unavailable',
        reason: 'the base commit 0123456789ab is not in the clone',
        base: { kind: 'git', sha: '0123456789abcdef0123456789abcdef01234567' },
      },
    })
    const line =
      '⚠️ **No comparison with the base:** the base commit 0123456789ab is not in the clone. This report covers the head only; ratchet rules did not match.'
    expect(renderComment(report).body.split('\n')[4]).toBe(line)
    expect(renderJobSummary(report).split('\n')[2]).toBe(line)
    expect(report.delta).toMatchObject({
      available: false,
      base: { kind: 'git', sha: '0123456789abcdef0123456789abcdef01234567' },
    })
  })
})
