import {
  addNote,
  checkWith,
  cite,
  isPlaceholder,
  newProfile,
  parseJsonDocument,
  parseManifest,
  problem,
  problemFrom,
  rejected,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type ParsedDocument,
  type Problem,
} from '../../manifest/kit.js'
import {
  readDelegation,
  readGroups,
  readHistory,
  readMemory,
  readSecrets,
} from './map-memory.js'
import { addMcp, readTool, readToolRules, type ToolEntry } from './map-tools.js'
import {
  LettaFile,
  type Agent,
  type Block,
  type McpServer,
  type Tool,
} from './schema.js'

export const ID = 'letta-agent-file'

/** The file-wide lists an agent refers to, by id. */
export interface Reader {
  readonly file: string
  readonly doc: ParsedDocument
  readonly problems: Problem[]
  readonly tools: ReadonlyMap<string, { tool: Tool; path: DataPath }>
  readonly blocks: ReadonlyMap<string, Block>
  readonly servers: ReadonlyArray<{ server: McpServer; path: DataPath }>
}

export function mapLetta(file: ManifestFile): FormatResult {
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  let doc = parsed.doc
  const encoded = typeof doc.value === 'string'
  if (encoded) {
    const decoded = decodeString(file.path, doc)
    if (!decoded.ok) return { agents: [], problems: [decoded.problem] }
    doc = decoded.doc
  }
  // The schema is tolerant: it never fails, and reports nothing.
  const read = checkWith(file.path, doc, LettaFile)
  const root = read.ok ? read.data : undefined
  const entries = root ? agentEntries(root) : 'not a JSON object'
  if (!root || typeof entries === 'string') {
    return rejected(`not a Letta agent file: ${String(entries)}`)
  }
  if (entries.length === 0 && !/\.af(\.json)?$/i.test(file.path)) {
    return rejected('not a Letta agent file: the agents list is empty')
  }
  const reader = readerFor(file.path, doc, root)
  const byAgentId = new Map<string, AgentProfile>()
  const agents = entries.map(({ agent, path }) => {
    const profile = readAgent(reader, agent, path)
    if (agent.id) byAgentId.set(agent.id, profile)
    if (encoded) {
      addNote(
        profile,
        'the file is JSON encoded inside a JSON string; lines point at that string',
      )
    }
    return profile
  })
  readGroups(reader, root.groups, byAgentId)
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
  root: LettaFile,
): Array<{ agent: Agent; path: DataPath }> | string {
  const list = root.agents
  if (!list) {
    return root.llm_config
      ? [{ agent: root.self, path: [] }]
      : 'no agents and no llm_config'
  }
  // Many files have an agents list; Letta's agents carry their own config.
  if (list.length > 0 && !list.some((agent) => agent?.letta)) {
    return 'its agents have no llm_config, tools, memory or system prompt'
  }
  return list.flatMap((agent, index) =>
    agent ? [{ agent, path: ['agents', index] }] : [],
  )
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

function readerFor(file: string, doc: ParsedDocument, root: LettaFile): Reader {
  const tools = new Map<string, { tool: Tool; path: DataPath }>()
  root.tools.forEach((tool, index) => {
    if (tool?.id) tools.set(tool.id, { tool, path: ['tools', index] })
  })
  const blocks = new Map<string, Block>()
  for (const block of root.blocks) if (block?.id) blocks.set(block.id, block)
  return {
    file,
    doc,
    problems: [],
    tools,
    blocks,
    servers: root.mcp_servers.flatMap((server, index) =>
      server ? [{ server, path: ['mcp_servers', index] }] : [],
    ),
  }
}

// ---------------------------------------------------------------- agents

function readAgent(reader: Reader, agent: Agent, path: DataPath): AgentProfile {
  const at = (...rest: DataPath): number | undefined =>
    reader.doc.lineOf([...path, ...rest])
  const { name } = agent
  if (!name) {
    reader.problems.push(
      problem(reader.file, at() ?? 1, 'agent without a name', {
        field: 'name',
        level: 'warning',
      }),
    )
  }
  const profile = newProfile({
    name: name ?? agent.id ?? 'letta-agent',
    format: ID,
    file: reader.file,
    line: at() ?? 1,
  })
  cite(profile, 'name', at('name'))
  profile.description = agent.description || undefined
  readModel(profile, agent.llm_config, at('llm_config'))
  const blocks = memoryBlocks(reader, agent, path)
  const system = agent.system?.trim()
  const persona = blocks.find((b) => b.label === 'persona')?.value
  if (system) {
    profile.instructions = system
    cite(profile, 'instructions', at('system'))
  } else if (persona) {
    profile.instructions = persona
    cite(profile, 'instructions', at('block_ids'))
  }
  for (const tool of agentTools(reader, agent, path)) readTool(profile, tool)
  readToolRules(profile, agent.tool_rules, at('tool_rules'))
  readMemory(profile, agent, blocks, at)
  readDelegation(profile, agent, at('include_multi_agent_tools'))
  readSecrets(profile, agent)
  for (const { server, path: serverPath } of reader.servers) {
    addMcp(profile, server, reader.doc.lineOf(serverPath))
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
  config: Agent['llm_config'],
  line: number | undefined,
): void {
  if (!config) return
  const name = config.model ?? config.handle
  profile.model = {
    name,
    provider:
      config.provider_name ??
      config.model_endpoint_type ??
      config.handle?.split('/')[0],
    temperature: config.temperature,
  }
  if (isPlaceholder(name)) profile.model.unresolved = true
  cite(profile, 'model', line)
  const endpoint = config.model_endpoint
  if (endpoint && !/api\.openai\.com|api\.anthropic\.com/.test(endpoint)) {
    addNote(profile, `the model is served from ${endpoint}`)
  }
}

function memoryBlocks(reader: Reader, agent: Agent, path: DataPath): Block[] {
  const blocks: Block[] = []
  for (const id of agent.block_ids) {
    const block = reader.blocks.get(id)
    if (block) blocks.push(block)
    else notInFile(reader, path, 'block', id)
  }
  blocks.push(...agent.memory_blocks, ...agent.core_memory)
  blocks.push(...(agent.memory?.blocks ?? []))
  return blocks
}

function agentTools(reader: Reader, agent: Agent, path: DataPath): ToolEntry[] {
  const found: ToolEntry[] = []
  for (const id of agent.tool_ids) {
    const tool = reader.tools.get(id)
    if (tool) {
      found.push({ tool: tool.tool, line: reader.doc.lineOf(tool.path) })
    } else notInFile(reader, path, 'tool', id)
  }
  agent.tools.forEach(({ byName, tool }, index) => {
    if (!tool) return
    const line = reader.doc.lineOf([...path, 'tools', index])
    // A name: the file's tool of that name, else only the name.
    const known = byName
      ? [...reader.tools.values()].find((t) => t.tool.name === tool.name)
      : undefined
    found.push({ tool: known?.tool ?? tool, line })
  })
  return found
}

/** An agent's `block_ids` or `tool_ids` name an id the file does not hold. */
function notInFile(
  reader: Reader,
  path: DataPath,
  what: 'block' | 'tool',
  id: string,
): void {
  reader.problems.push(
    problem(
      reader.file,
      reader.doc.lineOf([...path, `${what}_ids`]),
      `${what} ${id} is referenced but not in the file`,
      { field: `${what}_ids`, level: 'warning' },
    ),
  )
}
