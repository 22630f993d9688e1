import {
  addNote,
  addTool,
  cite,
  isPlaceholder,
  newProfile,
  problem,
  type AgentProfile,
  type DataPath,
} from '../../manifest/kit.js'
import { isSubAgent, readFlowWide } from './map-exposure.js'
import {
  isAgent,
  readEdited,
  readSecrets,
  type Edge,
  type Flow,
  type FlowNode,
} from './map-flow.js'
import { addToolNode, readMemoryNode } from './map-tools.js'
import { FORMAT_ID, type Template } from './schema.js'

type FieldLine = (key: string) => number | undefined

/** An agent component: its own fields, then what is wired into it. */
export function readAgent(
  flow: Flow,
  node: FlowNode,
  name: string,
): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    flow.read.lineOf([...node.path, ...rest])
  const tAt: FieldLine = (key) => at('node', 'template', key)
  const profile = newProfile({
    name,
    format: FORMAT_ID,
    file: flow.file,
    line: flow.read.lineOf(node.path.slice(0, -1)) ?? 1,
  })
  cite(profile, 'name', at('id'))
  profile.description = flow.root.description ?? node.description
  const t = node.template
  const system = t.system_prompt ?? t.system_message
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', tAt('system_prompt') ?? tAt('system_message'))
  }
  readModelFields(profile, t, tAt('agent_llm') ?? tAt('model'))
  readAgentDefaults(profile, node, tAt)
  readBuiltinTools(profile, node, at('type'))
  readSecrets(flow, profile, node)
  readEdited(profile, node)
  readInputs(flow, profile, node)
  // A sub-agent is reached through the agent that calls it, not directly.
  if (!isSubAgent(flow, node)) readFlowWide(flow, profile)
  return profile
}

/** What the Agent component does when its fields are left alone. */
function readAgentDefaults(
  profile: AgentProfile,
  node: FlowNode,
  tAt: FieldLine,
): void {
  const t = node.template
  const max = t.max_iterations
  if (max !== undefined) {
    profile.autonomy.maxIterations = max
    cite(profile, 'autonomy', tAt('max_iterations'))
  } else if (node.type === 'Agent') {
    profile.autonomy.maxIterations = 15
    addNote(profile, 'max_iterations not set: the agent loops up to 15 times')
  }
  if (node.type !== 'Agent') return
  if (t.add_current_date_tool !== false) {
    addTool(profile, {
      name: 'get_current_date',
      kind: 'other',
      line: tAt('add_current_date_tool'),
      source: 'builtin',
      readOnly: true,
    })
  }
  const window = t.n_messages ?? 100
  profile.memory.kind = 'session'
  profile.memory.stores.push(`Langflow message history (last ${window})`)
  cite(profile, 'memory', tAt('n_messages'))
}

/** Agents built around one capability (SQL, CSV, JSON) bring its tool. */
function readBuiltinTools(
  profile: AgentProfile,
  node: FlowNode,
  line: number | undefined,
): void {
  if (/SQL/.test(node.type)) {
    addTool(profile, { name: 'sql', kind: 'database', line, source: 'builtin' })
  }
  if (/CSV|Json/.test(node.type)) {
    addTool(profile, {
      name: 'python_repl',
      kind: 'code-exec',
      line,
      source: 'builtin',
    })
    profile.autonomy.codeExecution = true
  }
}

function readInputs(flow: Flow, profile: AgentProfile, node: FlowNode): void {
  for (const edge of flow.edges.filter((e) => e.target === node.id)) {
    const source = flow.nodes.get(edge.source)
    if (source) {
      useInput(flow, profile, edge, source)
      continue
    }
    flow.problems.push(
      problem(
        flow.file,
        flow.read.lineOf(edge.path),
        `edge into ${node.title} comes from node ${edge.source}, which the flow does not hold`,
        { field: 'edges', level: 'warning' },
      ),
    )
  }
}

/** Langflow's provider names (a Map: the name comes from the flow). */
const PROVIDERS = new Map([
  ['OpenAI', 'openai'],
  ['Anthropic', 'anthropic'],
  ['Azure OpenAI', 'azure-openai'],
  ['Google Generative AI', 'google'],
  ['Groq', 'groq'],
  ['NVIDIA', 'nvidia'],
  ['Amazon Bedrock', 'aws-bedrock'],
  ['SambaNova', 'sambanova'],
  ['Ollama', 'ollama'],
  ['Mistral', 'mistral'],
])

function readModelFields(
  profile: AgentProfile,
  t: Template,
  line: number | undefined,
): void {
  const provider = t.agent_llm ?? t.provider
  const first = t.model.first
  const name = t.model_name ?? t.model.name ?? first?.name ?? t.model_id
  if (!provider && !name) return
  const declared = provider ?? first?.provider
  profile.model = {
    name,
    provider: declared
      ? (PROVIDERS.get(declared) ?? declared.toLowerCase())
      : undefined,
    temperature: t.temperature,
    seed: t.seed,
  }
  if (isPlaceholder(name)) profile.model.unresolved = true
  if (provider === 'Custom') {
    profile.model.provider = undefined
    addNote(profile, 'the model comes from a language model component wired in')
  }
  cite(profile, 'model', line)
}

/** A component wired into an agent, by the input it feeds. */
function useInput(
  flow: Flow,
  profile: AgentProfile,
  edge: Edge,
  source: FlowNode,
): void {
  const line = flow.read.lineOf(source.path.slice(0, -1))
  switch (edge.field) {
    case 'tools':
      if (!isAgent(source)) addToolNode(flow, profile, source, line)
      return
    case 'memory':
      readMemoryNode(profile, source, line)
      return
    case 'llm':
    case 'agent_llm':
    case 'model':
    case 'language_model':
      readModelFields(profile, source.template, line)
      profile.model.provider ??= providerOfType(source.type)
      readSecrets(flow, profile, source)
      return
    case 'system_prompt':
    case 'system_message': {
      const prompt = source.template.template
      if (prompt && !profile.instructions) {
        profile.instructions = prompt
        cite(profile, 'instructions', line)
      }
      return
    }
    default:
      return
  }
}

function providerOfType(type: string): string | undefined {
  const match =
    /^(OpenAI|Anthropic|AzureOpenAI|GoogleGenerativeAI|Groq|Ollama|Mistral|AmazonBedrock|NVIDIA)/.exec(
      type,
    )
  return match ? (match[1] as string).toLowerCase() : undefined
}
