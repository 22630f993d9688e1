import { factorName, RUBRIC, type FactorId } from '../aivss/factors.js'
import { SEVERITY_LABELS } from '../aivss/severity.js'
import type {
  Report,
  ReportAgent,
  ReportMaestroLayer,
  ReportThreat,
} from '../report/schema.js'
import { mdCode, mdText } from './escape.js'
import {
  describeControls,
  formatScore,
  formatValue,
  levelLabel,
} from './format.js'

/**
 * One agent's section of the markdown report: the risk summary first, then
 * the score with its inputs, the factor table and the seven MAESTRO layers,
 * each long part folded so the comment stays scannable.
 */
export function agentSection(agent: ReportAgent, report: Report): string[] {
  const version = report.aivss.version
  const lines = [
    `### ${mdText(agent.name, 80)} — ${formatScore(agent.score)} ${SEVERITY_LABELS[agent.severity]}`,
    '',
  ]
  if (agent.description) lines.push(`> ${mdText(agent.description, 400)}`, '')
  const declared = declarationLines(agent)
  if (declared.length > 0) lines.push(...declared, '')
  lines.push(mdText(agent.summary, 1200), '')
  lines.push(facts(agent).join(' · '), '')
  lines.push(`Controls: ${describeControls(agent)}`, '')
  lines.push(...scoreDetails(agent, version), '')
  lines.push(...factorDetails(agent, version), '')
  lines.push(...maestroDetails(agent))
  if (agent.tools.length > 0) {
    lines.push('', '<details><summary>Tools</summary>', '')
    for (const tool of agent.tools.slice(0, 50))
      lines.push(`- ${mdCode(tool.name, 80)} — ${tool.kind}`)
    if (agent.tools.length > 50)
      lines.push(`- … and ${agent.tools.length - 50} more`)
    lines.push('', '</details>')
  }
  if (agent.notes.length > 0 || agent.context.length > 0) {
    lines.push('', '<details><summary>Notes</summary>', '')
    for (const note of agent.notes.slice(0, 20))
      lines.push(`- ${mdText(note, 300)}`)
    for (const file of agent.context) lines.push(`- context: ${mdCode(file)}`)
    lines.push('', '</details>')
  }
  return lines
}

/**
 * "declared in this pull request: 2.1 · estimated from the manifest: 9.7",
 * for an agent whose claims are under review; undefined otherwise.
 */
export function declaredScores(agent: ReportAgent): string | undefined {
  const d = agent.declarations
  if (!d?.underReview) return undefined
  const parts = [
    `declared in this pull request: ${formatScore(d.declaredScore)}`,
  ]
  if (d.reviewedScore !== d.estimatedScore)
    parts.push(
      `without the declarations of this pull request: ${formatScore(d.reviewedScore)}`,
    )
  parts.push(`estimated from the manifest: ${formatScore(d.estimatedScore)}`)
  return parts.join(' · ')
}

/** The two scores, what the policy made of them, and the claims under review. */
export function declarationLines(agent: ReportAgent): string[] {
  const d = agent.declarations
  const scores = declaredScores(agent)
  if (!d || scores === undefined) return []
  const judged =
    d.judgedOn === 'estimate'
      ? ` The policy judged it on the estimate (${SEVERITY_LABELS[d.reviewedSeverity]}).`
      : d.judgedOn === 'declared'
        ? ' The policy judged it as declared.'
        : ''
  const why = d.reason
    ? ` Every claim is under review: ${mdText(d.reason, 300)}.`
    : ''
  const claims = d.claims.filter((c) => c.status === 'under-review')
  const lines = [
    `⚠️ **${scores}** (${SEVERITY_LABELS[d.declaredSeverity]} as declared, ${SEVERITY_LABELS[d.estimatedSeverity]} from the manifest). Declarations this pull request adds or changes make it look safer than its manifest; they are claims under review.${judged}${why}`,
    '',
    `<details><summary>${claims.length} claim${claims.length === 1 ? '' : 's'} under review</summary>`,
    '',
  ]
  for (const c of claims.slice(0, 30))
    lines.push(
      `- ${mdCode(c.declaration, 60)} ${mdCode(c.value, 120)} (from the manifest: ${mdText(c.estimate, 160)}) in ${mdCode(`${c.file}${c.line ? `:${c.line}` : ''}`)}`,
    )
  if (claims.length > 30) lines.push(`- … and ${claims.length - 30} more`)
  lines.push('', '</details>')
  return lines
}

function facts(agent: ReportAgent): string[] {
  return [
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
}

function scoreDetails(agent: ReportAgent, version: string): string[] {
  const c =
    agent.baseline.cvss === null ? '0' : formatScore(agent.baseline.cvss)
  const lines = [
    `<details><summary>Score ${formatScore(agent.score)}: ${mdText(agent.basis, 200)}</summary>`,
    '',
    `${mdText(agent.inputs, 600)}.`,
    '',
  ]
  if (agent.basisKind !== 'agent-only')
    lines.push(`Agent-only score: ${mdText(agent.agenticInputs, 400)}.`, '')
  if (agent.baseline.vector) {
    lines.push(
      `Baseline vector ${mdCode(agent.baseline.vector)} (${agent.baseline.derived ? 'derived from the manifest by aivss-gate: the spec defines no vector for an agent' : 'declared'}), CVSS ${c}${agent.baseline.unused ? `; ${mdText(agent.baseline.unused, 200)}` : ''}:`,
      '',
    )
    lines.push('| Metric | Why |', '|---|---|')
    for (const [metric, why] of Object.entries(agent.baseline.rationale))
      lines.push(`| ${metric} | ${mdText(why, 400)} |`)
    lines.push('')
  } else {
    lines.push(
      `No baseline vector: ${mdText(Object.values(agent.baseline.rationale).join(' '), 300)}`,
      '',
    )
  }
  if (version === '0.8') {
    lines.push(
      `Mitigation factor ${agent.mitigation.factor.toFixed(2)} (${agent.mitigation.level}): ${mdText(agent.mitigation.reason, 500)}.`,
      '',
    )
  }
  for (const v of agent.vulnerabilities) {
    lines.push(
      `- Declared vulnerability ${mdText(v.title, 120)}: ${mdCode(v.vector)} CVSS ${formatScore(v.cvss)} → AIVSS ${formatScore(v.score)} ${SEVERITY_LABELS[v.severity]}. ${mdText(v.inputs, 600)}${v.unused ? `; ${mdText(v.unused, 200)}` : ''}.`,
    )
  }
  lines.push('</details>')
  return lines
}

function factorDetails(agent: ReportAgent, version: '0.5' | '0.8'): string[] {
  const lines = ['<details><summary>Factors and evidence</summary>', '']
  lines.push('| Factor | Value | Level | Rationale |', '|---|---:|---|---|')
  for (const [id, value] of Object.entries(agent.factors) as Array<
    [FactorId, number]
  >) {
    const declared = agent.declared.includes(id)
      ? ' (declared)'
      : agent.textDerived.includes(id)
        ? ' (from the prose)'
        : ''
    const level = agent.levels[id] ?? 0
    const meaning = RUBRIC[id][level === 0 ? 0 : level === 0.5 ? 1 : 2]
    lines.push(
      `| ${factorName(id, version)} | ${formatValue(value)} | ${levelLabel(level)}: ${meaning} | ${mdText(agent.rationale[id] ?? '', 600)}${declared} |`,
    )
  }
  lines.push('', '</details>')
  return lines
}

function maestroDetails(agent: ReportAgent): string[] {
  const pinned = agent.maestro.filter((l) => l.pinned).length
  const threats = agent.maestro.reduce((n, l) => n + l.threats.length, 0)
  const cross = agent.maestroCrossLayer.length
  const lines = [
    `<details><summary>MAESTRO threat model: ${pinned} of 7 layers pinned by the manifest, ${threats} threats, ${cross} cross-layer</summary>`,
    '',
  ]
  for (const layer of agent.maestro) lines.push(...layerLines(layer), '')
  if (cross > 0) {
    lines.push('**Cross-layer**', '')
    for (const t of agent.maestroCrossLayer)
      lines.push(threatLine(t, ` (L${t.layers.join(' → L')})`))
    lines.push('')
  }
  lines.push('</details>')
  return lines
}

function layerLines(layer: ReportMaestroLayer): string[] {
  const status = layer.pinned
    ? 'pinned by the manifest'
    : '⚠ not certain from the manifest'
  const lines = [
    `**L${layer.layer} ${layer.name}** — ${status}`,
    '',
    mdText(layer.summary, 900),
  ]
  if (layer.threats.length > 0) {
    lines.push('')
    for (const t of layer.threats) lines.push(threatLine(t, ''))
  }
  if (layer.mitigationsPresent.length > 0)
    lines.push(
      '',
      `Mitigations declared: ${mdText(layer.mitigationsPresent.join('; '), 400)}.`,
    )
  if (layer.mitigationsMissing.length > 0)
    lines.push(
      '',
      `Mitigations missing: ${mdText(layer.mitigationsMissing.join('; '), 400)}.`,
    )
  return lines
}

function threatLine(threat: ReportThreat, where: string): string {
  return `- **${mdText(threat.label, 80)}**${where} — ${mdText(threat.ids.join(', '), 300)}: ${mdText(threat.text, 500)}`
}
