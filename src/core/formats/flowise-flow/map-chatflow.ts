import {
  addCredential,
  addNote,
  addTool,
  cite,
  pushUnique,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import {
  addFlowTrigger,
  connected,
  plain,
  startProfile,
  type Flow,
  type FlowNode,
} from './map-nodes.js'
import { addFlowTool, readMemory, readModel } from './map-tools.js'

/** Where a chatflow agent's instructions may sit, the first stated wins. */
const PROMPT_KEYS = [
  'systemMessage',
  'systemMessagePrompt',
  'workerPrompt',
  'supervisorPrompt',
  'prefix',
] as const

/** A chatflow (v1) agent node and the nodes it uses. */
export function readChatflowAgent(
  flow: Flow,
  node: FlowNode,
  name: string,
): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    flow.lineOf([...node.path, ...rest])
  const profile = startProfile(flow, node, name, at)
  const inputs = node.inputs.agent
  const promptKey = PROMPT_KEYS.find((key) => plain(inputs[key]) !== undefined)
  if (promptKey) {
    profile.instructions = plain(inputs[promptKey])
    cite(profile, 'instructions', at('data', 'inputs', promptKey))
  }
  const max = inputs.maxIterations
  if (max !== undefined) {
    profile.autonomy.maxIterations = max
    cite(profile, 'autonomy', at('data', 'inputs', 'maxIterations'))
  } else if (node.category === 'Agents') {
    profile.autonomy.maxIterations = 15
    addNote(profile, 'maxIterations not set: the agent loops up to 15 times')
  }
  if (/autoGPT|babyAGI|react/i.test(node.name)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', at('data', 'name'))
  }
  if (node.name === 'seqAgent' && inputs.interrupt === true) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', at('data', 'inputs', 'interrupt'))
    addNote(profile, 'tool calls wait for a human to approve them (interrupt)')
  }
  for (const other of connected(flow, node, true)) {
    useNode(flow, profile, other)
  }
  addFlowTrigger(profile, 'chat', at())
  addNote(
    profile,
    'Flowise serves the flow through its chat API and embeds; the export does not say who can reach them',
  )
  return profile
}

/**
 * Sequential agents (Flowise's seqAgent) take the Start node's chat model
 * and agent memory unless they set their own: the Start node is where a
 * sequential flow names them once for all its agents.
 */
export function inheritFromStart(
  flow: Flow,
  agents: ReadonlyMap<string, AgentProfile>,
): void {
  const start = [...flow.nodes.values()].find((n) => n.name === 'seqStart')
  if (!start) return
  const at = (...rest: DataPath): number | undefined =>
    flow.lineOf([...start.path, ...rest])
  const shared = startProfile(flow, start, 'Start', at)
  for (const other of connected(flow, start, true)) useNode(flow, shared, other)
  for (const [id, profile] of agents) {
    if (flow.nodes.get(id)?.name !== 'seqAgent') continue
    if (!profile.model.name && shared.model.name) {
      profile.model = { ...shared.model }
      addNote(profile, `model from the Start node: ${shared.model.name}`)
    }
    if (profile.memory.kind === undefined && shared.memory.kind !== undefined) {
      profile.memory = {
        ...shared.memory,
        stores: [...shared.memory.stores],
      }
      addNote(profile, 'memory from the Start node')
    }
  }
}

const MODEL_CATEGORIES = new Set(['Chat Models', 'LLMs'])
const KNOWLEDGE_CATEGORIES = new Set([
  'Retrievers',
  'Vector Stores',
  'Document Stores',
])

/** A node an agent uses, by its category. */
function useNode(flow: Flow, profile: AgentProfile, node: FlowNode): void {
  const line = flow.lineOf(node.path)
  if (MODEL_CATEGORIES.has(node.category)) {
    readModel(profile, node.name, node.inputs.used, line)
    credential(profile, node)
  } else if (node.category === 'Memory') {
    readMemory(profile, node.name, line)
  } else if (node.category === 'Tools' || node.category === 'Tools (MCP)') {
    addFlowTool(
      profile,
      node.name,
      node.label,
      node.inputs.used,
      line,
      undefined,
    )
    credential(profile, node)
  } else if (KNOWLEDGE_CATEGORIES.has(node.category)) {
    addTool(profile, {
      name: node.label,
      kind: 'search',
      line,
      source: 'builtin',
      readOnly: true,
    })
  } else if (node.category === 'Moderation') {
    profile.controls.guardrails = true
    cite(profile, 'controls.guardrails', line)
    addNote(profile, `input moderation: ${node.label}`)
  }
}

function credential(profile: AgentProfile, node: FlowNode): void {
  if (node.credential || node.inputs.used.credential)
    addCredential(profile, `${node.name}.credential`)
}

/** Workers name their supervisor: `supervisor: {{supervisor_0.data.instance}}`. */
export function linkSupervisors(
  flow: Flow,
  profiles: ReadonlyMap<string, AgentProfile>,
): void {
  for (const node of flow.nodes.values()) {
    const child = profiles.get(node.id)
    if (!child || node.name !== 'worker') continue
    for (const other of connected(flow, node)) {
      const parent = profiles.get(other.id)
      if (!parent || other.name !== 'supervisor') continue
      child.parent = parent.name
      pushUnique(parent.subAgents, child.name)
      if (child.model.name === undefined && parent.model.name !== undefined) {
        child.model = { ...parent.model }
        addNote(child, `it uses the model of its supervisor ${parent.name}`)
      }
      parent.delegation.canDelegate = true
      parent.delegation.mode = 'hierarchical'
      parent.delegation.dynamic = true
      cite(parent, 'subAgents', child.source.line)
      cite(parent, 'delegation', parent.source.line)
    }
  }
}
