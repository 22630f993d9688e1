/**
 * Dify DSL: the YAML a Dify app exports (`kind: app`, `app.mode`,
 * `model_config` for chat-style apps, `workflow.graph` for workflows).
 *
 * Mapping: an `agent-chat` app (or an older `chat` app with
 * `agent_mode.enabled`) is one agent named after the app: `pre_prompt` is
 * its instructions, `model_config.model` its model (provider, name,
 * `completion_params.temperature`), `agent_mode.tools[]` its tools (builtin
 * and plugin tools typed by provider and name, `api` tools are OpenAPI
 * calls, `workflow` tools call other apps, `mcp` tools are MCP servers),
 * `agent_mode.strategy` (react: planning) and `max_iteration` its loop,
 * `dataset_configs` a knowledge search. In `workflow` and `advanced-chat`
 * apps every `agent` node is an agent: `agent_parameters` give its model,
 * instruction, tools, `mcp_server` (through `mcpServerTool`) and
 * `maximum_iterations`; the strategy plugin that runs its loop is noted.
 * For every agent: `sensitive_word_avoidance.enabled` is the guardrails
 * control, secret `environment_variables` are credentials (names only),
 * `human-input` nodes give human approval, trigger nodes the triggers, and
 * chat modes keep the conversation (session memory, chat trigger).
 *
 * Defaults: an agent-chat app without `max_iteration` loops up to Dify's
 * default of 5; a workflow agent node without `maximum_iterations` uses its
 * strategy plugin's default (not stated). A workflow without agent nodes
 * (only code, LLM or tool steps) and a chat or completion app without agent
 * mode are not agents: they are rejected with the reason.
 */
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
  asNumber,
  asNumeric,
  asRecord,
  asString,
  asStrings,
  asText,
  isPlaceholder,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
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

const ID = 'dify-dsl'

const difyDsl: FormatModule = {
  id: ID,
  title: 'Dify DSL',
  nameEndings: ['.yaml', '.yml'],
  matchPath: (path) => (/\.ya?ml$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /^kind:\s*['"]?app['"]?\s*$/m.test(head) && /^app:\s*$/m.test(head),
  parse: parseDify,
}
export default difyDsl

interface App {
  readonly file: string
  readonly doc: ParsedDocument
  readonly root: DataRecord
  readonly name: string
  readonly mode: string
}

function parseDify(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'yaml')
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const root = asRecord(doc.value)
  const meta = asRecord(root?.app)
  const mode = asString(meta?.mode)
  if (!root || root.kind !== 'app' || !meta || !mode) {
    return rejected('not a Dify DSL: no kind: app with an app.mode')
  }
  const app: App = {
    file: file.path,
    doc,
    root,
    name: asString(meta.name) ?? 'dify-app',
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
  const config = asRecord(app.root.model_config)
  const agentMode = asRecord(config?.agent_mode)
  if (app.mode !== 'agent-chat' && asBoolean(agentMode?.enabled) !== true) {
    return rejected(
      `Dify ${app.mode} app without agent mode: a prompt and a model, not an agent`,
    )
  }
  if (!config) {
    const line = app.doc.lineOf(['app', 'mode'])
    return {
      agents: [],
      problems: [
        problem(app.file, line, 'agent-chat app without model_config', {
          field: 'model_config',
        }),
      ],
      document: app.doc,
    }
  }
  return {
    agents: [readChatAgent(app, config)],
    problems: [],
    document: app.doc,
  }
}

function readWorkflowApp(app: App): FormatResult {
  const nodes = graphNodes(app)
  const agentNodes = nodes.filter((n) => n.type === 'agent')
  if (agentNodes.length === 0) {
    const types = [...new Set(nodes.map((n) => n.type))].join(', ')
    return rejected(
      `Dify ${app.mode} without agent nodes (${types || 'no nodes'}): a fixed pipeline, not an agent`,
    )
  }
  const agents = agentNodes.map((node) =>
    readAgentNode(app, node, agentNodes.length > 1),
  )
  for (const agent of agents) readWorkflowContext(app, agent, nodes)
  return { agents, problems: [], document: app.doc }
}

/** The last segment of a plugin provider path (`langgenius/openai/openai`). */
function providerName(provider: string | undefined): string | undefined {
  if (!provider) return undefined
  return provider.slice(provider.lastIndexOf('/') + 1) || provider
}

// ---------------------------------------------------------------- agent-chat

function readChatAgent(app: App, config: DataRecord): AgentProfile {
  const at = (...path: DataPath): number | undefined =>
    app.doc.lineOf(['model_config', ...path])
  const profile = newProfile({
    name: app.name,
    format: ID,
    file: app.file,
    line: app.doc.lineOf(['app']) ?? 1,
  })
  cite(profile, 'name', app.doc.lineOf(['app', 'name']))
  profile.description = asText(asRecord(app.root.app)?.description)
  const prompt = asText(config.pre_prompt)
  if (prompt) {
    profile.instructions = prompt
    cite(profile, 'instructions', at('pre_prompt'))
  }
  readModel(profile, asRecord(config.model), at('model'))
  const agentMode = asRecord(config.agent_mode) ?? {}
  const strategy = asString(agentMode.strategy)
  if (strategy && /react|cot|plan/i.test(strategy)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', at('agent_mode', 'strategy'))
  }
  const max = asNumber(agentMode.max_iteration)
  profile.autonomy.maxIterations = max ?? 5
  if (max !== undefined) {
    cite(profile, 'autonomy', at('agent_mode', 'max_iteration'))
  } else {
    addNote(profile, 'max_iteration not set: Dify loops up to 5 times')
  }
  const tools = asArray(agentMode.tools) ?? []
  if (tools.length > 0) cite(profile, 'tools', at('agent_mode', 'tools'))
  tools.forEach((entry, index) => {
    readTool(profile, entry, at('agent_mode', 'tools', index))
  })
  readDatasets(profile, asRecord(config.dataset_configs), at('dataset_configs'))
  readGuardrails(
    profile,
    asRecord(config.sensitive_word_avoidance),
    at('sensitive_word_avoidance'),
  )
  return profile
}

function readModel(
  profile: AgentProfile,
  model: DataRecord | undefined,
  line: number | undefined,
): void {
  if (!model) return
  const params = asRecord(model.completion_params) ?? {}
  const name = asString(model.name) ?? asString(model.model)
  profile.model = {
    name,
    provider: providerName(asString(model.provider)),
    temperature: asNumber(params.temperature),
    seed: asNumber(params.seed),
  }
  if (isPlaceholder(name)) {
    profile.model.unresolved = true
    addNote(profile, 'the model is set through a variable resolved at run time')
  }
  cite(profile, 'model', line)
}

function readDatasets(
  profile: AgentProfile,
  configs: DataRecord | undefined,
  line: number | undefined,
): void {
  const datasets = asArray(asRecord(configs?.datasets)?.datasets) ?? []
  const enabled = datasets.filter(
    (d) => asRecord(asRecord(d)?.dataset)?.enabled !== false,
  )
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

function readGuardrails(
  profile: AgentProfile,
  moderation: DataRecord | undefined,
  line: number | undefined,
): void {
  const enabled = asBoolean(moderation?.enabled)
  if (enabled === undefined || profile.controls.guardrails === true) return
  profile.controls.guardrails = enabled
  cite(profile, 'controls.guardrails', line)
  if (!enabled) {
    addNote(profile, 'content moderation (sensitive_word_avoidance) is off')
  }
}

// ---------------------------------------------------------------- tools

const PROVIDER_KINDS: ReadonlyArray<readonly [RegExp, ToolKind]> = [
  [/code|sandbox|python|jupyter/i, 'code-exec'],
  [/shell|terminal|command/i, 'shell'],
  [/webscraper|jina|firecrawl|crawl|spider|scrape|http|request/i, 'network'],
  [
    /search|google|bing|tavily|duckduckgo|searxng|serp|wikipedia|arxiv|pubmed|brave|exa/i,
    'search',
  ],
  [
    /email|mail|slack|dingtalk|feishu|lark|wecom|discord|telegram|twilio/i,
    'email',
  ],
  [/sql|database|postgres|mysql|mongo|redis|supabase/i, 'database'],
]

function readTool(
  profile: AgentProfile,
  entry: unknown,
  line: number | undefined,
): void {
  const record = asRecord(entry)
  if (!record) return
  // Early DSL versions keyed a tool by its name: `{ current_datetime: {...} }`.
  const keys = Object.keys(record)
  const legacy =
    keys.length === 1 && record.tool_name === undefined
      ? asRecord(record[keys[0] as string])
      : undefined
  const name =
    asString(record.tool_name) ?? (legacy ? (keys[0] as string) : undefined)
  if (!name) return
  if (asBoolean(record.enabled ?? legacy?.enabled) === false) {
    addNote(profile, `tool ${name} is listed but disabled`)
    return
  }
  const provider =
    asString(record.provider_name) ??
    asString(record.provider_id) ??
    asString(record.provider) ??
    ''
  const type =
    asString(record.provider_type) ?? asString(record.type) ?? 'builtin'
  const description =
    asString(asRecord(record.extra)?.description) || asString(record.tool_label)
  const tool = toolOf(name, provider, type, description, line)
  addTool(profile, tool)
  if (type === 'workflow') {
    addNote(
      profile,
      `tool ${name} runs another Dify app; what it does is not inspected`,
    )
  }
  if (tool.kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
}

function toolOf(
  name: string,
  provider: string,
  type: string,
  description: string | undefined,
  line: number | undefined,
): Tool {
  const short = providerName(provider)
  const label = short && short !== name ? `${short}/${name}` : name
  if (type === 'mcp') {
    return { name: label, kind: 'mcp-server', description, line, source: 'mcp' }
  }
  if (type === 'api') {
    return {
      name: label,
      kind: 'network',
      description,
      line,
      source: 'openapi',
    }
  }
  if (type === 'workflow') {
    return {
      name: label,
      kind: 'agent-call',
      description,
      line,
      source: 'plugin',
    }
  }
  const words = `${provider} ${name}`
  const kind =
    PROVIDER_KINDS.find(([pattern]) => pattern.test(words))?.[1] ??
    classifyTool(name, description)
  return {
    name: label,
    kind,
    description,
    line,
    source: type === 'builtin' ? 'builtin' : 'plugin',
  }
}

// ---------------------------------------------------------------- workflows

interface GraphNode {
  readonly id: string
  readonly type: string
  readonly data: DataRecord
  readonly path: DataPath
}

function graphNodes(app: App): GraphNode[] {
  const graph = asRecord(asRecord(app.root.workflow)?.graph)
  return (asArray(graph?.nodes) ?? []).flatMap((entry, index) => {
    const node = asRecord(entry)
    const data = asRecord(node?.data)
    const type = asString(data?.type)
    if (!node || !data || !type) return []
    return [
      {
        id: String(node.id ?? index),
        type,
        data,
        path: ['workflow', 'graph', 'nodes', index],
      },
    ]
  })
}

/** A parameter of an agent node: `{type: constant|variable|mixed, value}`. */
function param(params: DataRecord, key: string): unknown {
  const entry = asRecord(params[key])
  return entry && 'value' in entry ? entry.value : params[key]
}

function readAgentNode(
  app: App,
  node: GraphNode,
  several: boolean,
): AgentProfile {
  const at = (...path: DataPath): number | undefined =>
    app.doc.lineOf([...node.path, ...path])
  const title = asText(node.data.title) ?? 'Agent'
  const profile = newProfile({
    name: several ? `${app.name}: ${title}` : app.name,
    format: ID,
    file: app.file,
    line: at() ?? 1,
  })
  cite(profile, 'name', at('data', 'title'))
  profile.description =
    asText(node.data.desc) ?? asText(asRecord(app.root.app)?.description)
  const params = asRecord(node.data.agent_parameters) ?? {}
  const pAt = (key: string, ...rest: DataPath): number | undefined =>
    at('data', 'agent_parameters', key, ...rest)
  const instruction = asText(param(params, 'instruction'))
  if (instruction) {
    profile.instructions = instruction
    cite(profile, 'instructions', pAt('instruction'))
  }
  readModel(profile, asRecord(param(params, 'model')), pAt('model'))
  const max = asNumeric(param(params, 'maximum_iterations'))
  if (max !== undefined) {
    profile.autonomy.maxIterations = max
    cite(profile, 'autonomy', pAt('maximum_iterations'))
  }
  const tools = asArray(param(params, 'tools')) ?? []
  if (tools.length > 0) cite(profile, 'tools', pAt('tools'))
  tools.forEach((entry, index) => {
    readTool(profile, entry, pAt('tools', 'value', index) ?? pAt('tools'))
  })
  readMcpServer(profile, param(params, 'mcp_server'), pAt('mcp_server'))
  readStrategy(profile, node.data, at('data', 'agent_strategy_name'))
  if (asRecord(node.data.memory)) {
    profile.memory.kind = 'session'
    cite(profile, 'memory', at('data', 'memory'))
  }
  return profile
}

function readMcpServer(
  profile: AgentProfile,
  value: unknown,
  line: number | undefined,
): void {
  const urls = typeof value === 'string' ? [value] : asStrings(value)
  const config = asRecord(value)
  if (config) {
    for (const [name, entry] of Object.entries(
      asRecord(config.mcpServers) ?? config,
    )) {
      addMcp(profile, name, entry, line)
    }
  }
  urls
    .filter((url) => url.trim() !== '')
    .forEach((url, index) =>
      addMcp(
        profile,
        index === 0 ? 'mcp_server' : `mcp_server_${index + 1}`,
        { url, type: /\/sse\b/i.test(url) ? 'sse' : 'http' },
        line,
      ),
    )
}

function addMcp(
  profile: AgentProfile,
  name: string,
  entry: unknown,
  line: number | undefined,
): void {
  if (!isRecord(entry)) return
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, reading.tool)
  cite(profile, 'tools', line)
  recordServerReading(profile, reading)
}

function readStrategy(
  profile: AgentProfile,
  data: DataRecord,
  line: number | undefined,
): void {
  const strategy = asString(data.agent_strategy_name)
  const provider = asString(data.agent_strategy_provider_name)
  if (strategy && /react|cot|plan/i.test(strategy)) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', line)
  }
  if (provider) {
    const label = asString(data.agent_strategy_label)
    addNote(
      profile,
      `its loop is the agent strategy ${strategy ?? '?'}${label ? ` (${label})` : ''} from plugin ${provider}: third-party code the DSL does not describe`,
    )
  }
}

const WORKFLOW_STEPS: Readonly<Record<string, string>> = {
  code: 'runs code nodes',
  'http-request': 'sends HTTP requests',
  tool: 'calls tools directly',
  'knowledge-retrieval': 'retrieves from knowledge bases',
}

function readWorkflowContext(
  app: App,
  profile: AgentProfile,
  nodes: readonly GraphNode[],
): void {
  const line = (node: GraphNode): number | undefined =>
    app.doc.lineOf(node.path)
  for (const [type, phrase] of Object.entries(WORKFLOW_STEPS)) {
    const steps = nodes.filter((n) => n.type === type)
    if (steps.length === 0) continue
    const titles = steps.map((n) => asText(n.data.title) ?? n.id).join(', ')
    addNote(profile, `the workflow around the agent also ${phrase}: ${titles}`)
  }
  const human = nodes.find((n) => /human/.test(n.type))
  if (human) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', line(human))
    addNote(
      profile,
      `human step "${asText(human.data.title) ?? human.id}" in the workflow waits for a person`,
    )
  }
  for (const node of nodes) {
    if (node.type === 'trigger-webhook')
      addTrigger(profile, 'webhook', line(node))
    else if (node.type === 'trigger-schedule')
      addTrigger(profile, 'schedule', line(node))
    else if (/^trigger-/.test(node.type))
      addTrigger(profile, 'event', line(node))
  }
  if (app.mode === 'workflow' && profile.triggers.length === 0) {
    addTrigger(profile, 'api', app.doc.lineOf(['app', 'mode']))
  }
  const workflow = asRecord(app.root.workflow)
  readGuardrails(
    profile,
    asRecord(asRecord(workflow?.features)?.sensitive_word_avoidance),
    app.doc.lineOf(['workflow', 'features', 'sensitive_word_avoidance']),
  )
  if ((asArray(workflow?.conversation_variables) ?? []).length > 0) {
    profile.memory.kind ??= 'session'
    profile.memory.writable = true
    cite(
      profile,
      'memory',
      app.doc.lineOf(['workflow', 'conversation_variables']),
    )
  }
}

// ---------------------------------------------------------------- app-wide

function readAppWide(app: App, profile: AgentProfile): void {
  const modeLine = app.doc.lineOf(['app', 'mode'])
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
  const variables =
    asArray(asRecord(app.root.workflow)?.environment_variables) ?? []
  for (const variable of variables) {
    const record = asRecord(variable)
    const name = asString(record?.name)
    if (name && record?.value_type === 'secret') {
      profile.identity.credentials.push(name)
    }
  }
  const plugins = (asArray(app.root.dependencies) ?? [])
    .map((d) => {
      const value = asRecord(asRecord(d)?.value)
      return (
        asString(value?.marketplace_plugin_unique_identifier) ??
        asString(value?.plugin_unique_identifier) ??
        asString(value?.package)
      )
    })
    .filter((id): id is string => id !== undefined)
    .map((id) => id.split(/[:@]/)[0] ?? id)
  if (plugins.length > 0) {
    addNote(profile, `the app depends on plugins: ${plugins.join(', ')}`)
  }
}
