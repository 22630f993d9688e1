import {
  addNote,
  addTool,
  cite,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import {
  addFlowTrigger,
  plain,
  startProfile,
  type Flow,
  type FlowNode,
} from './map-nodes.js'
import { addFlowTool, readModel } from './map-tools.js'
import type { AgentflowInputs } from './schema.js'

type InputLine = (...rest: DataPath) => number | undefined

/** An agentflow (v2) agent node: its model, messages, tools and memory. */
export function readAgentflowAgent(
  flow: Flow,
  node: FlowNode,
  name: string,
): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    flow.lineOf([...node.path, ...rest])
  const inAt: InputLine = (...rest) => at('data', 'inputs', ...rest)
  const inputs = node.inputs.agentflow
  const profile = startProfile(flow, node, name, at)
  const config = inputs.agentModelConfig
  const modelNode = inputs.agentModel ?? config.agentModel ?? ''
  if (modelNode || config.stated) {
    readModel(profile, modelNode, config, inAt('agentModel'))
    if (config.credential)
      profile.identity.credentials.push(`${modelNode}.credential`)
  }
  const system = (inputs.agentMessages ?? [])
    .filter((m) => m?.role === 'system' || m?.role === 'developer')
    .map((m) => plain(m?.content))
    .filter((m): m is string => m !== undefined)
  if (system.length > 0) {
    profile.instructions = system.join('\n\n')
    cite(profile, 'instructions', inAt('agentMessages'))
  }
  ;(inputs.agentTools ?? []).forEach((tool, index) => {
    const toolName = tool?.agentSelectedTool
    if (!tool || !toolName) return
    addFlowTool(
      profile,
      toolName,
      toolName,
      tool.agentSelectedToolConfig,
      inAt('agentTools', index),
      tool.agentSelectedToolRequiresHumanInput === true ? true : undefined,
    )
  })
  readKnowledge(profile, inputs, inAt)
  readAgentMemory(profile, inputs, inAt)
  const gated = profile.tools.filter((t) => t.requiresApproval === true)
  if (gated.length > 0 && gated.length === profile.tools.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', inAt('agentTools'))
  }
  return profile
}

/** Chat memory, kept unless `agentEnableMemory` is false. */
function readAgentMemory(
  profile: AgentProfile,
  inputs: AgentflowInputs,
  inAt: InputLine,
): void {
  if (inputs.agentEnableMemory === false) {
    profile.memory.kind = 'none'
  } else {
    profile.memory.kind = 'session'
    profile.memory.stores.push(inputs.agentMemoryType ?? 'allMessages')
  }
  cite(profile, 'memory', inAt('agentEnableMemory'))
}

const KNOWLEDGE_KEYS = [
  'agentKnowledgeDocumentStores',
  'agentKnowledgeVSEmbeddings',
] as const

function readKnowledge(
  profile: AgentProfile,
  inputs: AgentflowInputs,
  inAt: InputLine,
): void {
  for (const key of KNOWLEDGE_KEYS) {
    ;(inputs[key] ?? []).forEach((store, index) => {
      if (!store) return
      addTool(profile, {
        name: `knowledge: ${store.name ?? key}`,
        kind: 'search',
        description: plain(store.description),
        line: inAt(key, index),
        source: 'builtin',
        readOnly: true,
      })
    })
  }
}

const FLOW_STEPS: ReadonlyArray<readonly [string, string]> = [
  ['customFunctionAgentflow', 'runs custom JavaScript functions'],
  ['httpAgentflow', 'sends HTTP requests'],
  ['toolAgentflow', 'calls tools directly'],
  ['executeFlowAgentflow', 'runs other Flowise flows'],
  ['retrieverAgentflow', 'retrieves from document stores'],
]

/** What the flow around an agent adds: steps, human input, loops, its start. */
export function readAgentflowContext(flow: Flow, profile: AgentProfile): void {
  const nodes = [...flow.nodes.values()]
  for (const [name, phrase] of FLOW_STEPS) {
    const steps = nodes.filter((n) => n.name === name)
    if (steps.length > 0) {
      addNote(
        profile,
        `the flow around the agent also ${phrase}: ${steps.map((n) => n.label).join(', ')}`,
      )
    }
  }
  const human = nodes.find((n) => n.name === 'humanInputAgentflow')
  if (human) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', flow.lineOf(human.path))
    addNote(
      profile,
      `human input step "${human.label}" waits for a person to approve or give feedback`,
    )
  }
  readLoops(flow, profile, nodes)
  if (nodes.some((n) => n.name === 'conditionAgentAgentflow')) {
    profile.delegation.dynamic = true
    addNote(
      profile,
      'a model routes the flow between branches (condition agent)',
    )
  }
  readStart(flow, profile, nodes)
  addNote(
    profile,
    'Flowise serves the flow through its API and embeds; the export does not say who can reach them',
  )
}

/** Loop nodes: the first caps the agent's iterations (5 by default). */
function readLoops(
  flow: Flow,
  profile: AgentProfile,
  nodes: readonly FlowNode[],
): void {
  for (const loop of nodes.filter((n) => n.name === 'loopAgentflow')) {
    const count = loop.inputs.step.maxLoopCount
    if (profile.autonomy.maxIterations === undefined) {
      profile.autonomy.maxIterations = count ?? 5
      cite(
        profile,
        'autonomy',
        flow.lineOf([...loop.path, 'data', 'inputs', 'maxLoopCount']),
      )
    }
    addNote(
      profile,
      `loop "${loop.label}" goes back up to ${count ?? 5} times${count === undefined ? ' (default)' : ''}`,
    )
  }
}

/** The start node: a chat or a form, and whether it keeps chat history. */
function readStart(
  flow: Flow,
  profile: AgentProfile,
  nodes: readonly FlowNode[],
): void {
  const start = nodes.find((n) => n.name === 'startAgentflow')
  const input = start?.inputs.step.startInputType ?? 'chatInput'
  const line = start ? flow.lineOf(start.path) : undefined
  if (input === 'formInput') {
    addFlowTrigger(profile, 'api', line)
    profile.exposure.channels.push('form')
  } else {
    addFlowTrigger(profile, 'chat', line)
  }
  if (start?.inputs.step.startEphemeralMemory === true) {
    profile.memory.kind = 'none'
    profile.memory.stores = []
    addNote(
      profile,
      'every run starts without past chat history (ephemeral memory)',
    )
  }
}
