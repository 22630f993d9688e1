import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BASELINE_METRICS,
  BASELINE_RULES,
  METRIC_SEVERITY,
} from '../../src/core/assess/baseline.js'

/**
 * The README's table of baseline metric rules is the rule table itself, row
 * by row: a change to one without the other fails here, and the message is
 * the table to paste.
 */
function renderTable(): string {
  const lines = [
    '| Metric | Value | When | Because |',
    '|---|---|---|---|',
    ...BASELINE_RULES.map((rule) => {
      const when = rule.signal
        ? `\`${rule.signal}\`${rule.unless ? `, unless \`${rule.unless.join('`, `')}\`` : ''}`
        : 'otherwise'
      return `| ${rule.metric} | ${rule.value} | ${when} | ${rule.because.replace(/\|/g, '\\|')} |`
    }),
  ]
  return lines.join('\n')
}

const readme = readFileSync(
  join(import.meta.dirname, '..', '..', 'README.md'),
  'utf8',
)

describe('the README table of baseline metric rules', () => {
  it('is the rule table', () => {
    const found =
      /<!-- baseline-rules:start -->\n([\s\S]*?)\n<!-- baseline-rules:end -->/.exec(
        readme,
      )?.[1]
    expect(found, `README.md should hold:\n${renderTable()}`).toBe(
      renderTable(),
    )
  })

  it('orders each metric from its most severe value down, ending with "otherwise"', () => {
    for (const metric of BASELINE_METRICS) {
      const rows = BASELINE_RULES.filter((r) => r.metric === metric)
      const rank = rows.map((r) => METRIC_SEVERITY[metric].indexOf(r.value))
      expect(rank.every((r) => r >= 0)).toBe(true)
      // Controls may switch rows off, so they can only stand before rows of
      // lower severity; capability rows never follow a less severe row.
      for (let i = 1; i < rank.length; i++)
        expect(rank[i], `${metric} row ${i}`).toBeLessThanOrEqual(rank[i - 1]!)
      expect(rows.at(-1)?.signal).toBeUndefined()
      expect(rows.slice(0, -1).every((r) => r.signal !== undefined)).toBe(true)
    }
  })
})
