/**
 * Claude Code project settings: `.claude/settings.json` (shared) and
 * `.claude/settings.local.json` (personal, often committed by mistake). The
 * agent they configure is Claude Code itself in that project: one profile per
 * file, named "Claude Code".
 *
 * Mapping: permissions.allow → tools that run without asking
 * (requiresApproval false) and allowlists = true; permissions.ask → tools
 * that always ask (requiresApproval true); permissions.deny → noted (the tool
 * or command is refused); permissions.defaultMode → autonomy.permissionMode
 * and humanApproval as for subagents (bypassPermissions, acceptEdits,
 * dontAsk, auto → false; default, plan → true); additionalDirectories →
 * noted; hooks → guardrails or logging when their commands clearly are;
 * enableAllProjectMcpServers / enabledMcpjsonServers → the servers of the
 * project's `.mcp.json` become tools; env → credential names (never values);
 * sandbox.enabled → sandbox, sandbox network allowlists → allowlists; model
 * → model.
 *
 * Defaults: settings never take a tool away unless they deny it, so Claude
 * Code keeps every built-in tool: allTools = true. Without defaultMode
 * Claude Code's documented defaults apply to what no rule settles (see
 * hosts/claude-code.ts): humanApproval is true only when no rule lets a
 * tool that changes things run unasked. Reach is local; it runs from a
 * chat.
 */
import { addCredential, isCredentialName } from '../manifest/credentials.js'
import { harnessTool } from '../manifest/harness-tools.js'
import { applyHostDefaults } from '../manifest/host-defaults.js'
import { CLAUDE_CODE_MCP_ASKS } from '../manifest/hosts/claude-code.js'
import { applyHooks, hookCommands } from '../manifest/hooks.js'
import { mcpServerTool, recordServerReading } from '../manifest/mcp-servers.js'
import { harnessModel } from '../manifest/models.js'
import { pathSegments, splitPath } from '../manifest/paths.js'
import {
  applyPermissionMode,
  CLAUDE_PERMISSION_MODES,
  isReadOnlyCommand,
} from '../manifest/permissions.js'
import { parseMapping, rejected, unknownValue } from '../manifest/result.js'
import type {
  FormatModule,
  FormatResult,
  ManifestFile,
} from '../manifest/types.js'
import {
  asBoolean,
  asRecord,
  asString,
  asStrings,
  type DataRecord,
  entriesOf,
  isRecord,
  keysOf,
} from '../parse/data.js'
import { parseJsonDocument, type ParsedDocument } from '../parse/document.js'
import type { Problem } from '../problems.js'
import {
  addNote,
  addTool,
  cite,
  listSummary,
  newProfile,
} from '../profile/build.js'
import type { AgentProfile } from '../profile/schema.js'

const FORMAT = 'claude-code-settings'
const HOOK_EVENTS =
  /"(PreToolUse|PostToolUse|UserPromptSubmit|SessionStart|SessionEnd|SubagentStop|PreCompact|Notification|Stop)"\s*:/

const settings: FormatModule = {
  id: FORMAT,
  title: 'Claude Code settings',
  nameEndings: ['.json'],
  matchPath,
  sniff,
  parse,
}
export default settings

function matchPath(path: string): 'yes' | 'maybe' | 'no' {
  const segments = pathSegments(path)
  const name = segments[segments.length - 1] ?? ''
  if (
    segments[segments.length - 2] === '.claude' &&
    /^settings(\.local)?\.json$/.test(name)
  )
    return 'yes'
  return /settings(\.local)?\.json$/i.test(name) ? 'maybe' : 'no'
}

function sniff(head: string): boolean {
  const permissions =
    /"permissions"\s*:\s*\{/.test(head) &&
    /"(allow|deny|ask|defaultMode|additionalDirectories)"\s*:/.test(head)
  const hooks = /"hooks"\s*:\s*\{/.test(head) && HOOK_EVENTS.test(head)
  return permissions || hooks
}

function isLocal(path: string): boolean {
  return /settings\.local\.json$/i.test(path)
}

function parse(file: ManifestFile): FormatResult {
  const parsed = parseMapping(file, 'json', {
    problem: 'Claude Code settings must be a JSON object',
  })
  if (!parsed.ok) return parsed.result
  const { doc, root: data } = parsed
  if (!isClaudeSettingsPath(file.path) && !looksLikeClaudeSettings(data)) {
    return rejected(
      'a settings file without Claude Code permission rules or hooks',
    )
  }
  const problems: Problem[] = []
  const profile = newProfile({
    name: isLocal(file.path) ? 'Claude Code (local settings)' : 'Claude Code',
    format: FORMAT,
    file: file.path,
    line: 1,
  })
  profile.description = isLocal(file.path)
    ? 'Claude Code with the personal project settings of this file'
    : 'Claude Code with the shared project settings of this file'
  profile.allTools = true
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  addNote(
    profile,
    'settings only pre-approve or refuse tools: Claude Code keeps every built-in tool',
  )
  if (isLocal(file.path))
    addNote(
      profile,
      "settings.local.json is personal; committed, it imposes one person's approvals on everyone",
    )

  readPermissions(profile, asRecord(data.permissions), doc, problems, file.path)
  applyHooks(profile, hookCommands(data.hooks), (path) =>
    doc.lineOf(['hooks', ...path]),
  )
  readMcp(profile, data, doc, file)
  readEnv(profile, data, doc)
  readSandbox(profile, asRecord(data.sandbox), doc)
  // The mode applies to every tool listed so far, MCP servers included.
  const mode = profile.autonomy.permissionMode
  if (mode && CLAUDE_PERMISSION_MODES.includes(mode))
    applyPermissionMode(
      profile,
      mode,
      doc.lineOf(['permissions', 'defaultMode']),
    )
  // What no rule or mode settles, Claude Code's own defaults do.
  applyHostDefaults(profile, 'claude-code', { mcpAsks: CLAUDE_CODE_MCP_ASKS })
  const model = asString(data.model)
  if (model) {
    profile.model = harnessModel(model)
    cite(profile, 'model', doc.lineOf(['model']))
  }
  if (asString(data.apiKeyHelper))
    addCredential(profile, 'apiKeyHelper', doc.lineOf(['apiKeyHelper']))
  return { agents: [profile], problems, document: doc }
}

/** The same test as sniff, on the parsed data. */
function looksLikeClaudeSettings(data: DataRecord): boolean {
  const permissions = asRecord(data.permissions)
  const rules =
    permissions !== undefined &&
    ['allow', 'deny', 'ask', 'additionalDirectories'].some((k) =>
      Array.isArray(permissions[k]),
    )
  const mode = typeof permissions?.defaultMode === 'string'
  const hooks = Object.keys(asRecord(data.hooks) ?? {}).some((event) =>
    HOOK_EVENTS.test(`"${event}":`),
  )
  return rules || mode || hooks
}

function isClaudeSettingsPath(path: string): boolean {
  return matchPath(path) === 'yes'
}

function readPermissions(
  profile: AgentProfile,
  permissions: DataRecord | undefined,
  doc: ParsedDocument,
  problems: Problem[],
  file: string,
): void {
  if (!permissions) return
  const lineOf = (...path: Array<string | number>): number | undefined =>
    doc.lineOf(['permissions', ...path])
  const allow = asStrings(permissions.allow)
  allow.forEach((entry, i) =>
    addRule(profile, entry, lineOf('allow', i), false),
  )
  if (allow.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', lineOf('allow'))
    cite(profile, 'tools', lineOf('allow'))
  }
  const ask = asStrings(permissions.ask)
  ask.forEach((entry, i) => addRule(profile, entry, lineOf('ask', i), true))
  if (ask.length > 0) cite(profile, 'tools', lineOf('ask'))
  const deny = asStrings(permissions.deny)
  if (deny.length > 0) {
    addNote(profile, `refused: ${listSummary(deny)}`)
    cite(profile, 'tools', lineOf('deny'))
  }
  const dirs = asStrings(permissions.additionalDirectories)
  if (dirs.length > 0)
    addNote(
      profile,
      `it also reaches directories outside the project: ${listSummary(dirs)}`,
    )
  const mode = asString(permissions.defaultMode)
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
  if (asString(permissions.disableBypassPermissionsMode) === 'disable')
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
function readMcp(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
  file: ManifestFile,
): void {
  const all = asBoolean(data.enableAllProjectMcpServers) === true
  const named = asStrings(data.enabledMcpjsonServers)
  const off = new Set(asStrings(data.disabledMcpjsonServers))
  if (!all && named.length === 0) return
  const line = doc.lineOf([
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
  const text = file.readSibling(`${root}.mcp.json`)
  if (text === undefined) return []
  try {
    const doc = parseJsonDocument(text, `${root}.mcp.json`)
    return entriesOf(asRecord(doc.value)?.mcpServers)
  } catch {
    return []
  }
}

function readEnv(
  profile: AgentProfile,
  data: DataRecord,
  doc: ParsedDocument,
): void {
  const names = keysOf(data.env)
  const secrets = names.filter(isCredentialName)
  for (const name of secrets) addCredential(profile, name)
  if (secrets.length > 0) cite(profile, 'identity', doc.lineOf(['env']))
  if (names.length > 0)
    addNote(profile, `environment set for every session: ${listSummary(names)}`)
}

function readSandbox(
  profile: AgentProfile,
  sandbox: DataRecord | undefined,
  doc: ParsedDocument,
): void {
  if (!sandbox) return
  const enabled = asBoolean(sandbox.enabled)
  if (enabled !== undefined) {
    profile.controls.sandbox = enabled
    cite(profile, 'controls.sandbox', doc.lineOf(['sandbox', 'enabled']))
  }
  if (enabled && sandbox.autoAllowBashIfSandboxed !== false) {
    for (const tool of profile.tools)
      if (tool.kind === 'shell') tool.requiresApproval ??= false
    addNote(profile, 'sandboxed shell commands run without asking')
  }
  const network = asRecord(sandbox.network)
  const domains = asStrings(network?.allowedDomains)
  if (domains.length > 0) {
    profile.controls.allowlists = true
    cite(
      profile,
      'controls.allowlists',
      doc.lineOf(['sandbox', 'network', 'allowedDomains']),
    )
  }
  const excluded = asStrings(sandbox.excludedCommands)
  if (excluded.length > 0)
    addNote(
      profile,
      `commands run outside the sandbox: ${listSummary(excluded)}`,
    )
  if (sandbox.allowUnsandboxedCommands === true)
    addNote(profile, 'commands may leave the sandbox when they fail inside it')
  if (isRecord(network) && network.allowAllUnixSockets === true)
    addNote(profile, 'sandboxed commands may use every Unix socket')
}
