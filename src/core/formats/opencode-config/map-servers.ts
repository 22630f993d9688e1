import {
  addCredential,
  addNote,
  addTool,
  cite,
  globPattern,
  hostDefaultText,
  isCredentialName,
  mcpServerTool,
  recordServerReading,
  type AgentProfile,
} from '../../manifest/kit.js'
import type { McpServer } from './schema.js'

/** An MCP server of the global settings, with its line in the agent's file. */
export type Server = readonly [string, McpServer, number | undefined]

/** The MCP servers an agent gets: all of the global ones its toggles leave on. */
export function addServers(
  profile: AgentProfile,
  servers: readonly Server[],
  toggles: ReadonlyMap<string, boolean>,
): void {
  for (const [name, config, line] of servers) {
    const off = [...toggles].some(
      ([key, on]) =>
        !on && (key === name || globPattern(key).test(`${name}_tool`)),
    )
    if (off) {
      addNote(profile, `MCP server ${name} is switched off in tools`)
      continue
    }
    const server = mcpServerTool(name, config.entry, line)
    if (server.disabled) continue
    cite(profile, 'tools', line)
    addTool(profile, {
      ...server.tool,
      requiresApproval: server.tool.requiresApproval ?? false,
      ...(server.tool.requiresApproval === undefined
        ? { approvalSource: hostDefaultText('opencode', name, false) }
        : {}),
    })
    recordServerReading(profile, server)
    for (const credential of envRefs(config)) addCredential(profile, credential)
    if (server.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
}

/** `{env:NAME}` references in a server's environment and headers. */
function envRefs({ values }: McpServer): string[] {
  const names: string[] = []
  for (const [key, value] of values) {
    const ref = /\{env:([A-Za-z_][\w]*)\}/.exec(value ?? '')?.[1]
    if (ref) names.push(ref)
    else if (isCredentialName(key) && value) names.push(key)
  }
  return names
}
