import {
  addNote,
  addTool,
  cite,
  isPlaceholder,
  newProfile,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import { readTools } from './map-tools.js'
import { readApprovalPath, readTriggers } from './map-triggers.js'
import {
  inbound,
  readCredentials,
  shortType,
  type Graph,
  type Reader,
  type WorkflowNode,
} from './map-workflow.js'
import { FORMAT_ID } from './schema.js'

type LineAt = (...rest: DataPath) => number | undefined

/** One profile per AI Agent node, from the nodes plugged into it. */
export function readAgent(
  reader: Reader,
  graph: Graph,
  node: WorkflowNode,
): AgentProfile {
  const at: LineAt = (...rest) => reader.doc.lineOf([...node.path, ...rest])
  const profile = newProfile({
    name: node.name,
    format: FORMAT_ID,
    file: reader.file,
    line: at('name') ?? at() ?? 1,
  })
  cite(profile, 'name', at('name'))
  profile.description =
    node.notes ??
    (graph.name ? `AI agent of the n8n workflow "${graph.name}"` : undefined)
  const params = node.params.agent
  const system = params.options?.systemMessage ?? params.systemMessage
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('parameters', 'options', 'systemMessage'))
  }
  readLoop(profile, node, at)
  readCredentials(profile, node)
  const plugged = (type: string): WorkflowNode[] =>
    inbound(graph, node.name, type)
  readModels(reader, profile, plugged('ai_languageModel'))
  readMemory(reader, profile, plugged('ai_memory'))
  readTools(reader, graph, profile, plugged('ai_tool'))
  if (plugged('ai_outputParser').length > 0) {
    addNote(profile, 'its answers are parsed into a structured output')
  }
  readTriggers(reader, graph, profile, node)
  readApprovalPath(reader, graph, profile, node)
  if (graph.pinned) {
    addNote(
      profile,
      'the export keeps pinData: captured execution data is committed with the workflow',
    )
  }
  return profile
}

function readLoop(profile: AgentProfile, node: WorkflowNode, at: LineAt): void {
  const params = node.params.agent
  const options = params.options
  const max = options?.maxIterations
  profile.autonomy.maxIterations = max ?? 10
  if (max !== undefined) {
    cite(profile, 'autonomy', at('parameters', 'options', 'maxIterations'))
  } else {
    addNote(profile, 'maxIterations not set: n8n runs up to 10 tool rounds')
  }
  const kind = params.agent
  if (kind === 'planAndExecuteAgent' || kind === 'reActAgent') {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', at('parameters', 'agent'))
  }
  if (kind === 'sqlAgent') {
    addTool(profile, {
      name: 'sql',
      kind: 'database',
      line: at('parameters', 'agent'),
      source: 'builtin',
    })
  }
  if (options?.returnIntermediateSteps === true) {
    addNote(profile, 'intermediate steps are returned with every answer')
  }
}

const PROVIDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/AzureOpenAi/i, 'azure-openai'],
  [/OpenAi/i, 'openai'],
  [/Anthropic/i, 'anthropic'],
  [/VertexGemini|GoogleVertex/i, 'google-vertex'],
  [/Gemini|Google/i, 'google'],
  [/Ollama/i, 'ollama'],
  [/Mistral/i, 'mistral'],
  [/Groq/i, 'groq'],
  [/DeepSeek/i, 'deepseek'],
  [/OpenRouter/i, 'openrouter'],
  [/Bedrock|Aws/i, 'aws-bedrock'],
  [/XAi|Grok/i, 'xai'],
]

function readModels(
  reader: Reader,
  profile: AgentProfile,
  models: readonly WorkflowNode[],
): void {
  const [first, ...rest] = models
  if (!first) {
    addNote(profile, 'no language model is connected to this agent')
    return
  }
  const type = shortType(first.type)
  const { model, modelName, options } = first.params.model
  const chosen = model.stated ? model : modelName
  const name = chosen.text ?? chosen.value ?? chosen.cachedResultName
  const temperature = options?.temperature
  profile.model = {
    name,
    provider: PROVIDERS.find(([pattern]) => pattern.test(type))?.[1],
    temperature: temperature?.value,
  }
  if (isPlaceholder(name) || isPlaceholder(temperature?.text)) {
    profile.model.unresolved = true
    addNote(profile, 'the model is chosen by an expression at run time')
  }
  if (!name) {
    addNote(profile, `model node "${first.name}" keeps its default model`)
  }
  cite(profile, 'model', reader.doc.lineOf(first.path))
  readCredentials(profile, first)
  if (rest.length > 0) {
    addNote(
      profile,
      `fallback model nodes: ${rest.map((n) => n.name).join(', ')}`,
    )
  }
}

const PERSISTENT_MEMORY =
  /Postgres|Redis|Mongo|Xata|Zep|Motorhead|Mysql|Supabase/i

function readMemory(
  reader: Reader,
  profile: AgentProfile,
  memories: readonly WorkflowNode[],
): void {
  for (const memory of memories) {
    const type = shortType(memory.type)
    profile.memory.stores.push(type)
    if (PERSISTENT_MEMORY.test(type)) {
      profile.memory.kind = 'persistent'
      profile.memory.writable = true
    } else {
      profile.memory.kind ??= 'session'
    }
    cite(profile, 'memory', reader.doc.lineOf(memory.path))
    readCredentials(profile, memory)
  }
}
