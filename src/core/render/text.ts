import { factorName, type FactorId } from '../aivss/factors.js'
import { SEVERITY_LABELS } from '../aivss/severity.js'
import type { Report, ReportAgent } from '../report/schema.js'
import { textDelta } from './delta.js'
import { plainText } from './escape.js'
import {
  agentRuleSummary,
  policyNotice,
  unlistedLine,
  verdictCounts,
} from './verdict.js'
import {
  defaultThreatMultiplier,
  describeControls,
  formatScore,
  formatValue,
  levelLabel,
} from './format.js'

/** The terminal report of the CLI. */
export function renderText(report: Report): string {
  const { summary, aivss } = report
  const notice = report.policy
    ? policyNotice(
        report.policy,
        (t) => plainText(t, 160),
        (t) => plainText(t, 400),
      )
    : undefined
  const out: string[] = [
    ...(notice ? [`NOTE: ${notice}`, ''] : []),
    ...textDelta(report),
    ...verdictLines(report),
  ]
  out.push(
    `aivss-gate ${report.tool.version} — OWASP AIVSS v${aivss.version} (${defaultThreatMultiplier(aivss.threatMultiplier)} unless an agent declares one or a vector sets E; ${aivss.scale} factors)`,
    `${summary.agents} agent${summary.agents === 1 ? '' : 's'} found; ` +
      (summary.maxScore === null
        ? 'nothing to score.'
        : `highest score ${formatScore(summary.maxScore)}.`) +
      ` ${summary.filesConsidered} files considered, ${summary.filesParsed} parsed.`,
    '',
  )
  for (const agent of report.agents) out.push(...agentBlock(agent, report), '')
  if (report.errors.length > 0) {
    out.push(`Problems (${report.errors.length}):`)
    for (const p of report.errors) {
      const where = `${plainText(p.file, 300)}${p.line ? `:${p.line}` : ''}`
      out.push(
        `  ${p.level === 'error' ? 'error  ' : 'warning'} ${where}${p.field ? ` ${plainText(p.field, 120)}` : ''}: ${plainText(p.message, 400)}`,
      )
      if (p.help) out.push(`          ${plainText(p.help, 400)}`)
    }
    out.push('')
  }
  return out.join('\n')
}

function verdictLines(report: Report): string[] {
  const policy = report.policy
  if (!policy) return []
  const lines = [
    `Policy ${policy.result.toUpperCase()}${policy.result === 'fail' && policy.warnOnly ? ' (warn-only: not blocking)' : ''} — ${verdictCounts(policy)} (${policy.chain.join(' → ')})`,
  ]
  for (const v of policy.violations) {
    const where = `${plainText(v.file, 300)}:${v.line ?? 1}${v.agent ? ` ${plainText(v.agent, 60)}` : ''}`
    lines.push(
      `  ${v.action === 'fail' ? 'FAIL' : 'warn'}  ${v.rule}  ${where}: ${plainText(v.message, 300)}`,
    )
  }
  for (const v of policy.excepted)
    lines.push(
      `  excepted  ${v.rule}  ${plainText(v.file, 300)}:${v.line ?? 1}: ${plainText(v.exception.reason, 200)}`,
    )
  const unlisted = unlistedLine(policy)
  if (unlisted) lines.push(`  ${unlisted}`)
  for (const e of [...policy.expiredExceptions, ...policy.unusedExceptions])
    lines.push(`  warn  ${plainText(e.message, 300)}`)
  lines.push('')
  return lines
}

function agentBlock(agent: ReportAgent, report: Report): string[] {
  const version = report.aivss.version
  const lines = [
    `${plainText(agent.name, 80)}  ${plainText(agent.file, 300)}:${agent.line}  [${agent.format}]${agent.parent ? `  (sub-agent of ${plainText(agent.parent, 60)})` : ''}`,
    `  AIVSS ${formatScore(agent.score)} ${SEVERITY_LABELS[agent.severity]} — from ${plainText(agent.basis, 200)}; agent-only ${formatScore(agent.agenticScore)} ${SEVERITY_LABELS[agent.agenticSeverity]}`,
  ]
  const declared = agent.declarations
  if (declared?.underReview)
    lines.push(
      `  declared in this pull request: ${formatScore(declared.declaredScore)}; ${declared.reviewedScore !== declared.estimatedScore ? `without the declarations of this pull request: ${formatScore(declared.reviewedScore)}; ` : ''}estimated from the manifest: ${formatScore(declared.estimatedScore)}${declared.judgedOn === 'estimate' ? ' (judged on the estimate)' : ''}`,
    )
  if (agent.policy) lines.push(`  policy: ${agentRuleSummary(agent)}`)
  if (agent.description) lines.push(`  ${plainText(agent.description, 200)}`)
  lines.push(...wrap(plainText(agent.summary, 1200), 100, '  '))
  const tools = agent.allTools
    ? 'all tools of its host'
    : agent.tools.length > 0
      ? agent.tools
          .slice(0, 8)
          .map((t) => `${plainText(t.name, 40)} (${t.kind})`)
          .join(', ') +
        (agent.tools.length > 8 ? `, +${agent.tools.length - 8}` : '')
      : 'none listed'
  lines.push(`  tools: ${tools}`)
  if (agent.subAgents.length > 0)
    lines.push(
      `  sub-agents: ${agent.subAgents.map((s) => plainText(s, 40)).join(', ')}`,
    )
  lines.push(`  memory: ${agent.memory} · controls: ${describeControls(agent)}`)
  const baseline = agent.baseline.vector
    ? `baseline ${agent.baseline.vector} (CVSS ${formatScore(agent.baseline.cvss ?? 0)}, ${agent.baseline.derived ? 'derived by aivss-gate' : 'declared'})`
    : 'no baseline vector'
  lines.push(`  score: ${plainText(agent.inputs, 600)}`)
  if (agent.basisKind !== 'agent-only')
    lines.push(`  agent-only: ${plainText(agent.agenticInputs, 400)}`)
  lines.push(`  ${baseline}`)
  if (agent.baseline.unused)
    lines.push(`    ${plainText(agent.baseline.unused, 200)}`)
  for (const [metric, why] of Object.entries(agent.baseline.rationale)) {
    lines.push(`    ${metric.padEnd(8)} ${plainText(why, 300)}`)
  }
  if (version === '0.8')
    lines.push(
      `  mitigation: ${agent.mitigation.level} (${agent.mitigation.factor.toFixed(2)}): ${plainText(agent.mitigation.reason, 300)}`,
    )
  for (const v of agent.vulnerabilities) {
    lines.push(
      `  vulnerability: ${plainText(v.title, 80)} ${v.vector} CVSS ${formatScore(v.cvss)} → AIVSS ${formatScore(v.score)} ${SEVERITY_LABELS[v.severity]}`,
      `    ${plainText(v.inputs, 600)}`,
    )
    if (v.unused) lines.push(`    ${plainText(v.unused, 200)}`)
  }
  const width = Math.max(
    ...Object.keys(agent.factors).map(
      (id) => factorName(id as FactorId, version).length,
    ),
  )
  for (const [id, value] of Object.entries(agent.factors) as Array<
    [FactorId, number]
  >) {
    const name = factorName(id, version).padEnd(width)
    const declared = agent.declared.includes(id)
      ? ' [declared]'
      : agent.textDerived.includes(id)
        ? ' [from the prose]'
        : ''
    lines.push(
      `    ${name}  ${formatValue(value)}  (${levelLabel(agent.levels[id] ?? 0).padEnd(3)})  ${plainText(agent.rationale[id] ?? '', 500)}${declared}`,
    )
  }
  lines.push('  MAESTRO:')
  for (const layer of agent.maestro) {
    const labels = [...new Set(layer.threats.map((t) => t.label))].join(', ')
    const status = layer.pinned
      ? `pinned${labels ? ` — ${labels}` : ''}`
      : 'not certain from the manifest'
    lines.push(`    L${layer.layer} ${layer.name}: ${status}`)
  }
  for (const t of agent.maestroCrossLayer) {
    lines.push(
      `    cross-layer (L${t.layers.join('→L')}): ${t.label} — ${plainText(t.text, 300)}`,
    )
  }
  return lines
}

/** Breaks a paragraph into lines of at most `width` characters. */
function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(indent + line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(indent + line)
  return lines
}
