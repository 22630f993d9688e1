import type { AgentAssessment } from '../assess/assess-agent.js'
import { declarationDigest } from '../assess/declaration-digest.js'
import type { FactorId } from '../aivss/factors.js'
import type { Severity } from '../aivss/severity.js'
import { controlInEffect, controlsInEffect } from '../profile/controls.js'
import type { Control, ToolKind } from '../profile/schema.js'
import { changesThings } from '../profile/tool-kinds.js'

/**
 * What a comparison between two revisions looks at for one agent: where it
 * is, its score and band, the factor values, its tools and the controls in
 * effect. The head's agents, a base commit's agents and a baseline file all
 * become snapshots, so the diff never cares where results came from.
 */

export interface SnapshotTool {
  readonly name: string
  readonly kind: ToolKind
  /**
   * It changes things and no human approves its calls (neither the tool
   * nor the agent requires approval). Known for scanned agents; a baseline
   * file does not record it.
   */
  readonly unapproved?: boolean | undefined
}

export interface AgentSnapshot {
  /** Path relative to the scan root. */
  readonly file: string
  readonly name: string
  readonly format: string
  /** Unknown for agents read from a baseline file. */
  readonly line?: number | undefined
  readonly score: number
  readonly severity: Severity
  /** The pinned version's ten factors. */
  readonly factors: Readonly<Partial<Record<FactorId, number>>>
  readonly tools: readonly SnapshotTool[]
  /** The manifest leaves the tool list open. */
  readonly allTools: boolean
  /** Controls in effect, in canonical order. */
  readonly controls: readonly Control[]
  /**
   * Its aivss declarations, item -> value (see assess/declarations.ts), so
   * that the head's can be told apart from those already on the base.
   * Unknown for agents read from a baseline file.
   */
  readonly declarations?: Readonly<Record<string, string>> | undefined
}

export function snapshotOf(assessment: AgentAssessment): AgentSnapshot {
  const { profile } = assessment
  const agentApproves = controlInEffect(profile, 'humanApproval')
  const factors: Partial<Record<FactorId, number>> = {}
  for (const factor of assessment.factors) factors[factor.id] = factor.value
  return {
    file: profile.source.file,
    name: profile.name,
    format: profile.format,
    line: profile.source.line,
    score: assessment.score,
    severity: assessment.severity,
    factors,
    tools: profile.tools.map((t) => ({
      name: t.name,
      kind: t.kind,
      unapproved:
        !agentApproves && t.requiresApproval !== true && changesThings(t),
    })),
    allTools: profile.allTools === true,
    controls: controlsInEffect(profile),
    declarations: declarationDigest(profile),
  }
}

/** The report's agent id: `file#name`. */
export function agentId(agent: {
  readonly file: string
  readonly name: string
}): string {
  return `${agent.file}#${agent.name}`
}

/** One key per scanned agent, as the report keys its verdicts. */
export function headKey(agent: {
  readonly file: string
  readonly name: string
  readonly line?: number | undefined
}): string {
  return `${agent.file}#${agent.name}#${agent.line ?? 0}`
}

/** Tools are the same tool when name and kind agree. */
export function toolKey(tool: SnapshotTool): string {
  return `${tool.kind}\0${tool.name}`
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Path, then line, then name: the order reports list agents in. */
export function byLocation(a: AgentSnapshot, b: AgentSnapshot): number {
  return (
    compareText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.name, b.name)
  )
}
