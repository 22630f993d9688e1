import type { ChangedAgent } from '../diff/compare.js'
import type { BaseComparison } from '../diff/comparison.js'
import {
  agentId,
  type AgentSnapshot,
  type SnapshotTool,
} from '../diff/snapshot.js'
import type { ReportDelta, ReportDeltaChange } from './schema.js'

/** The report's `delta`: the diff model as plain JSON. */
export function reportDelta(comparison: BaseComparison): ReportDelta {
  if (!comparison.available)
    return {
      available: false,
      ...(comparison.base ? { base: { ...comparison.base } } : {}),
      reason: comparison.reason,
      summary: `comparison with the base not available: ${comparison.reason}`,
      added: [],
      removed: [],
      changed: [],
      renamed: [],
      unchanged: 0,
      unchangedAgents: [],
      notes: [],
    }
  const { diff } = comparison
  const counts = {
    changed: diff.changed.length,
    added: diff.added.length,
    removed: diff.removed.length,
    unreadable: diff.unreadable.length,
    renamed: diff.renamed.filter((r) => !r.changed).length,
    unchanged: diff.unchanged.length,
  }
  return {
    available: true,
    base: stripUndefined({ ...comparison.base }),
    summary: deltaSummary(counts),
    added: diff.added.map(deltaAgent),
    removed: diff.removed.map(deltaAgent),
    ...(diff.unreadable.length > 0
      ? {
          unreadable: diff.unreadable.map((u) => ({
            ...deltaAgent(u.base),
            reason: u.reason,
          })),
        }
      : {}),
    changed: diff.changed.map(deltaChange),
    renamed: diff.renamed.map((r) => ({
      from: ref(r.base),
      to: ref(r.head),
      detectedBy: r.detectedBy,
      changed: r.changed,
    })),
    unchanged: diff.unchanged.length,
    unchangedAgents: diff.unchanged.map(agentId),
    notes: [...comparison.notes],
  }
}

/**
 * "2 agents changed, 1 added; 3 unchanged", "No agent changed; 6 unchanged".
 * Renamed counts agents that only moved; one that moved and changed counts
 * as changed.
 */
export function deltaSummary(counts: {
  readonly changed: number
  readonly added: number
  readonly removed: number
  readonly unreadable?: number
  readonly renamed: number
  readonly unchanged: number
}): string {
  const parts = (
    [
      [counts.changed, 'changed'],
      [counts.added, 'added'],
      [counts.removed, 'removed'],
      [counts.unreadable ?? 0, 'now unreadable'],
      [counts.renamed, 'renamed'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, verb], i) =>
      i === 0 ? `${n} agent${n === 1 ? '' : 's'} ${verb}` : `${n} ${verb}`,
    )
  const head = parts.length > 0 ? parts.join(', ') : 'No agent changed'
  return counts.unchanged > 0 || parts.length === 0
    ? `${head}; ${counts.unchanged} unchanged`
    : head
}

function ref(agent: AgentSnapshot): ReportDelta['renamed'][number]['from'] {
  return stripUndefined({
    id: agentId(agent),
    name: agent.name,
    file: agent.file,
    line: agent.line,
  })
}

function tool(t: SnapshotTool): ReportDelta['added'][number]['tools'][number] {
  return { name: t.name, kind: t.kind }
}

/** Names of the tools that change things with no human approving them. */
function unapproved(tools: readonly SnapshotTool[]): string[] | undefined {
  const names = [
    ...new Set(tools.filter((t) => t.unapproved).map((t) => t.name)),
  ]
  return names.length > 0 ? names : undefined
}

function deltaAgent(agent: AgentSnapshot): ReportDelta['added'][number] {
  return stripUndefined({
    ...ref(agent),
    format: agent.format,
    score: agent.score,
    severity: agent.severity,
    tools: agent.tools.map(tool),
    unapprovedTools: unapproved(agent.tools),
    allTools: agent.allTools,
    controls: [...agent.controls],
  })
}

function deltaChange({
  base,
  head,
  renamed,
  changes,
}: ChangedAgent): ReportDeltaChange {
  return stripUndefined({
    ...ref(head),
    format: head.format,
    from: renamed ? ref(base) : undefined,
    score: { ...changes.score },
    severity: { ...changes.severity },
    factors: changes.factors.map((f) => ({ ...f })),
    tools: {
      added: changes.tools.added.map(tool),
      removed: changes.tools.removed.map(tool),
    },
    unapprovedTools: unapproved(changes.tools.added),
    controls: {
      added: [...changes.controls.added],
      removed: [...changes.controls.removed],
    },
    allTools: changes.allTools ? { ...changes.allTools } : undefined,
    declarations: changes.declarations ? [...changes.declarations] : undefined,
  })
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T
}
