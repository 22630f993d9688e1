import type { FactorId } from '../aivss/factors.js'
import { agentId, byLocation, toolKey, type AgentSnapshot } from './snapshot.js'

/**
 * Pairing the base's agents with the head's: first by file path and agent
 * name, then moves. A base agent left over and a head agent left over count
 * as one agent renamed (moved to another file) when git says the file was
 * renamed and the agent kept its name, or when they share name and format
 * and their profiles match closely. Everything else is added or removed.
 */

export type RenameEvidence = 'git' | 'profile'

export interface MatchedPair {
  readonly base: AgentSnapshot
  readonly head: AgentSnapshot
  /** Set when the agent moved to another file. */
  readonly renamed?: RenameEvidence | undefined
}

export interface Matching {
  readonly pairs: readonly MatchedPair[]
  readonly added: readonly AgentSnapshot[]
  readonly removed: readonly AgentSnapshot[]
}

/** Profiles at least this similar (0–1) are one agent that moved. */
export const RENAME_SIMILARITY = 0.8

export function matchAgents(
  base: readonly AgentSnapshot[],
  head: readonly AgentSnapshot[],
  /** Git's renames: base path → head path, relative to the scan root. */
  renames: ReadonlyMap<string, string> = new Map(),
): Matching {
  const pairs: MatchedPair[] = []
  const baseLeft = new Set(base)
  const headLeft = new Set(head)
  const pair = (
    b: AgentSnapshot,
    h: AgentSnapshot,
    how?: RenameEvidence,
  ): void => {
    pairs.push({ base: b, head: h, renamed: how })
    baseLeft.delete(b)
    headLeft.delete(h)
  }

  // Same file and name; several agents of one name in one file pair in order.
  const headById = groupById([...head].sort(byLocation))
  for (const [id, olds] of groupById([...base].sort(byLocation))) {
    const news = headById.get(id) ?? []
    olds.forEach((b, i) => {
      const h = news[i]
      if (h) pair(b, h)
    })
  }

  for (const b of [...baseLeft].sort(byLocation)) {
    const target = renames.get(b.file)
    if (target === undefined) continue
    const h = [...headLeft]
      .sort(byLocation)
      .find((a) => a.file === target && a.name === b.name)
    if (h) pair(b, h, 'git')
  }

  const candidates: Array<{ b: AgentSnapshot; h: AgentSnapshot; s: number }> =
    []
  for (const b of baseLeft)
    for (const h of headLeft) {
      if (b.name !== h.name || b.format !== h.format) continue
      const s = similarity(b, h)
      if (s >= RENAME_SIMILARITY) candidates.push({ b, h, s })
    }
  candidates.sort(
    (x, y) => y.s - x.s || byLocation(x.b, y.b) || byLocation(x.h, y.h),
  )
  for (const { b, h } of candidates)
    if (baseLeft.has(b) && headLeft.has(h)) pair(b, h, 'profile')

  return {
    pairs: pairs.sort((x, y) => byLocation(x.head, y.head)),
    added: [...headLeft].sort(byLocation),
    removed: [...baseLeft].sort(byLocation),
  }
}

function groupById(
  agents: readonly AgentSnapshot[],
): Map<string, AgentSnapshot[]> {
  const groups = new Map<string, AgentSnapshot[]>()
  for (const agent of agents) {
    const id = agentId(agent)
    const group = groups.get(id)
    if (group) group.push(agent)
    else groups.set(id, [agent])
  }
  return groups
}

/**
 * How alike two profiles are, 0–1: factor values weigh 0.4 (one minus the
 * mean difference), tools 0.4 and controls 0.2 (shared over all, 1 when
 * both have none). An opened or closed tool list counts as different tools.
 */
export function similarity(a: AgentSnapshot, b: AgentSnapshot): number {
  const ids = [
    ...new Set([...Object.keys(a.factors), ...Object.keys(b.factors)]),
  ] as FactorId[]
  const factorDistance =
    ids.length === 0
      ? 0
      : ids.reduce(
          (sum, id) =>
            sum + Math.abs((a.factors[id] ?? 0) - (b.factors[id] ?? 0)),
          0,
        ) / ids.length
  const tools =
    a.allTools !== b.allTools
      ? 0
      : jaccard(a.tools.map(toolKey), b.tools.map(toolKey))
  const controls = jaccard(a.controls, b.controls)
  return 0.4 * (1 - factorDistance) + 0.4 * tools + 0.2 * controls
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a)
  const right = new Set(b)
  if (left.size === 0 && right.size === 0) return 1
  let shared = 0
  for (const item of left) if (right.has(item)) shared += 1
  return shared / (left.size + right.size - shared)
}
