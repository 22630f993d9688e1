import type { FactorId } from '../aivss/factors.js'
import { SEVERITY_LABELS } from '../aivss/severity.js'
import type { AgentAssessment } from '../assess/assess-agent.js'
import { CONTROLS } from '../profile/schema.js'
import { isReadOnlyTool, HIGH_AUTHORITY_KINDS } from '../profile/tool-kinds.js'
import type { ThreatModel } from './threat-model.js'

/**
 * The one-paragraph risk summary that opens each agent's section: the
 * headline band, the strongest drivers (the highest factors, with the
 * concrete capability behind each), and what the declared controls do and do
 * not cover. Built from data the report already holds, so it never says
 * anything the factor table does not back.
 */

const DRIVERS: Readonly<Record<FactorId, string>> = {
  autonomyOfAction: 'autonomous action',
  goalDrivenPlanning: 'open-ended planning',
  naturalLanguageInterface: 'natural-language control of its tools',
  selfModification: 'the ability to change its own behaviour or run code',
  dynamicToolUse: 'a broad tool surface',
  persistentMemory: 'long-term memory',
  contextualAwareness: 'broad outside context',
  dynamicIdentity: 'shifting identities',
  multiAgentInteractions: 'multi-agent coordination',
  nonDeterminism: 'unbounded model variance',
  opacityReflexivity: 'limited traceability',
}

export function riskSummary(
  assessment: AgentAssessment,
  model: ThreatModel,
): string {
  const { profile } = assessment
  const band = SEVERITY_LABELS[assessment.severity].toLowerCase()
  const drivers = assessment.factors
    .filter((f) => f.value >= 0.7)
    .sort((a, b) => b.value - a.value || a.id.localeCompare(b.id))
    .slice(0, 3)
    .map((f) => `${DRIVERS[f.id]}${detail(f.id, assessment)}`)
  const opening =
    drivers.length > 0
      ? `${profile.name} presents a ${band}-risk profile (AIVSS ${assessment.score.toFixed(1)}) driven by ${list(drivers)}`
      : `${profile.name} presents a ${band}-risk profile (AIVSS ${assessment.score.toFixed(1)}) with no factor above 0.7`
  const sentences = [`${opening}, ${controlsClause(assessment)}.`]
  const combination = model.crossLayer[0]
  if (combination) {
    sentences.push(
      `The most dangerous combination is ${combination.label.toLowerCase()}: ${combination.meaning}`,
    )
  }
  return sentences.join(' ')
}

function detail(id: FactorId, assessment: AgentAssessment): string {
  const { profile } = assessment
  switch (id) {
    case 'dynamicToolUse': {
      if (profile.allTools) return ' (every tool of its host)'
      const strong = profile.tools.filter(
        (t) => HIGH_AUTHORITY_KINDS.has(t.kind) && !isReadOnlyTool(t),
      )
      const shown = (strong.length > 0 ? strong : profile.tools)
        .slice(0, 3)
        .map((t) => t.name)
      return shown.length > 0 ? ` (${shown.join(', ')})` : ''
    }
    case 'multiAgentInteractions':
      return profile.subAgents.length > 0
        ? ` (${profile.subAgents.length} sub-agent${profile.subAgents.length === 1 ? '' : 's'})`
        : ''
    case 'persistentMemory':
      return profile.memory.stores.length > 0
        ? ` (${profile.memory.stores.join(', ')})`
        : ''
    default:
      return ''
  }
}

function controlsClause(assessment: AgentAssessment): string {
  const controls = assessment.profile.controls
  const on = CONTROLS.filter((c) => controls[c] === true)
  const off = CONTROLS.filter((c) => controls[c] === false)
  const parts: string[] = []
  if (on.length === 0 && off.length === 0)
    parts.push('with no security controls declared')
  if (on.length > 0) parts.push(`with ${list(on.map(controlName))} declared`)
  if (off.length > 0) parts.push(`${list(off.map(controlName))} declared off`)
  if (assessment.mitigation.source === 'controls')
    parts.push('which cover its main risks (mitigation factor partial)')
  return parts.join('; ')
}

function controlName(control: string): string {
  return control.replace(/([A-Z])/g, ' $1').toLowerCase()
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`
}
