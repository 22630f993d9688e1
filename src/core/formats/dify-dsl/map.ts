import {
  addNote,
  addTrigger,
  cite,
  problem,
  pushUnique,
  readWith,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
} from '../../manifest/kit.js'
import {
  readAgentNode,
  readChatAgent,
  readGuardrails,
  type App,
  type GraphNode,
} from './map-agents.js'
import { DifyDsl } from './schema.js'

export function mapDifyDsl(file: ManifestFile): FormatResult {
  const read = readWith(file, 'yaml', DifyDsl)
  if (!read.ok) return read.result
  const dsl = read.data
  const mode = dsl?.app?.mode
  if (!dsl || dsl.kind !== 'app' || !dsl.app || !mode) {
    return rejected('not a Dify DSL: no kind: app with an app.mode')
  }
  const app: App = {
    file: file.path,
    read,
    dsl,
    name: dsl.app.name ?? 'dify-app',
    mode,
  }
  const result =
    mode === 'workflow' || mode === 'advanced-chat'
      ? readWorkflowApp(app)
      : mode === 'agent-chat' || mode === 'chat' || mode === 'completion'
        ? readChatApp(app)
        : rejected(`Dify app mode "${mode}" is not one aivss-gate knows`)
  for (const agent of result.agents) readAppWide(app, agent)
  return result
}

function readChatApp(app: App): FormatResult {
  const config = app.dsl.model_config
  if (app.mode !== 'agent-chat' && config?.agent_mode?.enabled !== true) {
    return rejected(
      `Dify ${app.mode} app without agent mode: a prompt and a model, not an agent`,
    )
  }
  if (!config) {
    const line = app.read.lineOf(['app', 'mode'])
    return {
      agents: [],
      problems: [
        problem(app.file, line, 'agent-chat app without model_config', {
          field: 'model_config',
        }),
      ],
      document: app.read.doc,
    }
  }
  return {
    agents: [readChatAgent(app, config)],
    problems: app.read.problems,
    document: app.read.doc,
  }
}

/** The nodes of the graph, each with its id as text (its place when it has none). */
function graphNodes(app: App): GraphNode[] {
  return (app.dsl.workflow?.graph?.nodes ?? []).map(({ id, index, data }) => ({
    id: nodeId(id, index),
    index,
    data,
  }))
}

/**
 * An id as text. A hostile id can be a mapping whose `toString` is a
 * string, which String() cannot call: then the node goes by its place.
 */
function nodeId(id: unknown, index: number): string {
  try {
    return String(id ?? index)
  } catch {
    return String(index)
  }
}

function readWorkflowApp(app: App): FormatResult {
  const nodes = graphNodes(app)
  const agentNodes = nodes.filter((n) => n.data.type === 'agent')
  if (agentNodes.length === 0) {
    const types = [...new Set(nodes.map((n) => n.data.type))].join(', ')
    return rejected(
      `Dify ${app.mode} without agent nodes (${types || 'no nodes'}): a fixed pipeline, not an agent`,
    )
  }
  const agents = agentNodes.map((node) =>
    readAgentNode(app, node, agentNodes.length > 1),
  )
  for (const agent of agents) readWorkflowContext(app, agent, nodes)
  return { agents, problems: app.read.problems, document: app.read.doc }
}

const WORKFLOW_STEPS: ReadonlyArray<readonly [string, string]> = [
  ['code', 'runs code nodes'],
  ['http-request', 'sends HTTP requests'],
  ['tool', 'calls tools directly'],
  ['knowledge-retrieval', 'retrieves from knowledge bases'],
]

/** A node's title, else its id. */
function nodeLabel(node: GraphNode): string {
  return node.data.title ?? node.id
}

function readWorkflowContext(
  app: App,
  profile: AgentProfile,
  nodes: readonly GraphNode[],
): void {
  const line = (node: GraphNode): number | undefined =>
    app.read.lineOf(['workflow', 'graph', 'nodes', node.index])
  for (const [type, phrase] of WORKFLOW_STEPS) {
    const steps = nodes.filter((n) => n.data.type === type)
    if (steps.length === 0) continue
    const titles = steps.map(nodeLabel).join(', ')
    addNote(profile, `the workflow around the agent also ${phrase}: ${titles}`)
  }
  const human = nodes.find((n) => /human/.test(n.data.type))
  if (human) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', line(human))
    addNote(
      profile,
      `human step "${nodeLabel(human)}" in the workflow waits for a person`,
    )
  }
  for (const node of nodes) {
    const { type } = node.data
    if (type === 'trigger-webhook') addTrigger(profile, 'webhook', line(node))
    else if (type === 'trigger-schedule')
      addTrigger(profile, 'schedule', line(node))
    else if (/^trigger-/.test(type)) addTrigger(profile, 'event', line(node))
  }
  if (app.mode === 'workflow' && profile.triggers.length === 0) {
    addTrigger(profile, 'api', app.read.lineOf(['app', 'mode']))
  }
  const workflow = app.dsl.workflow
  readGuardrails(
    profile,
    workflow?.features?.sensitive_word_avoidance,
    app.read.lineOf(['workflow', 'features', 'sensitive_word_avoidance']),
  )
  if ((workflow?.conversation_variables ?? []).length > 0) {
    profile.memory.kind ??= 'session'
    profile.memory.writable = true
    cite(
      profile,
      'memory',
      app.read.lineOf(['workflow', 'conversation_variables']),
    )
  }
}

// ---------------------------------------------------------------- app-wide

function readAppWide(app: App, profile: AgentProfile): void {
  const modeLine = app.read.lineOf(['app', 'mode'])
  if (app.mode !== 'workflow' && app.mode !== 'completion') {
    addTrigger(profile, 'chat', modeLine)
    pushUnique(profile.exposure.channels, 'chat')
    profile.memory.kind ??= 'session'
    cite(profile, 'memory', modeLine)
  }
  addNote(
    profile,
    'Dify serves the app as a web app and an API; the DSL does not say who can reach them',
  )
  for (const { name, value_type } of app.dsl.workflow?.environment_variables ??
    []) {
    if (name && value_type === 'secret') {
      profile.identity.credentials.push(name)
    }
  }
  const plugins = (app.dsl.dependencies ?? [])
    .map(
      ({ value }) =>
        value?.marketplace_plugin_unique_identifier ??
        value?.plugin_unique_identifier ??
        value?.package,
    )
    .filter((id): id is string => id !== undefined)
    .map((id) => id.split(/[:@]/)[0] ?? id)
  if (plugins.length > 0) {
    addNote(profile, `the app depends on plugins: ${plugins.join(', ')}`)
  }
}
