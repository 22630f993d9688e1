import {
  addNote,
  addTool,
  cite,
  mcpServerTool,
  pushUnique,
  recordServerReading,
  urlHost,
  type AgentProfile,
} from '../../manifest/kit.js'
import {
  addCredentials,
  type AddTool,
  type CagentContext,
} from './map-toolsets.js'
import type { Toolset } from './schema.js'

/** Env vars or headers as a mapping again, for the shared MCP reader. */
const asMap = (
  named: ReadonlyArray<readonly [string, string | undefined]> | undefined,
): Record<string, string | undefined> | undefined =>
  named === undefined ? undefined : Object.fromEntries(named)

/**
 * An `mcp` toolset: a server of its own, a shared one of the top-level
 * `mcps:` map (`ref: name`), or one of the Docker MCP catalog
 * (`ref: docker:name`), which runs in a container.
 */
export function readMcp(
  context: CagentContext,
  profile: AgentProfile,
  toolset: Toolset,
  line: number | undefined,
): void {
  const ref = toolset.ref
  const catalog = ref?.startsWith('docker:')
    ? ref.slice('docker:'.length)
    : undefined
  const shared = ref && !catalog ? context.mcps.get(ref) : undefined
  const source = shared ?? toolset
  const remote = source.remote
  const entry: Record<string, unknown> = remote
    ? {
        url: remote.url,
        type: remote.transport_type,
        headers: asMap(remote.headers),
      }
    : { command: source.command, args: source.args, env: asMap(source.env) }
  if (toolset.tools.length > 0) entry.tools = toolset.tools
  const name =
    catalog ??
    ref ??
    hostOf(remote?.url) ??
    source.args.find((a) => !a.startsWith('-') && /[a-z]/i.test(a)) ??
    source.command ??
    'mcp'
  const reading = mcpServerTool(name, entry, line)
  addTool(profile, reading.tool)
  addCredentials(profile, remote?.headers)
  recordServerReading(profile, reading)
  if (reading.memory) {
    profile.memory.kind = 'persistent'
    cite(profile, 'memory', line)
  }
  if (catalog) {
    addNote(
      profile,
      `MCP server ${catalog} comes from the Docker MCP catalog and runs in a container`,
    )
  }
}

function hostOf(url: string | undefined): string | undefined {
  return url ? urlHost(url) : undefined
}

export function readA2a(
  profile: AgentProfile,
  toolset: Toolset,
  add: AddTool,
): void {
  const url = toolset.url
  const name = toolset.name ?? hostOf(url) ?? 'a2a'
  add({ name, kind: 'agent-call', source: 'a2a', description: url })
  pushUnique(profile.delegation.peers, name)
  profile.delegation.canDelegate = true
  addCredentials(profile, toolset.headers)
  addNote(profile, `calls the remote agent ${name}${url ? ` at ${url}` : ''}`)
}

export function readApi(
  profile: AgentProfile,
  toolset: Toolset,
  add: AddTool,
): void {
  const config = toolset.api_config
  const method = (config?.method ?? 'GET').toUpperCase()
  add({
    name: config?.name ?? 'api',
    kind: 'network',
    readOnly: method === 'GET',
    description: `${method} ${config?.endpoint ?? ''}`.trim(),
    source: 'declared',
  })
  addCredentials(profile, config?.headers)
}
