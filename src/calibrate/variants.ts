import { toolSafeguardKey } from '../core/manifest/aivss-block.js'
import type { AgentProfile, Control, Tool } from '../core/profile/schema.js'
import { CONTROLS } from '../core/profile/schema.js'
import { changesThings, isReadOnlyTool } from '../core/profile/tool-kinds.js'
import { ProfileFacts } from '../core/signals/signals.js'

/**
 * Profile-level variants of one agent that have strictly fewer or more
 * capabilities than it, as ordered pairs (less, more). Scoring is right
 * only if no pair scores `less` above `more`, on the score, a factor or a
 * baseline metric. The variants change the profile, never a manifest: they
 * test the scoring, whatever a format makes of its files.
 */

export const VARIANT_KINDS = [
  'drop-tool',
  'read-only-tools',
  'add-shell',
  'all-tools',
  'remove-control',
  'remove-control-off',
  'remove-approval',
  'bypass-approvals',
] as const
export type VariantKind = (typeof VARIANT_KINDS)[number]

export interface VariantPair {
  readonly kind: VariantKind
  /** What the variant changed, for the report. */
  readonly label: string
  readonly less: AgentProfile
  readonly more: AgentProfile
  /** `more` must score strictly higher, not only at least as high. */
  readonly strict: boolean
}

/** What a bypassed approval cites, as a host default or a setting would. */
export const BYPASS_SOURCE =
  'bypass: every approval of the host is turned off for this agent'

/** Drop-one variants per agent at most: a long tool list adds nothing new. */
const MAX_DROPPED = 24

export function variantPairs(profile: AgentProfile): VariantPair[] {
  return [
    ...dropOneTool(profile),
    ...readOnlyTools(profile),
    ...addShell(profile),
    ...openToolList(profile),
    ...removeControls(profile),
    ...removeApproval(profile),
    ...bypassApprovals(profile),
  ]
}

function dropOneTool(profile: AgentProfile): VariantPair[] {
  return profile.tools.slice(0, MAX_DROPPED).map((tool, i) => ({
    kind: 'drop-tool',
    label: `without tool ${tool.name}`,
    less: withTools(profile, profile.tools.toSpliced(i, 1)),
    more: profile,
    strict: false,
  }))
}

function readOnlyTools(profile: AgentProfile): VariantPair[] {
  const kept = profile.tools.filter((t) => isReadOnlyTool(t) && !t.wildcard)
  if (kept.length === profile.tools.length && !profile.allTools) return []
  // The open list goes too: it would hand the agent every tool again.
  const { allTools: _open, ...closed } = profile
  return [
    {
      kind: 'read-only-tools',
      label: `only read-only tools (${kept.length} of ${profile.tools.length})`,
      less: withTools(closed, kept),
      more: profile,
      strict: false,
    },
  ]
}

function addShell(profile: AgentProfile): VariantPair[] {
  const names = new Set(profile.tools.map((t) => t.name))
  let name = 'Bash'
  for (let n = 2; names.has(name); n++) name = `Bash_${n}`
  const shell: Tool = { name, kind: 'shell', source: 'builtin' }
  return [
    {
      kind: 'add-shell',
      label: `with a shell tool ${name}`,
      less: profile,
      more: withTools(profile, [...profile.tools, shell]),
      strict: false,
    },
  ]
}

function openToolList(profile: AgentProfile): VariantPair[] {
  if (profile.allTools === true) return []
  return [
    {
      kind: 'all-tools',
      label: 'with an open tool list (allTools)',
      less: profile,
      more: { ...profile, allTools: true },
      strict: false,
    },
  ]
}

/**
 * A control declared on protects, so removing it widens the agent; one
 * declared off must never score lower than not stated, so removing that
 * narrows it.
 */
function removeControls(profile: AgentProfile): VariantPair[] {
  const pairs: VariantPair[] = []
  for (const control of CONTROLS) {
    const value = profile.controls[control]
    if (value === undefined) continue
    const without = withoutControl(profile, control)
    pairs.push(
      value
        ? {
            kind: 'remove-control',
            label: `without control ${control}`,
            less: profile,
            more: without,
            strict: false,
          }
        : {
            kind: 'remove-control-off',
            label: `without control ${control} (declared off)`,
            less: without,
            more: profile,
            strict: false,
          },
    )
  }
  return pairs
}

function withoutControl(profile: AgentProfile, control: Control): AgentProfile {
  const { [control]: _control, ...controls } = profile.controls
  const aivss = profile.aivss
  if (!aivss?.controls?.[control]) return { ...profile, controls }
  // The aivss layer would otherwise put the control back as a declaration.
  const { [control]: _declared, ...declared } = aivss.controls
  return { ...profile, controls, aivss: { ...aivss, controls: declared } }
}

function removeApproval(profile: AgentProfile): VariantPair[] {
  const approved = profile.tools.filter((t) => t.requiresApproval === true)
  if (approved.length === 0) return []
  const tools = profile.tools.map((tool) => {
    if (tool.requiresApproval !== true) return tool
    const { requiresApproval: _a, approvalSource: _s, ...rest } = tool
    return rest
  })
  return [
    {
      kind: 'remove-approval',
      label: `without approval on ${approved.map((t) => t.name).join(', ')}`,
      less: profile,
      more: withoutApprovalSafeguards(withTools(profile, tools), approved),
      strict: false,
    },
  ]
}

/**
 * Every tool auto-approved with a source that says so, against the host's
 * default (the profile as read). Where the default asks before a tool that
 * changes things, bypassing it must raise the score, not only keep it.
 */
function bypassApprovals(profile: AgentProfile): VariantPair[] {
  if (profile.tools.length === 0) return []
  const asked = profile.tools.filter((t) => t.requiresApproval === true)
  const tools = profile.tools.map((tool) => ({
    ...tool,
    requiresApproval: false,
    approvalSource: BYPASS_SOURCE,
  }))
  return [
    {
      kind: 'bypass-approvals',
      label: `approvals bypassed on all ${tools.length} tools`,
      less: profile,
      more: withoutApprovalSafeguards(
        bypassed(withTools(profile, tools)),
        asked,
      ),
      // Strictly higher against the host's defaults: every tool that changes
      // things asks. A base that already skips confirmation is the bypass;
      // one whose settings already let some such tools run unasked only
      // rises by what is left, which the score's one decimal may not show.
      strict:
        asked.some((t) => changesThings(t)) &&
        profile.tools.every(
          (t) => !changesThings(t) || t.requiresApproval === true,
        ) &&
        new ProfileFacts(profile).signal('autonomy.bypass') === undefined,
    },
  ]
}

/** The harness's permission mode set to skip every confirmation. */
function bypassed(profile: AgentProfile): AgentProfile {
  return {
    ...profile,
    autonomy: { ...profile.autonomy, permissionMode: 'bypassPermissions' },
    controls:
      profile.controls.humanApproval === true
        ? { ...profile.controls, humanApproval: false }
        : profile.controls,
  }
}

/**
 * The variant edits the manifest's own list: a list narrowed to nothing is
 * still a stated list, cited where the tools were.
 */
function withTools(profile: AgentProfile, tools: Tool[]): AgentProfile {
  const line = profile.evidence.tools ?? profile.tools[0]?.line
  if (tools.length > 0 || line === undefined) return { ...profile, tools }
  return { ...profile, tools, evidence: { ...profile.evidence, tools: line } }
}

/** Drops the descriptor's approval claims for these tools, as removed. */
function withoutApprovalSafeguards(
  profile: AgentProfile,
  tools: readonly Tool[],
): AgentProfile {
  const safeguards = profile.aivss?.safeguards
  if (!profile.aivss || !safeguards) return profile
  const gone = new Set(
    tools.map((t) => toolSafeguardKey(t.name, 'requiresApproval')),
  )
  return {
    ...profile,
    aivss: {
      ...profile.aivss,
      safeguards: Object.fromEntries(
        Object.entries(safeguards).filter(([key]) => !gone.has(key)),
      ),
    },
  }
}
