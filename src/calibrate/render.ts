import { SEVERITIES, SEVERITY_LABELS } from '../core/aivss/severity.js'
import type { CalibrationReport, ScannedSet } from './calibrate.js'
import { VARIANT_KINDS } from './variants.js'

/**
 * The calibration report as GitHub-flavoured Markdown: each table can be
 * pasted into the README as it is.
 */

const TITLES: Record<ScannedSet['name'], string> = {
  corpus: 'shared corpus',
  fixtures: 'test fixtures',
}

export function renderReport(
  report: CalibrationReport,
  errorsShown = 5,
): string {
  const out: string[] = []
  for (const set of report.sets) out.push(...distributionSection(set))
  out.push(...dominanceSection(report, errorsShown))
  out.push(...maeSection(report))
  for (const set of report.sets) out.push(...textSection(set))
  return `${out.join('\n').trimEnd()}\n`
}

function distributionSection(set: ScannedSet): string[] {
  const head = `## Score distribution: ${TITLES[set.name]}`
  if (set.skipped) return [head, '', `Skipped: ${set.skipped}.`, '']
  const bands = SEVERITIES.map((s) => SEVERITY_LABELS[s])
  return [
    head,
    '',
    `${set.agents} agents in ${set.manifests} manifests under \`${set.root}\` (${set.problems} problems).`,
    '',
    `| Format | Agents | ${bands.join(' | ')} | Median |`,
    `|---|--:|${bands.map(() => '--:').join('|')}|--:|`,
    ...set.distribution.map((row) => {
      const name = row.format === 'total' ? '**Total**' : `\`${row.format}\``
      const shares = SEVERITIES.map((s) => percent(row.shares[s]))
      return `| ${name} | ${row.agents} | ${shares.join(' | ')} | ${row.median?.toFixed(1) ?? '-'} |`
    }),
    '',
  ]
}

function dominanceSection(
  report: CalibrationReport,
  errorsShown: number,
): string[] {
  const d = report.dominance
  const out = [
    '## Dominance over variant pairs',
    '',
    `${d.pairs} pairs from ${d.agents} agents: **${d.violations} violations** (a narrower variant scoring above a wider one on the score, a factor or a baseline metric).`,
    '',
    '| Variant | Pairs | Of which must be strictly higher | Violations | Of which only not strictly higher |',
    '|---|--:|--:|--:|--:|',
    ...VARIANT_KINDS.map((k) => {
      const c = d.byKind[k]
      return `| ${k} | ${c.pairs} | ${c.strict} | ${c.violations} | ${c.notStrict} |`
    }),
    '',
  ]
  if (d.examples.length > 0) {
    out.push('The first violations of each kind:', '')
    for (const v of d.examples)
      out.push(
        `- \`${v.file}\` ${v.agent}, ${v.kind} (${v.variant}): ${v.rose.join('; ')}`,
      )
    out.push('')
  }
  if (d.errors.length > 0)
    out.push(`${d.errors.length} variants could not be scored:`, '')
  for (const e of d.errors.slice(0, errorsShown)) out.push(`- ${e}`)
  if (d.errors.length > 0) out.push('')
  return out
}

function maeSection(report: CalibrationReport): string[] {
  const tables = report.mae.tables
  const first = tables[0]
  if (!first) return []
  const ids = Object.keys(first.factors) as Array<keyof typeof first.factors>
  const out = [
    '## Factor MAE against expert estimates (AIVSS v0.5, continuous)',
    '',
    `| Factor | ${tables.map((t) => `${t.name} (${t.agents.length})`).join(' | ')} |`,
    `|---|${tables.map(() => '--:').join('|')}|`,
    ...ids.map(
      (id) =>
        `| ${id} | ${tables.map((t) => fixed(t.factors[id])).join(' | ')} |`,
    ),
    `| **overall** | ${tables.map((t) => `**${fixed(t.overall)}**`).join(' | ')} |`,
    '',
  ]
  for (const note of report.mae.notes) out.push(`- ${note}`)
  if (report.mae.notes.length > 0) out.push('')
  return out
}

function textSection(set: ScannedSet): string[] {
  if (set.skipped) return []
  return [
    `## Text-derived factor values: ${TITLES[set.name]}`,
    '',
    '| Format | Agents | Factor values | Text-derived | Share |',
    '|---|--:|--:|--:|--:|',
    ...set.textDerived.map((row) => {
      const name = row.format === 'total' ? '**Total**' : `\`${row.format}\``
      const share = row.factorValues ? row.textDerived / row.factorValues : 0
      return `| ${name} | ${row.agents} | ${row.factorValues} | ${row.textDerived} | ${percent(share)} |`
    }),
    '',
  ]
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '-'
}
