import { SEVERITY_LABELS } from '../aivss/severity.js'
import type { Report } from '../report/schema.js'
import { mdCode, mdText } from './escape.js'
import { agentSection } from './markdown-agent.js'
import { formatScore } from './format.js'

/**
 * The markdown report: the body of the PR comment and the job summary, and
 * the CLI's `--format markdown`. Pure: a string from a report.
 */
export function renderMarkdown(report: Report): string {
  const lines: string[] = ['## aivss-gate: AIVSS report', '']
  lines.push(headline(report), '')
  if (report.agents.length > 0) {
    lines.push('| Agent | File | Format | Score | Severity | Agent-only |')
    lines.push('|---|---|---|---:|---|---:|')
    for (const agent of report.agents) {
      lines.push(
        `| ${mdText(agent.name, 80)} | ${mdCode(`${agent.file}:${agent.line}`)} | ${mdCode(agent.format)} | **${formatScore(agent.score)}** | ${SEVERITY_LABELS[agent.severity]} | ${formatScore(agent.agenticScore)} |`,
      )
    }
    lines.push('')
  }
  for (const agent of report.agents)
    lines.push(...agentSection(agent, report), '')
  if (report.errors.length > 0) lines.push(...problemSection(report), '')
  lines.push(footer(report))
  return lines.join('\n') + '\n'
}

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
  return `${count} · ${top} · OWASP AIVSS v${aivss.version} · ThM ${aivss.threatMultiplier} · ${aivss.scale} factors${errors}`
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
