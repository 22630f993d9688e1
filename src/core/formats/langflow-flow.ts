/**
 * **In short:** Langflow flow exports → agent components, tools, memory, human input, loops
 *
 * Langflow flow exports: `{name, description, endpoint_name, data: {nodes[],
 * edges[]}}` where each node's `data.type` names its component and
 * `data.node.template` holds its inputs (`{field: {value, …}}`).
 *
 * Mapping: every agent component (Agent, ToolCallingAgent, OpenAIToolsAgent,
 * CSV/SQL/JSON agents…) is one profile, named after the flow (or, when a
 * flow holds several agents, after the flow and the component). Its
 * template gives the model (`agent_llm` provider, `model_name` or `model`,
 * `temperature`, `seed`), instructions (`system_prompt`, or a Prompt node
 * wired into it), `max_iterations` and the built-in current-date tool. The
 * edges into it give tools (`fieldName: tools`; typed by component: Python
 * REPL runs code, API Request and URL reach the network, MCP components go
 * through `mcpServerTool`, another agent wired in as a tool is its
 * sub-agent), memory (`fieldName: memory`: Langflow's message history is
 * session memory, Redis/Mem0/Zep/Cassandra ones are persistent) and the
 * model when `agent_llm` is Custom. Chat Input nodes make it a chat agent,
 * Webhook nodes a webhook one; every flow also runs through Langflow's run
 * API (`endpoint_name`). Secret fields stored in Langflow's variables
 * (`load_from_db`) are credentials (names only); a secret typed into the
 * flow is noted, never copied. Components whose code was edited run custom
 * Python (noted, never evaluated).
 *
 * Defaults: an Agent without `max_iterations` loops up to 15 times, keeps
 * the last `n_messages` (100) of the session as memory and adds a
 * current-date tool unless `add_current_date_tool` is false. A flow without
 * an agent component (a prompt chain, a RAG pipeline) is rejected.
 */
import { addCredential } from '../manifest/credentials.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { parseManifest, problem, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asBoolean,
  asNumeric,
  asRecord,
  asString,
  asText,
  entriesOf,
  isPlaceholder,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  addTrigger,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'langflow-flow'

const langflowFlow: FormatModule = {
  id: ID,
  title: 'Langflow flow',
  nameEndings: ['.json'],
  matchPath: (path) => (/\.json$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /"data"\s*:\s*\{\s*"(nodes|edges)"\s*:\s*\[/.test(head) ||
    /"type"\s*:\s*"genericNode"/.test(head) ||
    /(reactflow__edge-|xy-edge__)\w/.test(head) ||
    /œ(dataType|fieldName)œ/.test(head),
  parse: parseLangflow,
}
export default langflowFlow

interface FlowNode {
  readonly id: string
  readonly type: string
  readonly title: string
  readonly component: DataRecord
  readonly template: DataRecord
  readonly path: DataPath
}

interface Edge {
  readonly source: string
  readonly target: string
  readonly field: string | undefined
  readonly path: DataPath
}

interface Flow {
  readonly file: string
  readonly doc: ParsedDocument
  readonly root: DataRecord
  readonly base: DataPath
  readonly name: string | undefined
  readonly nodes: ReadonlyMap<string, FlowNode>
  readonly edges: readonly Edge[]
  readonly problems: Problem[]
}

const AGENT_TYPES =
  /^(Agent|ToolCallingAgent|OpenAIToolsAgent|OpenAIFunctionsAgent|XMLAgent|CSVAgent|JsonAgent|SQLAgent|VectorStoreAgent|VectorStoreRouterAgent|CrewAIAgentComponent|LangChainToolCallingAgent|MCPAgent|\w+Agent(Component)?)$/

function isAgent(node: FlowNode): boolean {
  return (
    AGENT_TYPES.test(node.type) &&
    !/^(AgentQL|UserAgent)/.test(node.type) &&
    node.type !== 'RunAgent'
  )
}

function parseLangflow(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const root = asRecord(doc.value)
  const data = asRecord(root?.data)
  const base: DataPath = data && Array.isArray(data.nodes) ? ['data'] : []
  const graph = base.length > 0 ? data : root
  if (!root || !graph || !Array.isArray(graph.nodes)) {
    return rejected('not a Langflow flow: no data.nodes list')
  }
  const nodes = readNodes(graph.nodes, base)
  if (nodes.size === 0) {
    return rejected('not a Langflow flow: no node has a data.node.template')
  }
  const flow: Flow = {
    file: file.path,
    doc,
    root,
    base,
    name: asString(root.name),
    nodes,
    edges: readEdges(graph.edges, base),
    problems: [],
  }
  const agentNodes = [...nodes.values()].filter(isAgent)
  if (agentNodes.length === 0) {
    const types = [...new Set([...nodes.values()].map((n) => n.type))]
      .slice(0, 6)
      .join(', ')
    return rejected(
      `Langflow flow without an agent component (${types}): not an agent`,
    )
  }
  const profiles = new Map<string, AgentProfile>()
  const titles = new Map<string, number>()
  for (const node of agentNodes) {
    titles.set(node.title, (titles.get(node.title) ?? 0) + 1)
  }
  for (const node of agentNodes) {
    const label =
      (titles.get(node.title) ?? 0) > 1
        ? `${node.title} (${node.id})`
        : node.title
    const name =
      agentNodes.length === 1
        ? (flow.name ?? label)
        : flow.name
          ? `${flow.name}: ${label}`
          : label
    profiles.set(node.id, readAgent(flow, node, name))
  }
  linkAgents(flow, profiles)
  return {
    agents: [...profiles.values()],
    problems: flow.problems,
    document: doc,
  }
}

function readNodes(list: unknown[], base: DataPath): Map<string, FlowNode> {
  const nodes = new Map<string, FlowNode>()
  list.forEach((entry, index) => {
    const node = asRecord(entry)
    const data = asRecord(node?.data)
    const component = asRecord(data?.node)
    const template = asRecord(component?.template)
    const id = asString(node?.id) ?? asString(data?.id)
    if (!node || !data || !component || !template || !id) return
    const type = asString(data.type) ?? id.replace(/-[^-]+$/, '')
    nodes.set(id, {
      id,
      type,
      title: asString(component.display_name) ?? type,
      component,
      template,
      path: [...base, 'nodes', index, 'data'],
    })
  })
  return nodes
}

function readEdges(list: unknown, base: DataPath): Edge[] {
  return (asArray(list) ?? []).flatMap((entry, index) => {
    const edge = asRecord(entry)
    const source = asString(edge?.source)
    const target = asString(edge?.target)
    if (!edge || !source || !target) return []
    const handle = asRecord(asRecord(edge.data)?.targetHandle)
    let field = asString(handle?.fieldName)
    if (!field) {
      // Older exports keep the handle only as text: `{œfieldNameœ: œtoolsœ, …}`.
      field = /œfieldNameœ\s*:\s*œ(\w+)œ/.exec(
        String(edge.targetHandle ?? ''),
      )?.[1]
    }
    return [{ source, target, field, path: [...base, 'edges', index] }]
  })
}

/** A template field's value: `{value: …}`, or the raw entry. */
function field(template: DataRecord, key: string): unknown {
  const entry = asRecord(template[key])
  return entry && 'value' in entry ? entry.value : undefined
}

// ---------------------------------------------------------------- agents

function readAgent(flow: Flow, node: FlowNode, name: string): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    flow.doc.lineOf([...node.path, ...rest])
  const tAt = (key: string): number | undefined => at('node', 'template', key)
  const profile = newProfile({
    name,
    format: ID,
    file: flow.file,
    line: flow.doc.lineOf(node.path.slice(0, -1)) ?? 1,
  })
  cite(profile, 'name', at('id'))
  profile.description =
    asText(flow.root.description) ?? asText(node.component.description)
  const t = node.template
  const system =
    asText(field(t, 'system_prompt')) ?? asText(field(t, 'system_message'))
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
  tAt: (key: string) => number | undefined,
): void {
  const t = node.template
  const max = asNumeric(field(t, 'max_iterations'))
  if (max !== undefined) {
    profile.autonomy.maxIterations = max
    cite(profile, 'autonomy', tAt('max_iterations'))
  } else if (node.type === 'Agent') {
    profile.autonomy.maxIterations = 15
    addNote(profile, 'max_iterations not set: the agent loops up to 15 times')
  }
  if (node.type !== 'Agent') return
  if (field(t, 'add_current_date_tool') !== false) {
    addTool(profile, {
      name: 'get_current_date',
      kind: 'other',
      line: tAt('add_current_date_tool'),
      source: 'builtin',
      readOnly: true,
    })
  }
  const window = asNumeric(field(t, 'n_messages')) ?? 100
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
        flow.doc.lineOf(edge.path),
        `edge into ${node.title} comes from node ${edge.source}, which the flow does not hold`,
        { field: 'edges', level: 'warning' },
      ),
    )
  }
}

function isSubAgent(flow: Flow, node: FlowNode): boolean {
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

const PROVIDERS: Readonly<Record<string, string>> = {
  OpenAI: 'openai',
  Anthropic: 'anthropic',
  'Azure OpenAI': 'azure-openai',
  'Google Generative AI': 'google',
  Groq: 'groq',
  NVIDIA: 'nvidia',
  'Amazon Bedrock': 'aws-bedrock',
  SambaNova: 'sambanova',
  Ollama: 'ollama',
  Mistral: 'mistral',
}

function readModelFields(
  profile: AgentProfile,
  t: DataRecord,
  line: number | undefined,
): void {
  const provider = asText(field(t, 'agent_llm')) ?? asText(field(t, 'provider'))
  const model = field(t, 'model')
  const first = asRecord(asArray(model)?.[0])
  const name =
    asText(field(t, 'model_name')) ??
    asText(model) ??
    asString(first?.name) ??
    asText(field(t, 'model_id'))
  if (!provider && !name) return
  const declared = provider ?? asString(first?.provider)
  profile.model = {
    name,
    provider: declared
      ? (PROVIDERS[declared] ?? declared.toLowerCase())
      : undefined,
    temperature: asNumeric(field(t, 'temperature')),
    seed: asNumeric(field(t, 'seed')),
  }
  if (isPlaceholder(name)) profile.model.unresolved = true
  if (provider === 'Custom') {
    profile.model.provider = undefined
    addNote(profile, 'the model comes from a language model component wired in')
  }
  cite(profile, 'model', line)
}

/** Secret fields: Langflow variable names are credentials; typed values are noted. */
function readSecrets(flow: Flow, profile: AgentProfile, node: FlowNode): void {
  for (const [key, entry] of entriesOf(node.template)) {
    const input = asRecord(entry)
    if (!input || input.password !== true) continue
    const value = asString(input.value)
    if (!value) continue
    if (input.load_from_db === true || isPlaceholder(value)) {
      addCredential(profile, value)
    } else {
      addNote(
        profile,
        `${node.title} field ${key} holds a literal secret in the flow: it may be committed`,
      )
    }
    cite(
      profile,
      'identity',
      flow.doc.lineOf([...node.path, 'node', 'template', key]),
    )
  }
}

function readEdited(profile: AgentProfile, node: FlowNode): void {
  if (node.component.edited === true || node.type === 'CustomComponent') {
    addNote(
      profile,
      `component ${node.title} runs Python changed from the stock component (kept in the flow; not evaluated here)`,
    )
  }
}

function useInput(
  flow: Flow,
  profile: AgentProfile,
  edge: Edge,
  source: FlowNode,
): void {
  const line = flow.doc.lineOf(source.path.slice(0, -1))
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
      const prompt = asText(field(source.template, 'template'))
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

const COMPONENT_KINDS: ReadonlyArray<readonly [RegExp, ToolKind, boolean?]> = [
  [/PythonREPL|PythonCode|PythonFunction|CodeInterpreter|Python/i, 'code-exec'],
  [/Shell|Bash|Terminal/i, 'shell'],
  [
    /SQL|Database|Postgres|Mongo|Redis|Cassandra|AstraDB(?!Vector)/i,
    'database',
  ],
  [/Gmail|Slack|Email|Outlook|Discord|Telegram|Twilio/i, 'email'],
  [/Browser|Playwright|Selenium/i, 'browser'],
  [/RunFlow|FlowTool|SubFlow/i, 'agent-call'],
  [/SaveToFile|WriteFile|FileWriter/i, 'file-write'],
  [/Directory|^File$|ReadFile/i, 'file-read', true],
  [
    /Search|Tavily|Serp|Wikipedia|ArXiv|Exa|DuckDuckGo|YouTube|Retriever|Vector|Chroma|Qdrant|Pinecone/i,
    'search',
    true,
  ],
  [/APIRequest|URL|Fetch|Scrape|Crawl|Firecrawl|Http/i, 'network'],
  [/Calculator|CurrentDate/i, 'other', true],
]

function addToolNode(
  flow: Flow,
  profile: AgentProfile,
  node: FlowNode,
  line: number | undefined,
): void {
  cite(profile, 'tools', line)
  readSecrets(flow, profile, node)
  readEdited(profile, node)
  if (/MCP/i.test(node.type)) {
    addMcpNode(profile, node, line)
    return
  }
  const known = COMPONENT_KINDS.find(([pattern]) => pattern.test(node.type))
  const description = asText(node.component.description)
  const kind = known?.[1] ?? classifyTool(node.type, description)
  const actions = (asArray(field(node.template, 'tools_metadata')) ?? [])
    .map((a) => asRecord(a))
    .filter((a) => a?.status !== false)
  const names = actions
    .map((a) => asString(a?.name))
    .filter((n): n is string => n !== undefined)
  for (const toolName of names.length > 0 ? names : [node.title]) {
    const tool: Tool = {
      name: toolName,
      kind,
      description,
      line,
      source: 'builtin',
      readOnly: known?.[2],
    }
    addTool(profile, tool)
  }
  if (kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
  if (kind === 'agent-call') {
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
    addNote(
      profile,
      `tool ${node.title} runs another Langflow flow; it is not inspected`,
    )
  }
}

function addMcpNode(
  profile: AgentProfile,
  node: FlowNode,
  line: number | undefined,
): void {
  const t = node.template
  const server = asRecord(field(t, 'mcp_server'))
  const config = asRecord(server?.config) ?? {}
  const command = asText(field(t, 'command'))
  const url = asText(field(t, 'url')) ?? asText(field(t, 'sse_url'))
  const entry: DataRecord = { ...config }
  if (command && !entry.command) {
    const [cmd, ...args] = command.split(/\s+/)
    entry.command = cmd
    entry.args = args
  }
  if (url && !entry.url) entry.url = url
  const env = field(t, 'env')
  if (isRecord(env) && !entry.env) entry.env = env
  const name = asString(server?.name) ?? node.title
  const reading = mcpServerTool(name, entry, line)
  const selected = asText(field(t, 'tool'))
  addTool(
    profile,
    selected ? { ...reading.tool, wildcard: false } : reading.tool,
  )
  recordServerReading(profile, reading)
}

const PERSISTENT_MEMORY =
  /Redis|Mem0|Zep|Cassandra|AstraDB|Mongo|Postgres|Elastic/i

function readMemoryNode(
  profile: AgentProfile,
  node: FlowNode,
  line: number | undefined,
): void {
  profile.memory.stores = profile.memory.stores.filter(
    (s) => !s.startsWith('Langflow message history'),
  )
  profile.memory.stores.push(node.type)
  if (PERSISTENT_MEMORY.test(node.type)) {
    profile.memory.kind = 'persistent'
    profile.memory.writable = true
  } else {
    profile.memory.kind = 'session'
  }
  cite(profile, 'memory', line)
}

/** An agent wired into another agent's tools is its sub-agent. */
function linkAgents(
  flow: Flow,
  profiles: ReadonlyMap<string, AgentProfile>,
): void {
  for (const edge of flow.edges) {
    const child = profiles.get(edge.source)
    const parent = profiles.get(edge.target)
    if (!child || !parent || child === parent) continue
    const line = flow.doc.lineOf(edge.path)
    if (edge.field === 'tools') {
      child.parent = parent.name
      pushUnique(parent.subAgents, child.name)
      addTool(parent, {
        name: child.name,
        kind: 'agent-call',
        line,
        source: 'builtin',
      })
      parent.delegation.canDelegate = true
      parent.delegation.mode ??= 'hierarchical'
      cite(parent, 'subAgents', line)
      cite(parent, 'delegation', line)
    } else {
      parent.delegation.mode ??= 'sequential'
      pushUnique(parent.delegation.peers, child.name)
      addNote(parent, `it works on the output of agent ${child.name}`)
    }
  }
}

// ---------------------------------------------------------------- flow-wide

function readFlowWide(flow: Flow, profile: AgentProfile): void {
  const nodes = [...flow.nodes.values()]
  const line = (node: FlowNode): number | undefined =>
    flow.doc.lineOf(node.path.slice(0, -1))
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
  addTrigger(profile, 'api', flow.doc.lineOf(['endpoint_name']))
  const endpoint = asText(flow.root.endpoint_name)
  profile.exposure.endpoint = `/api/v1/run/${endpoint ?? asString(flow.root.id) ?? '<flow id>'}`
  const access = asString(flow.root.access_type)
  if (access === 'PUBLIC') {
    profile.exposure.reach = 'public'
    addNote(profile, 'access_type PUBLIC: the flow is shared publicly')
  }
  if (asBoolean(flow.root.mcp_enabled) === true) {
    pushUnique(profile.exposure.channels, 'mcp')
    addNote(profile, "the flow is exposed as a tool of Langflow's MCP server")
  }
  addNote(
    profile,
    'Langflow serves every flow through its run API; the export does not say who can reach it',
  )
}
