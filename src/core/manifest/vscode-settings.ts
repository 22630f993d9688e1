import { z } from 'zod'
import { errorMessage, ManifestError } from '../errors.js'
import { parseJsonDocument, type ParsedDocument } from '../parse/document.js'
import { validate } from '../parse/validate.js'
import type { Problem } from '../problems.js'
import { addNote, addTool, listSummary } from '../profile/build.js'
import type { AgentProfile, Tool } from '../profile/schema.js'
import { citeDefault, setApproval } from './host-defaults.js'
import { isReadOnlyCommand } from './permissions.js'
import { problem } from './result.js'
import type { ManifestFile } from './types.js'

/**
 * The VS Code workspace settings that govern Copilot custom agents:
 * `.vscode/settings.json` of the repository whose `.github/agents/` or
 * `.github/chatmodes/` holds the agent. Its auto-approve settings take
 * approvals away (source: VS Code docs, "Manage approvals and
 * permissions", code.visualstudio.com/docs/agents/approvals):
 *
 * - `chat.tools.global.autoApprove` (formerly `chat.tools.autoApprove`):
 *   every tool runs without asking;
 * - `chat.tools.terminal.autoApprove` (formerly
 *   `github.copilot.chat.agent.terminal.allowList`): commands matching a
 *   key set to true run without asking, unless
 *   `chat.tools.terminal.enableAutoApprove` is false;
 * - `chat.tools.urls.autoApprove`: URLs matching a key fetch unasked.
 *
 * Written by whoever wrote the agent, the file is read only as what the
 * editor will do with it: it can make an agent riskier, never hide one.
 */

const Rules = z.record(z.string(), z.unknown())
const SettingsInput = z.looseObject({
  'chat.tools.global.autoApprove': z.boolean().optional(),
  'chat.tools.autoApprove': z.boolean().optional(),
  'chat.tools.terminal.enableAutoApprove': z.boolean().optional(),
  'chat.tools.terminal.autoApprove': Rules.optional(),
  'github.copilot.chat.agent.terminal.allowList': Rules.optional(),
  'chat.tools.urls.autoApprove': Rules.optional(),
})

/** Keys that match every command or URL. */
const EVERYTHING =
  /^(\*|\*\*|\/\.\*\/[a-z]*|\/\^?\.[*+]\$?\/[a-z]*|https?:\/\/\*|\*:\/\/\*)$/

/** The settings file of the repository a Copilot agent belongs to. */
export function workspaceSettingsFile(agentPath: string): string | undefined {
  const match = /^(.*\/)?\.github\/(agents|chatmodes)\/(?:[^/]+\/)*[^/]+$/.exec(
    agentPath,
  )
  return match ? `${match[1] ?? ''}.vscode/settings.json` : undefined
}

/**
 * Applies the workspace's auto-approve settings to a Copilot agent read for
 * VS Code. Runs before the host's defaults, which fill what is left.
 */
export function applyWorkspaceSettings(
  profile: AgentProfile,
  file: ManifestFile,
  problems: Problem[],
): void {
  const path = workspaceSettingsFile(file.path)
  const text = path ? file.readSibling(path) : undefined
  if (!path || text === undefined) return
  let doc: ParsedDocument
  try {
    doc = parseJsonDocument(text, path)
  } catch (error) {
    problems.push(
      problem(
        path,
        error instanceof ManifestError ? error.position.line : undefined,
        `${path} could not be read as VS Code settings (${errorMessage(error).split('\n', 1)[0] ?? ''}); it does not govern ${file.path}`,
        { level: 'warning' },
      ),
    )
    return
  }
  const checked = validate(SettingsInput, doc.value, { doc, file: path })
  if (!checked.ok) {
    for (const p of checked.problems)
      problems.push({
        ...p,
        level: 'warning',
        message: `${p.message}: these settings do not govern ${file.path}`,
      })
    return
  }
  const data = checked.data
  const at = (key: string, ...rest: string[]): string => {
    const line = doc.lineOf([key, ...rest])
    return line === undefined ? path : `${path} line ${line}`
  }
  const globalKey =
    data['chat.tools.global.autoApprove'] !== undefined
      ? 'chat.tools.global.autoApprove'
      : 'chat.tools.autoApprove'
  if (data[globalKey] === true) {
    const source = `${at(globalKey)}: ${globalKey} lets every tool run without asking`
    for (const tool of profile.tools)
      if (tool.requiresApproval === undefined) setApproval(tool, false, source)
    addNote(profile, source)
    if (profile.allTools && profile.controls.humanApproval === undefined) {
      profile.controls.humanApproval = false
      citeDefault(profile, 'controls.humanApproval', source)
    }
    return
  }
  if (data['chat.tools.terminal.enableAutoApprove'] !== false) {
    for (const key of [
      'chat.tools.terminal.autoApprove',
      'github.copilot.chat.agent.terminal.allowList',
    ] as const)
      commandRules(profile, data[key], key, at)
  }
  urlRules(profile, data['chat.tools.urls.autoApprove'], at)
}

type At = (key: string, ...rest: string[]) => string

function approved(value: unknown): boolean {
  // `{ approve: true, matchCommandLine: true }` is the long form.
  return (
    value === true ||
    (typeof value === 'object' &&
      value !== null &&
      (value as Record<string, unknown>).approve === true)
  )
}

function commandRules(
  profile: AgentProfile,
  rules: Readonly<Record<string, unknown>> | undefined,
  key: string,
  at: At,
): void {
  const shells = profile.tools.filter(
    (t) => t.kind === 'shell' && t.source === 'builtin',
  )
  if (!rules || (shells.length === 0 && !profile.allTools)) return
  const patterns: string[] = []
  for (const [pattern, value] of Object.entries(rules)) {
    if (!approved(value)) continue
    const source = `${at(key, pattern)}: ${key} lets ${pattern} run without asking`
    if (EVERYTHING.test(pattern.trim())) {
      for (const tool of shells)
        if (tool.requiresApproval === undefined)
          setApproval(tool, false, source)
      if (shells.length === 0)
        addTool(profile, scoped('execute', pattern, source, 'shell'))
      continue
    }
    patterns.push(pattern)
    const base = shells[0]?.name ?? 'execute'
    const tool = scoped(base, pattern, source, 'shell')
    if (isReadOnlyCommand(pattern.replace(/^\/|\/[a-z]*$/g, '')))
      tool.readOnly = true
    addTool(profile, tool)
  }
  if (patterns.length > 0)
    addNote(
      profile,
      `terminal commands that run without asking: ${listSummary(patterns)}`,
    )
}

function urlRules(
  profile: AgentProfile,
  rules: Readonly<Record<string, unknown>> | undefined,
  at: At,
): void {
  if (!rules) return
  const key = 'chat.tools.urls.autoApprove'
  for (const [pattern, value] of Object.entries(rules)) {
    if (!approved(value) || !EVERYTHING.test(pattern.trim())) continue
    const source = `${at(key, pattern)}: ${key} lets every URL be fetched without asking`
    for (const tool of profile.tools)
      if (tool.kind === 'network' && tool.source === 'builtin')
        if (tool.requiresApproval === undefined)
          setApproval(tool, false, source)
  }
}

function scoped(
  base: string,
  pattern: string,
  source: string,
  kind: Tool['kind'],
): Tool {
  const tool: Tool = {
    name: `${base}(${pattern})`,
    kind,
    source: 'builtin',
    description: `only ${pattern}`,
  }
  setApproval(tool, false, source)
  return tool
}
