import {
  addHarnessTool,
  addNote,
  addTool,
  cite,
  harnessTool,
  listEntries,
  mcpServerTool,
  problem,
  pushUnique,
  recordServerReading,
  splitToolList,
  type AgentProfile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import {
  MISSPELT_TOOLS,
  type McpServerEntry,
  type SubagentFrontMatter,
} from './schema.js'

/** What the readers of one subagent file share. */
export interface SubagentContext {
  readonly profile: AgentProfile
  readonly read: Reading<unknown>
  readonly problems: Problem[]
  readonly file: string
}

export function readTools(
  context: SubagentContext,
  agent: SubagentFrontMatter,
): void {
  const { profile, read, problems, file } = context
  cite(profile, 'tools', read.lineOf(['tools']))
  const denied = listEntries(agent.disallowedTools, read.doc, 'disallowedTools')
  if (denied.length > 0) {
    addNote(
      profile,
      `disallowedTools removes: ${denied.map((d) => d.entry).join(', ')}`,
    )
    cite(profile, 'tools', read.lineOf(['disallowedTools']))
  }
  const refused = new Set(denied.map((d) => d.entry.toLowerCase()))
  const { tools } = agent
  if (tools.kind === 'absent') {
    inheritTools(context, agent, refused)
    return
  }
  if (tools.kind === 'invalid') {
    problems.push(
      problem(
        file,
        read.lineOf(['tools']),
        'tools must be a comma-separated string or a list of tool names',
        { field: 'tools' },
      ),
    )
    return
  }
  cite(profile, 'tools', read.lineOf(['tools']))
  listTools(context, tools.value, 'tools', refused)
}

/**
 * No `tools`: every tool of the session. A misspelt key beside it is listed
 * too (those tools are available, like all others) and reported.
 */
function inheritTools(
  context: SubagentContext,
  agent: SubagentFrontMatter,
  refused: ReadonlySet<string>,
): void {
  const { profile, read, problems, file } = context
  profile.allTools = true
  const misspelt = MISSPELT_TOOLS.find((k) => agent[k] !== undefined)
  if (!misspelt) {
    addNote(
      profile,
      'no tools list: the agent inherits every tool of the session, MCP servers included',
    )
    cite(profile, 'tools', profile.source.line)
    return
  }
  addNote(
    profile,
    `"${misspelt}" is not a subagent field and is ignored: with no "tools" the agent inherits every tool, MCP included`,
  )
  problems.push(
    problem(
      file,
      read.lineOf([misspelt]),
      `"${misspelt}" is not a Claude Code subagent field; it restricts nothing`,
      {
        field: misspelt,
        level: 'warning',
        help: 'Rename it to "tools" to limit the agent to these tools.',
      },
    ),
  )
  cite(profile, 'tools', read.lineOf([misspelt]))
  listTools(context, agent[misspelt], misspelt, refused)
}

function listTools(
  { profile, read }: SubagentContext,
  value: unknown,
  key: string,
  refused: ReadonlySet<string>,
): void {
  for (const { entry, line } of listEntries(value, read.doc, key)) {
    if (refused.has(entry.toLowerCase())) continue
    if (entry === '*') {
      profile.allTools = true
      continue
    }
    const harness = harnessTool(entry, line, 'claude-code')
    const { tool, scope } = harness
    addHarnessTool(profile, harness)
    if (tool.kind === 'agent-call')
      readAgentTool(profile, tool.name, scope, line)
  }
}

/** `Agent` lets it start subagents; `Agent(a, b)` only those. */
function readAgentTool(
  profile: AgentProfile,
  name: string,
  scope: string | undefined,
  line: number | undefined,
): void {
  profile.delegation.canDelegate = true
  cite(profile, 'delegation', line)
  const names = scope ? splitToolList(scope).filter((n) => n !== '*') : []
  if (names.length > 0) {
    for (const child of names) pushUnique(profile.subAgents, child)
    cite(profile, 'subAgents', line)
  } else {
    profile.delegation.dynamic = true
    addNote(profile, `${name}: it may start any subagent`)
  }
}

/**
 * `mcpServers`: a name is a server the session already has, every tool of
 * it; an inline entry is read by the kit's MCP server reader.
 */
export function readMcpServers(
  { profile, read }: SubagentContext,
  servers: readonly McpServerEntry[],
): void {
  for (const { name, config, path } of servers) {
    const line = read.lineOf(path)
    cite(profile, 'tools', line)
    if (!config) {
      addTool(profile, harnessTool(`mcp__${name}__*`, line).tool)
      continue
    }
    const server = mcpServerTool(name, config, line)
    if (server.disabled) {
      addNote(profile, `MCP server ${name} is disabled`)
      continue
    }
    addTool(profile, server.tool)
    recordServerReading(profile, server)
    if (server.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
}
