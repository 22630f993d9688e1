import {
  addCredential,
  addNote,
  applyHooks,
  applyHostDefaults,
  applyPermissionMode,
  checkWith,
  cite,
  CLAUDE_CODE_MCP_ASKS,
  CLAUDE_PERMISSION_MODES,
  harnessModel,
  hookCommands,
  isCredentialName,
  listSummary,
  newProfile,
  parseMapping,
  pathSegments,
  rejected,
  type AgentProfile,
  type FormatResult,
  type ManifestFile,
  type Problem,
  type Reading,
} from '../../manifest/kit.js'
import { readMcp, readPermissions } from './map-tools.js'
import { ClaudeSettings, type Sandbox } from './schema.js'

const FORMAT = 'claude-code-settings'

/** The hook events Claude Code runs hooks on, as keys of JSON. */
export const HOOK_EVENTS =
  /"(PreToolUse|PostToolUse|UserPromptSubmit|SessionStart|SessionEnd|SubagentStop|PreCompact|Notification|Stop)"\s*:/

/** `.claude/settings.json` or `.claude/settings.local.json`: the file is ours. */
export function isClaudeSettingsPath(path: string): boolean {
  const segments = pathSegments(path)
  return (
    segments[segments.length - 2] === '.claude' &&
    /^settings(\.local)?\.json$/.test(segments[segments.length - 1] ?? '')
  )
}

function isLocal(path: string): boolean {
  return /settings\.local\.json$/i.test(path)
}

export function mapClaudeSettings(file: ManifestFile): FormatResult {
  // Claimed by its name or its head, a file that is not an object is reported.
  const parsed = parseMapping(file, 'json', {
    problem: 'Claude Code settings must be a JSON object',
  })
  if (!parsed.ok) return parsed.result
  const read = checkWith(file.path, parsed.doc, ClaudeSettings)
  if (!read.ok) return read.result
  const data = read.data
  if (!isClaudeSettingsPath(file.path) && !looksLikeClaudeSettings(data)) {
    return rejected(
      'a settings file without Claude Code permission rules or hooks',
    )
  }
  const problems: Problem[] = []
  const profile = claudeCode(file.path)
  readPermissions(profile, data.permissions, read, problems, file.path)
  applyHooks(profile, hookCommands(data.hooks.table), (path) =>
    read.lineOf(['hooks', ...path]),
  )
  readMcp(profile, data, read, file)
  readEnv(profile, data.env, read)
  readSandbox(profile, data.sandbox, read)
  // The mode applies to every tool listed so far, MCP servers included.
  const mode = profile.autonomy.permissionMode
  if (mode && CLAUDE_PERMISSION_MODES.includes(mode))
    applyPermissionMode(
      profile,
      mode,
      read.lineOf(['permissions', 'defaultMode']),
    )
  // What no rule or mode settles, Claude Code's own defaults do.
  applyHostDefaults(profile, 'claude-code', { mcpAsks: CLAUDE_CODE_MCP_ASKS })
  if (data.model) {
    profile.model = harnessModel(data.model)
    cite(profile, 'model', read.lineOf(['model']))
  }
  if (data.apiKeyHelper)
    addCredential(profile, 'apiKeyHelper', read.lineOf(['apiKeyHelper']))
  return { agents: [profile], problems, document: read.doc }
}

/** Claude Code itself, in the project these settings are of. */
function claudeCode(path: string): AgentProfile {
  const profile = newProfile({
    name: isLocal(path) ? 'Claude Code (local settings)' : 'Claude Code',
    format: FORMAT,
    file: path,
    line: 1,
  })
  profile.description = isLocal(path)
    ? 'Claude Code with the personal project settings of this file'
    : 'Claude Code with the shared project settings of this file'
  profile.allTools = true
  profile.exposure.reach = 'local'
  profile.triggers.push('chat')
  addNote(
    profile,
    'settings only pre-approve or refuse tools: Claude Code keeps every built-in tool',
  )
  if (isLocal(path))
    addNote(
      profile,
      "settings.local.json is personal; committed, it imposes one person's approvals on everyone",
    )
  return profile
}

/** The same test as sniff, on the parsed data. */
function looksLikeClaudeSettings({
  permissions,
  hooks,
}: ClaudeSettings): boolean {
  const rules =
    permissions !== undefined &&
    [
      permissions.allow,
      permissions.deny,
      permissions.ask,
      permissions.additionalDirectories,
    ].some((list) => list !== undefined)
  const mode = permissions?.defaultMode !== undefined
  return (
    rules ||
    mode ||
    hooks.events.some((event) => HOOK_EVENTS.test(`"${event}":`))
  )
}

function readEnv(
  profile: AgentProfile,
  names: readonly string[],
  read: Reading<unknown>,
): void {
  const secrets = names.filter(isCredentialName)
  for (const name of secrets) addCredential(profile, name)
  if (secrets.length > 0) cite(profile, 'identity', read.lineOf(['env']))
  if (names.length > 0)
    addNote(profile, `environment set for every session: ${listSummary(names)}`)
}

function readSandbox(
  profile: AgentProfile,
  sandbox: Sandbox | undefined,
  read: Reading<unknown>,
): void {
  if (!sandbox) return
  const { enabled, network } = sandbox
  if (enabled !== undefined) {
    profile.controls.sandbox = enabled
    cite(profile, 'controls.sandbox', read.lineOf(['sandbox', 'enabled']))
  }
  if (enabled && sandbox.autoAllowBashIfSandboxed !== false) {
    for (const tool of profile.tools)
      if (tool.kind === 'shell') tool.requiresApproval ??= false
    addNote(profile, 'sandboxed shell commands run without asking')
  }
  if ((network?.allowedDomains ?? []).length > 0) {
    profile.controls.allowlists = true
    cite(
      profile,
      'controls.allowlists',
      read.lineOf(['sandbox', 'network', 'allowedDomains']),
    )
  }
  const excluded = sandbox.excludedCommands
  if (excluded.length > 0)
    addNote(
      profile,
      `commands run outside the sandbox: ${listSummary(excluded)}`,
    )
  if (sandbox.allowUnsandboxedCommands === true)
    addNote(profile, 'commands may leave the sandbox when they fail inside it')
  if (network?.allowAllUnixSockets === true)
    addNote(profile, 'sandboxed commands may use every Unix socket')
}
