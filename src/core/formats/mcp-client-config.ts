/**
 * **In short:** `.mcp.json`, `mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`, `claude_desktop_config.json`, `.gemini/settings.json`, Windsurf, Cline, Roo, Kiro, Amazon Q, `mcpServers`/`servers` blocks elsewhere → the hosting assistant as the agent; each server as a tool with command, transport, URL, environment names, pinning, auto-approval
 *
 * MCP client configurations: the files where a coding assistant or chat app
 * is told which MCP servers it may start or call. The host is the agent and
 * each server is one of its tool surfaces.
 *
 * Files: Claude Code `.mcp.json`, Cursor `.cursor/mcp.json`, VS Code
 * `.vscode/mcp.json` (top-level `servers` + `inputs`), Claude Desktop
 * `claude_desktop_config.json`, Gemini CLI `.gemini/settings.json`, Windsurf
 * `mcp_config.json`, Cline `cline_mcp_settings.json`, Roo `.roo/mcp.json` and
 * `mcp_settings.json`, Kiro `.kiro/settings/mcp.json`, Amazon Q
 * `.amazonq/mcp.json`, any other `mcp.json`, and an `mcpServers` block (or
 * an MCP-shaped `servers` block, or VS Code's `mcp.servers`) in a JSON file
 * of any name.
 *
 * Mapping: one agent per file, named after the host (plus the directory the
 * configuration belongs to when it is not the root). Each enabled server →
 * one tool through `mcpServerTool` (kind from what the server is; wildcard,
 * because a server exposes every tool it has unless the entry filters them);
 * env and header names and VS Code secret inputs → identity.credentials
 * (held per server, so identity kind `scoped`); a memory server → memory
 * persistent; auto-approve flags (`autoApprove`, `alwaysAllow`, `trust`) →
 * that tool's requiresApproval false, with a note. Disabled servers are
 * named in a note, not listed as tools. Reach is `local` and the trigger
 * `chat`: a person drives the host.
 *
 * Defaults: a client config lists servers only. The host's built-in tools
 * and approval settings live elsewhere (`.claude/settings.json`, the IDE), so
 * controls stay "not stated" and a note says the profile under-reports.
 * Gemini CLI settings are the exception: they also govern the built-in tools,
 * so no `coreTools` means every built-in tool is available (allTools = true),
 * and `excludeTools`, `allowedTools`, `autoAccept`, `sandbox`, MCP allow and
 * exclude lists, the approval mode, the model and telemetry are read too.
 */
import {
  addScopedCredential,
  isCredentialName,
} from '../manifest/credentials.js'
import { harnessTool } from '../manifest/harness-tools.js'
import { addMcpServers, type McpBlockOptions } from '../manifest/mcp-servers.js'
import { pathSegments, splitPath } from '../manifest/paths.js'
import { parseMapping, problem, rejected } from '../manifest/result.js'
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
  type DataRecord,
  entriesOf,
  isPlaceholder,
  isRecord,
  keysOf,
} from '../parse/data.js'
import type { DataPath, ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import { addNote, addTool, cite, newProfile } from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const FORMAT_ID = 'mcp-client-config'
/** Label of a configuration whose host the path does not tell. */
const GENERIC_HOST = 'MCP client'

interface Host {
  /** Agent name without the directory part. */
  readonly label: string
  readonly channel?: string
  /** The path is this host's own configuration name. */
  readonly canonical: boolean
  /** Directory the configuration belongs to ('' for the root). */
  readonly scope: string
  readonly gemini?: boolean
}

// ---------------------------------------------------------------- the module

const mcpClientConfig: FormatModule = {
  id: FORMAT_ID,
  title: 'MCP client configuration',
  // Dedicated formats that embed an `mcpServers` block (agent files of
  // coding assistants) go first when both claim a generic name.
  priority: -1,
  nameEndings: ['.json', '.jsonc'],
  matchPath: (path) => {
    const host = hostOf(path)
    if (host.canonical) return 'yes'
    const { name } = splitPath(path)
    if (!/\.jsonc?$/i.test(name) || OTHER_FORMATS.test(path)) return 'no'
    return 'maybe'
  },
  sniff: (head) =>
    /"mcpServers"\s*:\s*\{/.test(head) ||
    /"mcp"\s*:\s*\{\s*"servers"\s*:\s*\{/.test(head) ||
    (/"servers"\s*:\s*\{/.test(head) && /"(command|url)"\s*:/.test(head)),
  parse: parseClientConfig,
}
export default mcpClientConfig

/** Names other formats of the MCP family own, and files never MCP configs. */
const OTHER_FORMATS =
  /(^|\/)(gemini-extension\.json|\.claude-plugin\/[^/]+|package(-lock)?\.json|tsconfig[^/]*\.json|jsconfig\.json|composer\.json)$/i

function parseClientConfig(file: ManifestFile): FormatResult {
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
  const parsed = parseMapping(
    file,
    'json',
    'not a JSON object, so not an MCP client config',
  )
  if (!parsed.ok) return parsed.result
  const { doc, root } = parsed
  if (
    host.canonical &&
    root.mcpServers !== undefined &&
    !isRecord(root.mcpServers)
  ) {
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
  const geminiRelevant = host.gemini === true && hasGeminiToolSettings(root)
  if (!block && !geminiRelevant) {
    return rejected(
      host.gemini
        ? 'Gemini CLI settings with no MCP servers and no tool or approval settings'
        : 'no mcpServers (or MCP-shaped servers) block at the top level',
    )
  }
  const servers = block ? entriesOf(block.value) : []
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
  const gemini = host.gemini ? readGeminiSettings(profile, root, doc) : {}
  if (block) {
    problems.push(
      ...addMcpServers(profile, servers, file.path, {
        lineOf: (server) => doc.lineOf([...block.path, server]),
        fieldOf: (server) => [...block.path, server].join('.'),
        ...gemini,
      }),
    )
    readVsCodeInputs(profile, root.inputs, doc)
  }
  if (!host.gemini) {
    addNote(
      profile,
      `Only the MCP servers of ${host.label === GENERIC_HOST ? 'the host' : host.label} are listed here: its built-in tools and approval settings are configured elsewhere, so this profile under-reports`,
    )
  }
  return { agents: [profile], problems, document: doc }
}

// ---------------------------------------------------------------- hosts

/** The host a path belongs to, from its name and the directories above it. */
function hostOf(path: string): Host {
  const parts = pathSegments(path)
  const name = parts.at(-1) ?? ''
  const parent = parts.at(-2)
  const grand = parts.at(-3)
  const scope = (up: number): string => parts.slice(0, -up).join('/')
  const host = (
    label: string,
    up: number,
    channel?: string,
    extra: Partial<Host> = {},
  ): Host => ({ label, channel, canonical: true, scope: scope(up), ...extra })
  if (name === '.mcp.json') return host('Claude Code', 1, 'cli')
  if (name === 'claude_desktop_config.json')
    return host('Claude Desktop', 1, 'desktop')
  if (name === 'cline_mcp_settings.json') return host('Cline', 1, 'ide')
  if (name === 'mcp_settings.json') return host('Roo Code', 1, 'ide')
  if (name === 'settings.json' && parent === '.gemini')
    return host('Gemini CLI', 2, 'cli', { gemini: true })
  if (name === 'mcp_config.json') {
    return parts.some((p) => /^(\.?windsurf|\.codeium)$/i.test(p))
      ? host('Windsurf', 1, 'ide')
      : host(GENERIC_HOST, 1)
  }
  if (name === 'mcp.json') {
    if (parent === '.cursor') return host('Cursor', 2, 'ide')
    if (parent === '.vscode') return host('VS Code', 2, 'ide')
    if (parent === '.roo') return host('Roo Code', 2, 'ide')
    if (parent === '.amazonq') return host('Amazon Q Developer', 2, 'ide')
    if (parent === 'settings' && grand === '.kiro')
      return host('Kiro', 3, 'ide')
    return host(GENERIC_HOST, 1)
  }
  if (name === 'settings.json' && parent === '.vscode')
    return { label: 'VS Code', channel: 'ide', canonical: false, scope: '' }
  return { label: GENERIC_HOST, canonical: false, scope: '' }
}

function agentName(host: Host, path: string): string {
  if (host.label === GENERIC_HOST) return `${GENERIC_HOST} (${path})`
  if (!host.canonical) return `${host.label} (${path})`
  if (host.label === 'Claude Code') {
    return host.scope === ''
      ? 'Claude Code (project .mcp.json)'
      : `Claude Code (project .mcp.json in ${host.scope})`
  }
  return host.scope === '' ? host.label : `${host.label} (${host.scope})`
}

// ---------------------------------------------------------------- the block

interface ServerBlock {
  readonly value: DataRecord
  readonly path: DataPath
}

/**
 * Where the servers are: `mcpServers` (most hosts), `servers` (VS Code),
 * `mcp.servers` (VS Code user settings). A bare `servers` key is common in
 * unrelated files, so under a generic name its entries must look like MCP
 * servers (a command, or a URL with a transport type).
 */
function findServerBlock(
  root: DataRecord,
  canonical: boolean,
): ServerBlock | undefined {
  const mcpServers = asRecord(root.mcpServers)
  if (mcpServers) return { value: mcpServers, path: ['mcpServers'] }
  const servers = asRecord(root.servers)
  if (servers && (canonical || looksLikeMcpServers(servers)))
    return { value: servers, path: ['servers'] }
  const nested = asRecord(asRecord(root.mcp)?.servers)
  if (nested && looksLikeMcpServers(nested))
    return { value: nested, path: ['mcp', 'servers'] }
  return undefined
}

function looksLikeMcpServers(servers: DataRecord): boolean {
  const entries = Object.values(servers)
  return (
    entries.length > 0 &&
    entries.every(isRecord) &&
    entries.some(
      (entry) =>
        typeof entry.command === 'string' ||
        (typeof entry.url === 'string' &&
          /^(stdio|http|sse|streamable-?http)$/i.test(
            asString(entry.type) ?? '',
          )),
    )
  )
}

// ---------------------------------------------------------------- servers

/** VS Code `inputs`: secrets the editor prompts for, referenced as `${input:id}`. */
function readVsCodeInputs(
  profile: AgentProfile,
  inputs: unknown,
  doc: ParsedDocument,
): void {
  asArray(inputs)?.forEach((input, index) => {
    const record = asRecord(input)
    const id = asString(record?.id)
    if (!record || !id) return
    if (asBoolean(record.password) === true || isCredentialName(id))
      addScopedCredential(profile, id, doc.lineOf(['inputs', index]))
  })
}

// ---------------------------------------------------------------- Gemini CLI

/**
 * Settings that matter for controls, by their flat (v1) and nested (v2)
 * paths; the first one present wins.
 */
const GEMINI_KEYS = {
  coreTools: [['coreTools'], ['tools', 'core']],
  excludeTools: [['excludeTools'], ['tools', 'exclude']],
  allowedTools: [['allowedTools'], ['tools', 'allowed']],
  autoAccept: [['autoAccept'], ['tools', 'autoAccept']],
  sandbox: [['sandbox'], ['tools', 'sandbox']],
  allowMcp: [['allowMCPServers'], ['mcp', 'allowed']],
  excludeMcp: [['excludeMCPServers'], ['mcp', 'excluded']],
  discovery: [['toolDiscoveryCommand'], ['tools', 'discoveryCommand']],
  maxTurns: [['maxSessionTurns'], ['model', 'maxSessionTurns']],
  approvalMode: [['general', 'defaultApprovalMode']],
  toolSandboxing: [['security', 'toolSandboxing']],
  hooks: [['hooks']],
  telemetry: [['telemetry', 'enabled']],
} as const satisfies Record<string, readonly DataPath[]>

type GeminiKey = keyof typeof GEMINI_KEYS

interface Setting {
  readonly value: unknown
  readonly path: DataPath
}

function geminiSetting(root: DataRecord, key: GeminiKey): Setting | undefined {
  for (const path of GEMINI_KEYS[key]) {
    let value: unknown = root
    for (const segment of path) value = asRecord(value)?.[segment]
    if (value !== undefined) return { value, path }
  }
  return undefined
}

/** Telemetry alone does not make a settings file worth a profile. */
function hasGeminiToolSettings(root: DataRecord): boolean {
  return (Object.keys(GEMINI_KEYS) as GeminiKey[]).some(
    (key) => key !== 'telemetry' && geminiSetting(root, key) !== undefined,
  )
}

/**
 * Gemini CLI's project settings: the built-in tool allowlist and denylist,
 * tools that skip confirmation, the sandbox, which MCP servers may load, the
 * approval mode, the model, the turn cap and telemetry. Returns the server
 * filters for the MCP block.
 */
function readGeminiSettings(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): Pick<McpBlockOptions, 'allowed' | 'excluded'> {
  const get = (key: GeminiKey): Setting | undefined => geminiSetting(root, key)
  const at = (setting: Setting | undefined): number | undefined =>
    setting ? doc.lineOf(setting.path) : undefined
  readGeminiTools(profile, get, at)
  readGeminiApproval(profile, get, at)
  const sandbox = get('sandbox')
  const sandboxValue = sandbox?.value
  if (
    sandbox &&
    (typeof sandboxValue === 'boolean' || typeof sandboxValue === 'string')
  ) {
    profile.controls.sandbox =
      sandboxValue !== false && sandboxValue !== '' && sandboxValue !== 'false'
    cite(profile, 'controls.sandbox', at(sandbox))
  }
  const toolSandboxing = get('toolSandboxing')
  if (asBoolean(toolSandboxing?.value) === true) {
    profile.controls.sandbox = true
    cite(profile, 'controls.sandbox', at(toolSandboxing))
  }
  const telemetry = get('telemetry')
  const logging = asBoolean(telemetry?.value)
  if (logging !== undefined) {
    profile.controls.logging = logging
    cite(profile, 'controls.logging', at(telemetry))
  }
  readGeminiModel(profile, root, doc)
  const turns = get('maxTurns')
  const maxTurns = asNumber(turns?.value)
  if (maxTurns !== undefined && maxTurns > 0) {
    profile.autonomy.maxIterations = maxTurns
    cite(profile, 'autonomy', at(turns))
  }
  const hooks = get('hooks')
  const events = keysOf(hooks?.value)
  if (events.length > 0)
    addNote(
      profile,
      `Hooks run commands on ${events.join(', ')} without confirmation: they act as guardrails or bypasses`,
    )
  return readGeminiServerFilters(profile, get, at)
}

function readGeminiTools(
  profile: AgentProfile,
  get: (key: GeminiKey) => Setting | undefined,
  at: (setting: Setting | undefined) => number | undefined,
): void {
  const core = get('coreTools')
  const exclude = get('excludeTools')
  const excluded = asStrings(exclude?.value)
  if (core && asArray(core.value)) {
    asStrings(core.value).forEach((entry, index) => {
      if (excluded.includes(entry)) return
      addTool(profile, harnessTool(entry, itemLine(core, index, at)).tool)
    })
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', at(core))
    cite(profile, 'tools', at(core))
  } else {
    profile.allTools = true
    addNote(
      profile,
      'No coreTools list: Gemini CLI keeps every built-in tool (shell, file writes, web fetch)',
    )
  }
  if (excluded.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', at(exclude))
    addNote(
      profile,
      `Built-in tools excluded: ${excluded.slice(0, 8).join(', ')} (string matching, not a security boundary)`,
    )
  }
  const allowed = get('allowedTools')
  asStrings(allowed?.value).forEach((entry, index) => {
    const existing = profile.tools.find((tool) => tool.name === entry)
    if (existing) existing.requiresApproval = false
    else
      addTool(profile, {
        ...harnessTool(entry, itemLine(allowed, index, at)).tool,
        requiresApproval: false,
      })
    addNote(profile, `allowedTools: ${entry} runs without confirmation`)
  })
  const discovery = asString(get('discovery')?.value)
  if (discovery)
    addNote(
      profile,
      `Tools are discovered at run time by a command (${discovery.slice(0, 60)}): the settings under-report them`,
    )
}

/** Line of one list item of a setting, falling back to the setting's line. */
function itemLine(
  setting: Setting | undefined,
  index: number,
  at: (setting: Setting | undefined) => number | undefined,
): number | undefined {
  if (!setting) return undefined
  return at({ value: undefined, path: [...setting.path, index] }) ?? at(setting)
}

function readGeminiApproval(
  profile: AgentProfile,
  get: (key: GeminiKey) => Setting | undefined,
  at: (setting: Setting | undefined) => number | undefined,
): void {
  const autoAccept = get('autoAccept')
  if (asBoolean(autoAccept?.value) === true) {
    addNote(
      profile,
      'autoAccept: tool calls the CLI deems safe (read-only) run without confirmation',
    )
  }
  const mode = get('approvalMode')
  const modeValue = asString(mode?.value)
  if (!modeValue) return
  profile.autonomy.permissionMode = modeValue
  cite(profile, 'autonomy', at(mode))
  if (modeValue === 'yolo') {
    profile.controls.humanApproval = false
    cite(profile, 'controls.humanApproval', at(mode))
    addNote(
      profile,
      'Approval mode yolo: every tool call runs without confirmation',
    )
  } else if (modeValue === 'auto_edit') {
    addNote(
      profile,
      'Approval mode auto_edit: file edits run without confirmation',
    )
  } else if (
    (modeValue === 'default' || modeValue === 'plan') &&
    asBoolean(autoAccept?.value) !== true &&
    asStrings(get('allowedTools')?.value).length === 0
  ) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', at(mode))
  }
}

function readGeminiModel(
  profile: AgentProfile,
  root: DataRecord,
  doc: ParsedDocument,
): void {
  const flat = asString(root.model)
  const nested = asString(asRecord(root.model)?.name)
  const name = flat ?? nested
  if (!name) return
  profile.model.name = name
  if (/^gemini|^gemma/i.test(name)) profile.model.provider = 'google'
  if (isPlaceholder(name) || /^\$[A-Za-z_]/.test(name))
    profile.model.unresolved = true
  cite(profile, 'model', doc.lineOf(flat ? ['model'] : ['model', 'name']))
}

function readGeminiServerFilters(
  profile: AgentProfile,
  get: (key: GeminiKey) => Setting | undefined,
  at: (setting: Setting | undefined) => number | undefined,
): Pick<McpBlockOptions, 'allowed' | 'excluded'> {
  const allow = get('allowMcp')
  const exclude = get('excludeMcp')
  const allowed =
    allow && asArray(allow.value) ? asStrings(allow.value) : undefined
  const excluded = asStrings(exclude?.value)
  if (allowed || excluded.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', at(allow ?? exclude))
  }
  return {
    allowed: allowed ? new Set(allowed) : undefined,
    excluded: excluded.length > 0 ? new Set(excluded) : undefined,
  }
}
