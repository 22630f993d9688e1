import {
  addCredential,
  addNote,
  cite,
  pushUnique,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import type { Reader } from './map.js'
import type { Agent, Block, Group } from './schema.js'

export function readMemory(
  profile: AgentProfile,
  agent: Agent,
  blocks: readonly Block[],
  at: (...rest: DataPath) => number | undefined,
): void {
  const autoclear = agent.message_buffer_autoclear === true
  const archival = profile.tools.some((t) => /^archival_memory/.test(t.name))
  if (blocks.length > 0) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push(
      `core memory (${blocks.map((b) => b.label).join(', ')})`,
    )
    cite(
      profile,
      'memory',
      at('block_ids') ?? at('memory_blocks') ?? at('core_memory'),
    )
    if (blocks.every((b) => b.readOnly)) profile.memory.writable ??= false
    const filled = blocks.filter((b) => b.value.trim() !== '')
    if (filled.length > 0) {
      addNote(
        profile,
        `memory blocks carry content (${filled.map((b) => b.label).join(', ')}): exported state may hold data about its users`,
      )
    }
  }
  if (archival) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push('archival memory')
  }
  if (!autoclear) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push('recall memory (message history)')
    cite(profile, 'memory', at('message_buffer_autoclear'))
  } else if (profile.memory.kind === undefined) {
    profile.memory.kind = 'none'
    cite(profile, 'memory', at('message_buffer_autoclear'))
    addNote(
      profile,
      'message_buffer_autoclear: each request starts without the previous messages',
    )
  }
  if (agent.enable_sleeptime === true) {
    profile.autonomy.selfEditing = true
    profile.memory.writable = true
    cite(profile, 'autonomy', at('enable_sleeptime'))
    addNote(profile, 'a sleep-time agent rewrites its memory in the background')
  }
}

export function readDelegation(
  profile: AgentProfile,
  agent: Agent,
  line: number | undefined,
): void {
  const calls = profile.tools.filter((t) => t.kind === 'agent-call')
  if (agent.include_multi_agent_tools === true || calls.length > 0) {
    profile.delegation.canDelegate = true
    profile.delegation.dynamic = calls.some((t) => /matching_tags/.test(t.name))
      ? true
      : profile.delegation.dynamic
    cite(profile, 'delegation', line ?? calls[0]?.line)
    addNote(profile, 'it can message other Letta agents on the same server')
  }
}

/** Environment variables and secrets: names only, never values. */
export function readSecrets(profile: AgentProfile, agent: Agent): void {
  const names = new Set([
    ...agent.tool_exec_environment_variables,
    ...agent.secrets,
  ])
  for (const name of names) addCredential(profile, name)
}

export function readHistory(profile: AgentProfile, agent: Agent): void {
  const messages = agent.messages.filter(
    (m) => m?.role !== undefined && m.role !== 'system',
  )
  if (messages.length > 0) {
    addNote(
      profile,
      `the file carries ${messages.length} message(s) of conversation history`,
    )
  }
}

/** Groups: a manager agent and the agents it coordinates. */
export function readGroups(
  reader: Reader,
  groups: ReadonlyArray<Group | undefined>,
  agents: ReadonlyMap<string, AgentProfile>,
): void {
  groups.forEach((group, index) => {
    if (!group) return
    const line = reader.doc.lineOf(['groups', index])
    const type = group.manager_type ?? ''
    const manager = agents.get(group.manager_agent_id ?? '')
    const members = group.agent_ids
      .map((id) => agents.get(id))
      .filter((a): a is AgentProfile => a !== undefined && a !== manager)
    if (type === 'sleeptime' || type === 'voice_sleeptime') {
      for (const member of members) {
        member.autonomy.selfEditing = true
        member.memory.writable = true
        addNote(member, 'a sleep-time agent of its group edits its memory')
      }
      return
    }
    if (!manager) {
      for (const member of members) {
        member.delegation.peers.push(
          ...members.filter((m) => m !== member).map((m) => m.name),
        )
        member.delegation.mode =
          type === 'round_robin' ? 'group-chat' : 'router'
        cite(member, 'delegation', line)
      }
      return
    }
    manager.delegation.canDelegate = true
    manager.delegation.mode = type === 'supervisor' ? 'hierarchical' : 'router'
    if (type === 'dynamic') manager.delegation.dynamic = true
    cite(manager, 'delegation', line)
    cite(manager, 'subAgents', line)
    for (const member of members) {
      member.parent = manager.name
      pushUnique(manager.subAgents, member.name)
    }
  })
}
