import {
  addMcpServers,
  addNote,
  addScopedCredential,
  cite,
  isCredentialName,
  newProfile,
  problem,
  parseManifest,
  rejected,
  splitPath,
  type AgentProfile,
  type DataPath,
  type FormatResult,
  type ManifestFile,
  type Problem,
  type ParsedDocument,
} from '../../manifest/kit.js'
import { readGeminiSettings } from './map-gemini.js'
import { agentName, GENERIC_HOST, hostOf, type Host } from './map-host.js'
import {
  ClientConfig,
  FORMAT_ID,
  GeminiSettings,
  type ClientConfig as Config,
  type ServerMap,
} from './schema.js'

export function mapClientConfig(file: ManifestFile): FormatResult {
  const host = hostOf(file.path)
  const { dir, name } = splitPath(file.path)
  if (
    name === '.mcp.json' &&
    file.readSibling(`${dir}.claude-plugin/plugin.json`) !== undefined
  ) {
    return rejected(
      'the MCP servers of the Claude Code plugin in this directory; they are profiled with the plugin (.claude-plugin/plugin.json)',
    )
  }
  const parsed = parseManifest(file, 'json')
  if (!parsed.ok) return parsed.result
  const { doc } = parsed
  const root = configOf(doc)
  if (!root) return rejected('not a JSON object, so not an MCP client config')
  if (host.canonical && root.mcpServers.stated && !root.mcpServers.servers) {
    return {
      agents: [],
      problems: [
        problem(
          file.path,
          doc.lineOf(['mcpServers']),
          'mcpServers must be an object that maps server names to their settings',
          {
            field: 'mcpServers',
            help: 'Write "mcpServers": { "name": { "command": "..." } }.',
          },
        ),
      ],
      document: doc,
    }
  }
  const block = findServerBlock(root, host.canonical)
  const settings = geminiSettingsOf(host, doc)
  const geminiRelevant = Object.keys(settings).some((k) => k !== 'telemetry')
  if (!block && !geminiRelevant) {
    return rejected(
      host.gemini
        ? 'Gemini CLI settings with no MCP servers and no tool or approval settings'
        : 'no mcpServers (or MCP-shaped servers) block at the top level',
    )
  }
  const servers = block?.servers.entries ?? []
  if (block && servers.length === 0 && !geminiRelevant) {
    return rejected('the MCP server block is empty: no servers configured')
  }
  const blockLine = block ? doc.lineOf(block.path) : undefined
  const profile = newProfile({
    name: agentName(host, file.path),
    format: FORMAT_ID,
    file: file.path,
    line: blockLine ?? 1,
  })
  profile.exposure.reach = 'local'
  if (host.channel) profile.exposure.channels.push(host.channel)
  profile.triggers.push('chat')
  cite(profile, 'triggers', blockLine)
  const problems: Problem[] = []
  const gemini = host.gemini
    ? readGeminiSettings(profile, root, settings, doc)
    : {}
  if (block) {
    problems.push(
      ...addMcpServers(profile, servers, file.path, {
        lineOf: (server) => doc.lineOf([...block.path, server]),
        fieldOf: (server) => [...block.path, server].join('.'),
        ...gemini,
      }),
    )
    readVsCodeInputs(profile, root, doc)
  }
  if (!host.gemini) {
    addNote(
      profile,
      `Only the MCP servers of ${host.label === GENERIC_HOST ? 'the host' : host.label} are listed here: its built-in tools and approval settings are configured elsewhere, so this profile under-reports`,
    )
  }
  return { agents: [profile], problems, document: doc }
}

/**
 * The file's root through the schema, which never fails and reports
 * nothing: so it runs on the value alone, without the map of where each
 * list and map sits that reports need.
 */
function configOf(doc: ParsedDocument): Config | undefined {
  return ClientConfig.parse(doc.value)
}

/** Gemini CLI's settings, read in its own files only. */
function geminiSettingsOf(host: Host, doc: ParsedDocument): GeminiSettings {
  return host.gemini ? GeminiSettings.parse(doc.value) : {}
}

interface ServerBlock {
  readonly servers: ServerMap
  readonly path: DataPath
}

/**
 * Where the servers are: `mcpServers` (most hosts), `servers` (VS Code),
 * `mcp.servers` (VS Code user settings). A bare `servers` key is common in
 * unrelated files, so under a generic name its entries must look like MCP
 * servers.
 */
function findServerBlock(
  root: Config,
  canonical: boolean,
): ServerBlock | undefined {
  const mcpServers = root.mcpServers.servers
  if (mcpServers) return { servers: mcpServers, path: ['mcpServers'] }
  const servers = root.servers
  if (servers && (canonical || servers.mcpShaped))
    return { servers, path: ['servers'] }
  const nested = root.mcp?.servers
  if (nested?.mcpShaped) return { servers: nested, path: ['mcp', 'servers'] }
  return undefined
}

/** VS Code `inputs`: secrets the editor prompts for, referenced as `${input:id}`. */
function readVsCodeInputs(
  profile: AgentProfile,
  root: Config,
  doc: ParsedDocument,
): void {
  root.inputs?.forEach((input, index) => {
    const id = input?.id
    if (!input || !id) return
    if (input.password === true || isCredentialName(id))
      addScopedCredential(profile, id, doc.lineOf(['inputs', index]))
  })
}
