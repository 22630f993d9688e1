import { SEVERITY_LABELS } from '../aivss/severity.js'
import type { Report, ReportAgent, ReportPolicy } from '../report/schema.js'
import {
  htmlText,
  mdCode,
  mdLink,
  mdText,
  safeHttpUrl,
  urlPath,
} from './escape.js'
import { formatScore } from './format.js'
import { repoPath } from './location.js'
import { markdownDelta, scoreNotes } from './delta.js'
import { agentSection, declaredScores } from './markdown-agent.js'
import {
  policyCallout,
  VERDICT_ICON,
  verdictCounts,
  verdictTitle,
} from './verdict.js'

/**
 * The report in a size budget: the verdict and a table of agents first, then
 * each agent's details folded in `<details>`, as many as fit. What does not
 * fit is shortened (details without the factor and threat tables), then left
 * out with a link to where the whole report is. It never fails and never
 * goes over the budget, whatever the manifests hold.
 */

export interface ReportLinks {
  /** Base of file links (`https://github.com/o/r/blob/<sha>`); the path and `#L<line>` follow. */
  readonly blobBase?: string | undefined
  /** The scan root's path inside the repository, `/`-separated ('' at the top). */
  readonly pathPrefix?: string | undefined
  /** The page with the full report (the workflow run, whose job summary holds it). */
  readonly fullReportUrl?: string | undefined
  /** What that page is called in the text, e.g. "the job summary". */
  readonly fullReportLabel?: string | undefined
}

export interface CompactOptions {
  /** Largest size of the result, in UTF-8 bytes (never fewer than characters). */
  readonly budget: number
  readonly links?: ReportLinks
  /** Trusted markdown shown under the verdict (e.g. why the report was shortened). */
  readonly notice?: string
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

export function renderCompact(report: Report, options: CompactOptions): string {
  const links = options.links ?? {}
  const where = fullReportLink(links)
  const agents = byImportance(report.agents)
  const heads = headVariants(report, options.notice, where)
  const foot = footer(report, where)
  const rowsLeft = (n: number): string =>
    `| … | ${n} more agent${n === 1 ? '' : 's'}: see ${where} | | | |`
  const detailsLeft = (n: number): string =>
    `Details of ${n} more agent${n === 1 ? '' : 's'} are in ${where}.`
  // Room kept for the closing lines, sized for the longest they can be.
  const reserve =
    utf8Bytes(foot) +
    utf8Bytes(rowsLeft(agents.length)) +
    utf8Bytes(detailsLeft(agents.length)) +
    8
  const parts: string[] = []
  let room = options.budget - reserve
  const add = (text: string): boolean => {
    const size = utf8Bytes(text) + 2
    if (size > room) return false
    parts.push(text)
    room -= size
    return true
  }

  // The longest head that fits: the delta in full, shortened, or left out.
  const head = heads.find((h) => utf8Bytes(h) + 2 <= room) ?? heads.at(-1) ?? ''
  if (!add(head)) return cutToBytes(`${head}\n\n${foot}`, options.budget)
  if (agents.length > 0) {
    const table = [
      '| Agent | File | Score | Severity | Rules |',
      '|---|---|---:|---|---|',
    ]
    let size = utf8Bytes(table.join('\n')) + 2
    let shown = 0
    const notes = scoreNotes(report)
    for (const agent of agents) {
      const row = tableRow(agent, links, notes.get(agent.id))
      if (size + utf8Bytes(row) + 1 > room) break
      table.push(row)
      size += utf8Bytes(row) + 1
      shown += 1
    }
    if (shown < agents.length) table.push(rowsLeft(agents.length - shown))
    if (shown > 0) {
      parts.push(table.join('\n'))
      room -= size
    }
  }
  const problems = problemLines(report)
  if (problems.length > 0) add(problems.join('\n'))

  let detailed = 0
  for (const agent of agents) {
    if (
      !add(details(agent, report, 'full')) &&
      !add(details(agent, report, 'short'))
    )
      break
    detailed += 1
  }
  if (detailed < agents.length)
    parts.push(detailsLeft(agents.length - detailed))
  parts.push(foot)
  return `${parts.join('\n\n')}\n`
}

/** Failing agents first, then warned, excepted and passed; higher scores first. */
export function byImportance(agents: readonly ReportAgent[]): ReportAgent[] {
  const rank = (a: ReportAgent): number => {
    const outcomes = a.policy?.rules.map((r) => r.outcome) ?? []
    if (outcomes.includes('fail')) return 0
    if (outcomes.includes('warn')) return 1
    if (outcomes.includes('excepted')) return 2
    return 3
  }
  return [...agents].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.score - a.score ||
      a.file.localeCompare(b.file, 'en', { numeric: true }) ||
      a.line - b.line ||
      a.name.localeCompare(b.name, 'en', { numeric: true }),
  )
}

/** The head with the delta section in full, then shorter, then without. */
function headVariants(
  report: Report,
  notice: string | undefined,
  where: string,
): string[] {
  if (!report.delta) return [headLines(report, notice, [])]
  const full = markdownDelta(report, { maxItems: 20, more: where })
  const short = markdownDelta(report, {
    maxItems: 3,
    more: where,
    listUnchanged: false,
  })
  return [
    headLines(report, notice, full),
    headLines(report, notice, short),
    headLines(report, notice, short.slice(0, 1)),
    headLines(report, notice, []),
  ]
}

function headLines(
  report: Report,
  notice: string | undefined,
  delta: readonly string[],
): string {
  const policy = report.policy
  const title = policy
    ? `## ${VERDICT_ICON[policy.result]} aivss-gate: ${verdictTitle(policy)}`
    : '## aivss-gate: AIVSS report'
  const facts = [
    policy ? `**${verdictCounts(policy)}**` : undefined,
    policy ? `policy ${mdCode(policy.chain.join(' → '), 200)}` : undefined,
    `**${report.summary.agents} agent${report.summary.agents === 1 ? '' : 's'}**`,
    report.summary.maxScore === null
      ? `none found in ${report.summary.filesConsidered} files`
      : `highest score **${formatScore(report.summary.maxScore)}**`,
    `OWASP AIVSS v${report.aivss.version}`,
  ].filter((f): f is string => f !== undefined)
  return [
    title,
    '',
    ...policyCallout(policy),
    ...(delta.length > 0 ? [...delta, ''] : []),
    facts.join(' · '),
    ...(notice ? ['', notice] : []),
  ].join('\n')
}

function tableRow(
  agent: ReportAgent,
  links: ReportLinks,
  note: string | undefined,
): string {
  return `| ${mdText(agent.name, 80)} | ${fileLink(agent.file, agent.line, links)} | **${formatScore(agent.score)}**${note ? ` (${note})` : ''} | ${SEVERITY_LABELS[agent.severity]} | ${rulesCell(agent)} |`
}

/** `[path:line](blob/<sha>/path#Lline)`, or the escaped text without a link base. */
export function fileLink(
  file: string,
  line: number | undefined,
  links: ReportLinks,
): string {
  const base = safeHttpUrl(links.blobBase)?.replace(/\/+$/, '')
  const path = repoPath(links.pathPrefix ?? '', file)
  const url = base
    ? `${base}/${urlPath(path)}${line ? `#L${line}` : ''}`
    : undefined
  return mdLink(`${path}${line ? `:${line}` : ''}`, url, 160)
}

const OUTCOME_ICON = { fail: '❌', warn: '⚠️', excepted: '➖' } as const

function rulesCell(agent: ReportAgent): string {
  if (!agent.policy) return '—'
  const open = agent.policy.rules.filter((r) => r.outcome !== 'pass')
  if (open.length === 0) return '✅ pass'
  const shown = open
    .slice(0, 5)
    .map(
      (r) =>
        `${OUTCOME_ICON[r.outcome as keyof typeof OUTCOME_ICON]} ${mdText(r.rule, 60)}${r.outcome === 'excepted' ? ' (excepted)' : ''}`,
    )
  if (open.length > 5) shown.push(`+${open.length - 5} more`)
  return shown.join(', ')
}

/** Findings that concern no agent: unreadable manifests, stale exceptions. */
function problemLines(report: Report): string[] {
  const policy: ReportPolicy | undefined = report.policy
  if (!policy) return []
  const lines: string[] = []
  const loose = policy.violations.filter((v) => v.agent === undefined)
  for (const v of loose.slice(0, 20))
    lines.push(
      `- ${OUTCOME_ICON[v.action]} ${mdCode(v.rule, 60)} ${mdCode(`${v.file}:${v.line ?? 1}`, 160)}: ${mdText(v.message, 300)}`,
    )
  if (loose.length > 20) lines.push(`- … and ${loose.length - 20} more`)
  const notices = [...policy.expiredExceptions, ...policy.unusedExceptions]
  for (const e of notices.slice(0, 10))
    lines.push(
      `- ⚠️ ${mdText(e.message, 300)} (${mdCode(`${e.source}:${e.line ?? 1}`, 160)})`,
    )
  if (notices.length > 10)
    lines.push(`- … and ${notices.length - 10} more exception notices`)
  return lines
}

function details(
  agent: ReportAgent,
  report: Report,
  size: 'full' | 'short',
): string {
  const icon = agent.policy ? VERDICT_ICON[agent.policy.result] : ''
  const summary = `<details><summary>${icon} <b>${htmlText(agent.name, 80)}</b> — ${formatScore(agent.score)} ${SEVERITY_LABELS[agent.severity]}</summary>`
  const rules = (agent.policy?.rules ?? [])
    .filter((r) => r.outcome !== 'pass')
    .map(
      (r) =>
        `- ${OUTCOME_ICON[r.outcome as keyof typeof OUTCOME_ICON]} ${mdCode(r.rule, 60)}${r.outcome === 'excepted' ? ' (excepted)' : ''}: ${mdText(r.message, 400)}`,
    )
  const body =
    size === 'full'
      ? withoutHeading(agentSection(agent, report))
      : [...declaredLine(agent), mdText(agent.summary, 1200)]
  return [
    summary,
    '',
    ...(rules.length > 0 ? [...rules, ''] : []),
    ...body,
    '',
    '</details>',
  ].join('\n')
}

/** Both scores of an agent whose claims are under review, as a paragraph. */
function declaredLine(agent: ReportAgent): string[] {
  const scores = declaredScores(agent)
  return scores ? [`⚠️ **${scores}**`, ''] : []
}

/** The agent section starts with its own heading, which the summary line replaces. */
function withoutHeading(lines: string[]): string[] {
  return lines[0]?.startsWith('### ') ? lines.slice(2) : lines
}

function fullReportLink(links: ReportLinks): string {
  const label = links.fullReportLabel ?? 'the job summary'
  return mdLink(label, safeHttpUrl(links.fullReportUrl), 100)
}

function footer(report: Report, where: string): string {
  const version = report.tool.version.replace(/[^0-9A-Za-z.+-]/g, '')
  return `<sub>aivss-gate ${version} · full report: ${where}</sub>`
}

/** Last resort for a budget too small for the head: cut at a character boundary. */
function cutToBytes(text: string, budget: number): string {
  let out = ''
  let size = 0
  for (const char of text) {
    const n = utf8Bytes(char)
    if (size + n > budget) break
    out += char
    size += n
  }
  return out
}
