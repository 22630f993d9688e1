import {
  addNote,
  addTool,
  cite,
  CLAUDE_PERMISSION_MODES,
  harnessTool,
  isReadOnlyCommand,
  listSummary,
  mcpServerTool,
  readWith,
  recordServerReading,
  splitPath,
  unknownValue,
  type AgentProfile,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import {
  ProjectMcpFile,
  type ClaudeSettings,
  type Permissions,
} from './schema.js'

/** Permission rules: what runs unasked, what asks, what is refused. */
export function readPermissions(
  profile: AgentProfile,
  permissions: Permissions | undefined,
  read: Reading<unknown>,
  problems: Problem[],
  file: string,
): void {
  if (!permissions) return
  const lineOf = (...path: Array<string | number>): number | undefined =>
    read.lineOf(['permissions', ...path])
  const allow = permissions.allow ?? []
  allow.forEach((entry, i) =>
    addRule(profile, entry, lineOf('allow', i), false),
  )
  if (allow.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', lineOf('allow'))
    cite(profile, 'tools', lineOf('allow'))
  }
  const ask = permissions.ask ?? []
  ask.forEach((entry, i) => addRule(profile, entry, lineOf('ask', i), true))
  if (ask.length > 0) cite(profile, 'tools', lineOf('ask'))
  const deny = permissions.deny ?? []
  if (deny.length > 0) {
    addNote(profile, `refused: ${listSummary(deny)}`)
    cite(profile, 'tools', lineOf('deny'))
  }
  const dirs = permissions.additionalDirectories ?? []
  if (dirs.length > 0)
    addNote(
      profile,
      `it also reaches directories outside the project: ${listSummary(dirs)}`,
    )
  const mode = permissions.defaultMode
  if (mode) {
    profile.autonomy.permissionMode = mode
    cite(profile, 'autonomy', lineOf('defaultMode'))
    if (!CLAUDE_PERMISSION_MODES.includes(mode))
      problems.push(
        unknownValue(
          file,
          lineOf('defaultMode'),
          'defaultMode',
          mode,
          CLAUDE_PERMISSION_MODES,
          'permissions.defaultMode',
        ),
      )
  }
  if (permissions.disableBypassPermissionsMode === 'disable')
    addNote(profile, 'bypassPermissions mode is disabled for this project')
}

/** One permission rule: `Bash(curl:*)`, `Write`, `mcp__github__create_issue`. */
function addRule(
  profile: AgentProfile,
  entry: string,
  line: number | undefined,
  ask: boolean,
): void {
  const { tool, scope } = harnessTool(entry, line, 'claude-code')
  tool.requiresApproval = ask
  if (scope && tool.kind === 'shell' && isReadOnlyCommand(scope))
    tool.readOnly = true
  if (scope) tool.description = `only ${scope}`
  addTool(profile, tool)
}

/**
 * Servers of the project's `.mcp.json` that the settings switch on without
 * asking: all of them (`enableAllProjectMcpServers`) or the named ones.
 */
export function readMcp(
  profile: AgentProfile,
  data: ClaudeSettings,
  read: Reading<unknown>,
  file: ManifestFile,
): void {
  const all = data.enableAllProjectMcpServers === true
  const named = data.enabledMcpjsonServers
  const off = new Set(data.disabledMcpjsonServers)
  if (!all && named.length === 0) return
  const line = read.lineOf([
    all ? 'enableAllProjectMcpServers' : 'enabledMcpjsonServers',
  ])
  cite(profile, 'tools', line)
  addNote(
    profile,
    all
      ? 'enableAllProjectMcpServers: every server in .mcp.json starts without asking'
      : `MCP servers of .mcp.json enabled without asking: ${named.join(', ')}`,
  )
  const servers = projectServers(file)
  for (const [name, config] of servers) {
    if (off.has(name) || (!all && !named.includes(name))) continue
    const server = mcpServerTool(name, config, line)
    if (server.disabled) continue
    addTool(profile, server.tool)
    recordServerReading(profile, server)
    if (server.memory) {
      profile.memory.kind = 'persistent'
      profile.memory.stores.push(name)
    }
  }
  if (servers.length === 0) {
    for (const name of named)
      if (!off.has(name))
        addTool(profile, harnessTool(`mcp__${name}__*`, line).tool)
    if (all)
      addTool(profile, { ...harnessTool('mcp__*', line).tool, source: 'mcp' })
  }
}

/** Entries of the `.mcp.json` at the project root (next to `.claude/`). */
function projectServers(file: ManifestFile): Array<[string, unknown]> {
  const { dir } = splitPath(file.path)
  const root = dir.endsWith('.claude/') ? dir.slice(0, -'.claude/'.length) : dir
  const path = `${root}.mcp.json`
  const text = file.readSibling(path)
  if (text === undefined) return []
  // Unreadable, it holds no servers: the settings are this file's subject.
  const mcp = readWith(
    { path, text, readSibling: (sibling) => file.readSibling(sibling) },
    'json',
    ProjectMcpFile,
  )
  return mcp.ok ? mcp.data : []
}
