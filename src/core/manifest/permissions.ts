import { addNote, cite } from '../profile/build.js'
import type { AgentProfile, Tool } from '../profile/schema.js'
import { isReadOnlyTool, SIDE_EFFECT_KINDS } from '../profile/tool-kinds.js'

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
 */
export function applyPermissionMode(
  profile: AgentProfile,
  mode: string,
  line: number | undefined,
): void {
  const set = (value: boolean): void => {
    profile.controls.humanApproval = value
    cite(profile, 'controls.humanApproval', line)
  }
  switch (mode) {
    case 'bypassPermissions':
    case 'dontAsk':
    case 'auto':
      for (const tool of profile.tools) tool.requiresApproval ??= false
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
      for (const tool of profile.tools)
        if (tool.kind === 'file-write') tool.requiresApproval ??= false
      set(false)
      addNote(
        profile,
        'permissionMode acceptEdits: file edits are accepted without confirmation',
      )
      break
    case 'plan':
      profile.autonomy.planning = true
      set(true)
      addNote(
        profile,
        'permissionMode plan: it only explores and plans until a person approves the plan',
      )
      break
    case 'default':
      for (const tool of profile.tools)
        if (
          !tool.readOnly &&
          tool.kind !== 'file-read' &&
          tool.kind !== 'search'
        )
          tool.requiresApproval ??= true
      set(true)
      break
  }
}
