import { SEVERITY_LABELS } from '../aivss/severity.js'
import type { Report, ReportPolicy } from '../report/schema.js'
import { mdCode, mdText } from './escape.js'
import { markdownDelta, scoreNotes } from './delta.js'
import { byImportance, fileLink, type ReportLinks } from './compact.js'
import { agentSection } from './markdown-agent.js'
import { basisPhrase, defaultThreatMultiplier, formatScore } from './format.js'
import {
  agentRuleSummary,
  policyCallout,
  unlistedLine,
  VERDICT_ICON,
  verdictCounts,
  verdictTitle,
} from './verdict.js'

/**
 * The markdown report: the body of the PR comment and the job summary, and
 * the CLI's `--format markdown`. Pure: a string from a report.
 */
export function renderMarkdown(
  report: Report,
  options: { readonly links?: ReportLinks } = {},
): string {
  const links = options.links ?? {}
  const agents = byImportance(report.agents)
  const policy = report.policy
  const title = policy
    ? `## ${VERDICT_ICON[policy.result]} aivss-gate: ${verdictTitle(policy)}`
    : '## aivss-gate: AIVSS report'
  const lines: string[] = [title, '']
  lines.push(...policyCallout(policy))
  const delta = markdownDelta(report, { more: 'the JSON report' })
  if (delta.length > 0) lines.push(...delta, '')
  if (policy) lines.push(...verdictSection(policy), '')
  lines.push(headline(report), '')
  if (report.agents.length > 0) {
    const rulesColumn = policy ? ' Rules |' : ''
    lines.push(
      `| Agent | File | Format | Score | Severity | Agent-only |${rulesColumn}`,
    )
    lines.push(`|---|---|---|---:|---|---:|${policy ? '---|' : ''}`)
    const notes = scoreNotes(report)
    for (const agent of agents) {
      const rules = policy ? ` ${mdText(agentRuleSummary(agent), 300)} |` : ''
      const note = notes.get(agent.id)
      lines.push(
        `| ${mdText(agent.name, 80)} | ${fileLink(agent.file, agent.line, links)} | ${mdCode(agent.format)} | **${formatScore(agent.score)}**${note ? ` (${note})` : ''} | ${SEVERITY_LABELS[agent.severity]} | ${formatScore(agent.agenticScore)} |${rules}`,
      )
    }
    lines.push('', COLUMNS + (policy ? RULES_COLUMN : ''), '')
  }
  for (const agent of agents) lines.push(...agentSection(agent, report), '')
  if (report.errors.length > 0) {
    for (const line of problemSection(report)) lines.push(line)
    lines.push('')
  }
  lines.push(footer(report))
  return lines.join('\n') + '\n'
}

const COLUMNS =
  '<sub>Agents in order of what the policy found, then by score. **Score**: the headline OWASP AIVSS score (0–10): of a vulnerability the agent declares, else estimated from the manifest with a baseline vector that aivss-gate derives (the spec defines no vector for an agent; each agent’s details give every input); **Severity**: its band; **Agent-only**: the AIVSS formula with no vulnerability (C = 0; v0.5: the AARS), also aivss-gate’s construct.'
const RULES_COLUMN =
  ' **Rules**: the policy rules it fails or warns on; *pre-existing* ones held on the base already and did not count toward the verdict.'

function headline(report: Report): string {
  const { summary, aivss } = report
  const count = `**${summary.agents} agent${summary.agents === 1 ? '' : 's'}**`
  const top =
    summary.maxScore === null
      ? 'no agents found'
      : `highest score **${formatScore(summary.maxScore)}**`
  const errors =
    report.errors.length > 0
      ? ` · ${report.errors.length} file problem${report.errors.length === 1 ? '' : 's'}`
      : ''
  return `${count} · ${top} · ${basisPhrase(report.agents, aivss.version)} · ${defaultThreatMultiplier(aivss.threatMultiplier)} · ${aivss.scale} factors${errors}`
}

function verdictSection(policy: ReportPolicy): string[] {
  const lines = [
    `**${verdictCounts(policy)}** · policy ${mdCode(policy.chain.join(' → '), 200)}`,
  ]
  if (policy.violations.length > 0) {
    lines.push('', '| | Rule | Agent | Why |', '|---|---|---|---|')
    // What the change brought first, then what held on the base already.
    const ordered = [
      ...policy.violations.filter((v) => !v.preExisting),
      ...policy.violations.filter((v) => v.preExisting),
    ]
    for (const v of ordered.slice(0, 30)) {
      const where = v.agent
        ? `${mdText(v.agent, 60)} (${mdCode(`${v.file}:${v.line ?? 1}`)})`
        : mdCode(`${v.file}:${v.line ?? 1}`)
      lines.push(
        `| ${v.action === 'fail' ? '❌' : '⚠️'}${v.preExisting ? ' pre-existing' : ''} | ${mdCode(v.rule, 80)} | ${where} | ${mdText(v.message, 300)} |`,
      )
    }
    if (policy.violations.length > 30)
      lines.push(
        `| | … | | ${policy.violations.length - 30} more in the job summary |`,
      )
  }
  const unlisted = unlistedLine(policy)
  if (unlisted) lines.push('', mdText(unlisted, 400))
  for (const e of [...policy.expiredExceptions, ...policy.unusedExceptions])
    lines.push(
      '',
      `⚠️ ${mdText(e.message, 400)} (${mdCode(`${e.source}:${e.line ?? 1}`)})`,
    )
  if (policy.excepted.length > 0) {
    lines.push(
      '',
      `<details><summary>${policy.excepted.length} excepted</summary>`,
      '',
    )
    for (const v of policy.excepted) {
      lines.push(
        `- ${mdCode(v.rule, 80)} on ${mdText(v.agent ?? v.file, 80)}: ${mdText(v.exception.reason, 200)}${v.exception.expires ? ` (until ${v.exception.expires})` : ''}`,
      )
    }
    lines.push('', '</details>')
  }
  return lines
}

function problemSection(report: Report): string[] {
  const lines = [
    `### Files that could not be read (${report.errors.length})`,
    '',
  ]
  for (const problem of report.errors.slice(0, 100)) {
    const where = `${problem.file}${problem.line ? `:${problem.line}` : ''}`
    const field = problem.field ? ` ${mdCode(problem.field, 80)}` : ''
    lines.push(
      `- ${problem.level === 'error' ? '❌' : '⚠️'} ${mdCode(where)}${field}: ${mdText(problem.message, 300)}`,
    )
  }
  if (report.errors.length > 100)
    lines.push(`- … and ${report.errors.length - 100} more`)
  return lines
}

function footer(report: Report): string {
  return `<sub>aivss-gate ${report.tool.version} · ${report.summary.filesConsidered} files considered, ${report.summary.filesParsed} parsed · factor values are estimates from the manifest unless marked declared</sub>`
}
