import {
  addCredential,
  addNote,
  addTool,
  cite,
  mcpServerTool,
  type AgentProfile,
} from '../../manifest/kit.js'
import type { Settings } from './map-settings.js'
import type { Server } from './schema.js'

/** `[mcp_servers.<name>]` of every layer: MCP tools and their credentials. */
export function readServers(profile: AgentProfile, settings: Settings): void {
  for (const [name, server, { line, inherited }] of settings.servers()) {
    const reading = mcpServerTool(name, serverEntry(server), line)
    if (reading.disabled) {
      addNote(profile, `MCP server ${name} is disabled`)
      continue
    }
    cite(profile, 'tools', line)
    addTool(profile, reading.tool)
    for (const note of reading.notes) addNote(profile, note)
    if (inherited)
      addNote(profile, `MCP server ${name} comes from ${inherited}`)
    // The Authorization header stands for the bearer token variable.
    const credentials = [
      ...reading.credentials.filter((c) => c !== 'Authorization'),
      ...(server.bearer_token_env_var !== undefined
        ? [server.bearer_token_env_var]
        : []),
      ...(server.env_http_headers ?? []).flatMap(([, variable]) =>
        variable !== undefined ? [variable] : [],
      ),
      ...server.env_vars,
    ]
    for (const credential of credentials)
      if (credential) addCredential(profile, credential)
    if (credentials.length > 0) cite(profile, 'identity', line)
    if (reading.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
}

/** Codex's server entry in the common shape: headers come in three keys. */
function serverEntry(server: Server): Record<string, unknown> {
  const {
    http_headers: httpHeaders,
    env_http_headers: envHttpHeaders,
    bearer_token_env_var: bearer,
    enabled_tools: enabledTools,
    env_vars: _envVars,
    enabled,
    ...rest
  } = server
  const names = [
    ...httpHeaders,
    ...(envHttpHeaders ?? []).map(([header]) => header),
    ...(bearer !== undefined ? ['Authorization'] : []),
  ]
  const headers = Object.fromEntries(names.map((header) => [header, '']))
  return {
    ...rest,
    headers: names.length > 0 ? headers : undefined,
    disabled: enabled === false,
    tools: enabledTools,
  }
}
