import {
  addNote,
  addTool,
  cite,
  harnessTool,
  mcpServerTool,
  readWith,
  recordServerReading,
  type AgentProfile,
  type ManifestFile,
  type Reading,
} from '../../manifest/kit.js'
import { LegacyMcpFile, type AgentFile, type ToolNames } from './schema.js'

/** The built-in tools each host has, by the names it gives them. */
const BUILTINS = {
  q: [
    'fs_read',
    'fs_write',
    'execute_bash',
    'use_aws',
    'knowledge',
    'introspect',
    'report_issue',
    'todo_list',
  ],
  kiro: [
    'read',
    'write',
    'shell',
    'aws',
    'knowledge',
    'introspect',
    'todo_list',
    'web_search',
    'web_fetch',
  ],
} as const

export interface Server {
  readonly config: unknown
  readonly line: number | undefined
  /** The file it comes from, when not the agent's own. */
  readonly from: string
}

/** mcpServers of the file, plus the legacy workspace file when it is included. */
export function serversOf(
  agent: AgentFile,
  read: Reading<unknown>,
  file: ManifestFile,
  kiro: boolean,
): Map<string, Server> {
  const servers = new Map<string, Server>()
  if (agent.useLegacyMcpJson === true || agent.includeMcpJson === true) {
    const root = /^(.*?)(\.amazonq\/cli-agents|\.kiro\/agents)\/[^/]+$/.exec(
      file.path,
    )?.[1]
    const path = `${root ?? ''}${kiro ? '.kiro/settings/mcp.json' : '.amazonq/mcp.json'}`
    const text = root === undefined ? undefined : file.readSibling(path)
    const legacy =
      text === undefined
        ? undefined
        : readWith(
            { path, text, readSibling: (other) => file.readSibling(other) },
            'json',
            LegacyMcpFile,
          )
    // The MCP config format reports the legacy file's own problems.
    if (legacy?.ok)
      for (const [name, config] of legacy.data?.mcpServers ?? [])
        servers.set(name, { config, line: undefined, from: path })
  }
  for (const [name, config] of agent.mcpServers ?? [])
    servers.set(name, {
      config,
      line: read.lineOf(['mcpServers', name]),
      from: '',
    })
  return servers
}

export function readTools(
  profile: AgentProfile,
  tools: ToolNames,
  read: Reading<unknown>,
  servers: ReadonlyMap<string, Server>,
  kiro: boolean,
): void {
  if (!tools) {
    addNote(profile, 'no tools list: the agent has no tools')
    for (const name of servers.keys())
      addNote(profile, `MCP server ${name} is configured but not in tools`)
    return
  }
  cite(profile, 'tools', read.lineOf(['tools']))
  const builtins = BUILTINS[kiro ? 'kiro' : 'q']
  const whole = new Set<string>()
  const partial = new Set<string>()
  for (const { entry, index } of tools) {
    const line = read.lineOf(['tools', index])
    if (entry === '*') {
      profile.allTools = true
      addNote(
        profile,
        'tools: * gives it every built-in tool and every MCP server tool',
      )
      for (const name of builtins)
        addTool(profile, harnessTool(name, line, 'amazon-q').tool)
      for (const name of servers.keys()) whole.add(name)
      continue
    }
    if (entry === '@builtin') {
      for (const name of builtins)
        addTool(profile, harnessTool(name, line, 'amazon-q').tool)
      continue
    }
    // `@server` is every tool of a configured server, `@server/tool` one.
    const server = /^@([^/]+)(?:\/(.+))?$/.exec(entry)
    const name = server?.[1] ?? ''
    if (server && servers.has(name)) {
      if (server[2] === undefined) whole.add(name)
      else {
        partial.add(name)
        addTool(profile, harnessTool(entry, line, 'amazon-q').tool)
      }
      continue
    }
    addTool(profile, harnessTool(entry, line, 'amazon-q').tool)
  }
  for (const [name, server] of servers) {
    if (whole.has(name)) addServer(profile, name, server, true)
    else if (partial.has(name)) addServer(profile, name, server, false)
    else
      addNote(
        profile,
        `MCP server ${name} is configured but none of its tools is in tools`,
      )
  }
}

/**
 * A server the tools list reaches: its own tool when the whole server is
 * listed; otherwise only its details (process, credentials) for the tools
 * named one by one.
 */
function addServer(
  profile: AgentProfile,
  name: string,
  server: Server,
  whole: boolean,
): void {
  const reading = mcpServerTool(name, server.config, server.line)
  if (reading.disabled) {
    addNote(profile, `MCP server ${name} is disabled`)
    return
  }
  if (whole) addTool(profile, reading.tool)
  else
    for (const tool of profile.tools)
      if (tool.name.startsWith(`@${name}/`)) tool.server = reading.tool.server
  recordServerReading(profile, reading)
  if (reading.memory) {
    profile.memory.kind = 'persistent'
    profile.memory.stores.push(name)
  }
  if (server.from)
    addNote(profile, `MCP server ${name} comes from ${server.from}`)
}
