import { FACTOR_IDS, type FactorId } from '../aivss/factors.js'
import type { Severity } from '../aivss/severity.js'
import type { Control } from '../profile/schema.js'
import { matchAgents, type RenameEvidence } from './match.js'
import {
  agentId,
  toolKey,
  type AgentSnapshot,
  type SnapshotTool,
} from './snapshot.js'

/**
 * The diff model: given the base's and the head's agents, which were added,
 * removed, renamed, changed (and in what: score, band, factors, tools,
 * controls) and which stayed as they were. Pure and deterministic: every
 * list is in path order, whatever order the inputs came in.
 */

export interface FactorMove {
  readonly id: FactorId
  readonly before: number
  readonly after: number
  readonly change: number
}

export interface AgentChanges {
  readonly score: {
    readonly before: number
    readonly after: number
    readonly change: number
  }
  readonly severity: { readonly before: Severity; readonly after: Severity }
  /** Factors whose value moved, in the canonical factor order. */
  readonly factors: readonly FactorMove[]
  readonly tools: {
    readonly added: readonly SnapshotTool[]
    readonly removed: readonly SnapshotTool[]
  }
  readonly controls: {
    readonly added: readonly Control[]
    readonly removed: readonly Control[]
  }
  /** Set when the tool list was opened or closed. */
  readonly allTools?:
    { readonly before: boolean; readonly after: boolean } | undefined
  /** Declared items (see assess/declarations.ts) added, changed or removed. */
  readonly declarations?: readonly string[] | undefined
}

export interface ChangedAgent {
  readonly base: AgentSnapshot
  readonly head: AgentSnapshot
  readonly renamed?: RenameEvidence | undefined
  readonly changes: AgentChanges
}

export interface RenamedAgent {
  readonly base: AgentSnapshot
  readonly head: AgentSnapshot
  readonly detectedBy: RenameEvidence
  /** Its score, factors, tools or controls changed as well. */
  readonly changed: boolean
}

/** An agent of the base whose file the head has, but cannot be read. */
export interface UnreadableAgent {
  readonly base: AgentSnapshot
  /** Why the head's file could not be read. */
  readonly reason: string
}

export interface AgentDiff {
  readonly added: readonly AgentSnapshot[]
  /** Agents of the base that are gone, their file with them or read without them. */
  readonly removed: readonly AgentSnapshot[]
  /**
   * Agents of the base whose file is still there but cannot be read: not
   * removed, hidden. Empty when no unreadable files were given.
   */
  readonly unreadable: readonly UnreadableAgent[]
  /** Agents whose results changed, renamed ones included. */
  readonly changed: readonly ChangedAgent[]
  readonly renamed: readonly RenamedAgent[]
  /** Head agents at the same place with the same results. */
  readonly unchanged: readonly AgentSnapshot[]
}

export function diffAgents(
  base: readonly AgentSnapshot[],
  head: readonly AgentSnapshot[],
  renames?: ReadonlyMap<string, string>,
  /** Files of the head that could not be read (wholly or in part), with why. */
  unreadableFiles?: ReadonlyMap<string, string>,
): AgentDiff {
  // An agent whose file the head still has but cannot read is hidden, not
  // moved: it is kept out of the matching, so that a look-alike elsewhere
  // cannot pass for it.
  const inHead = new Set(head.map(agentId))
  const readable: AgentSnapshot[] = []
  const unreadable: UnreadableAgent[] = []
  for (const agent of base) {
    const reason = unreadableFiles?.get(agent.file)
    const hidden = reason !== undefined && !inHead.has(agentId(agent))
    if (hidden) unreadable.push({ base: agent, reason })
    else readable.push(agent)
  }
  const matching = matchAgents(readable, head, renames)
  const removed = matching.removed
  const changed: ChangedAgent[] = []
  const renamed: RenamedAgent[] = []
  const unchanged: AgentSnapshot[] = []
  for (const pair of matching.pairs) {
    const changes = changesBetween(pair.base, pair.head)
    const differs = hasChanges(changes)
    if (differs) changed.push({ ...pair, changes })
    if (pair.renamed)
      renamed.push({
        base: pair.base,
        head: pair.head,
        detectedBy: pair.renamed,
        changed: differs,
      })
    else if (!differs) unchanged.push(pair.head)
  }
  return {
    added: matching.added,
    removed,
    unreadable,
    changed,
    renamed,
    unchanged,
  }
}

/** Differences below this are the noise of binary fractions, not changes. */
const EPSILON = 1e-9

export function changesBetween(
  base: AgentSnapshot,
  head: AgentSnapshot,
): AgentChanges {
  const factors: FactorMove[] = []
  for (const id of FACTOR_IDS) {
    const before = base.factors[id]
    const after = head.factors[id]
    if (before === undefined || after === undefined) continue
    if (Math.abs(after - before) > EPSILON)
      factors.push({ id, before, after, change: roundTo(after - before, 4) })
  }
  const baseTools = new Set(base.tools.map(toolKey))
  const headTools = new Set(head.tools.map(toolKey))
  return {
    score: {
      before: base.score,
      after: head.score,
      change: roundTo(head.score - base.score, 1),
    },
    severity: { before: base.severity, after: head.severity },
    factors,
    tools: {
      added: uniqueTools(head.tools.filter((t) => !baseTools.has(toolKey(t)))),
      removed: uniqueTools(
        base.tools.filter((t) => !headTools.has(toolKey(t))),
      ).map(({ name, kind }) => ({ name, kind })),
    },
    controls: {
      added: head.controls.filter((c) => !base.controls.includes(c)),
      removed: base.controls.filter((c) => !head.controls.includes(c)),
    },
    allTools:
      base.allTools === head.allTools
        ? undefined
        : { before: base.allTools, after: head.allTools },
    declarations: changedDeclarations(base, head),
  }
}

/** Keys whose declared value differs; undefined when the base records none. */
function changedDeclarations(
  base: AgentSnapshot,
  head: AgentSnapshot,
): string[] | undefined {
  if (!base.declarations || !head.declarations) return undefined
  const before = base.declarations
  const after = head.declarations
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const changed = keys.filter((key) => before[key] !== after[key]).sort()
  return changed.length > 0 ? changed : undefined
}

export function hasChanges(changes: AgentChanges): boolean {
  return (
    Math.abs(changes.score.change) > EPSILON ||
    changes.severity.before !== changes.severity.after ||
    changes.factors.length > 0 ||
    changes.tools.added.length > 0 ||
    changes.tools.removed.length > 0 ||
    changes.controls.added.length > 0 ||
    changes.controls.removed.length > 0 ||
    changes.allTools !== undefined ||
    changes.declarations !== undefined
  )
}

/** One entry per tool, in the manifest's order. */
function uniqueTools(tools: readonly SnapshotTool[]): SnapshotTool[] {
  const seen = new Set<string>()
  return tools.filter((t) => {
    const key = toolKey(t)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export function roundTo(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
