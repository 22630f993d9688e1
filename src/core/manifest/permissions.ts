import { addNote, cite } from '../profile/build.js'
import type { AgentProfile, Tool } from '../profile/schema.js'
import { isReadOnlyTool, SIDE_EFFECT_KINDS } from '../profile/tool-kinds.js'
import { harnessTool } from './harness-tools.js'
import { citeDefault, hostDefaultText, setApproval } from './host-defaults.js'
import { CLAUDE_CODE_MCP_ASKS } from './hosts/claude-code.js'

/**
 * What the permission settings of coding assistants mean for approvals:
 * the approval a tool list implies, commands that only read, and the
 * patterns permission rules are written in.
 */

/**
 * The approval control a harness's tool list implies: true when every tool
 * that changes things waits for a person, false when none does, undefined
 * when it is mixed or not stated (the per-tool flags then tell the story).
 */
export function approvalOf(tools: readonly Tool[]): boolean | undefined {
  const acting = tools.filter(
    (t) => SIDE_EFFECT_KINDS.has(t.kind) && !isReadOnlyTool(t),
  )
  if (acting.length === 0) return undefined
  if (acting.every((t) => t.requiresApproval === true)) return true
  if (acting.every((t) => t.requiresApproval === false)) return false
  return undefined
}

/** Commands that only look (`ls`, `git diff`…), as permission patterns name them. */
const READ_ONLY_COMMANDS =
  /^(ls|cat|head|tail|wc|grep|rg|find|tree|pwd|stat|file|du|df|less|more|which|whoami|env|printenv|date|diff|echo|git (status|diff|log|show|branch|rev-parse|blame|ls-files|remote -v))\b/

/**
 * Whether a command pattern (`git diff *`, `ls:*`, `^git status$`) only reads.
 * Anything with shell chaining or redirection is not read-only.
 */
export function isReadOnlyCommand(pattern: string): boolean {
  const command = pattern
    .trim()
    .replace(/^\^/, '')
    .replace(/[$]$/, '')
    .replace(/:\*$/, '')
    .trim()
  if (/[;&|`>]|\$\(/.test(command)) return false
  return READ_ONLY_COMMANDS.test(command)
}

/**
 * A permission pattern as a whole-name test: `*` matches any run of
 * characters and, with `questionMark`, `?` matches one (Amazon Q's
 * allowedTools); every other character matches itself.
 */
export function globPattern(
  pattern: string,
  options: { readonly questionMark?: boolean } = {},
): RegExp {
  const source = [...pattern]
    .map((char) =>
      char === '*'
        ? '.*'
        : char === '?' && options.questionMark
          ? '.'
          : char.replace(/[.+?^${}()|[\]\\]/, '\\$&'),
    )
    .join('')
  return new RegExp(`^${source}$`)
}

/** Claude Code's permission modes (`permissionMode`, `permissions.defaultMode`). */
export const CLAUDE_PERMISSION_MODES = [
  'default',
  'acceptEdits',
  'plan',
  'bypassPermissions',
  'dontAsk',
  'auto',
]

/**
 * What a Claude Code permission mode means for approvals, for subagents
 * (`permissionMode`) and project settings (`permissions.defaultMode`).
 * `settings`: the settings file the mode comes from when it is not the
 * manifest itself; then its line is cited in the tools' approvalSource and
 * in `defaults`, not as a line of the manifest. Tools whose approval a
 * rule already set keep it.
 */
export function applyPermissionMode(
  profile: AgentProfile,
  mode: string,
  line: number | undefined,
  settings?: string,
): void {
  const key = settings ? 'permissions.defaultMode' : 'permissionMode'
  const where = settings
    ? `${settings}${line === undefined ? '' : ` line ${line}`}: `
    : line === undefined
      ? ''
      : `line ${line}: `
  const because = `${where}${key} ${mode}`
  const set = (value: boolean): void => {
    profile.controls.humanApproval = value
    if (settings) citeDefault(profile, 'controls.humanApproval', because)
    else cite(profile, 'controls.humanApproval', line)
  }
  const tools = (asks: boolean, which: (tool: Tool) => boolean): void => {
    for (const tool of profile.tools)
      if (tool.requiresApproval === undefined && which(tool))
        setApproval(
          tool,
          asks,
          asks
            ? `${because} asks before it runs`
            : `${because} lets it run without asking`,
        )
  }
  switch (mode) {
    case 'bypassPermissions':
    case 'dontAsk':
    case 'auto':
      tools(false, () => true)
      set(false)
      addNote(
        profile,
        mode === 'dontAsk'
          ? 'permissionMode dontAsk: nothing asks for confirmation; tools that are not pre-approved are refused'
          : mode === 'auto'
            ? 'permissionMode auto: a classifier, not a person, decides on each action'
            : 'permissionMode bypassPermissions: tools run without confirmation',
      )
      break
    case 'acceptEdits':
      tools(false, (tool) => tool.kind === 'file-write')
      set(false)
      addNote(
        profile,
        'permissionMode acceptEdits: file edits are accepted without confirmation',
      )
      break
    case 'plan':
      // Nothing changes files or runs commands until the plan is approved.
      tools(true, (tool) => !isReadOnlyTool(tool) && tool.kind !== 'search')
      profile.autonomy.planning = true
      set(true)
      addNote(
        profile,
        'permissionMode plan: it only explores and plans until a person approves the plan',
      )
      break
    case 'default':
      for (const tool of profile.tools) {
        if (tool.requiresApproval !== undefined) continue
        const asks =
          tool.source === 'mcp'
            ? CLAUDE_CODE_MCP_ASKS
            : harnessTool(tool.name, undefined, 'claude-code').asks
        if (asks === undefined) continue
        setApproval(
          tool,
          asks,
          `${because}: ${hostDefaultText('claude-code', tool.name, asks).replace(/^host default: /, '')}`,
        )
      }
      set(true)
      break
  }
}
