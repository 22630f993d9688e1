import {
  addCredential,
  addNote,
  addTool,
  cite,
  classifyTool,
  mcpServerTool,
  problem,
  pushUnique,
  recordServerReading,
  urlHost,
  type AgentProfile,
  type ManifestFile,
  type Problem,
  type Reading,
  type ToolKind,
} from '../../manifest/kit.js'
import { subAgentName } from './map-sub-agents.js'
import type { Connection, SubAgent, Tool } from './schema.js'

/** What every part of one agent config is read with. */
export interface AgentContext {
  readonly file: ManifestFile
  readonly read: Reading<unknown>
  readonly profile: AgentProfile
  readonly problems: Problem[]
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

export function readTools(
  context: AgentContext,
  tools: readonly Tool[] | undefined,
): void {
  const { profile, read, file } = context
  if (!tools) return
  cite(profile, 'tools', read.lineOf(['tools']))
  tools.forEach(({ name, args }, index) => {
    const line = read.lineOf(['tools', index])
    if (!name) {
      context.problems.push(
        problem(file.path, line, 'a tool entry needs a name', {
          field: `tools[${index}].name`,
          level: 'warning',
        }),
      )
      return
    }
    if (/^mcp_?toolset$/i.test(name))
      readMcpToolset(profile, args.connection, line)
    else if (name === 'AgentTool')
      readAgentTool(profile, file, args.agent, line)
    else readNamedTool(profile, name, line)
  })
}

function readNamedTool(
  profile: AgentProfile,
  name: string,
  line: number | undefined,
): void {
  // Own keys only: a tool named `constructor` is not a built-in.
  const builtin = Object.hasOwn(BUILTIN_TOOLS, name)
    ? BUILTIN_TOOLS[name]
    : undefined
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

function readMcpToolset(
  profile: AgentProfile,
  connection: Connection,
  line: number | undefined,
): void {
  const name = mcpName(connection)
  const reading = mcpServerTool(name, connection.entry, line)
  addTool(profile, reading.tool)
  recordServerReading(profile, reading)
  // Env entries whose value carries an Authorization header or token.
  const carriers = connection.env
    .filter(([, value]) => /authorization|bearer|token/i.test(value))
    .map(([key]) => key)
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

/** The server's package (its first argument with a letter), else its host or command. */
function mcpName(connection: Connection): string {
  const args = connection.args.filter((arg) => !arg.startsWith('-'))
  const pkg = args.find((arg) => /[a-z]/i.test(arg))
  if (pkg) return pkg
  if (connection.url) return urlHost(connection.url)
  return connection.command ?? 'MCPToolset'
}

function readAgentTool(
  profile: AgentProfile,
  file: ManifestFile,
  agent: SubAgent | undefined,
  line: number | undefined,
): void {
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
