import { listSummary } from '../profile/build.js'
import type { AgentProfile, Tool } from '../profile/schema.js'
import { isReadOnlyTool, SIDE_EFFECT_KINDS } from '../profile/tool-kinds.js'
import { harnessTool } from './harness-tools.js'
import { HOST_NAMES, HOST_TABLES, type HostId } from './hosts/index.js'

/**
 * A host's documented default approvals, applied to the tools a manifest
 * and the settings that govern it leave unstated. Every value set here
 * carries its source (`host default: Claude Code asks before running
 * Bash`), which reports print where they would print a line.
 */

/** Records where a field's value came from when no line of the manifest set it. */
export function citeDefault(
  profile: AgentProfile,
  field: string,
  source: string,
): void {
  profile.defaults ??= {}
  profile.defaults[field] ??= source
}

/** Sets a tool's approval from a source other than the manifest's own line. */
export function setApproval(tool: Tool, asks: boolean, source: string): void {
  tool.requiresApproval = asks
  tool.approvalSource = source
}

export interface HostDefaultOptions {
  /** Whether the host asks before an MCP tool runs. */
  readonly mcpAsks?: boolean
  /** Overrides every tool: the host asks for nothing (an unattended agent). */
  readonly nothingAsks?: string
}

/** The host's own words for a default approval of one tool. */
export function hostDefaultText(
  host: HostId,
  tool: string,
  asks: boolean,
): string {
  const name = HOST_NAMES[host]
  return asks
    ? `host default: ${name} asks before running ${tool}`
    : `host default: ${name} runs ${tool} without asking`
}

/**
 * Gives every tool whose approval is still unstated the host's documented
 * default, then settles humanApproval from the tools (and from the host's
 * whole tool set when the list is open).
 */
export function applyHostDefaults(
  profile: AgentProfile,
  host: HostId,
  options: HostDefaultOptions = {},
): void {
  for (const tool of profile.tools) {
    if (tool.requiresApproval !== undefined) continue
    if (options.nothingAsks) {
      setApproval(tool, false, options.nothingAsks)
      continue
    }
    const asks =
      tool.source === 'mcp'
        ? options.mcpAsks
        : harnessTool(tool.name, undefined, host).asks
    if (asks === undefined) continue
    setApproval(tool, asks, hostDefaultText(host, tool.name, asks))
  }
  const open = profile.allTools
    ? options.nothingAsks
      ? { asks: false, source: options.nothingAsks }
      : openListApproval(host, options.mcpAsks)
    : undefined
  if (profile.allTools) profile.openList = openListTools(profile, host, options)
  settleApproval(profile, open)
}

/**
 * The host's built-in tools an open list gives, each with the approval the
 * host would ask for: scored beside the listed tools, so that an open list
 * is never less than any list of the host's tools.
 */
function openListTools(
  profile: AgentProfile,
  host: HostId,
  options: HostDefaultOptions,
): Tool[] {
  const line = profile.evidence.tools
  return Object.entries(HOST_TABLES[host])
    .filter(([, fact]) => fact.kind !== 'other')
    .map(([name, fact]) => {
      const asks =
        options.nothingAsks || profile.controls.humanApproval === false
          ? false
          : fact.asks
      const tool: Tool = {
        name,
        kind: fact.kind,
        wildcard: true,
        source: 'builtin',
        ...(fact.readOnly ? { readOnly: true } : {}),
        ...(line === undefined ? {} : { line }),
      }
      if (asks !== undefined)
        setApproval(
          tool,
          asks,
          options.nothingAsks ?? hostDefaultText(host, name, asks),
        )
      return tool
    })
}

/** Tools that change things, the ones approval is about. */
function acting(tools: readonly Tool[]): Tool[] {
  return tools.filter(
    (t) => SIDE_EFFECT_KINDS.has(t.kind) && !isReadOnlyTool(t),
  )
}

/**
 * What an open tool list means for approvals: whether every built-in tool
 * of the host that changes things asks by default (and MCP tools, which an
 * open list includes).
 */
function openListApproval(
  host: HostId,
  mcpAsks: boolean | undefined,
): { asks: boolean | undefined; source: string } {
  const table = HOST_TABLES[host]
  const facts = Object.values(table).filter(
    (t) => SIDE_EFFECT_KINDS.has(t.kind) && t.readOnly !== true,
  )
  const values = new Set([...facts.map((t) => t.asks), mcpAsks])
  const asks =
    values.size === 1 && !values.has(undefined)
      ? (values.values().next().value as boolean)
      : undefined
  const name = HOST_NAMES[host]
  return {
    asks,
    source: asks
      ? `host default: ${name} asks before running any tool that changes things`
      : `host default: ${name} runs its tools without asking`,
  }
}

/**
 * humanApproval from the tools' approvals when nothing stated it: true when
 * every tool that changes things asks, false when none does; cited by the
 * tools' sources, since no line of the manifest says it.
 */
export function settleApproval(
  profile: AgentProfile,
  open?: { readonly asks: boolean | undefined; readonly source: string },
): void {
  if (profile.controls.humanApproval !== undefined) return
  const tools = acting(profile.tools)
  const values = new Set(tools.map((t) => t.requiresApproval))
  let value: boolean | undefined =
    values.size === 1 ? [...values][0] : undefined
  if (tools.length === 0) value = open?.asks
  else if (open && open.asks !== value) value = undefined
  if (value === undefined) return
  const sources = [
    ...new Set(
      tools
        .map((t) => t.approvalSource)
        .filter((s): s is string => s !== undefined),
    ),
  ]
  // A line of the manifest set every one of them: the tools' lines say it.
  if (sources.length === 0 && tools.length > 0 && !open) return
  profile.controls.humanApproval = value
  citeDefault(
    profile,
    'controls.humanApproval',
    sources.length > 0 ? summary(sources) : (open?.source ?? ''),
  )
}

/** `host default: Claude Code asks before running Bash, Edit and Write`. */
function summary(sources: readonly string[]): string {
  const common =
    /^(host default: .+? (?:asks before running|runs)) (.+?)( without asking)?$/
  const parts = sources.map((s) => common.exec(s))
  const head = parts[0]?.[1]
  const tail = parts[0]?.[3] ?? ''
  if (head && parts.every((p) => p?.[1] === head && (p[3] ?? '') === tail))
    return `${head} ${listSummary(
      parts.map((p) => p?.[2] ?? ''),
      4,
    )}${tail}`
  return sources.length > 2
    ? `${sources.slice(0, 2).join('; ')} and ${sources.length - 2} more`
    : sources.join('; ')
}
