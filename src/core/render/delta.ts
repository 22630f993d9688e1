import { factorName, type AivssVersion } from '../aivss/factors.js'
import { SEVERITY_LABELS } from '../aivss/severity.js'
import type {
  Report,
  ReportDelta,
  ReportDeltaChange,
} from '../report/schema.js'
import { mdCode, mdText, plainText } from './escape.js'
import { formatScore, formatValue } from './format.js'

/**
 * The delta section every report leads with: what the pull request changed
 * against the base, worst first, with unchanged agents folded into one
 * line. Manifest text (names, tool names, paths) is escaped for the target.
 */

interface Style {
  /** An agent name. */
  readonly name: (text: string) => string
  /** A path or tool name. */
  readonly code: (text: string) => string
  /** Other untrusted text (reasons, notes). */
  readonly text: (text: string) => string
}

const MARKDOWN: Style = {
  name: (t) => `**${mdText(t, 80)}**`,
  code: (t) => mdCode(t, 120),
  text: (t) => mdText(t, 400),
}

const PLAIN: Style = {
  name: (t) => plainText(t, 80),
  code: (t) => plainText(t, 120),
  text: (t) => plainText(t, 400),
}

type DeltaTool = ReportDelta['added'][number]['tools'][number]
type DeltaAgent = ReportDelta['added'][number]

/** "base `main` (`1a2b3c4`)", "baseline file `.github/aivss-baseline.json`". */
function baseLabel(delta: ReportDelta, style: Style): string {
  const base = delta.base
  if (!base) return 'the base'
  if (base.kind === 'file')
    return `baseline file ${style.code(base.file ?? '')}`
  const sha = base.sha?.slice(0, 12) ?? ''
  return base.ref && base.ref !== base.sha
    ? `base ${style.code(base.ref)} (${style.code(sha)})`
    : `base ${style.code(sha)}`
}

function toolPhrase(
  tool: DeltaTool,
  unapproved: readonly string[],
  style: Style,
): string {
  return `${style.code(tool.name)} (${tool.kind})${unapproved.includes(tool.name) ? ' without human approval' : ''}`
}

function listTools(
  tools: readonly DeltaTool[],
  unapproved: readonly string[] | undefined,
  style: Style,
  max: number,
): string {
  const shown = tools
    .slice(0, max)
    .map((t) => toolPhrase(t, unapproved ?? [], style))
  if (tools.length > max) shown.push(`+${tools.length - max} more`)
  return shown.join(', ')
}

/** What changed about one agent, as short phrases. */
function changePhrases(
  change: ReportDeltaChange,
  version: AivssVersion,
  style: Style,
): string[] {
  const phrases: string[] = []
  if (change.from && change.from.file !== change.file)
    phrases.push(`renamed from ${style.code(change.from.file)}`)
  if (change.allTools)
    phrases.push(
      change.allTools.after
        ? 'tool list opened (every tool of its host)'
        : 'tool list closed',
    )
  const added = change.tools.added
  if (added.length > 0)
    phrases.push(
      `new tool${added.length === 1 ? '' : 's'} ${listTools(added, change.unapprovedTools, style, 5)}`,
    )
  const removed = change.tools.removed
  if (removed.length > 0)
    phrases.push(
      `tool${removed.length === 1 ? '' : 's'} ${listTools(removed, [], style, 5)} removed`,
    )
  for (const control of change.controls.removed)
    phrases.push(`${control} no longer declared`)
  for (const control of change.controls.added)
    phrases.push(`${control} now declared`)
  const declared = change.declarations ?? []
  if (declared.length > 0)
    phrases.push(
      `declarations changed: ${declared.slice(0, 4).join(', ')}${declared.length > 4 ? ` and ${declared.length - 4} more` : ''}`,
    )
  const factors = [...change.factors].sort(
    (a, b) => Math.abs(b.change) - Math.abs(a.change),
  )
  for (const f of factors.slice(0, 4))
    phrases.push(
      `${factorName(f.id, version)} ${formatValue(f.before)} → ${formatValue(f.after)}`,
    )
  if (factors.length > 4)
    phrases.push(
      `${factors.length - 4} more factor${factors.length === 5 ? '' : 's'} moved`,
    )
  return phrases
}

/** "5.1 → 7.4 (Medium → High)" or "6.3 (Medium)" when the score held. */
function scoreMove(change: ReportDeltaChange): string {
  const { score, severity } = change
  const band =
    severity.before === severity.after
      ? SEVERITY_LABELS[severity.after]
      : `${SEVERITY_LABELS[severity.before]} → ${SEVERITY_LABELS[severity.after]}`
  return score.change === 0
    ? `${formatScore(score.after)} (${band})`
    : `${formatScore(score.before)} → ${formatScore(score.after)} (${band})`
}

function changeLine(
  change: ReportDeltaChange,
  version: AivssVersion,
  style: Style,
  judged: string | undefined,
): string {
  const phrases = [
    ...(judged ? [judged] : []),
    ...changePhrases(change, version, style),
  ]
  return `${style.name(change.name)} ${scoreMove(change)}${phrases.length > 0 ? `: ${phrases.join('; ')}` : ''}`
}

/**
 * For agents the policy judged without the claims under review: the score
 * the delta moves to is the declared one, so the line says which score
 * the verdict used ("judged on the estimate from the manifest: 9.6
 * (Critical)").
 */
function judgedNotes(report: Report): Map<string, string> {
  const notes = new Map<string, string>()
  for (const agent of report.agents) {
    const d = agent.declarations
    if (d?.underReview && d.judgedOn === 'estimate')
      notes.set(
        agent.id,
        `judged on the estimate from the manifest: ${formatScore(d.reviewedScore)} (${SEVERITY_LABELS[d.reviewedSeverity]})`,
      )
  }
  return notes
}

function addedLine(
  agent: DeltaAgent,
  style: Style,
  judged: string | undefined,
): string {
  const tools = agent.allTools
    ? '; every tool of its host'
    : agent.tools.length > 0
      ? `; tools ${listTools(agent.tools, agent.unapprovedTools, style, 5)}`
      : ''
  return `${style.name(agent.name)} new in ${style.code(`${agent.file}:${agent.line ?? 1}`)}: ${formatScore(agent.score)} (${SEVERITY_LABELS[agent.severity]})${judged ? `; ${judged}` : ''}${tools}`
}

function removedLine(agent: DeltaAgent, style: Style): string {
  return `${style.name(agent.name)} removed from ${style.code(agent.file)} (was ${formatScore(agent.score)} ${SEVERITY_LABELS[agent.severity]})`
}

type UnreadableAgent = NonNullable<ReportDelta['unreadable']>[number]

function unreadableLine(agent: UnreadableAgent, style: Style): string {
  return `${style.name(agent.name)} now unreadable in ${style.code(agent.file)} (was ${formatScore(agent.score)} ${SEVERITY_LABELS[agent.severity]}): ${style.text(agent.reason)}`
}

/** Worst first: the biggest rise, then path order (the report's order). */
function byRise(changes: readonly ReportDeltaChange[]): ReportDeltaChange[] {
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.score.change - a.c.score.change || a.i - b.i)
    .map(({ c }) => c)
}

function byScore(agents: readonly DeltaAgent[]): DeltaAgent[] {
  return agents
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.score - x.a.score || x.i - y.i)
    .map(({ a }) => a)
}

/** Each change as one line, worst first, with its marker. */
function changeItems(
  report: Report,
  delta: ReportDelta,
  style: Style,
  marks: {
    changed: string
    added: string
    removed: string
    unreadable: string
    renamed: string
  },
): string[] {
  const version = report.aivss.version
  const judged = judgedNotes(report)
  return [
    // An agent hidden by an unreadable file leads: it is the worst news.
    ...byScore(delta.unreadable ?? []).map(
      (a) =>
        `${marks.unreadable}${unreadableLine(a as UnreadableAgent, style)}`,
    ),
    ...byRise(delta.changed).map(
      (c) =>
        `${marks.changed}${changeLine(c, version, style, judged.get(c.id))}`,
    ),
    ...byScore(delta.added).map(
      (a) => `${marks.added}${addedLine(a, style, judged.get(a.id))}`,
    ),
    ...byScore(delta.removed).map(
      (a) => `${marks.removed}${removedLine(a, style)}`,
    ),
    ...delta.renamed
      .filter((r) => !r.changed)
      .map(
        (r) =>
          `${marks.renamed}${style.name(r.to.name)} renamed: ${style.code(r.from.file)} → ${style.code(r.to.file)}`,
      ),
  ]
}

/** Names of unchanged agents, from the report's agents (ids may hold `#`). */
function unchangedNames(report: Report, delta: ReportDelta): string[] {
  const byId = new Map(report.agents.map((a) => [a.id, a] as const))
  return delta.unchangedAgents.map((id) => byId.get(id)?.name ?? id)
}

export interface DeltaMarkdownOptions {
  /** Most change lines shown; the rest are counted. */
  readonly maxItems?: number
  /** Where the rest can be read, e.g. "the job summary". */
  readonly more?: string
  /** List the unchanged agents in a fold (default) or leave them counted. */
  readonly listUnchanged?: boolean
}

/** The markdown delta section (no trailing blank line), or nothing without a delta. */
export function markdownDelta(
  report: Report,
  options: DeltaMarkdownOptions = {},
): string[] {
  const delta = report.delta
  if (!delta) return []
  if (!delta.available)
    return [
      `⚠️ **No comparison with the base:** ${mdText(delta.reason ?? 'no base was given', 400)}. This report covers the head only; ratchet rules did not match.`,
    ]
  const lines = [
    `**${delta.summary}** · compared with ${baseLabel(delta, MARKDOWN)}`,
  ]
  const max = options.maxItems ?? 200
  const items = changeItems(report, delta, MARKDOWN, {
    changed: '- ',
    added: '- ➕ ',
    removed: '- ➖ ',
    unreadable: '- ⛔ ',
    renamed: '- ↪️ ',
  })
  if (items.length > 0) lines.push('', ...items.slice(0, max))
  if (items.length > max)
    lines.push(
      `- … and ${items.length - max} more${options.more ? ` in ${options.more}` : ''}`,
    )
  for (const note of delta.notes) lines.push('', `⚠️ ${mdText(note, 400)}`)
  const names =
    options.listUnchanged === false ? [] : unchangedNames(report, delta)
  if (names.length > 0) {
    const shown = names.slice(0, 100).map((n) => mdText(n, 60))
    if (names.length > 100) shown.push(`… and ${names.length - 100} more`)
    lines.push(
      '',
      `<details><summary>${names.length} unchanged agent${names.length === 1 ? '' : 's'}</summary>`,
      '',
      shown.join(', '),
      '',
      '</details>',
    )
  }
  return lines
}

/** The text report's delta lines (with a blank line after), or nothing. */
export function textDelta(report: Report): string[] {
  const delta = report.delta
  if (!delta) return []
  if (!delta.available)
    return [
      `No comparison with the base: ${plainText(delta.reason ?? 'no base was given', 400)}. This report covers the head only; ratchet rules did not match.`,
      '',
    ]
  const lines = [`${delta.summary} (compared with ${baseLabel(delta, PLAIN)})`]
  lines.push(
    ...changeItems(report, delta, PLAIN, {
      changed: '  changed  ',
      added: '  added    ',
      removed: '  removed  ',
      unreadable: '  unread   ',
      renamed: '  renamed  ',
    }),
  )
  for (const note of delta.notes) lines.push(`  note: ${plainText(note, 400)}`)
  const names = unchangedNames(report, delta)
  if (names.length > 0) {
    const shown = names.slice(0, 20).map((n) => plainText(n, 60))
    lines.push(
      `  unchanged: ${shown.join(', ')}${names.length > 20 ? `, … and ${names.length - 20} more` : ''}`,
    )
  }
  lines.push('')
  return lines
}

/** A note for an agent's score cell: "was 5.1", "new"; empty when unchanged. */
export function scoreNotes(report: Report): Map<string, string> {
  const notes = new Map<string, string>()
  const delta = report.delta
  if (delta?.available) {
    for (const a of delta.added) notes.set(a.id, 'new')
    for (const c of delta.changed)
      if (c.score.change !== 0)
        notes.set(c.id, `was ${formatScore(c.score.before)}`)
  }
  // Claims under review: the score shown is the declared one.
  for (const agent of report.agents) {
    const d = agent.declarations
    if (!d?.underReview) continue
    const note = `declared in this pull request · estimated from the manifest: ${formatScore(d.estimatedScore)}`
    const earlier = notes.get(agent.id)
    notes.set(agent.id, earlier ? `${earlier}; ${note}` : note)
  }
  return notes
}
