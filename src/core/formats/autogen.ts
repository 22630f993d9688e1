/**
 * **In short:** AgentChat / Studio component JSON → teams and participants, tools (embedded code read as text), model clients, terminations
 *
 * AutoGen AgentChat / AutoGen Studio component JSON (or YAML): what
 * `team.dump_component()` writes, AutoGen Studio's gallery, and the legacy
 * AutoGen Studio v0.4.0-dev team JSON (`team_type`, `agent_type`).
 *
 * Mapping: every object is `{provider, component_type, config}`. A team is
 * the orchestrating agent: its profile lists the participants as sub-agents
 * (each participant gets a profile of its own, with `parent` set), the team
 * class gives the delegation mode (RoundRobin → group-chat, Selector →
 * router, Swarm → swarm, MagenticOne → hierarchical with planning, GraphFlow
 * → sequential), `max_turns` or a MaxMessageTermination gives maxIterations.
 * An agent's `system_message` is its instructions, `model_client.config`
 * gives model/temperature/seed, `tools[]` are FunctionTools (with their
 * Python source embedded: never evaluated, only scanned as text for what it
 * imports), MCP adapters and workbenches go through `mcpServerTool`,
 * `handoffs[]` are peers it hands off to, `memory[]` and `model_context`
 * give memory, a CodeExecutorAgent's executor gives code execution and the
 * sandbox control. A UserProxyAgent is a human, not an agent: it is no
 * profile, but puts a human in the team's loop (humanApproval).
 *
 * Defaults: no termination condition and no `max_turns` means the team runs
 * until stopped from code (noted, no cap). An agent without `tools` has
 * none. How the team is started (chat, API, schedule) is decided in code, so
 * triggers and exposure stay not stated.
 */
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { fileStem } from '../manifest/paths.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asArray,
  asNumber,
  asRecord,
  asString,
  isPlaceholder,
  isRecord,
  type DataRecord,
} from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type {
  AgentProfile,
  Delegation,
  Tool,
  ToolKind,
} from '../profile/schema.js'
import { classifyCodeTool } from '../profile/tool-kinds.js'

const ID = 'autogen'

const autogen: FormatModule = {
  id: ID,
  title: 'AutoGen component',
  nameEndings: ['.json', '.yaml', '.yml'],
  matchPath: (path) => (/\.(json|ya?ml)$/i.test(path) ? 'maybe' : 'no'),
  sniff: (head) =>
    /autogen_agentchat\.(teams|agents)\./.test(head) ||
    /"team_type"\s*:\s*"\w+(GroupChat|Swarm)"/.test(head) ||
    (/"participants"\s*:\s*\[/.test(head) &&
      /"agent_type"\s*:\s*"\w*Agent"/.test(head)),
  parse: parseAutogen,
}
export default autogen

type Mode = NonNullable<Delegation['mode']>

interface Reader {
  readonly file: string
  readonly doc: ParsedDocument
  readonly agents: AgentProfile[]
  readonly problems: Problem[]
  readonly fallbackName: string
}

function parseAutogen(file: ManifestFile): FormatResult {
  const parsed = parseMapping(
    file,
    'auto',
    'not an AutoGen component: the document is not a mapping',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  const reader: Reader = {
    file: file.path,
    doc,
    agents: [],
    problems: [],
    fallbackName: fileStem(file.path, /\.(json|ya?ml)$/i) || 'autogen-team',
  }
  const shape = shapeOf(root)
  switch (shape.kind) {
    case 'component':
      if (!readComponent(reader, shape.value, shape.path, undefined)) {
        return rejected(
          `AutoGen ${String(shape.value.component_type ?? 'component')} component (${String(shape.value.provider)}) is not a team or an agent`,
        )
      }
      break
    case 'gallery':
      readGallery(reader, shape.value)
      break
    case 'legacy':
      readLegacy(reader, root)
      break
    case 'none':
      return rejected(
        'not an AutoGen component: no autogen provider, team_type or agent_type',
      )
  }
  if (reader.agents.length === 0 && reader.problems.length === 0) {
    return rejected('AutoGen document holds no team or agent')
  }
  return { agents: reader.agents, problems: reader.problems, document: doc }
}

type Shape =
  | { kind: 'component'; value: DataRecord; path: DataPath }
  | { kind: 'gallery'; value: DataRecord }
  | { kind: 'legacy' }
  | { kind: 'none' }

/** Class names of the legacy format: other tools use `agent_type` too. */
const LEGACY_TEAM = /^\w*(GroupChat|Swarm|GraphFlow)$/
const LEGACY_AGENT = /^[A-Z]\w*Agent$/

function shapeOf(root: DataRecord): Shape {
  if (isComponent(root)) return { kind: 'component', value: root, path: [] }
  const wrapped = asRecord(root.component)
  if (wrapped && isComponent(wrapped)) {
    return { kind: 'component', value: wrapped, path: ['component'] }
  }
  const components = asRecord(root.components)
  if (components && (components.teams || components.agents)) {
    return { kind: 'gallery', value: components }
  }
  if (
    LEGACY_TEAM.test(asString(root.team_type) ?? '') ||
    LEGACY_AGENT.test(asString(root.agent_type) ?? '') ||
    (Array.isArray(root.participants) &&
      root.participants.some(
        (p) => isRecord(p) && LEGACY_AGENT.test(asString(p.agent_type) ?? ''),
      ))
  ) {
    return { kind: 'legacy' }
  }
  return { kind: 'none' }
}

function isComponent(value: DataRecord): boolean {
  const provider = asString(value.provider)
  return (
    provider !== undefined &&
    /^autogen_|\.autogen_|autogenstudio/.test(provider) &&
    (value.component_type !== undefined || isRecord(value.config))
  )
}

/** The class name at the end of a provider path. */
function className(provider: string | undefined): string {
  if (!provider) return ''
  return provider.slice(provider.lastIndexOf('.') + 1)
}

// ---------------------------------------------------------------- components

/** Reads a team or agent component; false when it is neither. */
function readComponent(
  reader: Reader,
  component: DataRecord,
  path: DataPath,
  parent: AgentProfile | undefined,
): AgentProfile | undefined | false {
  const type = asString(component.component_type)
  const provider = asString(component.provider) ?? ''
  if (type === 'team' || /\.teams\./.test(provider)) {
    return readTeam(reader, component, path, parent)
  }
  if (type === 'agent' || /\.agents\./.test(provider)) {
    return readAgent(reader, component, path, parent)
  }
  return false
}

function readGallery(reader: Reader, components: DataRecord): void {
  for (const key of ['teams', 'agents'] as const) {
    asArray(components[key])?.forEach((entry, index) => {
      if (isRecord(entry)) {
        readComponent(reader, entry, ['components', key, index], undefined)
      }
    })
  }
}

const TEAM_MODES: Readonly<
  Record<string, { mode: Mode; dynamic?: boolean; planning?: boolean }>
> = {
  RoundRobinGroupChat: { mode: 'group-chat' },
  SelectorGroupChat: { mode: 'router', dynamic: true },
  Swarm: { mode: 'swarm', dynamic: true },
  MagenticOneGroupChat: { mode: 'hierarchical', dynamic: true, planning: true },
  GraphFlow: { mode: 'sequential' },
  DiGraphGroupChat: { mode: 'sequential' },
}

function readTeam(
  reader: Reader,
  component: DataRecord,
  path: DataPath,
  parent: AgentProfile | undefined,
): AgentProfile {
  const { doc } = reader
  const config = asRecord(component.config) ?? {}
  const at = (...rest: DataPath): number | undefined =>
    doc.lineOf([...path, ...rest])
  const kind = className(asString(component.provider))
  const name =
    asString(config.name) ??
    (parent ? `${parent.name}-team` : reader.fallbackName)
  const profile = newProfile({
    name,
    format: ID,
    file: reader.file,
    line: at() ?? 1,
  })
  reader.agents.push(profile)
  if (parent) linkChild(parent, profile)
  profile.description =
    asString(config.description) ?? asString(component.description)
  const model = asRecord(config.model_client)
  if (model)
    readModel(reader, profile, model, [...path, 'config', 'model_client'])
  readTeamMode(profile, kind, at('provider'))
  const selector = asString(config.selector_prompt)
  if (selector) {
    profile.instructions = selector
    cite(profile, 'instructions', at('config', 'selector_prompt'))
  }
  readTermination(reader, profile, config, [...path, 'config'])
  readParticipants(reader, profile, config, [...path, 'config'])
  addNote(
    profile,
    'how the team is started (chat, API, schedule) is decided in code; the manifest does not say',
  )
  return profile
}

function readTeamMode(
  profile: AgentProfile,
  kind: string,
  line: number | undefined,
): void {
  const team = TEAM_MODES[kind]
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
  if (team) {
    profile.delegation.mode = team.mode
    profile.delegation.dynamic = team.dynamic
    if (team.planning) {
      profile.autonomy.planning = true
      cite(profile, 'autonomy', line)
    }
  } else if (kind) {
    addNote(profile, `unknown team class ${kind}: delegation mode not known`)
  }
  if (kind === 'SelectorGroupChat') {
    addNote(profile, 'a model picks the next speaker at every turn')
  }
}

function readParticipants(
  reader: Reader,
  team: AgentProfile,
  config: DataRecord,
  base: DataPath,
): void {
  const participants = asArray(config.participants)
  if (!participants || participants.length === 0) {
    reader.problems.push(
      problem(
        reader.file,
        reader.doc.lineOf(base) ?? team.source.line,
        `team "${team.name}" has no participants`,
        { field: 'config.participants', level: 'warning' },
      ),
    )
    return
  }
  cite(team, 'subAgents', reader.doc.lineOf([...base, 'participants']))
  participants.forEach((entry, index) => {
    const path = [...base, 'participants', index]
    if (!isRecord(entry)) {
      reader.problems.push(
        problem(
          reader.file,
          reader.doc.lineOf(path),
          'participant is not a component',
          { field: `participants[${index}]` },
        ),
      )
      return
    }
    if (className(asString(entry.provider)) === 'UserProxyAgent') {
      humanInLoop(team, entry, reader.doc.lineOf(path))
      return
    }
    readComponent(reader, entry, path, team)
  })
}

function humanInLoop(
  team: AgentProfile,
  proxy: DataRecord,
  line: number | undefined,
): void {
  const config = asRecord(proxy.config) ?? {}
  const who = asString(config.name) ?? asString(proxy.name) ?? 'user'
  team.controls.humanApproval = true
  cite(team, 'controls.humanApproval', line)
  addNote(
    team,
    `a human (UserProxyAgent ${who}) takes part in the conversation and can stop or steer it`,
  )
}

function linkChild(parent: AgentProfile, child: AgentProfile): void {
  child.parent = parent.name
  if (!parent.subAgents.includes(child.name)) parent.subAgents.push(child.name)
}

/** Caps and stop conditions: max_turns and the termination tree. */
function readTermination(
  reader: Reader,
  profile: AgentProfile,
  config: DataRecord,
  base: DataPath,
): void {
  const maxTurns = asNumber(config.max_turns)
  const termination = asRecord(config.termination_condition)
  const found: string[] = []
  const caps: number[] = []
  if (termination) collectTermination(termination, found, caps)
  if (maxTurns !== undefined) caps.push(maxTurns)
  if (caps.length > 0) {
    profile.autonomy.maxIterations = smallest(caps)
    cite(
      profile,
      'autonomy',
      reader.doc.lineOf([
        ...base,
        maxTurns !== undefined ? 'max_turns' : 'termination_condition',
      ]),
    )
  }
  if (found.length > 0) {
    addNote(profile, `the team stops on: ${found.join(', ')}`)
  } else if (maxTurns === undefined) {
    addNote(
      profile,
      'no termination condition or max_turns: the team runs until stopped from code',
    )
  }
}

function collectTermination(
  node: DataRecord,
  found: string[],
  caps: number[],
): void {
  const kind =
    className(asString(node.provider)) ||
    asString(node.termination_type) ||
    'termination'
  const config = asRecord(node.config) ?? node
  const children = (asArray(config.conditions) ?? []).filter(isRecord)
  if (children.length > 0) {
    // Or stops at the first condition met; And needs every one of them, so
    // it caps the run only when each branch has a cap, at the largest.
    const every = /And/.test(kind) || asString(config.operator) === 'and'
    const branchCaps: number[] = []
    for (const child of children) {
      const before = branchCaps.length
      collectTermination(child, found, branchCaps)
      if (every && branchCaps.length === before) return
    }
    if (branchCaps.length === 0) return
    caps.push(every ? largest(branchCaps) : smallest(branchCaps))
    return
  }
  const max = asNumber(config.max_messages)
  if (max !== undefined) caps.push(max)
  const detail =
    max ??
    asString(config.text) ??
    asString(config.target) ??
    asNumber(config.max_total_token) ??
    asNumber(config.timeout_seconds)
  found.push(detail === undefined ? kind : `${kind}(${String(detail)})`)
}

// ---------------------------------------------------------------- agents

const AGENT_KINDS: Readonly<Record<string, { tool: string; kind: ToolKind }>> =
  {
    MultimodalWebSurfer: { tool: 'web_surfer', kind: 'browser' },
    FileSurfer: { tool: 'file_surfer', kind: 'file-read' },
  }

function readAgent(
  reader: Reader,
  component: DataRecord,
  path: DataPath,
  parent: AgentProfile | undefined,
): AgentProfile {
  const { doc } = reader
  const config = asRecord(component.config) ?? {}
  const at = (...rest: DataPath): number | undefined =>
    doc.lineOf([...path, ...rest])
  const kind = className(asString(component.provider))
  const name = asString(config.name)
  if (!name) {
    reader.problems.push(
      problem(reader.file, at() ?? 1, 'agent component has no config.name', {
        field: 'config.name',
        level: 'warning',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? `${kind || 'agent'}-${reader.agents.length + 1}`,
    format: ID,
    file: reader.file,
    line: at('config', 'name') ?? at() ?? 1,
  })
  reader.agents.push(profile)
  if (parent) linkChild(parent, profile)
  profile.description =
    asString(config.description) ?? asString(component.description)
  const system = asString(config.system_message)
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('config', 'system_message'))
  }
  const model = asRecord(config.model_client)
  if (model)
    readModel(reader, profile, model, [...path, 'config', 'model_client'])
  cite(profile, 'name', at('config', 'name'))
  readAgentTools(reader, profile, config, [...path, 'config'])
  readHandoffs(reader, profile, config, [...path, 'config'])
  readAgentMemory(reader, profile, config, [...path, 'config'])
  readCodeExecutor(reader, profile, config, [...path, 'config'])
  const special = AGENT_KINDS[kind]
  if (special) {
    addTool(profile, {
      name: special.tool,
      kind: special.kind,
      line: at('provider'),
      source: 'builtin',
    })
    if (special.kind === 'browser') profile.exposure.untrustedInput = true
  }
  const maxTools = asNumber(config.max_tool_iterations)
  if (maxTools !== undefined) {
    profile.autonomy.maxIterations = maxTools
    cite(profile, 'autonomy', at('config', 'max_tool_iterations'))
  }
  const inner = asRecord(config.team)
  if (inner) readTeam(reader, inner, [...path, 'config', 'team'], profile)
  return profile
}

function readModel(
  reader: Reader,
  profile: AgentProfile,
  client: DataRecord,
  path: DataPath,
): void {
  const config = asRecord(client.config) ?? client
  const provider = providerOf(
    asString(client.provider) ?? asString(client.model_type),
  )
  const name =
    asString(config.model) ??
    asString(config.azure_deployment) ??
    asString(config.model_name)
  profile.model = {
    name,
    provider,
    temperature: asNumber(config.temperature),
    seed: asNumber(config.seed),
  }
  if ([name, config.temperature, config.base_url].some(isPlaceholder)) {
    profile.model.unresolved = true
    addNote(
      profile,
      'the model is set through placeholders resolved at run time',
    )
  }
  cite(profile, 'model', reader.doc.lineOf(path))
  const key = config.api_key
  if (typeof key === 'string' && key !== '') {
    profile.identity.credentials.push('model_client.api_key')
    if (!isPlaceholder(key)) {
      addNote(
        profile,
        'model_client.api_key holds a literal value in the manifest: a secret may be committed',
      )
    }
  }
}

function providerOf(provider: string | undefined): string | undefined {
  if (!provider) return undefined
  const cls = className(provider)
  if (/^AzureOpenAI|AzureAI/.test(cls)) return 'azure-openai'
  if (/^OpenAI/.test(cls)) return 'openai'
  if (/^Anthropic/.test(cls)) return 'anthropic'
  if (/^Ollama/.test(cls)) return 'ollama'
  if (/^Gemini|^Google/.test(cls)) return 'google'
  const segment = /models\.([a-z_]+)\./.exec(provider)?.[1]
  return segment ?? (cls || undefined)
}

function readAgentTools(
  reader: Reader,
  profile: AgentProfile,
  config: DataRecord,
  base: DataPath,
): void {
  const tools = asArray(config.tools) ?? []
  if (tools.length > 0)
    cite(profile, 'tools', reader.doc.lineOf([...base, 'tools']))
  tools.forEach((entry, index) => {
    const line = reader.doc.lineOf([...base, 'tools', index])
    if (!isRecord(entry)) return
    readToolComponent(reader, profile, entry, line, [...base, 'tools', index])
  })
  const workbenches = config.workbench
  const list = Array.isArray(workbenches)
    ? workbenches
    : workbenches
      ? [workbenches]
      : []
  list.forEach((entry, index) => {
    const path = Array.isArray(workbenches)
      ? [...base, 'workbench', index]
      : [...base, 'workbench']
    if (isRecord(entry)) readWorkbench(reader, profile, entry, path)
  })
}

function readToolComponent(
  reader: Reader,
  profile: AgentProfile,
  entry: DataRecord,
  line: number | undefined,
  path: DataPath,
): void {
  const config = asRecord(entry.config) ?? entry
  const cls = className(asString(entry.provider))
  if (/McpToolAdapter$/.test(cls)) {
    const tool = asRecord(config.tool)
    addMcp(profile, asString(tool?.name) ?? 'mcp', config.server_params, line)
    return
  }
  if (cls === 'AgentTool' || cls === 'TeamTool') {
    const inner = asRecord(config.agent) ?? asRecord(config.team)
    const child = inner
      ? readComponent(
          reader,
          inner,
          [...path, 'config', config.agent ? 'agent' : 'team'],
          profile,
        )
      : undefined
    const toolName = child ? child.name : (asString(config.name) ?? cls)
    addTool(profile, {
      name: toolName,
      kind: 'agent-call',
      line,
      source: 'code',
    })
    profile.delegation.canDelegate = true
    cite(profile, 'delegation', line)
    return
  }
  const name = asString(config.name) ?? asString(entry.name) ?? (cls || 'tool')
  const description =
    asString(config.description) ?? asString(entry.description)
  const source = asString(config.source_code) ?? asString(entry.content)
  const tool: Tool = {
    name,
    kind: toolKind(cls, name, description, source),
    description,
    line,
    source: source ? 'code' : 'declared',
  }
  addTool(profile, tool)
  if (source) {
    addNote(
      profile,
      `tool ${name} embeds its Python source in the manifest: it is code the agent runs (not evaluated here)`,
    )
  }
  if (tool.kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', line)
  }
}

function toolKind(
  cls: string,
  name: string,
  description: string | undefined,
  source: string | undefined,
): ToolKind {
  if (/CodeExecution|PythonCode/.test(cls)) return 'code-exec'
  if (cls === 'HttpTool') return 'network'
  if (/GraphRag|Search/i.test(cls)) return 'search'
  return classifyCodeTool(name, description, source)
}

function readWorkbench(
  reader: Reader,
  profile: AgentProfile,
  entry: DataRecord,
  path: DataPath,
): void {
  const config = asRecord(entry.config) ?? {}
  const line = reader.doc.lineOf(path)
  if (/Mcp/i.test(className(asString(entry.provider)))) {
    addMcp(profile, asString(entry.label) ?? 'mcp', config.server_params, line)
    return
  }
  asArray(config.tools)?.forEach((tool, index) => {
    if (isRecord(tool)) {
      readToolComponent(
        reader,
        profile,
        tool,
        reader.doc.lineOf([...path, 'config', 'tools', index]),
        [...path, 'config', 'tools', index],
      )
    }
  })
}

function addMcp(
  profile: AgentProfile,
  name: string,
  params: unknown,
  line: number | undefined,
): void {
  const server = asRecord(params) ?? {}
  const config = asRecord(server.config) ?? server
  const type = className(asString(server.provider)) || asString(config.type)
  const entry = {
    ...config,
    type: /Sse/i.test(type ?? '')
      ? 'sse'
      : /Http/i.test(type ?? '')
        ? 'http'
        : config.command
          ? 'stdio'
          : type,
  }
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, reading.tool)
  cite(profile, 'tools', line)
  recordServerReading(profile, reading)
}

function readHandoffs(
  reader: Reader,
  profile: AgentProfile,
  config: DataRecord,
  base: DataPath,
): void {
  const handoffs = asArray(config.handoffs) ?? []
  handoffs.forEach((entry, index) => {
    const line = reader.doc.lineOf([...base, 'handoffs', index])
    const target =
      typeof entry === 'string'
        ? entry
        : (asString(asRecord(entry)?.target) ?? asString(asRecord(entry)?.name))
    if (!target) return
    profile.delegation.canDelegate = true
    if (profile.delegation.mode === undefined)
      profile.delegation.mode = 'handoff'
    cite(profile, 'delegation', line)
    pushUnique(profile.delegation.peers, target)
    addTool(profile, {
      name: `transfer_to_${target}`,
      kind: 'agent-call',
      line,
      source: 'builtin',
    })
    if (/^user$/i.test(target)) {
      addNote(profile, 'it can hand the conversation back to the user')
    }
  })
}

const PERSISTENT_MEMORY =
  /Chroma|Redis|Mem0|Qdrant|Pinecone|Postgres|Vector|Zep/i

function readAgentMemory(
  reader: Reader,
  profile: AgentProfile,
  config: DataRecord,
  base: DataPath,
): void {
  const context = asRecord(config.model_context)
  if (context) {
    profile.memory.kind = 'session'
    cite(profile, 'memory', reader.doc.lineOf([...base, 'model_context']))
    if (/Unbounded/.test(className(asString(context.provider)))) {
      addNote(
        profile,
        'the chat context is unbounded: everything said in the run stays in context',
      )
    }
  }
  const memories = asArray(config.memory) ?? []
  memories.forEach((entry, index) => {
    const record = asRecord(entry)
    const cls = className(asString(record?.provider)) || 'memory'
    const line = reader.doc.lineOf([...base, 'memory', index])
    profile.memory.stores.push(cls)
    if (PERSISTENT_MEMORY.test(cls)) profile.memory.kind = 'persistent'
    else profile.memory.kind ??= 'session'
    cite(profile, 'memory', line)
  })
}

const EXECUTORS: ReadonlyArray<
  readonly [RegExp, { sandbox: boolean; note: string }]
> = [
  [
    /Docker|ACADynamicSessions|AzureContainer/,
    { sandbox: true, note: 'generated code runs in a container' },
  ],
  [
    /Local|Jupyter/,
    {
      sandbox: false,
      note: 'generated code runs on the host, outside any container',
    },
  ],
]

function readCodeExecutor(
  reader: Reader,
  profile: AgentProfile,
  config: DataRecord,
  base: DataPath,
): void {
  const executor = asRecord(config.code_executor)
  if (!executor) return
  const line = reader.doc.lineOf([...base, 'code_executor'])
  const cls = className(asString(executor.provider))
  addTool(profile, {
    name: 'code_executor',
    kind: 'code-exec',
    description: cls || undefined,
    line,
    source: 'builtin',
  })
  profile.autonomy.codeExecution = true
  cite(profile, 'autonomy', line)
  const match = EXECUTORS.find(([pattern]) => pattern.test(cls))?.[1]
  if (match) {
    profile.controls.sandbox = match.sandbox
    cite(profile, 'controls.sandbox', line)
    addNote(profile, `${cls}: ${match.note}`)
  }
}

// ---------------------------------------------------------------- legacy

/**
 * AutoGen Studio v0.4.0-dev: `team_type`, `participants[]` with
 * `agent_type`, `model_client.model_type`, `tools[].content` (source).
 */
function readLegacy(reader: Reader, root: DataRecord): void {
  if (
    LEGACY_AGENT.test(asString(root.agent_type) ?? '') &&
    !root.participants
  ) {
    readLegacyAgent(reader, root, [], undefined)
    return
  }
  const teamType = asString(root.team_type) ?? ''
  const team = newProfile({
    name: asString(root.name) ?? reader.fallbackName,
    format: ID,
    file: reader.file,
    line: reader.doc.lineOf(['name']) ?? 1,
  })
  reader.agents.push(team)
  team.description = asString(root.description)
  readTeamMode(team, teamType, reader.doc.lineOf(['team_type']))
  const model = asRecord(root.model_client)
  if (model) readModel(reader, team, model, ['model_client'])
  readTermination(reader, team, root, [])
  addNote(team, 'legacy AutoGen Studio (v0.4.0-dev) team format')
  addNote(
    team,
    'how the team is started (chat, API, schedule) is decided in code; the manifest does not say',
  )
  asArray(root.participants)?.forEach((entry, index) => {
    if (!isRecord(entry)) return
    if (entry.agent_type === 'UserProxyAgent') {
      humanInLoop(team, entry, reader.doc.lineOf(['participants', index]))
      return
    }
    readLegacyAgent(reader, entry, ['participants', index], team)
  })
  cite(team, 'subAgents', reader.doc.lineOf(['participants']))
}

function readLegacyAgent(
  reader: Reader,
  entry: DataRecord,
  path: DataPath,
  team: AgentProfile | undefined,
): void {
  const at = (...rest: DataPath): number | undefined =>
    reader.doc.lineOf([...path, ...rest])
  const profile = newProfile({
    name: asString(entry.name) ?? `agent-${reader.agents.length + 1}`,
    format: ID,
    file: reader.file,
    line: at('name') ?? at() ?? 1,
  })
  reader.agents.push(profile)
  if (team) linkChild(team, profile)
  profile.description = asString(entry.description)
  const system = asString(entry.system_message)
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('system_message'))
  }
  const model = asRecord(entry.model_client)
  if (model) readModel(reader, profile, model, [...path, 'model_client'])
  readAgentTools(reader, profile, entry, path)
  readHandoffs(reader, profile, entry, path)
  if (entry.agent_type === 'CodeExecutorAgent') {
    readCodeExecutor(reader, profile, entry, path)
  }
}

// Folds rather than Math.min(...list): a manifest's list can be long enough
// to overflow the argument stack.
function smallest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.min(a, b))
}

function largest(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b))
}
