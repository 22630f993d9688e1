import {
  addNote,
  addTool,
  cite,
  isPlaceholder,
  newProfile,
  type AgentProfile,
  type DataPath,
  type Reading,
} from '../../manifest/kit.js'
import { providerName, readMcpServer, readTool } from './map-tools.js'
import type { DifyDsl, Model, ModelConfig, Moderation, Node } from './schema.js'

const FORMAT_ID = 'dify-dsl'

/** The app a DSL file exports, as every part of the mapping reads it. */
export interface App {
  readonly file: string
  readonly read: Reading<unknown>
  readonly dsl: DifyDsl
  readonly name: string
  readonly mode: string
}

/** A node of the workflow's graph, with its id as text. */
export interface GraphNode {
  readonly id: string
  readonly index: number
  readonly data: Node['data']
}

// ---------------------------------------------------------------- agent-chat

export function readChatAgent(app: App, config: ModelConfig): AgentProfile {
  const at = (...path: DataPath): number | undefined =>
    app.read.lineOf(['model_config', ...path])
  const profile = newProfile({
    name: app.name,
    format: FORMAT_ID,
    file: app.file,
    line: app.read.lineOf(['app']) ?? 1,
  })
  cite(profile, 'name', app.read.lineOf(['app', 'name']))
  profile.description = app.dsl.app?.description
  const prompt = config.pre_prompt
  if (prompt) {
    profile.instructions = prompt
    cite(profile, 'instructions', at('pre_prompt'))
  }
  readModel(profile, config.model, at('model'))
  const agentMode = config.agent_mode
  const strategy = agentMode?.strategy
  if (strategy && /react|cot|plan/i.test(strategy)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', at('agent_mode', 'strategy'))
  }
  const max = agentMode?.max_iteration
  profile.autonomy.maxIterations = max ?? 5
  if (max !== undefined) {
    cite(profile, 'autonomy', at('agent_mode', 'max_iteration'))
  } else {
    addNote(profile, 'max_iteration not set: Dify loops up to 5 times')
  }
  const tools = agentMode?.tools ?? []
  if (tools.length > 0) cite(profile, 'tools', at('agent_mode', 'tools'))
  tools.forEach((tool, index) => {
    readTool(profile, tool, at('agent_mode', 'tools', index))
  })
  readDatasets(profile, config, at('dataset_configs'))
  readGuardrails(
    profile,
    config.sensitive_word_avoidance,
    at('sensitive_word_avoidance'),
  )
  return profile
}

function readModel(
  profile: AgentProfile,
  model: Model,
  line: number | undefined,
): void {
  if (!model) return
  const params = model.completion_params
  const name = model.name ?? model.model
  profile.model = {
    name,
    provider: providerName(model.provider),
    temperature: params?.temperature,
    seed: params?.seed,
  }
  if (isPlaceholder(name)) {
    profile.model.unresolved = true
    addNote(profile, 'the model is set through a variable resolved at run time')
  }
  cite(profile, 'model', line)
}

function readDatasets(
  profile: AgentProfile,
  config: ModelConfig,
  line: number | undefined,
): void {
  const datasets = config.dataset_configs?.datasets?.datasets ?? []
  const enabled = datasets.filter((d) => d?.dataset?.enabled !== false)
  if (enabled.length === 0) return
  addTool(profile, {
    name: 'dataset_retrieval',
    kind: 'search',
    description: `${enabled.length} knowledge base(s)`,
    line,
    source: 'builtin',
    readOnly: true,
  })
}

export function readGuardrails(
  profile: AgentProfile,
  moderation: Moderation,
  line: number | undefined,
): void {
  const enabled = moderation?.enabled
  if (enabled === undefined || profile.controls.guardrails === true) return
  profile.controls.guardrails = enabled
  cite(profile, 'controls.guardrails', line)
  if (!enabled) {
    addNote(profile, 'content moderation (sensitive_word_avoidance) is off')
  }
}

// ---------------------------------------------------------------- workflow agent nodes

export function readAgentNode(
  app: App,
  node: GraphNode,
  several: boolean,
): AgentProfile {
  const at = (...path: DataPath): number | undefined =>
    app.read.lineOf(['workflow', 'graph', 'nodes', node.index, ...path])
  const { data } = node
  const title = data.title ?? 'Agent'
  const profile = newProfile({
    name: several ? `${app.name}: ${title}` : app.name,
    format: FORMAT_ID,
    file: app.file,
    line: at() ?? 1,
  })
  cite(profile, 'name', at('data', 'title'))
  profile.description = data.desc ?? app.dsl.app?.description
  const params = data.agent_parameters
  const pAt = (key: string, ...rest: DataPath): number | undefined =>
    at('data', 'agent_parameters', key, ...rest)
  const instruction = params?.instruction
  if (instruction) {
    profile.instructions = instruction
    cite(profile, 'instructions', pAt('instruction'))
  }
  readModel(profile, params?.model, pAt('model'))
  const max = params?.maximum_iterations
  if (max !== undefined) {
    profile.autonomy.maxIterations = max
    cite(profile, 'autonomy', pAt('maximum_iterations'))
  }
  const tools = params?.tools ?? []
  if (tools.length > 0) cite(profile, 'tools', pAt('tools'))
  tools.forEach((tool, index) => {
    readTool(profile, tool, pAt('tools', 'value', index) ?? pAt('tools'))
  })
  if (params?.mcp_server)
    readMcpServer(profile, params.mcp_server, pAt('mcp_server'))
  readStrategy(profile, data, at('data', 'agent_strategy_name'))
  if (data.memory) {
    profile.memory.kind = 'session'
    cite(profile, 'memory', at('data', 'memory'))
  }
  return profile
}

function readStrategy(
  profile: AgentProfile,
  data: Node['data'],
  line: number | undefined,
): void {
  const strategy = data.agent_strategy_name
  const provider = data.agent_strategy_provider_name
  if (strategy && /react|cot|plan/i.test(strategy)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', line)
  }
  if (provider) {
    const label = data.agent_strategy_label
    addNote(
      profile,
      `its loop is the agent strategy ${strategy ?? '?'}${label ? ` (${label})` : ''} from plugin ${provider}: third-party code the DSL does not describe`,
    )
  }
}
