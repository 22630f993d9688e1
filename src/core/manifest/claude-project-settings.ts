import { z } from 'zod'
import { errorMessage, ManifestError } from '../errors.js'
import { parseJsonDocument, type ParsedDocument } from '../parse/document.js'
import { validate } from '../parse/validate.js'
import type { Problem } from '../problems.js'
import { addNote, addTool, listSummary } from '../profile/build.js'
import type { AgentProfile, Tool } from '../profile/schema.js'
import { harnessTool } from './harness-tools.js'
import { citeDefault, setApproval } from './host-defaults.js'
import {
  applyPermissionMode,
  CLAUDE_PERMISSION_MODES,
  isReadOnlyCommand,
} from './permissions.js'
import { problem } from './result.js'
import type { ManifestFile } from './types.js'

/**
 * The project settings that govern Claude Code agents: `.claude/settings.json`
 * and `.claude/settings.local.json` beside the `.claude/agents/` folder an
 * agent lives in. Only that project root: a settings file elsewhere in the
 * tree governs nothing here.
 *
 * The files are written by whoever wrote the agent, so what they say is
 * read as configuration the host applies to it: an allow rule takes an
 * approval away, a deny rule takes a tool away, a mode changes what asks.
 * Nothing here changes a policy or hides an agent.
 */

const RULES = z.array(z.string()).optional()
const SettingsInput = z.looseObject({
  permissions: z
    .looseObject({
      allow: RULES,
      ask: RULES,
      deny: RULES,
      defaultMode: z.string().optional(),
    })
    .optional(),
})

export interface SettingsRule {
  readonly entry: string
  readonly file: string
  readonly line: number | undefined
}

export interface ProjectSettings {
  readonly files: readonly string[]
  readonly mode?: { readonly value: string } & Omit<SettingsRule, 'entry'>
  readonly allow: readonly SettingsRule[]
  readonly ask: readonly SettingsRule[]
  readonly deny: readonly SettingsRule[]
}

/** The settings files of the project an agent file belongs to, shared first. */
export function projectSettingsFiles(agentPath: string): string[] {
  const match = /^(.*\/)?\.claude\/agents\/(?:[^/]+\/)*[^/]+$/.exec(agentPath)
  if (!match) return []
  const root = match[1] ?? ''
  return [`${root}.claude/settings.json`, `${root}.claude/settings.local.json`]
}

/**
 * Reads the settings that govern an agent; a file that cannot be read as
 * settings is a problem naming it and its line, and governs nothing.
 */
export function readProjectSettings(
  file: ManifestFile,
  problems: Problem[],
): ProjectSettings | undefined {
  const files: string[] = []
  const allow: SettingsRule[] = []
  const ask: SettingsRule[] = []
  const deny: SettingsRule[] = []
  let mode: ProjectSettings['mode']
  // The local file is read last: the host lets it override the shared one.
  for (const path of projectSettingsFiles(file.path)) {
    const text = file.readSibling(path)
    if (text === undefined) continue
    let doc: ParsedDocument
    try {
      doc = parseJsonDocument(text, path)
    } catch (error) {
      problems.push(
        problem(path, lineOf(error), settingsUnread(path, file.path, error), {
          level: 'warning',
        }),
      )
      continue
    }
    const checked = validate(SettingsInput, doc.value, { doc, file: path })
    if (!checked.ok) {
      for (const p of checked.problems)
        problems.push({
          ...p,
          level: 'warning',
          message: `${p.message}: these settings do not govern ${file.path}`,
        })
      continue
    }
    files.push(path)
    const permissions = checked.data.permissions
    const read = (key: 'allow' | 'ask' | 'deny', into: SettingsRule[]): void =>
      (permissions?.[key] ?? []).forEach((entry, i) =>
        into.push({
          entry,
          file: path,
          line: doc.lineOf(['permissions', key, i]),
        }),
      )
    read('allow', allow)
    read('ask', ask)
    read('deny', deny)
    if (permissions?.defaultMode !== undefined)
      mode = {
        value: permissions.defaultMode,
        file: path,
        line: doc.lineOf(['permissions', 'defaultMode']),
      }
  }
  if (files.length === 0) return undefined
  return { files, mode, allow, ask, deny }
}

function lineOf(error: unknown): number | undefined {
  return error instanceof ManifestError ? error.position.line : undefined
}

function settingsUnread(path: string, agent: string, error: unknown): string {
  return `${path} could not be read as Claude Code settings (${errorMessage(error).split('\n', 1)[0] ?? ''}); it does not govern ${agent}`
}

function at(rule: Omit<SettingsRule, 'entry'>): string {
  return rule.line === undefined ? rule.file : `${rule.file} line ${rule.line}`
}

/** Built-in tools a rule on one name also covers (the host's docs). */
const COVERS: Readonly<Record<string, readonly string[]>> = {
  edit: ['edit', 'write', 'multiedit', 'notebookedit'],
  read: ['read', 'grep', 'glob', 'ls', 'notebookread'],
}

/** Whether a rule naming `rule` (no scope) applies to a tool. */
function covers(rule: string, tool: Tool): boolean {
  const name = tool.name.toLowerCase().replace(/\(.*\)$/, '')
  const wanted = rule.toLowerCase()
  if (name === wanted) return true
  if ((COVERS[wanted] ?? []).includes(name)) return true
  // `mcp__server` and `mcp__server__*` cover every tool of the server.
  const server = /^mcp__([^_]+(?:_[^_]+)*?)(?:__\*)?$/.exec(wanted)?.[1]
  return server !== undefined && name.startsWith(`mcp__${server}__`)
}

/**
 * Applies the project's settings to an agent: deny rules take tools away,
 * ask and allow rules set approvals (ask wins, as in the host), the
 * project's defaultMode applies when the agent names no permissionMode.
 * Runs before the host's defaults, which fill what is left.
 */
export function applyProjectSettings(
  profile: AgentProfile,
  settings: ProjectSettings,
  agentMode: string | undefined,
): void {
  addNote(
    profile,
    `governed by the project settings in ${settings.files.join(' and ')}`,
  )
  const bypass = (agentMode ?? settings.mode?.value) === 'bypassPermissions'
  applyDeny(profile, settings.deny)
  // Under bypassPermissions nothing prompts, ask rules included.
  if (!bypass) applyRules(profile, settings.ask, true)
  applyRules(profile, settings.allow, false)
  if (agentMode === undefined && settings.mode) {
    const mode = settings.mode
    profile.autonomy.permissionMode = mode.value
    citeDefault(profile, 'autonomy', `${at(mode)}: permissions.defaultMode`)
    if (CLAUDE_PERMISSION_MODES.includes(mode.value))
      applyPermissionMode(profile, mode.value, mode.line, mode.file)
  }
}

function applyDeny(
  profile: AgentProfile,
  rules: readonly SettingsRule[],
): void {
  for (const rule of rules) {
    const { tool, scope } = harnessTool(rule.entry, undefined, 'claude-code')
    if (scope) {
      addNote(profile, `${at(rule)}: permissions.deny refuses ${rule.entry}`)
      continue
    }
    const before = profile.tools.length
    profile.tools = profile.tools.filter(
      (t) => !covers(tool.name.replace(/\(.*\)$/, ''), t),
    )
    if (profile.tools.length < before || profile.allTools)
      addNote(profile, `${at(rule)}: permissions.deny takes ${rule.entry} away`)
  }
}

function applyRules(
  profile: AgentProfile,
  rules: readonly SettingsRule[],
  asks: boolean,
): void {
  const key = asks ? 'permissions.ask' : 'permissions.allow'
  const scoped: string[] = []
  for (const rule of rules) {
    const { tool, scope } = harnessTool(rule.entry, undefined, 'claude-code')
    const base = rule.entry.replace(/\(.*\)$/, '')
    const source = `${at(rule)}: ${key} ${asks ? 'makes' : 'lets'} ${rule.entry} ${asks ? 'ask first' : 'run'}`
    const has =
      profile.allTools === true || profile.tools.some((t) => covers(base, t))
    if (!has) continue
    if (scope) {
      // A command pattern is a narrower tool beside the whole one.
      if (tool.kind !== 'shell') {
        scoped.push(rule.entry)
        continue
      }
      if (isReadOnlyCommand(scope)) tool.readOnly = true
      tool.description = `only ${scope}`
      setApproval(tool, asks, source)
      addTool(profile, tool)
      continue
    }
    let matched = false
    for (const t of profile.tools)
      if (covers(base, t) && t.requiresApproval === undefined) {
        setApproval(t, asks, source)
        matched = true
      }
    if (
      !matched &&
      profile.allTools &&
      !profile.tools.some((t) => covers(base, t))
    ) {
      setApproval(tool, asks, source)
      addTool(profile, tool)
    }
  }
  if (scoped.length > 0)
    addNote(
      profile,
      `project settings ${asks ? 'ask before' : 'allow without asking'}: ${listSummary(scoped)}`,
    )
}
