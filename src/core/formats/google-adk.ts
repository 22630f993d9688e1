/**
 * Google ADK Agent Config: `root_agent.yaml` and any YAML agent config (one
 * agent per file) with `agent_class`, the ADK AgentConfig schema comment, or
 * a top-level name with an instruction.
 *
 * Fields → profile: name, description; model (`gemini-*` → provider google,
 * `provider/model` split) and generate_content_config.temperature/seed →
 * model; instruction and static_instruction → instructions; tools[] {name,
 * args} → tools (built-ins by name; `MCPToolset`/`McpToolset` through the
 * shared MCP reader for its stdio, SSE or streamable-HTTP server; `AgentTool`
 * → an agent call; a dotted Python path → a code tool); load_memory and
 * preload_memory → persistent memory; sub_agents[] {config_path | code} →
 * subAgents (a config_path is read with readSibling, relative to this file,
 * to take the sub-agent's own name; a code reference is kept as written);
 * GraphAgent nodes[].sub_agents likewise; agent_class → delegation mode
 * (SequentialAgent sequential, ParallelAgent parallel, LoopAgent loop,
 * GraphAgent router, LlmAgent with sub-agents handoff); LoopAgent and
 * GraphAgent, or a planner → planning; max_iterations → maxIterations;
 * input_schema → inputFiltering; safety_settings → guardrails.
 *
 * Defaults: agent_class LlmAgent. No tools → no tools (ADK gives an agent only
 * the tools it lists), but Python tools and callbacks can do anything, so a
 * note says so. An LlmAgent may transfer control to its parent and peers
 * unless disallow_transfer_to_parent/peers say otherwise. The
 * before/after_*_callbacks are Python hooks that may act as guardrails: they
 * get a note, never the guardrails control, since their code is not visible.
 * A model left out is inherited from the parent agent.
 */
import { addCredential } from '../manifest/credentials.js'
import { urlHost } from '../manifest/endpoints.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { modelFromName, readSampling } from '../manifest/models.js'
import { joinPath, splitPath } from '../manifest/paths.js'
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
  entriesOf,
  ownValue,
  type DataRecord,
} from '../parse/data.js'
import {
  parseYamlDocument,
  type DataPath,
  type ParsedDocument,
} from '../parse/document.js'
import { fieldPath, type Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile, Delegation, ToolKind } from '../profile/schema.js'
import { classifyTool } from '../profile/tool-kinds.js'

const FORMAT = 'google-adk'

type Mode = NonNullable<Delegation['mode']>

const AGENT_CLASSES: Readonly<Record<string, Mode | undefined>> = {
  LlmAgent: undefined,
  Agent: undefined,
  SequentialAgent: 'sequential',
  ParallelAgent: 'parallel',
  LoopAgent: 'loop',
  GraphAgent: 'router',
  Workflow: 'router',
}

/** ADK's built-in tools, by the name a config lists them under. */
const BUILTIN_TOOLS: Readonly<
  Record<string, { kind: ToolKind; readOnly?: boolean }>
> = {
  google_search: { kind: 'search', readOnly: true },
  enterprise_web_search: { kind: 'search', readOnly: true },
  vertex_ai_search: { kind: 'search', readOnly: true },
  VertexAiSearchTool: { kind: 'search', readOnly: true },
  google_maps_grounding: { kind: 'search', readOnly: true },
  url_context: { kind: 'network', readOnly: true },
  load_web_page: { kind: 'network', readOnly: true },
  load_memory: { kind: 'search', readOnly: true },
  preload_memory: { kind: 'search', readOnly: true },
  load_artifacts: { kind: 'file-read', readOnly: true },
  exit_loop: { kind: 'other' },
  get_user_choice: { kind: 'other' },
  transfer_to_agent: { kind: 'agent-call' },
  built_in_code_execution: { kind: 'code-exec' },
  BuiltInCodeExecutor: { kind: 'code-exec' },
}

const MEMORY_TOOLS = new Set(['load_memory', 'preload_memory'])
const ADK_SCHEMA = /config_schemas\/AgentConfig\.json/
const CALLBACKS = /^(before|after)_(agent|model|tool)_callbacks?$/

const googleAdk: FormatModule = {
  id: FORMAT,
  title: 'Google ADK Agent Config',
  nameEndings: ['.yaml', '.yml'],
  matchPath,
  sniff,
  parse,
}
export default googleAdk

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const { name } = splitPath(path)
  if (/^root_agent\.ya?ml$/i.test(name)) return 'yes'
  return /\.ya?ml$/i.test(name) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  if (/^agent_class[ \t]*:/m.test(head) || ADK_SCHEMA.test(head)) return true
  return (
    /^name[ \t]*:/m.test(head) &&
    /^instruction[ \t]*:/m.test(head) &&
    !/^(apiVersion|kind|agents)[ \t]*:/m.test(head)
  )
}

function parse(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'yaml')
  if (!parsed.ok) return parsed.result
  const doc = parsed.doc
  const root = asRecord(doc.value)
  if (!root || !looksLikeAdk(root, file.text)) {
    return rejected(
      'no agent_class, ADK AgentConfig schema or name with an instruction: not a Google ADK agent config',
    )
  }
  const problems: Problem[] = []
  const agent = readAgent(file, doc, root, problems)
  return { agents: [agent], problems, document: doc }
}

function looksLikeAdk(root: DataRecord, text: string): boolean {
  if (root.apiVersion !== undefined || root.kind !== undefined) return false
  return (
    typeof root.agent_class === 'string' ||
    ADK_SCHEMA.test(text.slice(0, 4096)) ||
    (typeof root.name === 'string' && typeof root.instruction === 'string')
  )
}

function readAgent(
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
  problems: Problem[],
): AgentProfile {
  const line = (...path: DataPath): number | undefined => doc.lineOf(path)
  const { name: fileName } = splitPath(file.path)
  const declared = asString(root.name)
  if (!declared) {
    problems.push(
      problem(file.path, 1, 'an ADK agent config needs a name', {
        field: 'name',
        level: 'warning',
      }),
    )
  }
  const name = declared ?? fileName.replace(/\.ya?ml$/i, '')
  const profile = newProfile({
    name,
    format: FORMAT,
    file: file.path,
    line: line('name') ?? 1,
  })
  cite(profile, 'name', line('name'))
  profile.description = asString(root.description)
  const agentClass = asString(root.agent_class) ?? 'LlmAgent'
  readClass(profile, agentClass, line('agent_class'))
  readModel(profile, root, doc)
  readInstruction(profile, root, doc)
  readTools(profile, file, doc, asArray(root.tools), problems)
  readSubAgents(profile, file, doc, root, problems)
  readTransfer(profile, root, doc, agentClass)
  readAutonomy(profile, root, doc, agentClass)
  readCallbacks(profile, root)
  readSchemas(profile, root)
  return profile
}

function classMode(agentClass: string): Mode | undefined {
  return ownValue(AGENT_CLASSES, agentClass)
}

function readClass(
  profile: AgentProfile,
  agentClass: string,
  line: number | undefined,
): void {
  if (!Object.hasOwn(AGENT_CLASSES, agentClass)) {
    addNote(
      profile,
      `custom agent class ${agentClass}: its behaviour is defined in code`,
    )
  }
  const mode = classMode(agentClass)
  if (mode) {
    profile.delegation.mode = mode
    cite(profile, 'delegation', line)
  }
}

function readModel(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const model = asString(root.model)
  if (model) {
    profile.model = modelFromName(model)
    if (profile.model.unresolved)
      addNote(profile, 'the model is a placeholder resolved at run time')
    else if (
      !profile.model.provider &&
      /^gemini/i.test(profile.model.name ?? '')
    )
      profile.model.provider = 'google'
    cite(profile, 'model', doc.lineOf(['model']))
  }
  const config = asRecord(root.generate_content_config)
  if (!config) return
  readSampling(profile.model, config)
  cite(profile, 'model', doc.lineOf(['generate_content_config']))
  const safety = config.safety_settings ?? config.safetySettings
  if ((asArray(safety)?.length ?? 0) > 0) {
    profile.controls.guardrails = true
    cite(
      profile,
      'controls.guardrails',
      doc.lineOf([
        'generate_content_config',
        config.safety_settings === undefined
          ? 'safetySettings'
          : 'safety_settings',
      ]),
    )
    addNote(profile, 'safety_settings filter the model output by category')
  }
}

function readInstruction(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const parts = [asString(root.static_instruction), asString(root.instruction)]
    .map((text) => text?.trim())
    .filter((text): text is string => Boolean(text))
  if (parts.length === 0) return
  profile.instructions = parts.join('\n\n')
  cite(
    profile,
    'instructions',
    doc.lineOf(['instruction']) ?? doc.lineOf(['static_instruction']),
  )
}

// ---------------------------------------------------------------- tools

function readTools(
  profile: AgentProfile,
  file: ManifestFile,
  doc: ParsedDocument,
  tools: unknown[] | undefined,
  problems: Problem[],
): void {
  if (!tools) return
  cite(profile, 'tools', doc.lineOf(['tools']))
  tools.forEach((entry, index) => {
    const line = doc.lineOf(['tools', index])
    const record = asRecord(entry)
    const name = asString(record?.name) ?? asString(entry)
    if (!name) {
      problems.push(
        problem(file.path, line, 'a tool entry needs a name', {
          field: `tools[${index}].name`,
          level: 'warning',
        }),
      )
      return
    }
    const args = asRecord(record?.args) ?? {}
    if (/^mcp_?toolset$/i.test(name)) readMcpToolset(profile, args, line)
    else if (name === 'AgentTool') readAgentTool(profile, file, args, line)
    else readNamedTool(profile, name, line)
  })
}

function readNamedTool(
  profile: AgentProfile,
  name: string,
  line: number | undefined,
): void {
  const builtin = ownValue(BUILTIN_TOOLS, name)
  if (builtin) {
    addTool(profile, { name, ...builtin, line, source: 'builtin' })
    if (MEMORY_TOOLS.has(name)) {
      profile.memory.kind = 'persistent'
      pushUnique(profile.memory.stores, 'ADK memory service')
      cite(profile, 'memory', line)
    }
    if (builtin.kind === 'code-exec') {
      profile.autonomy.codeExecution = true
    }
    return
  }
  if (name.includes('.')) {
    const short = name.slice(name.lastIndexOf('.') + 1)
    addTool(profile, { name, kind: classifyTool(short), line, source: 'code' })
    addNote(
      profile,
      `tool ${name} is Python code: what it does is not visible in the manifest`,
    )
    return
  }
  addTool(profile, { name, kind: classifyTool(name), line, source: 'declared' })
}

/**
 * An MCPToolset's connection, in the shape the shared MCP reader takes:
 * stdio_server_params / stdio_connection_params.server_params give a command,
 * sse_ and streamable_http_connection_params a URL with headers.
 */
function mcpEntry(args: DataRecord): DataRecord {
  const stdio =
    asRecord(args.stdio_server_params) ??
    asRecord(asRecord(args.stdio_connection_params)?.server_params)
  const sse = asRecord(args.sse_connection_params)
  const http = asRecord(args.streamable_http_connection_params)
  const remote = sse ?? http
  const entry: DataRecord = stdio
    ? { command: stdio.command, args: stdio.args, env: stdio.env }
    : remote
      ? { url: remote.url, headers: remote.headers, type: sse ? 'sse' : 'http' }
      : {}
  const filter = asStrings(args.tool_filter)
  if (filter.length > 0) entry.tools = filter
  return entry
}

function readMcpToolset(
  profile: AgentProfile,
  args: DataRecord,
  line: number | undefined,
): void {
  const entry = mcpEntry(args)
  const name = mcpName(entry)
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, reading.tool)
  recordServerReading(profile, reading)
  const carriers = headerCarriers(entry)
  for (const credential of carriers) addCredential(profile, credential)
  if (reading.credentials.length + carriers.length > 0)
    cite(profile, 'identity', line)
  if (reading.memory) profile.memory.kind = 'persistent'
  if (reading.tool.server?.transport === 'stdio') {
    addNote(
      profile,
      `MCP server ${name} is started as a local process when the config loads`,
    )
  }
  if (!reading.tool.server?.command && !reading.tool.server?.url) {
    addNote(profile, 'an MCPToolset has no connection parameters ADK can use')
  }
}

/** Env entries whose value carries an Authorization header or token. */
function headerCarriers(entry: DataRecord): string[] {
  return entriesOf(entry.env)
    .filter(
      ([, value]) =>
        typeof value === 'string' && /authorization|bearer|token/i.test(value),
    )
    .map(([key]) => key)
}

function mcpName(entry: DataRecord): string {
  const args = asStrings(entry.args).filter((arg) => !arg.startsWith('-'))
  const pkg = args.find((arg) => /[a-z]/i.test(arg))
  if (pkg) return pkg
  const url = asString(entry.url)
  if (url) return urlHost(url)
  return asString(entry.command) ?? 'MCPToolset'
}

function readAgentTool(
  profile: AgentProfile,
  file: ManifestFile,
  args: DataRecord,
  line: number | undefined,
): void {
  const agent = asRecord(args.agent)
  const name = agent ? subAgentName(profile, file, agent) : undefined
  addTool(profile, {
    name: name ? `AgentTool ${name}` : 'AgentTool',
    kind: 'agent-call',
    line,
    source: 'builtin',
  })
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
  if (name) pushUnique(profile.subAgents, name)
}

// ---------------------------------------------------------------- sub-agents

function readSubAgents(
  profile: AgentProfile,
  file: ManifestFile,
  doc: ParsedDocument,
  root: DataRecord,
  problems: Problem[],
): void {
  const lists: Array<{ items: unknown[]; path: DataPath }> = []
  const direct = asArray(root.sub_agents)
  if (direct) lists.push({ items: direct, path: ['sub_agents'] })
  ;(asArray(root.nodes) ?? []).forEach((node, index) => {
    const items = asArray(asRecord(node)?.sub_agents)
    if (items) lists.push({ items, path: ['nodes', index, 'sub_agents'] })
  })
  let found = 0
  for (const { items, path } of lists) {
    cite(profile, 'subAgents', doc.lineOf(path))
    items.forEach((item, index) => {
      const record = asRecord(item)
      const name = record ? subAgentName(profile, file, record) : undefined
      if (!name) {
        problems.push(
          problem(
            file.path,
            doc.lineOf([...path, index]),
            'a sub-agent needs a config_path or a code reference',
            { field: fieldPath([...path, index]), level: 'warning' },
          ),
        )
        return
      }
      found += 1
      pushUnique(profile.subAgents, name)
    })
  }
  if (found > 0) {
    profile.delegation.canDelegate = true
    profile.delegation.mode ??= 'handoff'
    cite(profile, 'delegation', doc.lineOf(['sub_agents']))
  }
  const conditions = (asArray(root.edges) ?? []).filter(
    (edge) => asString(asRecord(edge)?.condition) !== undefined,
  ).length
  if (conditions > 0) {
    addNote(
      profile,
      `${conditions} graph edges route on Python conditions evaluated at run time`,
    )
  }
}

/**
 * The name a sub-agent entry stands for: the `name` of the file at its
 * config_path (read relative to this file), else that file's stem; a code
 * reference as written.
 */
function subAgentName(
  profile: AgentProfile,
  file: ManifestFile,
  entry: DataRecord,
): string | undefined {
  const code = asString(entry.code)
  if (code) {
    addNote(profile, `sub-agent ${code} is defined in Python code`)
    return code
  }
  const configPath = asString(entry.config_path)
  if (!configPath) return undefined
  const stem = (
    splitPath(configPath.replace(/\\/g, '/')).name || configPath
  ).replace(/\.ya?ml$/i, '')
  const target = resolveRelative(splitPath(file.path).dir, configPath)
  const text = target === undefined ? undefined : file.readSibling(target)
  if (text === undefined) {
    addNote(
      profile,
      `sub-agent config ${configPath} was not found; it is named ${stem} here`,
    )
    return stem
  }
  try {
    const name = asString(
      asRecord(parseYamlDocument(text, target ?? '').value)?.name,
    )
    return name ?? stem
  } catch {
    addNote(profile, `sub-agent config ${configPath} could not be read`)
    return stem
  }
}

/** `dir` + a relative path, normalised; undefined if it leaves the root. */
function resolveRelative(dir: string, relative: string): string | undefined {
  const path = relative.replace(/\\/g, '/')
  if (path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path))
    return undefined
  return joinPath(dir, path)
}

// ---------------------------------------------------------------- behaviour

function readTransfer(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
  agentClass: string,
): void {
  const toParent = asBoolean(root.disallow_transfer_to_parent)
  const toPeers = asBoolean(root.disallow_transfer_to_peers)
  if (toParent === true) {
    addNote(profile, 'disallow_transfer_to_parent: it cannot hand control back')
    cite(profile, 'delegation', doc.lineOf(['disallow_transfer_to_parent']))
  }
  if (toPeers === true) {
    addNote(profile, 'disallow_transfer_to_peers: it cannot hand off to peers')
    cite(profile, 'delegation', doc.lineOf(['disallow_transfer_to_peers']))
  }
  const llm = classMode(agentClass) === undefined
  if (
    llm &&
    toParent === true &&
    toPeers === true &&
    profile.subAgents.length === 0 &&
    profile.delegation.canDelegate === undefined
  ) {
    profile.delegation.canDelegate = false
  }
}

function readAutonomy(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
  agentClass: string,
): void {
  const maxIterations = asNumber(root.max_iterations)
  if (maxIterations !== undefined) {
    profile.autonomy.maxIterations = maxIterations
    cite(profile, 'autonomy', doc.lineOf(['max_iterations']))
  }
  if (agentClass === 'LoopAgent' || agentClass === 'GraphAgent') {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', doc.lineOf(['agent_class']))
    if (maxIterations === undefined && agentClass === 'LoopAgent') {
      addNote(
        profile,
        'LoopAgent without max_iterations: it loops until a sub-agent escalates',
      )
    }
  }
  if (root.planner !== undefined) {
    profile.autonomy.planning = true
    cite(profile, 'autonomy', doc.lineOf(['planner']))
  }
  if (root.code_executor !== undefined) {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', doc.lineOf(['code_executor']))
    addTool(profile, {
      name: 'code_executor',
      kind: 'code-exec',
      line: doc.lineOf(['code_executor']),
      source: 'builtin',
    })
  }
}

function readCallbacks(profile: AgentProfile, root: DataRecord): void {
  for (const [key, value] of Object.entries(root)) {
    if (!CALLBACKS.test(key)) continue
    const names = (asArray(value) ?? [value])
      .map((item) => asString(asRecord(item)?.name) ?? asString(item))
      .filter((name): name is string => Boolean(name))
    addNote(
      profile,
      `${key} run Python code${names.length > 0 ? ` (${names.join(', ')})` : ''}; they may act as guardrails, which the manifest cannot show`,
    )
  }
}

function readSchemas(profile: AgentProfile, root: DataRecord): void {
  if (root.input_schema !== undefined) {
    profile.exposure.inputFiltering = true
    addNote(profile, 'input_schema: its input is validated against a schema')
  }
  if (root.output_schema !== undefined) {
    addNote(profile, 'output_schema: its output is constrained to a schema')
  }
  if (asString(root.include_contents) === 'none') {
    addNote(profile, 'include_contents none: it sees no conversation history')
  }
}
