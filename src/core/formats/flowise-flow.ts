/**
 * **In short:** Flowise chatflow and agentflow exports → agent components, tools, memory, human input, loops
 *
 * Flowise chatflow and agentflow exports: `{nodes[], edges[]}` where every
 * node's `data` carries its `name`, `label`, `category` and `inputs`. A saved
 * chatflow record keeps that flow as a JSON string in `flowData` (decoded as
 * data; its lines then point at the string, and `isPublic` makes it public),
 * and an "export all" file lists such records under `ChatFlow`, `AgentFlow`
 * and `AgentFlowV2` (agents are then prefixed with their flow's name).
 *
 * Mapping: every node of category Agents (chatflow v1: toolAgent,
 * conversationalAgent, openAIToolAgent, reactAgent…), Multi Agents
 * (supervisor, worker), Sequential Agents (seqAgent) and the `agentAgentflow`
 * nodes of Agent Flows (v2) is one profile, named by its label. In v1 the
 * nodes an agent references in its `inputs` (`{{id.data.instance}}`) or
 * that have an edge into it give its model (Chat Models: `modelName`,
 * `temperature`), memory (buffer memories: session; Redis/Mongo/Postgres/
 * Zep…: persistent), tools (Tools, Tools (MCP) through `mcpServerTool`,
 * retrievers and vector stores as knowledge search) and moderation
 * (guardrails); `systemMessage` is its instructions and `maxIterations` its
 * loop cap. Workers reference their supervisor (sub-agents). In v2 an
 * agent's `agentModel`/`agentModelConfig`, system `agentMessages`,
 * `agentTools[]` (with `agentSelectedToolRequiresHumanInput`: approval per
 * tool), knowledge stores and `agentEnableMemory` give the same fields; the
 * flow around it adds human input nodes (human approval), loop nodes
 * (`maxLoopCount`), code and HTTP steps (noted) and its start input (chat or
 * form). Custom tools embed JavaScript that the agent runs: never evaluated.
 *
 * Defaults: a v1 agent without `maxIterations` loops up to LangChain's
 * default of 15; a v2 agent keeps chat memory unless `agentEnableMemory` is
 * false; a loop node without `maxLoopCount` loops 5 times. A flow with no
 * agent node (an LLM chain, a RAG chain) is rejected with the reason.
 */
import { addCredential } from '../manifest/credentials.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
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
  isPlaceholder,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import {
  parseJsonDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { problemFrom, type Problem } from '../problems.js'
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

const ID = 'flowise-flow'

const flowiseFlow: FormatModule = {
  id: ID,
  title: 'Flowise flow',
  nameEndings: ['.json'],
  matchPath: (path) => {
    if (!/\.json$/i.test(path)) return 'no'
    const name = path.slice(path.lastIndexOf('/') + 1)
    return /[ ._-](chatflow|agentflow)\.json$/i.test(name) ? 'yes' : 'maybe'
  },
  sniff: (head) =>
    /"(ChatFlow|AgentFlow|AgentFlowV2)"\s*:\s*\[/.test(head) ||
    (/"flowData"\s*:\s*"/.test(head) && /\\"nodes\\"/.test(head)) ||
    (/"nodes"\s*:\s*\[/.test(head) &&
      (/"type"\s*:\s*"(customNode|agentFlow)"/.test(head) ||
        /"baseClasses"\s*:\s*\[/.test(head) ||
        /"category"\s*:\s*"(Agents|Agent Flows|Multi Agents|Sequential Agents|Chat Models|Tools|Memory|Chains)"/.test(
          head,
        ))),
  parse: parseFlowise,
}
export default flowiseFlow

interface FlowNode {
  readonly id: string
  readonly name: string
  readonly label: string
  readonly category: string
  readonly inputs: DataRecord
  readonly data: DataRecord
  readonly path: DataPath
}

interface Flow {
  readonly file: string
  readonly doc: ParsedDocument
  readonly description: string | undefined
  /** Set when the file holds several flows: their names keep agents apart. */
  readonly prefix: string | undefined
  readonly nodes: ReadonlyMap<string, FlowNode>
  readonly edges: ReadonlyArray<{
    readonly source: string
    readonly target: string
  }>
  readonly problems: Problem[]
}

const AGENT_CATEGORIES = new Set([
  'Agents',
  'Multi Agents',
  'Sequential Agents',
])

function isAgent(node: FlowNode): boolean {
  if (node.category === 'Agent Flows') return node.name === 'agentAgentflow'
  if (node.category === 'Sequential Agents') return node.name === 'seqAgent'
  return AGENT_CATEGORIES.has(node.category)
}

function parseFlowise(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'json',
    'not a Flowise flow: not a JSON object',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const problems: Problem[] = []
  const sources = flowSources(file.path, doc, root, problems)
  if (sources.length === 0 && problems.length === 0) {
    return rejected('not a Flowise flow: no nodes list and no flowData')
  }
  const agents: AgentProfile[] = []
  const reasons: string[] = []
  for (const source of sources) {
    const flow: Flow = {
      file: file.path,
      doc: source.doc,
      description: source.description,
      prefix: sources.length > 1 ? source.name : undefined,
      nodes: readNodes(source.nodes),
      edges: source.edges.flatMap((e) => {
        const from = asString(asRecord(e)?.source)
        const to = asString(asRecord(e)?.target)
        return from && to ? [{ source: from, target: to }] : []
      }),
      problems,
    }
    const read = readFlow(flow)
    if (typeof read === 'string') {
      reasons.push(read)
      continue
    }
    if (source.publicAt !== undefined) {
      for (const agent of read) {
        agent.exposure.reach = 'public'
        agent.notes = agent.notes.filter((n) => !n.includes('who can reach'))
        cite(agent, 'exposure', source.publicAt)
        addNote(agent, 'isPublic: anyone with the link can chat with the flow')
      }
    }
    agents.push(...read)
  }
  if (agents.length === 0 && problems.length === 0) {
    return rejected(reasons[0] ?? 'Flowise export without an agent node')
  }
  return { agents, problems, document: doc }
}

interface FlowSource {
  readonly doc: ParsedDocument
  readonly nodes: unknown[]
  readonly edges: unknown[]
  readonly description: string | undefined
  readonly name: string | undefined
  /** Line of `isPublic: true` on a saved chatflow. */
  readonly publicAt?: number
}

const EXPORT_ALL_KEYS = ['ChatFlow', 'AgentFlow', 'AgentFlowV2']

/**
 * The flows of an export: the flow itself (`{nodes, edges}`), a saved
 * chatflow whose `flowData` holds the flow as a JSON string, or an
 * "export all" file listing such records by kind.
 */
function flowSources(
  file: string,
  doc: ParsedDocument,
  root: DataRecord,
  problems: Problem[],
): FlowSource[] {
  const nodes = asArray(root.nodes)
  if (nodes) {
    return [
      {
        doc,
        nodes,
        edges: asArray(root.edges) ?? [],
        description: asString(root.description),
        name: asString(root.name),
      },
    ]
  }
  const records: Array<{ record: DataRecord; path: DataPath }> = []
  if (typeof root.flowData === 'string')
    records.push({ record: root, path: [] })
  for (const key of EXPORT_ALL_KEYS) {
    ;(asArray(root[key]) ?? []).forEach((record, index) => {
      if (isRecord(record) && typeof record.flowData === 'string') {
        records.push({ record, path: [key, index] })
      }
    })
  }
  return records.flatMap(({ record, path }) =>
    savedFlow(file, doc, record, path, problems),
  )
}

/** The flow a saved chatflow keeps as a JSON string in `flowData`. */
function savedFlow(
  file: string,
  doc: ParsedDocument,
  record: DataRecord,
  path: DataPath,
  problems: Problem[],
): FlowSource[] {
  const line = doc.lineOf([...path, 'flowData']) ?? 1
  let inner: unknown
  try {
    inner = parseJsonDocument(record.flowData as string, file).value
  } catch (error) {
    problems.push(
      problem(
        file,
        line,
        `flowData is not a readable flow (${problemFrom(error, file).message})`,
        { field: [...path, 'flowData'].join('.') },
      ),
    )
    return []
  }
  const flow = asRecord(inner)
  const nodes = asArray(flow?.nodes)
  if (!flow || !nodes) return []
  const name = asString(record.name)
  return [
    {
      // The flow is text inside the file: every line points at that string.
      doc: { value: inner, lineOf: () => line },
      nodes,
      edges: asArray(flow.edges) ?? [],
      description:
        asString(flow.description) ??
        asString(record.description) ??
        (name ? `Flowise flow "${name}"` : undefined),
      name,
      publicAt:
        record.isPublic === true
          ? (doc.lineOf([...path, 'isPublic']) ?? line)
          : undefined,
    },
  ]
}

/** The profiles of one flow, or why it holds none. */
function readFlow(flow: Flow): AgentProfile[] | string {
  const nodes = [...flow.nodes.values()]
  if (nodes.length === 0 || nodes.every((n) => !n.category)) {
    return 'not a Flowise flow: its nodes have no data.category'
  }
  const agentNodes = nodes.filter(isAgent)
  if (agentNodes.length === 0) {
    const names = [...new Set(nodes.map((n) => n.name))].slice(0, 6).join(', ')
    return `Flowise flow without an agent node (${names}): not an agent`
  }
  const labels = new Map<string, number>()
  for (const node of agentNodes) {
    labels.set(nameOf(node), (labels.get(nameOf(node)) ?? 0) + 1)
  }
  const profiles = new Map<string, AgentProfile>()
  for (const node of agentNodes) {
    const base =
      (labels.get(nameOf(node)) ?? 0) > 1
        ? `${nameOf(node)} (${node.id})`
        : nameOf(node)
    const name = flow.prefix ? `${flow.prefix}: ${base}` : base
    const profile =
      node.name === 'agentAgentflow'
        ? readAgentflowAgent(flow, node, name)
        : readChatflowAgent(flow, node, name)
    profiles.set(node.id, profile)
  }
  linkSupervisors(flow, profiles)
  if (nodes.some((n) => n.category === 'Agent Flows')) {
    for (const profile of profiles.values()) readAgentflowContext(flow, profile)
  }
  return [...profiles.values()]
}

/** The name an agent node is given: its own name input, else its label. */
function nameOf(node: FlowNode): string {
  return (
    asString(node.inputs.workerName) ??
    asString(node.inputs.supervisorName) ??
    asString(node.inputs.agentName) ??
    node.label
  )
}

function readNodes(list: unknown[]): Map<string, FlowNode> {
  const nodes = new Map<string, FlowNode>()
  list.forEach((entry, index) => {
    const node = asRecord(entry)
    const data = asRecord(node?.data)
    const id = asString(node?.id) ?? asString(data?.id)
    if (!node || !data || !id) return
    nodes.set(id, {
      id,
      name: asString(data.name) ?? id,
      label: asString(data.label) ?? asString(data.name) ?? id,
      category: asString(data.category) ?? '',
      inputs: asRecord(data.inputs) ?? {},
      data,
      path: ['nodes', index],
    })
  })
  return nodes
}

/** Plain text of the HTML Flowise stores in its rich-text fields. */
function plain(value: unknown): string | undefined {
  const text = asString(value)
  if (!text) return undefined
  const stripped = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim()
  return stripped === '' ? undefined : stripped
}

// ---------------------------------------------------------------- v1

const REFERENCE = /\{\{\s*([\w-]+)\.data\.instance\s*\}\}/g

/** Nodes an agent uses: referenced in its inputs, or wired into it. */
function connected(flow: Flow, agent: FlowNode, report = false): FlowNode[] {
  const ids = new Set<string>()
  const scan = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(REFERENCE)) ids.add(match[1] as string)
    } else if (Array.isArray(value)) {
      value.forEach(scan)
    }
  }
  Object.values(agent.inputs).forEach(scan)
  for (const edge of flow.edges) {
    if (edge.target === agent.id) ids.add(edge.source)
  }
  ids.delete(agent.id)
  const found: FlowNode[] = []
  for (const id of ids) {
    const node = flow.nodes.get(id)
    if (node) {
      found.push(node)
    } else if (report) {
      flow.problems.push(
        problem(
          flow.file,
          flow.doc.lineOf([...agent.path, 'data', 'inputs']),
          `agent "${agent.label}" refers to node ${id}, which the flow does not hold`,
          {
            field: `nodes[${String(agent.path[1])}].data.inputs`,
            level: 'warning',
          },
        ),
      )
    }
  }
  return found
}

/** An agent node's profile: named, with the flow's description or its own. */
function startProfile(
  flow: Flow,
  node: FlowNode,
  name: string,
  at: (...rest: DataPath) => number | undefined,
): AgentProfile {
  const profile = newProfile({
    name,
    format: ID,
    file: flow.file,
    line: at() ?? 1,
  })
  cite(profile, 'name', at('data', 'label'))
  profile.description = flow.description ?? asString(node.data.description)
  return profile
}

function readChatflowAgent(
  flow: Flow,
  node: FlowNode,
  name: string,
): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    flow.doc.lineOf([...node.path, ...rest])
  const profile = startProfile(flow, node, name, at)
  const inputs = node.inputs
  const promptKey = [
    'systemMessage',
    'systemMessagePrompt',
    'workerPrompt',
    'supervisorPrompt',
    'prefix',
  ].find((key) => plain(inputs[key]) !== undefined)
  if (promptKey) {
    profile.instructions = plain(inputs[promptKey])
    cite(profile, 'instructions', at('data', 'inputs', promptKey))
  }
  const max = asNumeric(inputs.maxIterations)
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
  if (node.name === 'seqAgent') readSequentialAgent(profile, node, at)
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

function readSequentialAgent(
  profile: AgentProfile,
  node: FlowNode,
  at: (...rest: DataPath) => number | undefined,
): void {
  if (asBoolean(node.inputs.interrupt) === true) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', at('data', 'inputs', 'interrupt'))
    addNote(profile, 'tool calls wait for a human to approve them (interrupt)')
  }
}

const MODEL_CATEGORIES = new Set(['Chat Models', 'LLMs'])
const KNOWLEDGE_CATEGORIES = new Set([
  'Retrievers',
  'Vector Stores',
  'Document Stores',
])

function useNode(flow: Flow, profile: AgentProfile, node: FlowNode): void {
  const line = flow.doc.lineOf(node.path)
  if (MODEL_CATEGORIES.has(node.category)) {
    readModel(profile, node.name, node.inputs, line)
    credential(profile, node)
  } else if (node.category === 'Memory') {
    readMemory(profile, node.name, line)
  } else if (node.category === 'Tools' || node.category === 'Tools (MCP)') {
    addFlowTool(profile, node.name, node.label, node.inputs, line, undefined)
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
  if (asString(node.data.credential) || asString(node.inputs.credential))
    addCredential(profile, `${node.name}.credential`)
}

const PROVIDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/azure/i, 'azure-openai'],
  [/openai/i, 'openai'],
  [/anthropic/i, 'anthropic'],
  [/vertex/i, 'google-vertex'],
  [/google|gemini/i, 'google'],
  [/ollama/i, 'ollama'],
  [/mistral/i, 'mistral'],
  [/groq/i, 'groq'],
  [/bedrock|aws/i, 'aws-bedrock'],
  [/deepseek/i, 'deepseek'],
  [/openrouter/i, 'openrouter'],
]

function readModel(
  profile: AgentProfile,
  nodeName: string,
  inputs: DataRecord,
  line: number | undefined,
): void {
  const name =
    asString(inputs.modelName) ??
    asString(inputs.model) ??
    asString(inputs.customModelName)
  profile.model = {
    name: name || undefined,
    provider: PROVIDERS.find(([pattern]) => pattern.test(nodeName))?.[1],
    temperature: asNumeric(inputs.temperature),
    seed: asNumeric(inputs.seed),
  }
  if (isPlaceholder(name)) {
    profile.model.unresolved = true
    addNote(profile, 'the model is set through a variable resolved at run time')
  }
  cite(profile, 'model', line)
}

const PERSISTENT_MEMORY =
  /redis|upstash|mongo|postgres|mysql|sqlite|zep|motorhead|dynamo|mem0|agentMemory/i

function readMemory(
  profile: AgentProfile,
  name: string,
  line: number | undefined,
): void {
  profile.memory.stores.push(name)
  if (PERSISTENT_MEMORY.test(name)) {
    profile.memory.kind = 'persistent'
    profile.memory.writable = true
  } else {
    profile.memory.kind ??= 'session'
  }
  cite(profile, 'memory', line)
}

const FLOWISE_TOOLS: Readonly<
  Record<string, { kind: ToolKind; readOnly?: boolean }>
> = {
  calculator: { kind: 'other', readOnly: true },
  currentDateTime: { kind: 'other', readOnly: true },
  requestsGet: { kind: 'network', readOnly: true },
  requestsPost: { kind: 'network' },
  requestsPut: { kind: 'network' },
  requestsDelete: { kind: 'network' },
  openAPIToolkit: { kind: 'network' },
  readFile: { kind: 'file-read', readOnly: true },
  writeFile: { kind: 'file-write' },
  customTool: { kind: 'code-exec' },
  codeInterpreterE2B: { kind: 'code-exec' },
  chatflowTool: { kind: 'agent-call' },
  agentAsTool: { kind: 'agent-call' },
  retrieverTool: { kind: 'search', readOnly: true },
  webBrowser: { kind: 'browser' },
  webScraperTool: { kind: 'network', readOnly: true },
  serpAPI: { kind: 'search', readOnly: true },
  serper: { kind: 'search', readOnly: true },
  searchAPI: { kind: 'search', readOnly: true },
  googleCustomSearch: { kind: 'search', readOnly: true },
  braveSearchAPI: { kind: 'search', readOnly: true },
  tavilyAPI: { kind: 'search', readOnly: true },
  exaSearch: { kind: 'search', readOnly: true },
  arxiv: { kind: 'search', readOnly: true },
  wolframAlpha: { kind: 'search', readOnly: true },
}

function addFlowTool(
  profile: AgentProfile,
  name: string,
  label: string,
  config: DataRecord,
  line: number | undefined,
  requiresApproval: boolean | undefined,
): void {
  if (/MCP$/i.test(name)) {
    addMcp(profile, name, config, line, requiresApproval)
    return
  }
  const known = FLOWISE_TOOLS[name]
  const toolName = asString(config.customToolName) ?? (label || name)
  const description =
    asString(config.customToolDesc) ?? asString(config.description)
  const tool: Tool = {
    name: toolName,
    kind: known?.kind ?? classifyTool(name, description ?? label),
    description,
    line,
    source: name === 'customTool' ? 'code' : 'builtin',
    readOnly: known?.readOnly,
    requiresApproval,
  }
  addTool(profile, tool)
  cite(profile, 'tools', line)
  if (name === 'customTool') {
    addNote(
      profile,
      `custom tool ${toolName} runs JavaScript kept in Flowise${asString(config.customToolFunc) ? ' and embedded in the export' : ''} (not evaluated here)`,
    )
  }
  if (tool.kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
  if (name === 'codeInterpreterE2B') {
    profile.controls.sandbox = true
    cite(profile, 'controls.sandbox', line)
  }
  if (tool.kind === 'agent-call') {
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
    addNote(
      profile,
      `tool ${toolName} runs another Flowise flow; it is not inspected`,
    )
  }
}

function addMcp(
  profile: AgentProfile,
  name: string,
  config: DataRecord,
  line: number | undefined,
  requiresApproval: boolean | undefined,
): void {
  const raw = config.mcpServerConfig
  let entry: unknown = raw
  if (typeof raw === 'string') {
    try {
      entry = JSON.parse(raw) as unknown
    } catch {
      entry = {}
      addNote(
        profile,
        `MCP server ${name}: its configuration is not valid JSON`,
      )
    }
  }
  const server = asRecord(entry) ?? {}
  const reading = mcpServerTool(name, server, line)
  addTool(profile, { ...reading.tool, requiresApproval })
  cite(profile, 'tools', line)
  recordServerReading(profile, reading)
}

/** Workers name their supervisor: `supervisor: {{supervisor_0.data.instance}}`. */
function linkSupervisors(
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

// ---------------------------------------------------------------- v2

function readAgentflowAgent(
  flow: Flow,
  node: FlowNode,
  name: string,
): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    flow.doc.lineOf([...node.path, ...rest])
  const inAt = (...rest: DataPath): number | undefined =>
    at('data', 'inputs', ...rest)
  const inputs = node.inputs
  const profile = startProfile(flow, node, name, at)
  const config = asRecord(inputs.agentModelConfig) ?? {}
  const modelNode =
    asString(inputs.agentModel) ?? asString(config.agentModel) ?? ''
  if (modelNode || Object.keys(config).length > 0) {
    readModel(profile, modelNode, config, inAt('agentModel'))
    if (asString(config.credential))
      profile.identity.credentials.push(`${modelNode}.credential`)
  }
  const system = (asArray(inputs.agentMessages) ?? [])
    .map((m) => asRecord(m))
    .filter((m) => m?.role === 'system' || m?.role === 'developer')
    .map((m) => plain(m?.content))
    .filter((m): m is string => m !== undefined)
  if (system.length > 0) {
    profile.instructions = system.join('\n\n')
    cite(profile, 'instructions', inAt('agentMessages'))
  }
  ;(asArray(inputs.agentTools) ?? []).forEach((entry, index) => {
    const tool = asRecord(entry)
    const toolName = asString(tool?.agentSelectedTool)
    if (!tool || !toolName) return
    const approval = asBoolean(tool.agentSelectedToolRequiresHumanInput)
    addFlowTool(
      profile,
      toolName,
      toolName,
      asRecord(tool.agentSelectedToolConfig) ?? {},
      inAt('agentTools', index),
      approval === true ? true : undefined,
    )
  })
  readKnowledge(profile, inputs, inAt)
  const memory = asBoolean(inputs.agentEnableMemory)
  if (memory === false) {
    profile.memory.kind = 'none'
  } else {
    profile.memory.kind = 'session'
    profile.memory.stores.push(
      asString(inputs.agentMemoryType) ?? 'allMessages',
    )
  }
  cite(profile, 'memory', inAt('agentEnableMemory'))
  const gated = profile.tools.filter((t) => t.requiresApproval === true)
  if (gated.length > 0 && gated.length === profile.tools.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', inAt('agentTools'))
  }
  return profile
}

function readKnowledge(
  profile: AgentProfile,
  inputs: DataRecord,
  inAt: (...rest: DataPath) => number | undefined,
): void {
  for (const key of [
    'agentKnowledgeDocumentStores',
    'agentKnowledgeVSEmbeddings',
  ]) {
    ;(asArray(inputs[key]) ?? []).forEach((entry, index) => {
      const store = asRecord(entry)
      if (!store) return
      const name =
        asString(store.knowledgeName) ??
        asString(store.documentStore) ??
        asString(store.vectorStore) ??
        key
      addTool(profile, {
        name: `knowledge: ${name}`,
        kind: 'search',
        description: plain(
          store.docStoreDescription ?? store.knowledgeDescription,
        ),
        line: inAt(key, index),
        source: 'builtin',
        readOnly: true,
      })
    })
  }
}

const FLOW_STEPS: Readonly<Record<string, string>> = {
  customFunctionAgentflow: 'runs custom JavaScript functions',
  httpAgentflow: 'sends HTTP requests',
  toolAgentflow: 'calls tools directly',
  executeFlowAgentflow: 'runs other Flowise flows',
  retrieverAgentflow: 'retrieves from document stores',
}

function readAgentflowContext(flow: Flow, profile: AgentProfile): void {
  const nodes = [...flow.nodes.values()]
  for (const [name, phrase] of Object.entries(FLOW_STEPS)) {
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
    cite(profile, 'controls.humanApproval', flow.doc.lineOf(human.path))
    addNote(
      profile,
      `human input step "${human.label}" waits for a person to approve or give feedback`,
    )
  }
  for (const loop of nodes.filter((n) => n.name === 'loopAgentflow')) {
    const count = asNumeric(loop.inputs.maxLoopCount)
    if (profile.autonomy.maxIterations === undefined) {
      profile.autonomy.maxIterations = count ?? 5
      cite(
        profile,
        'autonomy',
        flow.doc.lineOf([...loop.path, 'data', 'inputs', 'maxLoopCount']),
      )
    }
    addNote(
      profile,
      `loop "${loop.label}" goes back up to ${count ?? 5} times${count === undefined ? ' (default)' : ''}`,
    )
  }
  if (nodes.some((n) => n.name === 'conditionAgentAgentflow')) {
    profile.delegation.dynamic = true
    addNote(
      profile,
      'a model routes the flow between branches (condition agent)',
    )
  }
  const start = nodes.find((n) => n.name === 'startAgentflow')
  const input = asString(start?.inputs.startInputType) ?? 'chatInput'
  const line = start ? flow.doc.lineOf(start.path) : undefined
  if (input === 'formInput') {
    addFlowTrigger(profile, 'api', line)
    profile.exposure.channels.push('form')
  } else {
    addFlowTrigger(profile, 'chat', line)
  }
  if (asBoolean(start?.inputs.startEphemeralMemory) === true) {
    profile.memory.kind = 'none'
    profile.memory.stores = []
    addNote(
      profile,
      'every run starts without past chat history (ephemeral memory)',
    )
  }
  addNote(
    profile,
    'Flowise serves the flow through its API and embeds; the export does not say who can reach them',
  )
}

/** A trigger of the flow; a chat comes with the chat channel. */
function addFlowTrigger(
  profile: AgentProfile,
  trigger: AgentProfile['triggers'][number],
  line: number | undefined,
): void {
  addTrigger(profile, trigger, line)
  if (trigger === 'chat') pushUnique(profile.exposure.channels, 'chat')
}
