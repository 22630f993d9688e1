/**
 * **In short:** workflow JSON with AI Agent nodes → model, tools, memory and triggers from the node's connections, approvals
 *
 * n8n workflow exports: `{name, nodes[], connections, settings, pinData}`
 * (one workflow, a list of them from `n8n export:workflow --all`, or the
 * template API's `{workflow: {…}}`).
 *
 * Mapping: one profile per AI Agent node (`@n8n/n8n-nodes-langchain.agent`,
 * `.agentTool`, `.openAiAssistant`), named after the node. Sub-nodes plug
 * into an agent through `connections`: `ai_languageModel` gives the model
 * (name, provider from the node type, `options.temperature`), `ai_memory`
 * the memory (buffer window: session; Postgres/Redis/Mongo/Xata/Zep chat
 * memory: persistent), `ai_tool` the tools — `toolCode` runs code embedded
 * in the workflow (code-exec), `toolHttpRequest`/`httpRequestTool` reach the
 * network, `mcpClientTool` goes through `mcpServerTool`, `toolWorkflow` and
 * `agentTool` call other workflows and agents (an agentTool node is itself a
 * profile, linked as sub-agent), `n8n-nodes-base.*Tool` nodes are app
 * actions typed by service and operation. `options.systemMessage` is the
 * instructions, `options.maxIterations` the loop cap. Trigger nodes upstream
 * of the agent on `main` connections give its triggers (chatTrigger: chat,
 * public when `public: true`; webhook/form: webhook; schedule: schedule;
 * app triggers: event). Human approval comes from `sendAndWait` nodes with
 * `responseType: approval` on the agent's path and from review nodes that
 * tools plug into (those tools require approval). Node `credentials` are
 * kept by type name only.
 *
 * Defaults: n8n leaves parameters at their default out of the export, so an
 * absent `maxIterations` is 10, an absent chatTrigger `public` is false, an
 * absent webhook `authentication` is none, an absent HTTP tool `method` is
 * GET. A workflow without an AI Agent node is not an agent manifest, nor is
 * a sanitised copy whose LangChain nodes were rewritten to noOp: both are
 * rejected with the reason.
 */
import { addCredential } from '../manifest/credentials.js'
import { mcpServerTool } from '../manifest/mcp-servers.js'
import { parseManifest, problem, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asString,
  asStrings,
  type DataRecord,
  entriesOf,
  isPlaceholder,
  isRecord,
  keysOf,
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
import type {
  AgentProfile,
  Tool,
  ToolKind,
  Trigger,
} from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const ID = 'n8n-workflow'
const LC = '@n8n/n8n-nodes-langchain.'
const BASE = 'n8n-nodes-base.'

const n8nWorkflow: FormatModule = {
  id: ID,
  title: 'n8n workflow',
  nameEndings: ['.json'],
  matchPath: (path) => (/\.json$/i.test(path) ? 'maybe' : 'no'),
  // Node parameters come first and can be long (a Code node, a sticky
  // note), so the type marker may lie beyond the head: the shape of the
  // first node and of the connections serve as well.
  sniff: (head) =>
    (/"nodes"\s*:\s*\[/.test(head) &&
      (/"(@n8n\/)?n8n-nodes-(base|langchain)\.\w+"/.test(head) ||
        /"nodes"\s*:\s*\[\s*\{\s*"parameters"\s*:\s*\{/.test(head))) ||
    (/"connections"\s*:\s*\{/.test(head) &&
      /"type"\s*:\s*"(main|ai_\w+)"\s*,\s*"index"\s*:/.test(head)),
  parse: parseN8n,
}
export default n8nWorkflow

interface WorkflowNode {
  readonly name: string
  readonly type: string
  readonly params: DataRecord
  readonly raw: DataRecord
  readonly path: DataPath
  readonly disabled: boolean
}

interface Edge {
  readonly from: string
  readonly to: string
  readonly type: string
}

interface Workflow {
  readonly name: string | undefined
  readonly nodes: ReadonlyMap<string, WorkflowNode>
  readonly edges: readonly Edge[]
  readonly base: DataPath
  readonly pinned: boolean
}

interface Reader {
  readonly file: string
  readonly doc: ParsedDocument
  readonly problems: Problem[]
}

function parseN8n(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const found = workflowsOf(doc.value)
  if (found.length === 0) {
    return rejected('not an n8n workflow: no nodes list')
  }
  const reader: Reader = { file: file.path, doc, problems: [] }
  const agents: AgentProfile[] = []
  const reasons: string[] = []
  for (const { value, base } of found) {
    const workflow = readWorkflow(reader, value, base)
    if (!workflow) {
      reasons.push('its nodes are not n8n nodes')
      continue
    }
    const agentNodes = [...workflow.nodes.values()].filter(isAgentNode)
    if (agentNodes.length === 0) {
      reasons.push(noAgentReason(workflow))
      continue
    }
    const profiles = new Map<string, AgentProfile>()
    for (const node of agentNodes) {
      profiles.set(node.name, readAgent(reader, workflow, node))
    }
    linkAgentTools(workflow, profiles)
    agents.push(...profiles.values())
  }
  if (agents.length === 0 && reader.problems.length === 0) {
    return rejected(
      reasons[0] ?? 'n8n workflow without an AI Agent node: not an agent',
    )
  }
  return { agents, problems: reader.problems, document: doc }
}

function workflowsOf(
  root: unknown,
): Array<{ value: DataRecord; base: DataPath }> {
  const isWorkflow = (value: unknown): value is DataRecord =>
    isRecord(value) && Array.isArray(value.nodes)
  if (isWorkflow(root)) return [{ value: root, base: [] }]
  const wrapped = asRecord(root)?.workflow
  if (isWorkflow(wrapped)) {
    return [{ value: wrapped, base: ['workflow'] }]
  }
  return (asArray(root) ?? []).flatMap((value, index) =>
    isWorkflow(value) ? [{ value, base: [index] }] : [],
  )
}

function readWorkflow(
  reader: Reader,
  value: DataRecord,
  base: DataPath,
): Workflow | undefined {
  const entries = asArray(value.nodes) ?? []
  // Other flow formats also have a nodes list: without a single n8n node
  // type this is not n8n, and its odd nodes are not n8n's problems.
  const isN8n = entries.some((entry) =>
    /n8n-nodes-|^@n8n\//.test(asString(asRecord(entry)?.type) ?? ''),
  )
  if (entries.length > 0 && !isN8n) return undefined
  const nodes = new Map<string, WorkflowNode>()
  entries.forEach((entry, index) => {
    const path = [...base, 'nodes', index]
    const raw = asRecord(entry)
    const name = asString(raw?.name)
    const type = asString(raw?.type)
    if (!raw || !name || !type) {
      reader.problems.push(
        problem(
          reader.file,
          reader.doc.lineOf(path),
          'node without a name or type',
          { field: `nodes[${index}]`, level: 'warning' },
        ),
      )
      return
    }
    nodes.set(name, {
      name,
      type,
      params: asRecord(raw.parameters) ?? {},
      raw,
      path,
      disabled: raw.disabled === true,
    })
  })
  const edges: Edge[] = []
  for (const [from, outputs] of entriesOf(value.connections)) {
    for (const [type, lists] of entriesOf(outputs)) {
      for (const list of asArray(lists) ?? []) {
        for (const target of asArray(list) ?? []) {
          const to = asString(asRecord(target)?.node)
          if (to) edges.push({ from, to, type })
        }
      }
    }
  }
  return {
    name: asString(value.name),
    nodes,
    edges,
    base,
    pinned: entriesOf(value.pinData).length > 0,
  }
}

function shortType(type: string): string {
  return type.startsWith(LC)
    ? type.slice(LC.length)
    : type.startsWith(BASE)
      ? type.slice(BASE.length)
      : type.slice(type.lastIndexOf('.') + 1)
}

function isAgentNode(node: WorkflowNode): boolean {
  if (node.disabled || !node.type.startsWith(LC)) return false
  const type = shortType(node.type)
  return (
    type === 'agent' ||
    type === 'agentTool' ||
    type === 'openAiAssistant' ||
    (type === 'openAi' && node.params.resource === 'assistant')
  )
}

const SANITISED_NAME =
  /agent|chat model|openai|anthropic|gemini|memory|tool|embedding|vector|llm|langchain/i

function noAgentReason(workflow: Workflow): string {
  const nodes = [...workflow.nodes.values()]
  const placeholders = nodes.filter(
    (n) => shortType(n.type) === 'noOp' && SANITISED_NAME.test(n.name),
  )
  if (
    placeholders.length > 0 &&
    !nodes.some((n) => n.type.startsWith(LC)) &&
    workflow.edges.length === 0
  ) {
    return `sanitised n8n workflow: its LangChain nodes were rewritten to noOp (${placeholders
      .slice(0, 3)
      .map((n) => `"${n.name}"`)
      .join(
        ', ',
      )}) and its connections removed; there is no agent left to assess`
  }
  const types = [...new Set(nodes.map((n) => shortType(n.type)))].slice(0, 6)
  return `n8n workflow without an AI Agent node (${types.join(', ') || 'no nodes'}): not an agent`
}

// ---------------------------------------------------------------- agents

function readAgent(
  reader: Reader,
  workflow: Workflow,
  node: WorkflowNode,
): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    reader.doc.lineOf([...node.path, ...rest])
  const profile = newProfile({
    name: node.name,
    format: ID,
    file: reader.file,
    line: at('name') ?? at() ?? 1,
  })
  cite(profile, 'name', at('name'))
  const notes = asString(node.raw.notes)
  profile.description =
    notes ??
    (workflow.name
      ? `AI agent of the n8n workflow "${workflow.name}"`
      : undefined)
  const options = asRecord(node.params.options) ?? {}
  const system =
    asString(options.systemMessage) ?? asString(node.params.systemMessage)
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('parameters', 'options', 'systemMessage'))
  }
  readLoop(profile, node, options, at)
  readCredentials(profile, node)
  const inbound = (type: string): WorkflowNode[] =>
    workflow.edges
      .filter((e) => e.to === node.name && e.type === type)
      .map((e) => workflow.nodes.get(e.from))
      .filter((n): n is WorkflowNode => n !== undefined && !n.disabled)
  readModels(reader, profile, inbound('ai_languageModel'))
  readMemory(reader, profile, inbound('ai_memory'))
  readTools(reader, workflow, profile, inbound('ai_tool'))
  if (inbound('ai_outputParser').length > 0) {
    addNote(profile, 'its answers are parsed into a structured output')
  }
  readTriggers(reader, workflow, profile, node)
  readApprovalPath(reader, workflow, profile, node)
  if (workflow.pinned) {
    addNote(
      profile,
      'the export keeps pinData: captured execution data is committed with the workflow',
    )
  }
  return profile
}

function readLoop(
  profile: AgentProfile,
  node: WorkflowNode,
  options: DataRecord,
  at: (...rest: DataPath) => number | undefined,
): void {
  const max = asNumber(options.maxIterations)
  profile.autonomy.maxIterations = max ?? 10
  if (max !== undefined) {
    cite(profile, 'autonomy', at('parameters', 'options', 'maxIterations'))
  } else {
    addNote(profile, 'maxIterations not set: n8n runs up to 10 tool rounds')
  }
  const kind = asString(node.params.agent)
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
  if (options.returnIntermediateSteps === true) {
    addNote(profile, 'intermediate steps are returned with every answer')
  }
}

function readCredentials(profile: AgentProfile, node: WorkflowNode): string[] {
  const names = keysOf(node.raw.credentials)
  for (const name of names) addCredential(profile, name)
  return names
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
  const rawModel = first.params.model ?? first.params.modelName
  const name =
    asString(rawModel) ??
    asString(asRecord(rawModel)?.value) ??
    asString(asRecord(rawModel)?.cachedResultName)
  const options = asRecord(first.params.options) ?? {}
  profile.model = {
    name,
    provider: PROVIDERS.find(([pattern]) => pattern.test(type))?.[1],
    temperature: asNumber(options.temperature),
  }
  if (isPlaceholder(name) || isPlaceholder(options.temperature)) {
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

// ---------------------------------------------------------------- tools

/** Review steps tools plug into: the tool runs only once a human approves. */
function isReviewGate(workflow: Workflow, node: WorkflowNode): boolean {
  const feeds = workflow.edges.some(
    (e) => e.to === node.name && e.type === 'ai_tool',
  )
  return (
    feeds &&
    (/hitl|review|approval/i.test(node.type) ||
      node.params.operation === 'sendAndWait')
  )
}

function readTools(
  reader: Reader,
  workflow: Workflow,
  profile: AgentProfile,
  tools: readonly WorkflowNode[],
): void {
  let scoped = false
  for (const node of tools) {
    if (isReviewGate(workflow, node)) {
      const gated = workflow.edges
        .filter((e) => e.to === node.name && e.type === 'ai_tool')
        .map((e) => workflow.nodes.get(e.from))
        .filter((n): n is WorkflowNode => n !== undefined && !n.disabled)
      for (const inner of gated) {
        scoped = addToolNode(reader, profile, inner, true) || scoped
      }
      addNote(
        profile,
        `tools behind the human review step "${node.name}" run only once approved: ${gated.map((n) => n.name).join(', ')}`,
      )
      continue
    }
    scoped = addToolNode(reader, profile, node, undefined) || scoped
  }
  const first = tools[0]
  if (first) cite(profile, 'tools', reader.doc.lineOf(first.path))
  if (profile.identity.credentials.length > 0) {
    profile.identity.kind = scoped ? 'scoped' : 'fixed'
  }
  const approvals = profile.tools.filter((t) => t.requiresApproval === true)
  if (approvals.length > 0 && approvals.length === profile.tools.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', approvals[0]?.line)
  }
}

/** Adds the tool a node stands for; true when it carries its own credential. */
function addToolNode(
  reader: Reader,
  profile: AgentProfile,
  node: WorkflowNode,
  gated: true | undefined,
): boolean {
  const line = reader.doc.lineOf(node.path)
  const credentials = readCredentials(profile, node)
  const type = shortType(node.type)
  if (type === 'mcpClientTool') {
    addMcpTool(profile, node, line, gated)
    return credentials.length > 0
  }
  const tool = toolOf(node, type, line)
  if (gated) tool.requiresApproval = true
  addTool(profile, tool)
  if (type === 'toolCode' || type === 'code') {
    const language = asString(node.params.language) ?? 'javaScript'
    addNote(
      profile,
      `tool ${node.name} runs ${language} code embedded in the workflow (not evaluated here)`,
    )
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
  if (type === 'toolThink') {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', line)
  }
  if (type === 'toolWorkflow' || type === 'executeWorkflowTool') {
    addNote(
      profile,
      `tool ${node.name} runs another workflow (${workflowRef(node.params)}); what that workflow does is not inspected`,
    )
  }
  if (type === 'toolHttpRequest' || type === 'httpRequestTool') {
    const url = asString(node.params.url)
    if (url && isPlaceholder(url)) {
      addNote(profile, `tool ${node.name} requests a URL the model fills in`)
    }
  }
  return credentials.length > 0
}

function workflowRef(params: DataRecord): string {
  const id = params.workflowId
  return (
    asString(asRecord(id)?.cachedResultName) ??
    asString(asRecord(id)?.value) ??
    asString(id) ??
    asString(params.source) ??
    'unnamed'
  )
}

const LC_TOOLS: Readonly<Record<string, ToolKind>> = {
  toolCode: 'code-exec',
  code: 'code-exec',
  toolHttpRequest: 'network',
  toolWorkflow: 'agent-call',
  agentTool: 'agent-call',
  toolA2A: 'agent-call',
  toolVectorStore: 'search',
  toolSerpApi: 'search',
  toolWikipedia: 'search',
  toolWolframAlpha: 'search',
  toolSearXng: 'search',
  toolSearchApi: 'search',
  toolPerplexity: 'search',
  toolCalculator: 'other',
  toolThink: 'other',
  toolBrowserUse: 'browser',
  toolComputerUse: 'shell',
  toolDataTableSql: 'database',
  toolDataTableSqlQuery: 'database',
  toolN8n: 'cloud-admin',
}

/** App nodes used as tools (`n8n-nodes-base.<service>Tool`), by service. */
const SERVICES: ReadonlyArray<readonly [RegExp, ToolKind]> = [
  [/^(executeCommand|ssh)/i, 'shell'],
  [/^(stripe|payPal|chargebee|paddle)/i, 'payments'],
  [
    /^(aws|googleCloud|azure|github|gitlab|bitbucket|cloudflare|n8n$)/i,
    'cloud-admin',
  ],
  [
    /^(postgres|mySql|microsoftSql|mongoDb|redis|supabase|snowflake|googleBigQuery|airtable|baserow|nocoDb|googleSheets|microsoftExcel|notion|dataTable)/i,
    'database',
  ],
  [
    /^(gmail|emailSend|microsoftOutlook|slack|telegram|discord|microsoftTeams|whatsApp|twilio|sendGrid|mailgun|mattermost|matrix)/i,
    'email',
  ],
  [
    /^(googleDrive|googleDocs|dropbox|box|oneDrive|microsoftOneDrive|readWriteFile|ftp)/i,
    'file-write',
  ],
  [/^httpRequest/i, 'network'],
]

const READ_OPERATIONS = /^(get|getAll|list|search|read|lookup|find|download)/i

function toolOf(
  node: WorkflowNode,
  type: string,
  line: number | undefined,
): Tool {
  const description =
    asString(node.params.toolDescription) ??
    asString(node.params.description) ??
    asString(node.raw.notes)
  const known = LC_TOOLS[type]
  if (known) {
    const method = asString(node.params.method) ?? 'GET'
    return {
      name: node.name,
      kind: known,
      description,
      line,
      source: known === 'code-exec' ? 'code' : 'builtin',
      readOnly:
        type === 'toolHttpRequest' ? method.toUpperCase() === 'GET' : undefined,
    }
  }
  const service = type.replace(/Tool$/, '')
  const operation = asString(node.params.operation)
  const kind =
    SERVICES.find(([pattern]) => pattern.test(service))?.[1] ??
    (type === 'httpRequestTool'
      ? 'network'
      : type.startsWith('vectorStore')
        ? 'search'
        : classifyTool(service, description ?? node.name))
  const method = asString(node.params.method)
  return {
    name: node.name,
    kind,
    description,
    line,
    source: node.type.startsWith(BASE) ? 'plugin' : 'builtin',
    readOnly: operation
      ? READ_OPERATIONS.test(operation)
      : method
        ? method.toUpperCase() === 'GET'
        : undefined,
  }
}

function addMcpTool(
  profile: AgentProfile,
  node: WorkflowNode,
  line: number | undefined,
  gated: true | undefined,
): void {
  const params = node.params
  const url = asString(params.endpointUrl) ?? asString(params.sseEndpoint)
  const transport = asString(params.serverTransport) ?? 'sse'
  const auth = asString(params.authentication) ?? 'none'
  const include = asString(params.include) ?? 'all'
  const entry: DataRecord = {
    url,
    type: /http/i.test(transport) ? 'http' : 'sse',
    headers: /header|bearer/i.test(auth) ? { Authorization: '' } : undefined,
    auth: /oauth/i.test(auth) ? 'oauth' : undefined,
    tools: include === 'selected' ? asStrings(params.includeTools) : undefined,
  }
  const reading = mcpServerTool(node.name, entry, line)
  const tool = { ...reading.tool }
  if (gated) tool.requiresApproval = true
  addTool(profile, tool)
  for (const note of reading.notes) addNote(profile, note)
  if (include === 'except') {
    addNote(
      profile,
      `MCP server ${node.name} exposes every tool except ${asStrings(params.excludeTools).join(', ') || 'none'}`,
    )
  }
}

/** agentTool nodes are agents of their own, called as tools by a parent. */
function linkAgentTools(
  workflow: Workflow,
  profiles: ReadonlyMap<string, AgentProfile>,
): void {
  for (const edge of workflow.edges) {
    if (edge.type !== 'ai_tool') continue
    const child = profiles.get(edge.from)
    const parent = profiles.get(edge.to)
    if (!child || !parent || child === parent) continue
    child.parent = parent.name
    pushUnique(parent.subAgents, child.name)
    parent.delegation.canDelegate = true
    parent.delegation.mode ??= 'hierarchical'
    cite(parent, 'subAgents', child.source.line)
    cite(parent, 'delegation', child.source.line)
  }
}

// ---------------------------------------------------------------- triggers

const MESSAGE_TRIGGERS =
  /gmail|imap|email|slack|telegram|discord|whatsApp|microsoftTeams|outlook|twilio|mattermost/i

function readTriggers(
  reader: Reader,
  workflow: Workflow,
  profile: AgentProfile,
  agent: WorkflowNode,
): void {
  const upstream = walk(workflow, agent.name, 'back')
  let manual = false
  for (const name of upstream) {
    const node = workflow.nodes.get(name)
    if (!node || node.disabled) continue
    const trigger = triggerOf(node)
    if (!trigger) {
      manual ||= shortType(node.type) === 'manualTrigger'
      continue
    }
    addTrigger(profile, trigger)
    cite(profile, 'triggers', reader.doc.lineOf(node.path))
    readTriggerExposure(reader, profile, node)
  }
  if (manual && profile.triggers.length === 0) {
    addNote(profile, 'the workflow is started by hand from the editor')
  }
}

function triggerOf(node: WorkflowNode): Trigger | undefined {
  const type = shortType(node.type)
  if (type === 'chatTrigger') return 'chat'
  if (type === 'webhook' || type === 'formTrigger') return 'webhook'
  if (/^(scheduleTrigger|cron|interval)$/.test(type)) return 'schedule'
  if (type === 'mcpTrigger' || type === 'executeWorkflowTrigger') return 'api'
  if (type === 'manualTrigger') return undefined
  if (/Trigger$/.test(type) || type === 'emailReadImap') return 'event'
  return undefined
}

function readTriggerExposure(
  reader: Reader,
  profile: AgentProfile,
  node: WorkflowNode,
): void {
  const type = shortType(node.type)
  const line = reader.doc.lineOf(node.path)
  if (type === 'chatTrigger') {
    readChatTrigger(profile, node, line)
  } else if (type === 'webhook' || type === 'formTrigger') {
    pushUnique(
      profile.exposure.channels,
      type === 'webhook' ? 'webhook' : 'form',
    )
    profile.exposure.untrustedInput = true
    readTriggerAuth(profile, node, line, 'accepts calls without authentication')
    const path = asString(node.params.path)
    if (path && !isPlaceholder(path)) {
      profile.exposure.endpoint ??= `/webhook/${path}`
    }
  } else if (type === 'mcpTrigger') {
    pushUnique(profile.exposure.channels, 'mcp')
    readTriggerAuth(
      profile,
      node,
      line,
      'serves its tools without authentication',
    )
  } else if (MESSAGE_TRIGGERS.test(type)) {
    pushUnique(profile.exposure.channels, type.replace(/Trigger$/, ''))
    profile.exposure.untrustedInput = true
  }
}

/** The hosted chat is reachable by anyone only when `public` is true. */
function readChatTrigger(
  profile: AgentProfile,
  node: WorkflowNode,
  line: number | undefined,
): void {
  pushUnique(profile.exposure.channels, 'chat')
  if (asBoolean(node.params.public) !== true) {
    profile.exposure.reach ??= 'internal'
    addNote(
      profile,
      `chat "${node.name}" is not public: only n8n users reach it`,
    )
    return
  }
  profile.exposure.reach = 'public'
  profile.exposure.untrustedInput = true
  readTriggerAuth(
    profile,
    node,
    line,
    'is public and asks for no authentication',
  )
}

/** `authentication` left out of the export is n8n's default: none. */
function readTriggerAuth(
  profile: AgentProfile,
  node: WorkflowNode,
  line: number | undefined,
  unauthenticated: string,
): void {
  const auth = asString(node.params.authentication) ?? 'none'
  setControl(profile, 'authentication', auth !== 'none', line)
  if (auth === 'none') {
    addNote(
      profile,
      `${shortType(node.type)} "${node.name}" ${unauthenticated}`,
    )
  }
}

function setControl(
  profile: AgentProfile,
  control: 'authentication' | 'humanApproval',
  value: boolean,
  line: number | undefined,
): void {
  // A control stated true anywhere on the path is not undone by another.
  if (profile.controls[control] === true) return
  profile.controls[control] = value
  cite(profile, `controls.${control}`, line)
}

/** Node names reachable over `main` connections, forwards or backwards. */
function walk(
  workflow: Workflow,
  start: string,
  direction: 'back' | 'forward',
): string[] {
  const seen = new Set<string>([start])
  const queue = [start]
  while (queue.length > 0) {
    const current = queue.shift() as string
    for (const edge of workflow.edges) {
      if (edge.type !== 'main') continue
      const next =
        direction === 'back'
          ? edge.to === current
            ? edge.from
            : undefined
          : edge.from === current
            ? edge.to
            : undefined
      if (next !== undefined && !seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    }
  }
  seen.delete(start)
  return [...seen]
}

function readApprovalPath(
  reader: Reader,
  workflow: Workflow,
  profile: AgentProfile,
  agent: WorkflowNode,
): void {
  const path = [
    ...walk(workflow, agent.name, 'back'),
    ...walk(workflow, agent.name, 'forward'),
  ]
  for (const name of path) {
    const node = workflow.nodes.get(name)
    if (!node || node.disabled || node.params.operation !== 'sendAndWait') {
      continue
    }
    const response = asString(node.params.responseType) ?? 'approval'
    if (response === 'approval') {
      setControl(profile, 'humanApproval', true, reader.doc.lineOf(node.path))
      addNote(
        profile,
        `"${node.name}" waits for a human approval on the agent's path; it does not gate the agent's own tool calls`,
      )
    } else {
      addNote(profile, `"${node.name}" waits for human input (${response})`)
    }
  }
}
