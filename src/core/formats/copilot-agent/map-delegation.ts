import { addNote, cite, pushUnique } from '../../manifest/kit.js'
import type { CopilotContext } from './map-tools.js'
import type { Handoff } from './schema.js'

/** `handoffs`: peers it hands the conversation to, with a button. */
export function readHandoffs(
  { profile, read }: CopilotContext,
  handoffs: readonly Handoff[] | undefined,
): void {
  for (const { agent, send, index } of handoffs ?? []) {
    if (!agent) continue
    profile.delegation.canDelegate = true
    profile.delegation.mode = 'handoff'
    pushUnique(profile.delegation.peers, agent)
    cite(profile, 'delegation', read.lineOf(['handoffs', index]))
    if (send === true)
      addNote(
        profile,
        `handoff to ${agent} sends its prompt without the user editing it`,
      )
  }
}

/** `agents`: the custom agents it may call; none, or `*` for any. */
export function readAgents(
  { profile, read }: CopilotContext,
  names: readonly string[] | undefined,
): void {
  if (!names) return
  const line = read.lineOf(['agents'])
  if (names.length === 0) {
    profile.delegation.canDelegate = false
    cite(profile, 'delegation', line)
    return
  }
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
  if (names.includes('*')) {
    profile.delegation.dynamic = true
    addNote(profile, 'agents: * lets it call any other custom agent')
    return
  }
  for (const name of names) pushUnique(profile.subAgents, name)
  cite(profile, 'subAgents', line)
}
