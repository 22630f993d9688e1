import { describe, expect, it } from 'vitest'
import {
  COMMENT_BUDGET,
  COMMENT_LIMIT,
  COMMENT_MARKER,
  commentDigest,
  isGateComment,
  renderComment,
} from '../../src/core/render/comment.js'
import { renderCompact, utf8Bytes } from '../../src/core/render/compact.js'
import { renderMarkdown } from '../../src/core/render/markdown.js'
import {
  SUMMARY_BUDGET,
  renderJobSummary,
} from '../../src/core/render/summary.js'
import { REPO } from '../support/files.js'
import {
  failingDescriptor,
  gateReport,
  HOSTILE_DESCRIPTOR,
  HOSTILE_NAME,
  passingDescriptor,
} from '../support/reports.js'
import { runGate } from '../../src/core/gate.js'
import { join } from 'node:path'

const LINKS = {
  blobBase:
    'https://github.com/acme/agents/blob/0123456789abcdef0123456789abcdef01234567',
  pathPrefix: '',
  fullReportUrl: 'https://github.com/acme/agents/actions/runs/42',
}

/** Markdown with its code spans removed: what GitHub would parse for mentions and HTML. */
function outsideCode(markdown: string): string {
  return markdown.replace(/`[^`\n]*`/g, '')
}

/** A report of `n` agents, most failing, with long descriptions: far over every limit. */
function hugeReport(n: number) {
  const files: Record<string, string> = {}
  for (let i = 0; i < n; i++) {
    files[`team-${i % 7}/agent-${i}.aivss.yml`] =
      i % 5 === 0
        ? passingDescriptor(`helper-${i}`)
        : failingDescriptor(
            `orchestrator-${i}`,
            `${'Coordinates worker agents. '.repeat(30)}`,
          )
  }
  return gateReport(files)
}

describe('the pull request comment', () => {
  const examples = runGate({
    root: join(REPO, 'examples'),
    cwd: REPO,
    today: '2026-01-15',
  }).report

  it('leads with the marker, the verdict and a table of agents linked to their lines', () => {
    const { body, digest } = renderComment(examples, {
      links: { ...LINKS, pathPrefix: 'examples' },
    })
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true)
    expect(isGateComment(body)).toBe(true)
    expect(commentDigest(body)).toBe(digest)
    const lines = body.split('\n')
    expect(lines[2]).toMatch(/^## (✅|⚠️|❌) aivss-gate: policy /)
    expect(body).toContain('| Agent | File | Score | Severity | Rules |')
    for (const agent of examples.agents) {
      expect(body).toContain(
        `[examples/${agent.file}:${agent.line}](${LINKS.blobBase}/examples/${agent.file}#L${agent.line})`,
      )
      expect(body).toContain(`<b>${agent.name}</b>`)
    }
    expect(body.match(/<details><summary>/g)?.length).toBeGreaterThanOrEqual(
      examples.agents.length,
    )
    expect(body).toContain(`[the job summary](${LINKS.fullReportUrl})`)
    expect(utf8Bytes(body)).toBeLessThanOrEqual(COMMENT_BUDGET)
  })

  it('puts failing agents first', () => {
    const report = gateReport({
      'a.aivss.yml': passingDescriptor('calm'),
      'b.aivss.yml': failingDescriptor('risky'),
    })
    const body = renderComment(report).body
    expect(body.indexOf('| risky |')).toBeLessThan(body.indexOf('| calm |'))
  })

  it('escapes everything that comes from manifests', () => {
    const evilFile = 'evil](javascript:alert(1)) @everyone.aivss.yml'
    const report = gateReport({
      'agents/hostile.aivss.yml': HOSTILE_DESCRIPTOR,
      [evilFile]: failingDescriptor(
        'x\n| broken | table |\n<script>alert(1)</script>',
      ),
    })
    const { body } = renderComment(report, { links: LINKS })
    const parsed = outsideCode(body)
    expect(parsed).not.toMatch(/<img|<script/i)
    expect(parsed).not.toMatch(/@(?!&#8203;)[A-Za-z]/)
    expect(parsed).not.toMatch(/(?<!\\)\]\(javascript:/)
    expect(parsed).not.toMatch(/(?<!\\)\]\((?!https:\/\/github\.com\/acme\/)/)
    expect(body).toContain(
      '@&#8203;everyone &lt;img src=x onerror=alert(1)&gt;',
    )
    expect(body).toContain(
      `${LINKS.blobBase}/evil%5D%28javascript%3Aalert%281%29%29%20%40everyone.aivss.yml#L1`,
    )
    // Every row of the agents table keeps its five cells.
    const table = body
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Agent'))
    expect(table.length).toBeGreaterThanOrEqual(2)
    for (const row of table.slice(0, 2))
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7)
    // Nothing from the manifest leaves its line.
    expect(body).not.toContain('\n| broken | table |')
    expect(HOSTILE_NAME).toContain('@everyone')
  })

  it('stays under the limit for a report far over it, and says where the rest is', () => {
    const report = hugeReport(300)
    expect(utf8Bytes(renderMarkdown(report))).toBeGreaterThan(
      10 * COMMENT_LIMIT,
    )
    const { body } = renderComment(report, { links: LINKS })
    expect(utf8Bytes(body)).toBeLessThanOrEqual(COMMENT_BUDGET)
    expect([...body].length).toBeLessThan(COMMENT_LIMIT)
    expect(body).toMatch(/^## ❌ aivss-gate: policy failed$/m)
    expect(body).toMatch(
      /more agents? are in \[the job summary\]\(https:\/\/github\.com\/acme\/agents\/actions\/runs\/42\)/,
    )
    expect(body).toContain('| Agent | File | Score | Severity | Rules |')
    expect(body.trimEnd().endsWith('</sub>')).toBe(true)
    // The failing agents lead the table.
    const firstRow = body
      .split('\n')
      .find((l) => l.startsWith('| orchestrator-') || l.startsWith('| helper-'))
    expect(firstRow).toMatch(/^\| orchestrator-/)
  })

  it('degrades to the verdict alone in a tiny budget, and never over it', () => {
    const report = hugeReport(12)
    for (const budget of [400, 1000, 3000, 20_000]) {
      const out = renderCompact(report, { budget, links: LINKS })
      expect(utf8Bytes(out)).toBeLessThanOrEqual(budget)
      if (budget >= 1000)
        expect(out).toMatch(/^## ❌ aivss-gate: policy failed/)
    }
  })

  it('has the same digest when only the run link changed', () => {
    const a = renderComment(examples, { links: LINKS })
    const b = renderComment(examples, {
      links: {
        ...LINKS,
        fullReportUrl: 'https://github.com/acme/agents/actions/runs/43',
      },
    })
    expect(b.body).not.toBe(a.body)
    expect(b.digest).toBe(a.digest)
    const other = renderComment(
      gateReport({ 'a.aivss.yml': passingDescriptor('calm') }),
      { links: LINKS },
    )
    expect(other.digest).not.toBe(a.digest)
    expect(commentDigest('<!-- not ours -->')).toBeUndefined()
  })
})

describe('the job summary', () => {
  it('is the full markdown report when it fits', () => {
    const report = gateReport({ 'a.aivss.yml': failingDescriptor('risky') })
    expect(renderJobSummary(report)).toBe(renderMarkdown(report))
  })

  it('is shortened, and says so, when the report is over 1 MiB', () => {
    const report = hugeReport(300)
    const full = utf8Bytes(renderMarkdown(report, { links: LINKS }))
    expect(full).toBeGreaterThan(1024 * 1024)
    const summary = renderJobSummary(report, { links: LINKS })
    expect(utf8Bytes(summary)).toBeLessThanOrEqual(SUMMARY_BUDGET)
    expect(summary).toContain('> [!NOTE]')
    expect(summary).toContain(`The full report (${Math.ceil(full / 1024)} KiB)`)
    expect(summary).toContain('the JSON report')
    // How to keep all of it after the job: the json-file input and an upload.
    expect(summary).toContain('`json-file`')
    expect(summary).toContain('actions/upload-artifact')
    expect(summary).not.toContain(LINKS.fullReportUrl)
  })
})
