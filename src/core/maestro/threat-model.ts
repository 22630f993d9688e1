import { pushUnique } from '../profile/build.js'
import type { AgentProfile, Control } from '../profile/schema.js'
import { ProfileFacts } from '../signals/signals.js'
import {
  asiLabel,
  MAESTRO_LAYERS,
  owaspThreatLabel,
  type LayerNumber,
} from './catalog.js'
import {
  CROSS_LAYER_RULES,
  LAYER_COMMENTARY,
  LAYER_PINS,
  NOT_CERTAIN,
  PROVIDER_SIDE,
  THREAT_RULES,
  type Mitigation,
  type ThreatRule,
} from './rules.js'

/**
 * The MAESTRO threat model of one agent, built from the rule table: seven
 * layers in order, each pinned by manifest fields (with the threats those
 * fields bring) or "not certain from the manifest"; then the cross-layer
 * combinations. Deterministic: the same profile gives the same model.
 */

export interface MaestroThreat {
  readonly rule: string
  readonly label: string
  /** OWASP ids with their document: `T2 (OWASP Agentic T&M v1.0)`, `ASI02 (…)`. */
  readonly ids: readonly string[]
  readonly text: string
  /** What the threat means for this agent, without the evidence. */
  readonly meaning: string
  /** Mitigations, each marked declared or missing. */
  readonly mitigations: readonly string[]
}

export interface MaestroLayer {
  readonly layer: LayerNumber
  readonly name: string
  readonly pinned: boolean
  /** The fields (with values and lines) that pinned the layer. */
  readonly pinnedBy: readonly string[]
  /** One short paragraph for the report. */
  readonly summary: string
  readonly threats: readonly MaestroThreat[]
  readonly mitigationsPresent: readonly string[]
  readonly mitigationsMissing: readonly string[]
}

export interface CrossLayerThreat extends MaestroThreat {
  readonly layers: readonly LayerNumber[]
}

export interface ThreatModel {
  readonly layers: readonly MaestroLayer[]
  readonly crossLayer: readonly CrossLayerThreat[]
}

/** The threat rules of each layer, in table order. */
const RULES_OF_LAYER = new Map(
  MAESTRO_LAYERS.map(({ layer }) => [
    layer,
    THREAT_RULES.filter((r) => r.layer === layer),
  ]),
)

export function buildThreatModel(
  profile: AgentProfile,
  facts = new ProfileFacts(profile),
): ThreatModel {
  // Runs for every agent of a scan: plain loops, no closures per rule.
  const fires = (
    rule: Pick<ThreatRule, 'when' | 'unless'>,
  ): string[] | undefined => {
    const found: string[] = []
    for (const id of rule.when) {
      const evidence = facts.signal(id)
      if (evidence === undefined) return undefined
      pushUnique(found, evidence)
    }
    for (const id of rule.unless ?? [])
      if (facts.signal(id) !== undefined) return undefined
    return found
  }
  const declaredControl = (control: Control | undefined): boolean =>
    control !== undefined && profile.controls[control] === true

  const layers = MAESTRO_LAYERS.map(({ layer, name }): MaestroLayer => {
    const threats: MaestroThreat[] = []
    const pinnedBy: string[] = []
    const mitigations: Mitigation[] = []
    for (const id of LAYER_PINS[layer]) {
      const evidence = facts.signal(id)
      if (evidence !== undefined) pushUnique(pinnedBy, evidence)
    }
    for (const rule of RULES_OF_LAYER.get(layer) ?? []) {
      const found = fires(rule)
      if (!found) continue
      for (const evidence of found) pushUnique(pinnedBy, evidence)
      threats.push(threat(rule, found, declaredControl))
      for (const mitigation of rule.mitigations) mitigations.push(mitigation)
    }
    const pinned = pinnedBy.length > 0
    const { present, missing } = splitMitigations(mitigations, declaredControl)
    return {
      layer,
      name,
      pinned,
      pinnedBy,
      summary: pinned
        ? pinnedSummary(layer, pinnedBy, threats)
        : `${NOT_CERTAIN}: ${LAYER_COMMENTARY[layer]}`,
      threats,
      mitigationsPresent: present,
      mitigationsMissing: missing,
    }
  })

  const crossLayer: CrossLayerThreat[] = []
  for (const rule of CROSS_LAYER_RULES) {
    const found = fires(rule)
    if (found)
      crossLayer.push({
        ...threat(rule, found, declaredControl),
        layers: rule.layers,
      })
  }
  return { layers, crossLayer }
}

function threat(
  rule: Pick<
    ThreatRule,
    'id' | 'label' | 'owasp' | 'asi' | 'text' | 'mitigations'
  >,
  evidence: readonly string[],
  declaredControl: (control: Control | undefined) => boolean,
): MaestroThreat {
  return {
    rule: rule.id,
    label: rule.label,
    ids: [...rule.owasp.map(owaspThreatLabel), ...rule.asi.map(asiLabel)],
    text: `${capitalize(evidence.join('; '))}: ${rule.text}`,
    meaning: rule.text,
    mitigations: rule.mitigations.map(
      (m) =>
        `${m.text} (${declaredControl(m.control) ? 'declared' : 'missing'})`,
    ),
  }
}

function splitMitigations(
  mitigations: readonly Mitigation[],
  declaredControl: (control: Control | undefined) => boolean,
): { present: string[]; missing: string[] } {
  const present = unique(
    mitigations.filter((m) => declaredControl(m.control)).map((m) => m.text),
  )
  const missing = unique(
    mitigations.filter((m) => !declaredControl(m.control)).map((m) => m.text),
  )
  return { present, missing }
}

function pinnedSummary(
  layer: LayerNumber,
  pinnedBy: readonly string[],
  threats: readonly MaestroThreat[],
): string {
  const shown = pinnedBy.slice(0, 4).join('; ')
  const more = pinnedBy.length > 4 ? ` and ${pinnedBy.length - 4} more` : ''
  const parts = [`Pinned by ${shown}${more}.`]
  if (threats.length === 0)
    parts.push('No threat rule fires on what it declares here.')
  for (const t of threats.slice(0, 3)) parts.push(`${t.label}: ${t.meaning}`)
  if (threats.length > 3) parts.push(`(${threats.length - 3} more below.)`)
  if (layer === 1) parts.push(PROVIDER_SIDE)
  return parts.join(' ')
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)]
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
