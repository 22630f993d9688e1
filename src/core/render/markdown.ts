import { factorName, RUBRIC, type FactorId } from '../aivss/factors.js'
import { SEVERITY_LABELS } from '../aivss/severity.js'
import type { Report, ReportAgent } from '../report/schema.js'
import { mdCode, mdText } from './escape.js'
import {
  describeControls,
  formatScore,
  formatValue,
  levelLabel,
} from './format.js'

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

function agentSection(agent: ReportAgent, report: Report): string[] {
  const version = report.aivss.version
  const lines = [
    `### ${mdText(agent.name, 80)} — ${formatScore(agent.score)} ${SEVERITY_LABELS[agent.severity]}`,
    '',
  ]
  if (agent.description) lines.push(`> ${mdText(agent.description, 400)}`, '')
  const facts = [
    `${mdCode(`${agent.file}:${agent.line}`)} (${mdCode(agent.format)})`,
    agent.parent ? `sub-agent of ${mdText(agent.parent, 60)}` : undefined,
    agent.model ? `model ${mdCode(agent.model, 60)}` : undefined,
    agent.allTools
      ? 'all tools of its host'
      : `${agent.tools.length} tool${agent.tools.length === 1 ? '' : 's'}`,
    agent.subAgents.length > 0
      ? `${agent.subAgents.length} sub-agent${agent.subAgents.length === 1 ? '' : 's'}`
      : undefined,
    `memory: ${agent.memory}`,
  ].filter((f): f is string => f !== undefined)
  lines.push(facts.join(' · '), '')
  lines.push(`Controls: ${describeControls(agent)}`, '')
  lines.push(`Score: ${scoreExplanation(agent, version)}`, '')
  lines.push('<details><summary>Factors and evidence</summary>', '')
  lines.push('| Factor | Value | Level | Rationale |', '|---|---:|---|---|')
  for (const [id, value] of Object.entries(agent.factors) as Array<
    [FactorId, number]
  >) {
    const declared = agent.declared.includes(id) ? ' (declared)' : ''
    const level = agent.levels[id] ?? 0
    lines.push(
      `| ${factorName(id, version)} | ${formatValue(value)} | ${levelLabel(level)}: ${RUBRIC[id][level === 0 ? 0 : level === 0.5 ? 1 : 2]} | ${mdText(agent.rationale[id] ?? '', 600)}${declared} |`,
    )
  }
  lines.push('', '</details>')
  if (agent.tools.length > 0) {
    lines.push('', '<details><summary>Tools</summary>', '')
    for (const tool of agent.tools.slice(0, 50))
      lines.push(`- ${mdCode(tool.name, 80)} — ${tool.kind}`)
    if (agent.tools.length > 50)
      lines.push(`- … and ${agent.tools.length - 50} more`)
    lines.push('', '</details>')
  }
  if (agent.notes.length > 0) {
    lines.push('', '<details><summary>Notes</summary>', '')
    for (const note of agent.notes.slice(0, 20))
      lines.push(`- ${mdText(note, 300)}`)
    lines.push('', '</details>')
  }
  return lines
}

function scoreExplanation(agent: ReportAgent, version: string): string {
  const mf =
    version === '0.8'
      ? `, MF ${agent.mitigation.factor.toFixed(2)} (${mdText(agent.mitigation.reason, 200)})`
      : ''
  const inputs = `factor sum ${agent.factorSum.toFixed(2)}, ThM ${agent.threatMultiplier.toFixed(2)}${mf}`
  const baseline = agent.baseline.vector
    ? `baseline ${mdCode(agent.baseline.vector)} = CVSS ${formatScore(agent.baseline.cvss ?? 0)}`
    : 'no baseline vector'
  const vulns = agent.vulnerabilities.map(
    (v) =>
      `; vulnerability ${mdText(v.title, 80)}: CVSS ${formatScore(v.cvss)} → ${formatScore(v.score)}`,
  )
  return `**${formatScore(agent.score)}** from the ${mdText(agent.basis, 200)}; ${inputs}; ${baseline}; agent-only score ${formatScore(agent.agenticScore)}${vulns.join('')}.`
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
