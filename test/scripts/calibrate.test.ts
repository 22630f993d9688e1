import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SEVERITIES } from '../../src/core/aivss/severity.js'
import { DEFAULT_SCORING } from '../../src/core/aivss/settings.js'
import { assessAgent } from '../../src/core/assess/assess-agent.js'
import { scan } from '../../src/core/scan.js'
import { parseCalibrateArgs } from '../../src/calibrate/args.js'
import { calibrate, findShared, REPO } from '../../src/calibrate/calibrate.js'
import { isTextDerived, median } from '../../src/calibrate/distribution.js'
import {
  checkDominance,
  dominanceViolations,
  NOT_STRICT,
  type Compared,
} from '../../src/calibrate/dominance.js'
import { renderReport } from '../../src/calibrate/render.js'
import {
  BYPASS_SOURCE,
  VARIANT_KINDS,
  variantPairs,
} from '../../src/calibrate/variants.js'
import { FIXTURES } from '../support/files.js'
import { profile } from '../support/profiles.js'

/**
 * `npm run calibrate` runs src/calibrate/ compiled; this runs the same
 * code from source on the fixtures, as `--fixtures-only --json` would, and
 * checks the report's shape. Whether scoring is dominance-free is the
 * property tests' question, not this file's: here the comparator must
 * catch a planted violation.
 */
const report = calibrate({ fixturesOnly: true })
// What --json prints: NaN would turn into null there.
const json = JSON.parse(JSON.stringify(report)) as typeof report
const [fixtures] = report.sets

describe('npm run calibrate -- --fixtures-only --json', () => {
  it('reads its options', () => {
    expect(parseCalibrateArgs(['--fixtures-only', '--json'])).toMatchObject({
      fixturesOnly: true,
      json: true,
      check: false,
      corpus: undefined,
    })
    expect(parseCalibrateArgs(['--corpus', 'x', '--check'])).toMatchObject({
      corpus: 'x',
      check: true,
    })
    expect(() => parseCalibrateArgs(['--nope'])).toThrow()
    expect(() => parseCalibrateArgs(['stray'])).toThrow()
  })

  it('scans only the fixtures, with a row for every format they hold', () => {
    expect(json.sets.map((s) => s.name)).toEqual(['fixtures'])
    expect(fixtures?.root).toBe(join(REPO, 'test/fixtures'))
    const formats = new Set(
      scan({
        root: FIXTURES,
        settings: DEFAULT_SCORING,
        respectGitignore: false,
      }).assessments.map((a) => a.profile.format),
    )
    expect(formats.size).toBeGreaterThan(20)
    const rows = json.sets[0]?.distribution ?? []
    expect(rows.map((r) => r.format)).toEqual([...[...formats].sort(), 'total'])
    expect(json.sets[0]?.textDerived.map((r) => r.format)).toEqual(
      rows.map((r) => r.format),
    )
  })

  it('gives every format band shares that sum to 1 and a median in [0, 10]', () => {
    const rows = json.sets[0]?.distribution ?? []
    for (const row of rows) {
      expect(row.agents, row.format).toBeGreaterThan(0)
      const sum = SEVERITIES.reduce((s, band) => s + row.shares[band], 0)
      expect(sum, row.format).toBeCloseTo(1, 9)
      expect(SEVERITIES.reduce((s, b) => s + row.counts[b], 0)).toBe(row.agents)
      expect(row.median).toBeGreaterThanOrEqual(0)
      expect(row.median).toBeLessThanOrEqual(10)
    }
    const total = rows.at(-1)
    expect(total?.agents).toBe(
      rows.slice(0, -1).reduce((s, r) => s + r.agents, 0),
    )
    expect(total?.agents).toBe(fixtures?.agents)
  })

  it('counts text-derived factor values out of ten per agent', () => {
    for (const row of json.sets[0]?.textDerived ?? []) {
      expect(row.factorValues).toBe(row.agents * 10)
      expect(Number.isInteger(row.textDerived)).toBe(true)
      expect(row.textDerived).toBeGreaterThanOrEqual(0)
      expect(row.textDerived).toBeLessThanOrEqual(row.factorValues)
    }
    expect(isTextDerived({ textDerived: true })).toBe(true)
    expect(isTextDerived({ textDerived: 'yes' })).toBe(false)
    expect(isTextDerived({})).toBe(false)
  })

  it('has finite factor MAEs for both seed tables and all calibration cases', () => {
    const tables = json.mae.tables
    expect(tables.length).toBeGreaterThanOrEqual(3)
    expect(tables.at(-1)?.agents).toHaveLength(7)
    for (const table of tables) {
      const values = [...Object.values(table.factors), table.overall]
      expect(values, table.name).toHaveLength(11)
      for (const value of values) {
        expect(Number.isFinite(value), table.name).toBe(true)
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
      }
    }
    // The seed tables come from the seed files when they are there, else
    // from expected.json: two either way.
    expect(tables.slice(0, -1).map((t) => t.agents.join())).toHaveLength(2)
  })

  it('has a dominance section whose counts add up', () => {
    const d = json.dominance
    expect(Number.isInteger(d.violations)).toBe(true)
    expect(d.violations).toBeGreaterThanOrEqual(0)
    expect(d.agents).toBe(fixtures?.agents)
    expect(Object.keys(d.byKind)).toEqual([...VARIANT_KINDS])
    const kinds = Object.values(d.byKind)
    expect(kinds.reduce((s, k) => s + k.pairs, 0)).toBe(d.pairs)
    expect(kinds.reduce((s, k) => s + k.violations, 0)).toBe(d.violations)
    for (const kind of VARIANT_KINDS)
      expect(d.byKind[kind].pairs, kind).toBeGreaterThan(0)
    expect(d.examples.length).toBeLessThanOrEqual(d.violations)
    expect(d.errors).toEqual([])
  })

  it('renders Markdown tables for each section', () => {
    const text = renderReport(report)
    expect(text).toContain('## Score distribution: test fixtures')
    expect(text).toContain(
      '| Format | Agents | None | Low | Medium | High | Critical | Median |',
    )
    expect(text).toContain('## Dominance over variant pairs')
    expect(text).toContain('## Factor MAE against expert estimates')
    expect(text).toContain('## Text-derived factor values: test fixtures')
    for (const row of fixtures?.distribution ?? [])
      if (row.format !== 'total') expect(text).toContain(`| \`${row.format}\``)
  })
})

describe('the dominance comparator', () => {
  const fake = (
    score: number,
    factors: Record<string, number>,
    vector: string | null,
  ): Compared => ({
    score,
    factors: Object.entries(factors).map(([id, value]) => ({ id, value })),
    baseline: { vector },
  })
  const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N'

  it('accepts equal and rising pairs', () => {
    const a = fake(5, { autonomyOfAction: 0.5 }, base)
    expect(dominanceViolations(a, a)).toEqual([])
    expect(
      dominanceViolations(a, fake(6, { autonomyOfAction: 0.7 }, base), true),
    ).toEqual([])
  })

  it('catches a planted violation on the score, a factor and a metric', () => {
    const less = fake(
      7.1,
      { autonomyOfAction: 0.8, dynamicToolUse: 0.2 },
      base.replace('SA:N', 'SA:H'),
    )
    const more = fake(
      7,
      { autonomyOfAction: 0.6, dynamicToolUse: 0.9 },
      base.replace('AV:N', 'AV:L'),
    )
    expect(dominanceViolations(less, more)).toEqual([
      'score 7.1 > 7',
      'autonomyOfAction 0.8 > 0.6',
      'AV N > L',
      'SA H > N',
    ])
  })

  it('orders the metrics as CVSS v4.0 does', () => {
    const pair = (a: string, b: string) =>
      dominanceViolations(
        fake(1, {}, base.replace(/UI:./, a)),
        fake(1, {}, base.replace(/UI:./, b)),
      )
    expect(pair('UI:N', 'UI:P')).toEqual(['UI N > P'])
    expect(pair('UI:P', 'UI:A')).toEqual(['UI P > A'])
    expect(pair('UI:A', 'UI:N')).toEqual([])
    // No vector on one side: nothing to compare metric by metric.
    expect(dominanceViolations(fake(1, {}, base), fake(1, {}, null))).toEqual(
      [],
    )
  })

  it('requires a strictly higher score of strict pairs', () => {
    const a = fake(5, {}, null)
    expect(dominanceViolations(a, a, true)).toEqual([`${NOT_STRICT} (5)`])
  })

  it('counts a planted violation through assessAgent', () => {
    // A declared factor above the wider variant's: the narrower one of the
    // drop-tool pair then scores higher on that factor.
    const wide = profile({
      name: 'planted',
      tools: [{ name: 'read_docs', kind: 'search', readOnly: true }],
    })
    const assessed = assessAgent(wide, DEFAULT_SCORING)
    const [pair] = variantPairs(wide)
    expect(pair?.kind).toBe('drop-tool')
    const narrow = assessAgent(
      {
        ...(pair?.less ?? wide),
        aivss: {
          factors: { dynamicIdentity: 1 },
          factorSources: {},
          vulnerabilities: [],
          from: ['a.aivss.yml'],
        },
      },
      DEFAULT_SCORING,
    )
    expect(
      dominanceViolations(narrow, assessed).some((r) =>
        r.startsWith('dynamicIdentity 1 >'),
      ),
    ).toBe(true)
    const result = checkDominance([assessed])
    expect(result.pairs).toBe(variantPairs(wide).length)
    expect(result.agents).toBe(1)
  })
})

describe('variant pairs', () => {
  const agent = profile({
    tools: [
      { name: 'Bash', kind: 'shell', requiresApproval: true },
      { name: 'Read', kind: 'file-read', readOnly: true },
    ],
    controls: { sandbox: true, logging: false },
  })
  const pairs = variantPairs(agent)
  const of = (kind: string) => pairs.filter((p) => p.kind === kind)

  it('narrows and widens the tool list', () => {
    expect(of('drop-tool').map((p) => p.less.tools.map((t) => t.name))).toEqual(
      [['Read'], ['Bash']],
    )
    expect(of('read-only-tools')[0]?.less.tools.map((t) => t.name)).toEqual([
      'Read',
    ])
    expect(of('add-shell')[0]?.more.tools.at(-1)).toMatchObject({
      name: 'Bash_2',
      kind: 'shell',
    })
    expect(of('all-tools')[0]?.more.allTools).toBe(true)
    for (const p of pairs)
      expect(p.less === agent || p.more === agent).toBe(true)
  })

  it('removes controls and approvals, and bypasses the host default', () => {
    expect(of('remove-control')[0]?.more.controls).toEqual({ logging: false })
    expect(of('remove-control-off')[0]?.less.controls).toEqual({
      sandbox: true,
    })
    expect(of('remove-approval')[0]?.more.tools[0]).toEqual({
      name: 'Bash',
      kind: 'shell',
    })
    const [bypass] = of('bypass-approvals')
    expect(bypass?.strict).toBe(true)
    for (const tool of bypass?.more.tools ?? [])
      expect(tool).toMatchObject({
        requiresApproval: false,
        approvalSource: BYPASS_SOURCE,
      })
  })

  it('asks for a strict rise only where the default asks before a change', () => {
    const unasked = profile({ tools: [{ name: 'Bash', kind: 'shell' }] })
    expect(
      variantPairs(unasked).find((p) => p.kind === 'bypass-approvals')?.strict,
    ).toBe(false)
    expect(variantPairs(profile()).map((p) => p.kind)).toEqual([
      'add-shell',
      'all-tools',
    ])
  })
})

describe('helpers', () => {
  it('takes the median of odd and even lists', () => {
    expect(median([])).toBeNull()
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 2, 3])).toBe(2.5)
  })

  it('finds shared/<what> beside the repository or above it', () => {
    const found = findShared(REPO, 'corpus')
    if (found !== undefined) expect(found).toMatch(/shared[\\/]corpus$/)
    expect(findShared(REPO, 'no-such-folder-anywhere')).toBeUndefined()
  })
})
