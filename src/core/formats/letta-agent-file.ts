/**
 * Letta Agent Files (`*.af`): the JSON export of stateful Letta agents —
 * `agents[]` with the file-wide `tools[]`, `blocks[]`, `groups[]` and
 * `mcp_servers[]` they reference by id, or (older exports) one agent at the
 * top level with inline `core_memory` and `tools`. Some files hold that JSON
 * encoded once more as a JSON string; the string is decoded (as data) and
 * every line then points at it.
 *
 * Mapping: each agent is a profile: `system` is its instructions (else its
 * persona block), `llm_config` gives model, provider and temperature, the
 * tools it references (`tool_ids`, `tools`) are typed by `tool_type` and name
 * (custom tools carry their Python `source_code`: never evaluated, only read
 * as text), `default_requires_approval` and `requires_approval` tool rules
 * give per-tool approval. Memory blocks, recall (message history) and
 * archival memory are persistent memory; memory-editing tools
 * (`core_memory_replace`, `memory_rethink`, `archival_memory_insert`…) and
 * sleep-time agents make it writable and the agent self-editing.
 * `tool_rules` (run_first, exit_loop, conditional…) constrain its loop,
 * multi-agent tools and groups give delegation, environment variables and
 * secrets are credentials (names only), MCP servers go through
 * `mcpServerTool`.
 *
 * Defaults: Letta keeps every agent's conversation on its server, so an
 * agent without blocks still has persistent recall memory unless
 * `message_buffer_autoclear` is true. Agents are driven through the Letta
 * API (trigger `api`); the file does not say who can reach that API.
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
  asNumber,
  asRecord,
  asString,
  asStrings,
  entriesOf,
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
  cite,
  newProfile,
  pushUnique,
} from '../profile/build.js'
import type { AgentProfile, Tool, ToolKind } from '../profile/schema.js'
import { classifyCodeTool } from '../profile/tool-kinds.js'

const ID = 'letta-agent-file'

const lettaAgentFile: FormatModule = {
  id: ID,
  title: 'Letta agent file',
  nameEndings: ['.af', '.json'],
  matchPath: (path) =>
    /\.af(\.json)?$/i.test(path)
      ? 'yes'
      : /\.json$/i.test(path)
        ? 'maybe'
        : 'no',
  // The markers may be escaped once (`\"agents\"`) when the file is a JSON
  // string of JSON. An agent's name and id lists come before its system
  // prompt, which can be long; llm_config comes after it.
  sniff: (head) =>
    (/\\*"agents\\*"\s*:\s*\[/.test(head) &&
      /\\*"(memory_blocks|tool_ids|block_ids|tool_rules|agent_type|llm_config)\\*"\s*:/.test(
        head,
      )) ||
    (/\\*"llm_config\\*"\s*:/.test(head) &&
      /\\*"(core_memory|agent_type|tool_rules)\\*"\s*:/.test(head)),
  parse: parseLetta,
}
export default lettaAgentFile

interface Reader {
  readonly file: string
  readonly doc: ParsedDocument
  readonly problems: Problem[]
  readonly tools: ReadonlyMap<string, { value: DataRecord; path: DataPath }>
  readonly blocks: ReadonlyMap<string, { value: DataRecord; path: DataPath }>
  readonly servers: ReadonlyArray<{ value: DataRecord; path: DataPath }>
}

function parseLetta(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  let doc = parsed.doc
  const encoded = typeof doc.value === 'string'
  if (encoded) {
    const decoded = decodeString(file.path, doc)
    if (!decoded.ok) return { agents: [], problems: [decoded.problem] }
    doc = decoded.doc
  }
  const root = asRecord(doc.value)
  const entries = root ? agentEntries(root) : 'not a JSON object'
  if (!root || typeof entries === 'string') {
    return rejected(`not a Letta agent file: ${String(entries)}`)
  }
  if (entries.length === 0 && !/\.af(\.json)?$/i.test(file.path)) {
    return rejected('not a Letta agent file: the agents list is empty')
  }
  const reader = readerFor(file.path, doc, root)
  const byAgentId = new Map<string, AgentProfile>()
  const agents = entries.map(({ value, path }) => {
    const profile = readAgent(reader, value, path)
    const id = asString(value.id)
    if (id) byAgentId.set(id, profile)
    if (encoded) {
      addNote(
        profile,
        'the file is JSON encoded inside a JSON string; lines point at that string',
      )
    }
    return profile
  })
  readGroups(reader, root, byAgentId)
  if (agents.length === 0) {
    reader.problems.push(
      problem(
        file.path,
        doc.lineOf(['agents']) ?? 1,
        'the agents list is empty',
        {
          field: 'agents',
          level: 'warning',
        },
      ),
    )
  }
  return { agents, problems: reader.problems, document: doc }
}

/** The agents of the file (a list, or one legacy agent), or why there are none. */
function agentEntries(
  root: DataRecord,
): Array<{ value: DataRecord; path: DataPath }> | string {
  const list = asArray(root.agents)
  if (!list) {
    return isRecord(root.llm_config)
      ? [{ value: root, path: [] }]
      : 'no agents and no llm_config'
  }
  // Many files have an agents list; Letta's agents carry their own config.
  if (list.length > 0 && !list.some(isLettaAgent)) {
    return 'its agents have no llm_config, tools, memory or system prompt'
  }
  return list.flatMap((value, index) =>
    isRecord(value) ? [{ value, path: ['agents', index] }] : [],
  )
}

function readerFor(
  file: string,
  doc: ParsedDocument,
  root: DataRecord,
): Reader {
  return {
    file,
    doc,
    problems: [],
    tools: byId(root.tools, ['tools']),
    blocks: byId(root.blocks, ['blocks']),
    servers: (asArray(root.mcp_servers) ?? []).flatMap((value, index) =>
      isRecord(value) ? [{ value, path: ['mcp_servers', index] }] : [],
    ),
  }
}

const LETTA_AGENT_KEYS = [
  'llm_config',
  'tool_ids',
  'block_ids',
  'memory_blocks',
  'core_memory',
  'tool_rules',
  'agent_type',
]

function isLettaAgent(value: unknown): boolean {
  const agent = asRecord(value)
  return agent !== undefined && LETTA_AGENT_KEYS.some((key) => key in agent)
}

/** The inner document of a JSON string of JSON; lines are the string's. */
function decodeString(
  file: string,
  outer: ParsedDocument,
): { ok: true; doc: ParsedDocument } | { ok: false; problem: Problem } {
  const line = outer.lineOf([]) ?? 1
  try {
    const inner = parseJsonDocument(outer.value as string, file)
    return { ok: true, doc: { value: inner.value, lineOf: () => line } }
  } catch (error) {
    const cause = problemFrom(error, file)
    return {
      ok: false,
      problem: problem(
        file,
        line,
        `the file is a JSON string, but the string does not hold an agent file (${cause.message})`,
      ),
    }
  }
}

function byId(
  list: unknown,
  base: DataPath,
): Map<string, { value: DataRecord; path: DataPath }> {
  const map = new Map<string, { value: DataRecord; path: DataPath }>()
  ;(asArray(list) ?? []).forEach((value, index) => {
    const id = asString(asRecord(value)?.id)
    if (id && isRecord(value)) map.set(id, { value, path: [...base, index] })
  })
  return map
}

// ---------------------------------------------------------------- agents

function readAgent(
  reader: Reader,
  agent: DataRecord,
  path: DataPath,
): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    reader.doc.lineOf([...path, ...rest])
  const name = asString(agent.name)
  if (!name) {
    reader.problems.push(
      problem(reader.file, at() ?? 1, 'agent without a name', {
        field: 'name',
        level: 'warning',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? asString(agent.id) ?? 'letta-agent',
    format: ID,
    file: reader.file,
    line: at() ?? 1,
  })
  cite(profile, 'name', at('name'))
  profile.description = asString(agent.description) || undefined
  readModel(profile, asRecord(agent.llm_config), at('llm_config'))
  const blocks = memoryBlocks(reader, agent, path)
  const system = asString(agent.system)?.trim()
  const persona = blocks.find((b) => b.label === 'persona')?.value
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('system'))
  } else if (persona) {
    profile.instructions = persona
    cite(profile, 'instructions', at('block_ids'))
  }
  const tools = agentTools(reader, agent, path)
  for (const tool of tools) readTool(profile, tool)
  readToolRules(profile, agent, at('tool_rules'))
  readMemory(profile, agent, blocks, at)
  readDelegation(profile, agent, at('include_multi_agent_tools'))
  readSecrets(profile, agent)
  for (const server of reader.servers) {
    addMcp(profile, server.value, reader.doc.lineOf(server.path))
  }
  readHistory(profile, agent)
  profile.triggers.push('api')
  addNote(
    profile,
    'Letta agents are driven through the Letta server API; the file does not say who can reach it',
  )
  return profile
}

function readModel(
  profile: AgentProfile,
  config: DataRecord | undefined,
  line: number | undefined,
): void {
  if (!config) return
  const name = asString(config.model) ?? asString(config.handle)
  profile.model = {
    name,
    provider:
      asString(config.provider_name) ??
      asString(config.model_endpoint_type) ??
      asString(config.handle)?.split('/')[0],
    temperature: asNumber(config.temperature),
  }
  if (isPlaceholder(name)) profile.model.unresolved = true
  cite(profile, 'model', line)
  const endpoint = asString(config.model_endpoint)
  if (endpoint && !/api\.openai\.com|api\.anthropic\.com/.test(endpoint)) {
    addNote(profile, `the model is served from ${endpoint}`)
  }
}

interface Block {
  readonly label: string
  readonly value: string
  readonly readOnly: boolean
}

function memoryBlocks(
  reader: Reader,
  agent: DataRecord,
  path: DataPath,
): Block[] {
  const blocks: Block[] = []
  const add = (value: unknown): void => {
    const record = asRecord(value)
    if (!record) return
    blocks.push({
      label: asString(record.label) ?? asString(record.name) ?? 'block',
      value: asString(record.value) ?? '',
      readOnly: asBoolean(record.read_only) === true,
    })
  }
  for (const id of asStrings(agent.block_ids)) {
    const block = reader.blocks.get(id)
    if (block) add(block.value)
    else
      reader.problems.push(
        problem(
          reader.file,
          reader.doc.lineOf([...path, 'block_ids']),
          `block ${id} is referenced but not in the file`,
          { field: 'block_ids', level: 'warning' },
        ),
      )
  }
  for (const key of ['memory_blocks', 'core_memory']) {
    for (const value of asArray(agent[key]) ?? []) add(value)
  }
  const memory = asRecord(agent.memory)
  for (const value of asArray(memory?.blocks) ?? []) add(value)
  return blocks
}

interface ToolEntry {
  readonly value: DataRecord
  readonly line: number | undefined
}

function agentTools(
  reader: Reader,
  agent: DataRecord,
  path: DataPath,
): ToolEntry[] {
  const found: ToolEntry[] = []
  for (const id of asStrings(agent.tool_ids)) {
    const tool = reader.tools.get(id)
    if (tool) {
      found.push({ value: tool.value, line: reader.doc.lineOf(tool.path) })
    } else {
      reader.problems.push(
        problem(
          reader.file,
          reader.doc.lineOf([...path, 'tool_ids']),
          `tool ${id} is referenced but not in the file`,
          { field: 'tool_ids', level: 'warning' },
        ),
      )
    }
  }
  ;(asArray(agent.tools) ?? []).forEach((value, index) => {
    const line = reader.doc.lineOf([...path, 'tools', index])
    if (typeof value === 'string') {
      const known = [...reader.tools.values()].find(
        (t) => t.value.name === value,
      )
      found.push({ value: known?.value ?? { name: value }, line })
    } else if (isRecord(value)) {
      found.push({ value, line })
    }
  })
  return found
}

/** Tools that rewrite the agent's own memory (part of its prompt). */
const MEMORY_EDITS =
  /^(core_memory_(append|replace)|memory_(insert|replace|rethink|finish_edits|apply_patch)|memory|archival_memory_insert|rethink_memory|finish_rethinking_memory)$/
const MEMORY_READS =
  /^(archival_memory_search|conversation_search|recall_memory_search)$/
const MULTI_AGENT = /^send_message_to_agent|^send_message_to_agents/

const BUILTIN_KINDS: Readonly<Record<string, ToolKind>> = {
  web_search: 'search',
  fetch_webpage: 'network',
  run_code: 'code-exec',
  open_files: 'file-read',
  grep_files: 'file-read',
  semantic_search_files: 'file-read',
  send_message: 'other',
}

function readTool(profile: AgentProfile, entry: ToolEntry): void {
  const tool = entry.value
  const schema = asRecord(tool.json_schema)
  const name = asString(tool.name) ?? asString(schema?.name)
  if (!name) return
  const description = firstLine(
    asString(tool.description) ?? asString(schema?.description),
  )
  const type = asString(tool.tool_type) ?? ''
  const source = asString(tool.source_code)
  const kind = toolKind(name, type, description, source)
  const result: Tool = {
    name,
    kind,
    description,
    line: entry.line,
    source: type.startsWith('letta')
      ? 'builtin'
      : type === 'external_mcp'
        ? 'mcp'
        : source
          ? 'code'
          : 'declared',
    readOnly: MEMORY_READS.test(name) ? true : undefined,
  }
  if (asBoolean(tool.default_requires_approval) === true) {
    result.requiresApproval = true
  }
  addTool(profile, result)
  cite(profile, 'tools', entry.line)
  if (source) {
    addNote(
      profile,
      `tool ${name} embeds its ${asString(tool.source_type) === 'typescript' ? 'TypeScript' : 'Python'} source in the file: code the agent runs (not evaluated here)`,
    )
  }
  const packages = [
    ...packageNames(tool.pip_requirements),
    ...packageNames(tool.npm_requirements),
  ]
  if (packages.length > 0) {
    addNote(profile, `tool ${name} installs packages: ${packages.join(', ')}`)
  }
  if (kind === 'code-exec') {
    profile.autonomy.codeExecution = true
    cite(profile, 'autonomy', entry.line)
  }
  if (MEMORY_EDITS.test(name)) {
    profile.autonomy.selfEditing = true
    profile.memory.writable = true
    cite(profile, 'autonomy', entry.line)
  }
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.trim().split('\n', 1)[0]?.trim()
  return line === '' ? undefined : line
}

function packageNames(value: unknown): string[] {
  return (asArray(value) ?? []).flatMap((entry) => {
    if (typeof entry === 'string') return [entry]
    const record = asRecord(entry)
    const name = asString(record?.name)
    if (!name) return []
    const version = asString(record?.version)
    return [version ? `${name}==${version}` : name]
  })
}

function toolKind(
  name: string,
  type: string,
  description: string | undefined,
  source: string | undefined,
): ToolKind {
  if (MULTI_AGENT.test(name) || type === 'letta_multi_agent_core') {
    return 'agent-call'
  }
  if (MEMORY_READS.test(name)) return 'search'
  if (MEMORY_EDITS.test(name)) return 'other'
  const builtin = BUILTIN_KINDS[name]
  if (builtin) return builtin
  if (type === 'external_mcp') return 'mcp-server'
  return classifyCodeTool(name, description, source)
}

function readToolRules(
  profile: AgentProfile,
  agent: DataRecord,
  line: number | undefined,
): void {
  const rules = (asArray(agent.tool_rules) ?? []).flatMap((r) =>
    isRecord(r) ? [r] : [],
  )
  if (rules.length === 0) return
  const named = (type: string): string[] =>
    rules
      .filter((r) => r.type === type)
      .map((r) => asString(r.tool_name))
      .filter((n): n is string => n !== undefined)
  for (const tool of named('requires_approval')) {
    const target = profile.tools.find((t) => t.name === tool)
    if (target) target.requiresApproval = true
  }
  const first = named('run_first')
  const exits = [...named('exit_loop'), ...named('terminal')]
  const parts: string[] = []
  if (first.length > 0) parts.push(`starts with ${first.join(', ')}`)
  if (exits.length > 0) parts.push(`stops after ${exits.join(' or ')}`)
  const branching = rules.filter((r) =>
    /conditional|constrain_child_tools|child/.test(String(r.type)),
  ).length
  if (branching > 0)
    parts.push(`${branching} rule(s) fix which tool may follow which`)
  if (parts.length > 0) {
    addNote(profile, `tool rules constrain its loop: ${parts.join('; ')}`)
  }
  if (first.length > 0 && exits.length > 0) {
    profile.autonomy.planning = false
    cite(profile, 'autonomy', line)
  }
  const approvals = profile.tools.filter((t) => t.requiresApproval === true)
  if (approvals.length > 0 && approvals.length === profile.tools.length) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', line)
  }
}

function readMemory(
  profile: AgentProfile,
  agent: DataRecord,
  blocks: readonly Block[],
  at: (...rest: DataPath) => number | undefined,
): void {
  const autoclear = asBoolean(agent.message_buffer_autoclear) === true
  const archival = profile.tools.some((t) => /^archival_memory/.test(t.name))
  if (blocks.length > 0) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push(
      `core memory (${blocks.map((b) => b.label).join(', ')})`,
    )
    cite(
      profile,
      'memory',
      at('block_ids') ?? at('memory_blocks') ?? at('core_memory'),
    )
    if (blocks.every((b) => b.readOnly)) profile.memory.writable ??= false
    if (blocks.some((b) => b.value.trim() !== '')) {
      addNote(
        profile,
        `memory blocks carry content (${blocks
          .filter((b) => b.value.trim() !== '')
          .map((b) => b.label)
          .join(', ')}): exported state may hold data about its users`,
      )
    }
  }
  if (archival) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push('archival memory')
  }
  if (!autoclear) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push('recall memory (message history)')
    cite(profile, 'memory', at('message_buffer_autoclear'))
  } else if (profile.memory.kind === undefined) {
    profile.memory.kind = 'none'
    cite(profile, 'memory', at('message_buffer_autoclear'))
    addNote(
      profile,
      'message_buffer_autoclear: each request starts without the previous messages',
    )
  }
  if (asBoolean(agent.enable_sleeptime) === true) {
    profile.autonomy.selfEditing = true
    profile.memory.writable = true
    cite(profile, 'autonomy', at('enable_sleeptime'))
    addNote(profile, 'a sleep-time agent rewrites its memory in the background')
  }
}

function readDelegation(
  profile: AgentProfile,
  agent: DataRecord,
  line: number | undefined,
): void {
  const calls = profile.tools.filter((t) => t.kind === 'agent-call')
  if (asBoolean(agent.include_multi_agent_tools) === true || calls.length > 0) {
    profile.delegation.canDelegate = true
    profile.delegation.dynamic = calls.some((t) => /matching_tags/.test(t.name))
      ? true
      : profile.delegation.dynamic
    cite(profile, 'delegation', line ?? calls[0]?.line)
    addNote(profile, 'it can message other Letta agents on the same server')
  }
}

function readSecrets(profile: AgentProfile, agent: DataRecord): void {
  const names = new Set<string>()
  for (const key of ['tool_exec_environment_variables', 'secrets']) {
    const value = agent[key]
    for (const [name] of entriesOf(value)) names.add(name)
    for (const item of asArray(value) ?? []) {
      const name =
        asString(asRecord(item)?.key) ?? asString(asRecord(item)?.name)
      if (name) names.add(name)
    }
  }
  for (const name of names) addCredential(profile, name)
}

function addMcp(
  profile: AgentProfile,
  server: DataRecord,
  line: number | undefined,
): void {
  const stdio = asRecord(server.stdio_config) ?? {}
  const name = asString(server.server_name) ?? asString(server.name) ?? 'mcp'
  const reading = mcpServerTool(
    name,
    {
      ...stdio,
      url: asString(server.server_url),
      type: asString(server.server_type) ?? asString(stdio.type),
      headers: asRecord(server.custom_headers),
    },
    line,
  )
  addTool(profile, reading.tool)
  recordServerReading(profile, reading)
}

function readHistory(profile: AgentProfile, agent: DataRecord): void {
  const messages = (asArray(agent.messages) ?? []).filter((m) => {
    const role = asString(asRecord(m)?.role)
    return role !== undefined && role !== 'system'
  })
  if (messages.length > 0) {
    addNote(
      profile,
      `the file carries ${messages.length} message(s) of conversation history`,
    )
  }
}

/** Groups: a manager agent and the agents it coordinates. */
function readGroups(
  reader: Reader,
  root: DataRecord,
  agents: ReadonlyMap<string, AgentProfile>,
): void {
  ;(asArray(root.groups) ?? []).forEach((entry, index) => {
    const group = asRecord(entry)
    if (!group) return
    const line = reader.doc.lineOf(['groups', index])
    const type = asString(group.manager_type) ?? ''
    const manager = agents.get(asString(group.manager_agent_id) ?? '')
    const members = asStrings(group.agent_ids)
      .map((id) => agents.get(id))
      .filter((a): a is AgentProfile => a !== undefined && a !== manager)
    if (type === 'sleeptime' || type === 'voice_sleeptime') {
      for (const member of members) {
        member.autonomy.selfEditing = true
        member.memory.writable = true
        addNote(member, 'a sleep-time agent of its group edits its memory')
      }
      return
    }
    if (!manager) {
      for (const member of members) {
        member.delegation.peers.push(
          ...members.filter((m) => m !== member).map((m) => m.name),
        )
        member.delegation.mode =
          type === 'round_robin' ? 'group-chat' : 'router'
        cite(member, 'delegation', line)
      }
      return
    }
    manager.delegation.canDelegate = true
    manager.delegation.mode = type === 'supervisor' ? 'hierarchical' : 'router'
    if (type === 'dynamic') manager.delegation.dynamic = true
    cite(manager, 'delegation', line)
    cite(manager, 'subAgents', line)
    for (const member of members) {
      member.parent = manager.name
      pushUnique(manager.subAgents, member.name)
    }
  })
}
