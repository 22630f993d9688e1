import {
  addNote,
  cite,
  setApproval,
  settleApproval,
  type AgentProfile,
} from '../../manifest/kit.js'
import type { CagentContext } from './map-toolsets.js'

/** The shebang's flags and the top-level permissions, for every agent. */
export function applyFileWide(
  context: CagentContext,
  profile: AgentProfile,
): void {
  if (context.sandbox) {
    profile.controls.sandbox = true
    cite(profile, 'controls.sandbox', 1)
    addNote(profile, '--sandbox on the shebang line: it runs in a container')
  }
  if (context.interactive) {
    profile.exposure.reach = 'local'
    if (profile.name === 'root' && !profile.triggers.includes('chat')) {
      profile.triggers.push('chat')
      cite(profile, 'triggers', 1)
    }
  }
  applyPermissions(context, profile)
}

function applyPermissions(context: CagentContext, profile: AgentProfile): void {
  const permissions = context.config.permissions
  const line = (key?: string): number | undefined =>
    context.read.lineOf(key ? ['permissions', key] : ['permissions'])
  if (context.yolo) {
    profile.controls.humanApproval = false
    cite(profile, 'controls.humanApproval', 1)
    addNote(
      profile,
      '--yolo on the shebang line: tools run without confirmation',
    )
  }
  if (!permissions) {
    if (!context.yolo && profile.tools.length > 0) {
      addNote(
        profile,
        'no permissions block: cagent asks before running tools unless started with --yolo',
      )
    }
    applyCagentDefaults(context, profile)
    return
  }
  const { allow, ask, deny } = permissions
  if (allow.length + deny.length > 0) {
    profile.controls.allowlists = true
    cite(
      profile,
      'controls.allowlists',
      line(deny.length > 0 ? 'deny' : 'allow'),
    )
  }
  const allowsAll = allow.some((pattern) => pattern.trim() === '*')
  if (!context.yolo) {
    profile.controls.humanApproval = !allowsAll
    cite(profile, 'controls.humanApproval', line())
  }
  decideTools(profile, allow, ask)
  applyCagentDefaults(context, profile)
  notePatterns(profile, allow, ask, deny)
}

/** Tools an allow pattern names run without asking; ask patterns ask. */
function decideTools(
  profile: AgentProfile,
  allow: readonly string[],
  ask: readonly string[],
): void {
  for (const tool of profile.tools) {
    if (
      allow.some((p) =>
        [tool.name, `${tool.name}*`, `${tool.name}:*`, '*'].includes(p.trim()),
      )
    ) {
      tool.requiresApproval = false
    } else if (
      ask.some((p) =>
        [tool.name, `${tool.name}*`, `${tool.name}:*`].includes(p.trim()),
      )
    ) {
      tool.requiresApproval = true
    }
  }
}

function notePatterns(
  profile: AgentProfile,
  allow: readonly string[],
  ask: readonly string[],
  deny: readonly string[],
): void {
  if (allow.length > 0) {
    addNote(
      profile,
      `permissions.allow: ${allow.length} patterns run without confirmation (${allow.slice(0, 3).join(', ')}${allow.length > 3 ? ', ...' : ''})`,
    )
  }
  if (deny.length > 0) {
    addNote(
      profile,
      `permissions.deny: ${deny.length} patterns are always refused`,
    )
  }
  if (ask.length > 0) {
    addNote(profile, `permissions.ask: ${ask.length} patterns always ask first`)
  }
}

/**
 * cagent's documented default: it confirms each tool call unless started
 * with `--yolo`. Tools no permissions pattern decided take that default, so
 * a bypass (`--yolo`, `allow: ['*']`) always ranks above the default run.
 */
function applyCagentDefaults(
  context: CagentContext,
  profile: AgentProfile,
): void {
  for (const tool of profile.tools) {
    if (tool.requiresApproval !== undefined) continue
    setApproval(
      tool,
      !context.yolo,
      context.yolo
        ? `--yolo: cagent runs ${tool.name} without asking`
        : `host default: cagent asks before running ${tool.name} unless started with --yolo`,
    )
  }
  settleApproval(profile)
}
