import {
  addNote,
  addTrigger,
  pushUnique,
  type AgentProfile,
} from '../../manifest/kit.js'
import { isAgent, type Flow, type FlowNode } from './map-flow.js'

/** Whether the agent is wired into another agent's tools. */
export function isSubAgent(flow: Flow, node: FlowNode): boolean {
  return flow.edges.some((e) => {
    const target = flow.nodes.get(e.target)
    return (
      e.source === node.id &&
      e.field === 'tools' &&
      target !== undefined &&
      isAgent(target)
    )
  })
}

/** How the flow is reached: chat, webhook, the run API, sharing, MCP. */
export function readFlowWide(flow: Flow, profile: AgentProfile): void {
  const nodes = [...flow.nodes.values()]
  const line = (node: FlowNode): number | undefined =>
    flow.read.lineOf(node.path.slice(0, -1))
  const chat = nodes.find((n) => n.type === 'ChatInput')
  if (chat) {
    addTrigger(profile, 'chat', line(chat))
    pushUnique(profile.exposure.channels, 'chat')
  }
  const webhook = nodes.find((n) => /Webhook/i.test(n.type))
  if (webhook) {
    addTrigger(profile, 'webhook', line(webhook))
    pushUnique(profile.exposure.channels, 'webhook')
    profile.exposure.untrustedInput = true
  }
  const { root } = flow
  addTrigger(profile, 'api', flow.read.lineOf(['endpoint_name']))
  profile.exposure.endpoint = `/api/v1/run/${root.endpoint_name ?? root.id ?? '<flow id>'}`
  if (root.access_type === 'PUBLIC') {
    profile.exposure.reach = 'public'
    addNote(profile, 'access_type PUBLIC: the flow is shared publicly')
  }
  if (root.mcp_enabled === true) {
    pushUnique(profile.exposure.channels, 'mcp')
    addNote(profile, "the flow is exposed as a tool of Langflow's MCP server")
  }
  addNote(
    profile,
    'Langflow serves every flow through its run API; the export does not say who can reach it',
  )
}
