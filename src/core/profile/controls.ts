import { CONTROLS, type AgentProfile, type Control } from './schema.js'
import { changesThings } from './tool-kinds.js'

/**
 * Whether a control is in effect for an agent: declared true. Human approval
 * also counts when every tool that changes things requires it, since that is
 * the same safeguard declared tool by tool.
 */
export function controlInEffect(
  profile: AgentProfile,
  control: Control,
): boolean {
  if (profile.controls[control] === true) return true
  if (control !== 'humanApproval') return false
  const writers = profile.tools.filter(changesThings)
  return writers.length > 0 && writers.every((t) => t.requiresApproval === true)
}

/** The controls in effect, in the canonical order. */
export function controlsInEffect(profile: AgentProfile): Control[] {
  return CONTROLS.filter((c) => controlInEffect(profile, c))
}

/** "guardrails declared off" or "no guardrails declared". */
export function controlState(profile: AgentProfile, control: Control): string {
  return profile.controls[control] === false
    ? `${control} declared off`
    : `no ${control} declared`
}
