import {
  addNote,
  cite,
  problem,
  pushUnique,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import { follow, lineOf, member, type Context } from './map-context.js'
import type { Located } from './schema.js'

/**
 * A Swarm: no profile of its own; each relationship (caller, recipient)
 * makes the recipient a peer of the caller. Its first agent stands for it.
 */
export function readSwarm(
  ctx: Context,
  loc: Located,
): AgentProfile | undefined {
  const at = (...path: Array<string | number>): DataPath => [
    ...loc.path,
    ...path,
  ]
  const firstLoc = follow(ctx, loc.value.first_agent, at('first_agent'))
  const first = firstLoc ? ctx.profileOf(firstLoc) : undefined
  const handoff = loc.value.handoff ?? true
  const swarmName = loc.value.name ?? 'swarm'
  const members = new Set<AgentProfile>(first ? [first] : [])
  loc.value.relationships?.forEach((ends, index) => {
    const caller = ends
      ? member(ctx, ends[0], at('relationships', index, 0))
      : undefined
    const recipient = ends
      ? member(ctx, ends[1], at('relationships', index, 1))
      : undefined
    if (!caller || !recipient) {
      ctx.problems.push(
        problem(
          ctx.file,
          lineOf(ctx, at('relationships', index)),
          'swarm relationship is not a pair of agents (caller, recipient)',
          { field: `relationships[${index}]`, level: 'warning' },
        ),
      )
      return
    }
    members.add(caller).add(recipient)
    caller.delegation.canDelegate = true
    caller.delegation.mode = 'swarm'
    pushUnique(caller.delegation.peers, recipient.name)
    cite(caller, 'delegation', lineOf(ctx, at('relationships', index)))
    // The recipient works with its callers too: it is in the swarm, not alone.
    pushUnique(recipient.delegation.peers, caller.name)
    cite(recipient, 'delegation', lineOf(ctx, at('relationships', index)))
  })
  for (const profile of members) {
    profile.delegation.mode ??= 'swarm'
    addNote(
      profile,
      handoff
        ? `member of swarm ${swarmName}: agents hand the whole user conversation to each other (handoff)`
        : `member of swarm ${swarmName}: agents query each other; only the first agent talks to the user`,
    )
    if (handoff && profile !== first) {
      pushUnique(profile.triggers, 'chat')
      pushUnique(profile.exposure.channels, 'chat')
    }
  }
  return first
}

/** ManagerWorkers: the `group_manager` gets the `workers` as sub-agents. */
export function readManagerWorkers(
  ctx: Context,
  loc: Located,
): AgentProfile | undefined {
  const managerPath = [...loc.path, 'group_manager']
  const manager = member(ctx, loc.value.group_manager, managerPath)
  if (!manager) {
    ctx.problems.push(
      problem(
        ctx.file,
        lineOf(ctx, loc.path),
        'ManagerWorkers has no group_manager agent',
        { field: 'group_manager', level: 'warning' },
      ),
    )
  }
  loc.value.workers?.forEach((link, index) => {
    const worker = member(ctx, link, [...loc.path, 'workers', index])
    if (!worker || !manager || worker === manager) return
    pushUnique(manager.subAgents, worker.name)
    worker.parent ??= manager.name
    manager.delegation.canDelegate = true
    manager.delegation.mode = 'hierarchical'
    cite(manager, 'subAgents', lineOf(ctx, [...loc.path, 'workers']))
    cite(manager, 'delegation', lineOf(ctx, [...loc.path, 'workers']))
  })
  return manager
}
