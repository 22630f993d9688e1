import { addNote, cite, pushUnique } from '../../manifest/kit.js'
import type { Context } from './context.js'
import type { Agent } from './schema.js'

/** `agents`, `dependencies`, `delegation` and `a2a_agents`. */
export function readSubAgents(ctx: Context, root: Agent): void {
  const { profile, doc } = ctx
  for (const [name, config] of root.agents ?? []) {
    pushUnique(profile.subAgents, name)
    const mode = config?.delegation?.mode
    if (mode) addNote(profile, `sub-agent ${name} is called in ${mode} mode`)
  }
  for (const dep of root.dependencies ?? []) {
    const name = dep?.name
    if (!dep || !name) continue
    pushUnique(profile.subAgents, name)
    const version = dep.version ?? ''
    if (!/^\d+\.\d+\.\d+$/.test(version))
      addNote(
        profile,
        `dependency ${name} comes from ${dep.source ?? 'an unstated source'} at ${version || 'no pinned version'}`,
      )
  }
  if (profile.subAgents.length > 0) {
    profile.delegation.canDelegate = true
    cite(
      profile,
      'subAgents',
      doc.lineOf(['agents']) ?? doc.lineOf(['dependencies']),
    )
  }
  const mode = root.delegation?.mode
  if (mode) {
    profile.delegation.canDelegate = true
    profile.delegation.mode = mode === 'router' ? 'router' : 'hierarchical'
    cite(profile, 'delegation', doc.lineOf(['delegation']))
    if (mode === 'auto')
      addNote(
        profile,
        'delegation auto: the model decides when to hand work to sub-agents',
      )
  } else if (profile.subAgents.length > 0) {
    profile.delegation.mode = 'hierarchical'
  }
  for (const name of root.a2a_agents) {
    pushUnique(profile.delegation.peers, name)
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', doc.lineOf(['a2a_agents']))
  }
}
