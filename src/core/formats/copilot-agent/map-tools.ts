import {
  addCredential,
  addHarnessTool,
  addNote,
  addTool,
  cite,
  harnessTool,
  listEntries,
  mcpServerTool,
  problem,
  recordServerReading,
  type AgentProfile,
  type Problem,
  type Reading,
  type Tool,
} from '../../manifest/kit.js'
import type { AgentFrontMatter, McpServer, Tools } from './schema.js'

/** `${{ secrets.X }}`, `${{ vars.X }}`, `$X`, `${X}`, `${X:-default}`. */
const SECRET_REF = /\$\{\{\s*(secrets|vars)\.([A-Za-z0-9_]+)\s*\}\}/g
const ENV_REF = /\$\{?([A-Z][A-Z0-9_]*)(?::-[^}]*)?\}?/g

/** What the readers of one agent file share. */
export interface CopilotContext {
  readonly profile: AgentProfile
  readonly read: Reading<unknown>
  readonly problems: Problem[]
  readonly file: string
}

export function readTools(
  { profile, read, problems, file }: CopilotContext,
  tools: Tools,
  servers: ReadonlySet<string>,
): void {
  const line = read.lineOf(['tools'])
  if (tools.kind === 'absent') {
    profile.allTools = true
    cite(profile, 'tools', profile.source.line)
    addNote(
      profile,
      'no tools list: the agent gets every tool, MCP servers included',
    )
    return
  }
  if (tools.kind === 'invalid') {
    problems.push(
      problem(file, line, 'tools must be a list or a comma-separated string', {
        field: 'tools',
      }),
    )
    return
  }
  const entries = listEntries(tools.value, read.doc, 'tools')
  if (entries.length === 0) addNote(profile, 'tools: [] turns every tool off')
  const used = new Set<string>()
  for (const { entry, line: at } of entries) {
    if (entry === '*') {
      profile.allTools = true
      continue
    }
    // A tool of a server this file defines is already that server's tool.
    const server = /^([^/]+)\/.+$/.exec(entry)?.[1]
    if (server !== undefined && servers.has(server)) {
      used.add(server)
      continue
    }
    const harness = harnessTool(entry, at, 'copilot')
    const { tool } = harness
    builtInServer(profile, tool, server)
    addHarnessTool(profile, harness)
    if (tool.kind === 'agent-call') {
      profile.delegation.canDelegate = true
      cite(profile, 'delegation', at)
    }
  }
  if (profile.allTools) return
  // Only the tools the list names are available, servers' tools included.
  for (const server of servers) {
    if (used.has(server)) continue
    profile.tools = profile.tools.filter(
      (t) => !(t.source === 'mcp' && t.name === server),
    )
    addNote(
      profile,
      `MCP server ${server} is configured but none of its tools is in tools`,
    )
  }
}

/**
 * The MCP servers Copilot's cloud agent brings along: `github` (read-only
 * tools, a token scoped to the repository) and `playwright` (localhost only).
 */
function builtInServer(
  profile: AgentProfile,
  tool: Tool,
  server: string | undefined,
): void {
  if (server === 'github') {
    // The cloud agent's own server only reads; a tool name that writes
    // (`github/create_issue`) is the user's full GitHub server.
    if (tool.readOnly !== false) tool.readOnly = true
    addNote(
      profile,
      tool.readOnly
        ? "github/*: Copilot's own GitHub MCP server, read-only and scoped to this repository"
        : `${tool.name}: a GitHub MCP server tool that changes things on GitHub`,
    )
  } else if (server === 'playwright') {
    addNote(
      profile,
      "playwright/*: Copilot's own browser server, limited to localhost",
    )
  }
}

/** `mcp-servers`: the cloud agent's MCP JSON written as YAML. */
export function readMcpServers(
  { profile, read }: CopilotContext,
  entries: AgentFrontMatter['mcp-servers'],
): Set<string> {
  const names = new Set<string>()
  for (const [name, { config, values }] of entries ?? []) {
    const line = read.lineOf(['mcp-servers', name])
    names.add(name)
    cite(profile, 'tools', line)
    const server = mcpServerTool(name, config, line)
    if (server.disabled) {
      addNote(profile, `MCP server ${name} is disabled`)
      continue
    }
    addTool(profile, server.tool)
    recordServerReading(profile, server)
    const { secrets, vars } = referencedNames(values)
    for (const secret of secrets) addCredential(profile, secret)
    if (secrets.length > 0) {
      cite(profile, 'identity', line)
      addNote(
        profile,
        `MCP server ${name} receives the secrets ${secrets.join(', ')} at run time (placeholders, not values)`,
      )
    }
    if (vars.length > 0)
      addNote(
        profile,
        `MCP server ${name} is configured by the variables ${vars.join(', ')}, set outside the file`,
      )
    if (server.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
  if (profile.identity.credentials.length > 0)
    profile.identity.kind ??= 'scoped'
  return names
}

/**
 * Names an MCP entry's env and headers refer to: secrets (`${{ secrets.X }}`,
 * `$X`, `${X}`) hold credentials; `${{ vars.X }}` are plain settings.
 */
function referencedNames(values: McpServer['values']): {
  secrets: string[]
  vars: string[]
} {
  const secrets = new Set<string>()
  const vars = new Set<string>()
  for (const value of values) {
    for (const match of value.matchAll(SECRET_REF))
      (match[1] === 'vars' ? vars : secrets).add(match[2] ?? '')
    if (!value.includes('${{'))
      for (const match of value.matchAll(ENV_REF)) secrets.add(match[1] ?? '')
  }
  secrets.delete('')
  vars.delete('')
  return { secrets: [...secrets], vars: [...vars] }
}
