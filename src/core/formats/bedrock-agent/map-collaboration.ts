import { addNote, cite, type AgentProfile } from '../../manifest/kit.js'
import type { AgentSpec } from './spec.js'

/**
 * Delegation: the collaboration mode (supervisor, router) and the
 * collaborators, whose conversation history may be relayed to them.
 */
export function readCollaboration(
  profile: AgentProfile,
  spec: AgentSpec,
): void {
  const mode = spec.collaboration.value
  const line = spec.collaboration.line
  if (mode === 'SUPERVISOR' || mode === 'SUPERVISOR_ROUTER') {
    profile.delegation.canDelegate = true
    profile.delegation.mode = mode === 'SUPERVISOR' ? 'hierarchical' : 'router'
    cite(profile, 'delegation', line)
    if (mode === 'SUPERVISOR') {
      profile.autonomy.planning = true
      cite(profile, 'autonomy', line)
    }
  } else if (mode === 'DISABLED') {
    profile.delegation.canDelegate = false
    cite(profile, 'delegation', line)
  }
  if (spec.collaborators.length > 0) {
    profile.delegation.canDelegate ??= true
    cite(profile, 'subAgents', spec.collaborators[0]?.line)
    cite(profile, 'delegation', spec.collaborators[0]?.line)
  }
  for (const collaborator of spec.collaborators) {
    if (collaborator.relay === 'TO_COLLABORATOR') {
      addNote(
        profile,
        `the conversation history is relayed to collaborator ${collaborator.name ?? collaborator.agentKey ?? ''}`,
      )
    }
  }
}
