import {
  addNote,
  addTool,
  cite,
  harnessTool,
  isPlaceholder,
  type AgentProfile,
  type ParsedDocument,
} from '../../manifest/kit.js'
import type {
  ClientConfig,
  GeminiKey,
  GeminiSettings,
  Setting,
} from './schema.js'

/** The MCP servers Gemini CLI may load, for the shared MCP reader. */
interface ServerFilters {
  readonly allowed: ReadonlySet<string> | undefined
  readonly excluded: ReadonlySet<string> | undefined
}

type Get = (key: GeminiKey) => Setting | undefined
type At = (setting: Setting | undefined) => number | undefined

/**
 * Gemini CLI's project settings: the built-in tool allowlist and denylist,
 * tools that skip confirmation, the sandbox, which MCP servers may load, the
 * approval mode, the model, the turn cap and telemetry. Returns the server
 * filters for the MCP block.
 */
export function readGeminiSettings(
  profile: AgentProfile,
  root: ClientConfig,
  settings: GeminiSettings,
  doc: ParsedDocument,
): ServerFilters {
  const get: Get = (key) => settings[key]
  const at: At = (setting) => (setting ? doc.lineOf(setting.path) : undefined)
  readGeminiTools(profile, get, at)
  readGeminiApproval(profile, get, at)
  readGeminiSandbox(profile, get, at)
  const telemetry = get('telemetry')
  const logging = telemetry?.flag
  if (logging !== undefined) {
    profile.controls.logging = logging
    cite(profile, 'controls.logging', at(telemetry))
  }
  readGeminiModel(profile, root, doc)
  const turns = get('maxTurns')
  const maxTurns = turns?.count
  if (maxTurns !== undefined && maxTurns > 0) {
    profile.autonomy.maxIterations = maxTurns
    cite(profile, 'autonomy', at(turns))
  }
  const events = get('hooks')?.keys ?? []
  if (events.length > 0)
    addNote(
      profile,
      `Hooks run commands on ${events.join(', ')} without confirmation: they act as guardrails or bypasses`,
    )
  return readGeminiServerFilters(profile, get, at)
}

function readGeminiSandbox(profile: AgentProfile, get: Get, at: At): void {
  const sandbox = get('sandbox')
  if (sandbox && (sandbox.flag !== undefined || sandbox.text !== undefined)) {
    profile.controls.sandbox =
      sandbox.flag ?? (sandbox.text !== '' && sandbox.text !== 'false')
    cite(profile, 'controls.sandbox', at(sandbox))
  }
  const toolSandboxing = get('toolSandboxing')
  if (toolSandboxing?.flag === true) {
    profile.controls.sandbox = true
    cite(profile, 'controls.sandbox', at(toolSandboxing))
  }
}

function readGeminiTools(profile: AgentProfile, get: Get, at: At): void {
  const core = get('coreTools')
  const exclude = get('excludeTools')
  const excluded = exclude?.strings ?? []
  if (core?.list) {
    core.strings.forEach((entry, index) => {
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
  ;(allowed?.strings ?? []).forEach((entry, index) => {
    const existing = profile.tools.find((tool) => tool.name === entry)
    if (existing) existing.requiresApproval = false
    else
      addTool(profile, {
        ...harnessTool(entry, itemLine(allowed, index, at)).tool,
        requiresApproval: false,
      })
    addNote(profile, `allowedTools: ${entry} runs without confirmation`)
  })
  const discovery = get('discovery')?.text
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
  at: At,
): number | undefined {
  if (!setting) return undefined
  return at({ ...setting, path: [...setting.path, index] }) ?? at(setting)
}

function readGeminiApproval(profile: AgentProfile, get: Get, at: At): void {
  const autoAccept = get('autoAccept')
  if (autoAccept?.flag === true) {
    addNote(
      profile,
      'autoAccept: tool calls the CLI deems safe (read-only) run without confirmation',
    )
  }
  const mode = get('approvalMode')
  const modeValue = mode?.text
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
    autoAccept?.flag !== true &&
    (get('allowedTools')?.strings ?? []).length === 0
  ) {
    profile.controls.humanApproval = true
    cite(profile, 'controls.humanApproval', at(mode))
  }
}

function readGeminiModel(
  profile: AgentProfile,
  { model }: ClientConfig,
  doc: ParsedDocument,
): void {
  const name = model.flat ?? model.nested
  if (!name) return
  profile.model.name = name
  if (/^gemini|^gemma/i.test(name)) profile.model.provider = 'google'
  if (isPlaceholder(name) || /^\$[A-Za-z_]/.test(name))
    profile.model.unresolved = true
  cite(profile, 'model', doc.lineOf(model.flat ? ['model'] : ['model', 'name']))
}

function readGeminiServerFilters(
  profile: AgentProfile,
  get: Get,
  at: At,
): ServerFilters {
  const allow = get('allowMcp')
  const exclude = get('excludeMcp')
  const allowed = allow?.list ? allow.strings : undefined
  const excluded = exclude?.strings ?? []
  if (allowed || excluded.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', at(allow ?? exclude))
  }
  return {
    allowed: allowed ? new Set(allowed) : undefined,
    excluded: excluded.length > 0 ? new Set(excluded) : undefined,
  }
}
