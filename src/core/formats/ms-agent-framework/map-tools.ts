import {
  addNote,
  addTool,
  cite,
  classifyTool,
  mcpServerTool,
  recordServerReading,
  type Tool,
  type ToolKind,
} from '../../manifest/kit.js'
import { readConnection, type Context } from './map-model.js'
import type { ApprovalMode, Tool as ToolEntry, Tools } from './schema.js'

interface HostedTool {
  readonly kind: ToolKind
  readonly readOnly?: boolean
  readonly untrusted?: boolean
}

/** Tools the hosting service runs itself, by their `kind`. */
const HOSTED_TOOLS: Readonly<Record<string, HostedTool>> = {
  code_interpreter: { kind: 'code-exec' },
  file_search: { kind: 'search', readOnly: true },
  web_search: { kind: 'search', readOnly: true, untrusted: true },
  openapi: { kind: 'network' },
}

export function readTools(ctx: Context, tools: Tools): void {
  const { profile, read } = ctx
  if (!tools.entries) return
  if (tools.listed) cite(profile, 'tools', read.lineOf(['tools']))
  const coded: string[] = []
  for (const entry of tools.entries) {
    const line = read.lineOf(['tools', entry.index])
    const tool = readTool(ctx, entry, line)
    addTool(profile, tool)
    if (tool.source === 'code') coded.push(tool.name)
  }
  if (coded.length > 0)
    addNote(
      profile,
      `tools are bound in code (function ${coded.join(', ')}); the manifest shows their signatures only and under-reports what they do`,
    )
}

function readTool(
  ctx: Context,
  entry: ToolEntry,
  line: number | undefined,
): Tool {
  const kind = (entry.kind ?? entry.type ?? '')
    .toLowerCase()
    .replace(/[- ]/g, '_')
  const name = entry.name ?? entry.serverName ?? (kind || 'tool')
  const { description } = entry
  if (kind === 'mcp') return mcpTool(ctx, entry, name, line)
  // Own keys only: a kind of "constructor" must not find Object's.
  const hosted = Object.hasOwn(HOSTED_TOOLS, kind)
    ? HOSTED_TOOLS[kind]
    : undefined
  if (hosted?.kind === 'code-exec') ctx.profile.autonomy.codeExecution = true
  if (hosted?.untrusted) ctx.profile.exposure.untrustedInput = true
  readConnection(ctx, entry.connection, ['tools', entry.index, 'connection'])
  return {
    name,
    kind: hosted?.kind ?? classifyTool(name, description),
    description,
    line,
    readOnly: hosted?.readOnly,
    source:
      kind === 'function' || kind === ''
        ? 'code'
        : kind === 'openapi'
          ? 'openapi'
          : kind === 'custom'
            ? 'plugin'
            : hosted
              ? 'builtin'
              : 'declared',
  }
}

function mcpTool(
  ctx: Context,
  entry: ToolEntry,
  name: string,
  line: number | undefined,
): Tool {
  const { profile, read } = ctx
  const at = ['tools', entry.index]
  const url = entry.url ?? entry.serverUrl ?? entry.connection?.endpoint
  const allowed = entry.allowedTools
  const reading = mcpServerTool(
    name,
    { url, headers: entry.headers, tools: allowed },
    line,
  )
  recordServerReading(profile, reading)
  readConnection(ctx, entry.connection, [...at, 'connection'])
  if (allowed.length > 0) {
    profile.controls.allowlists = true
    cite(profile, 'controls.allowlists', read.lineOf([...at, 'allowedTools']))
  } else {
    addNote(
      profile,
      `MCP tool ${name} exposes every tool of its server (no allowedTools)`,
    )
  }
  const approval = approvalOf(entry.approvalMode ?? entry.requireApproval)
  const approvalField =
    entry.approvalMode !== undefined ? 'approvalMode' : 'requireApproval'
  if (approval.note) addNote(profile, `MCP tool ${name}: ${approval.note}`)
  if (approval.required !== undefined)
    cite(profile, 'controls.humanApproval', read.lineOf([...at, approvalField]))
  return {
    ...reading.tool,
    kind: allowedKind(allowed) ?? reading.tool.kind,
    requiresApproval: approval.required,
  }
}

/** The kind the allowed tools share (`microsoft_docs_search` → search). */
function allowedKind(allowed: readonly string[]): ToolKind | undefined {
  const kinds = new Set(allowed.map((name) => classifyTool(name)))
  const [kind] = [...kinds]
  return kinds.size === 1 && kind !== 'other' ? kind : undefined
}

interface Approval {
  readonly required?: boolean
  readonly note?: string
}

/** A stated mode that names nothing: null, or a value of no known shape. */
const NO_MODE = { mode: '', always: [], never: [] } as const

/**
 * `always`/`never`, `{kind: always|never|specify|toolSpecify, …}`, or the
 * Foundry `requireApproval` values (`always`, `never`, `requireSpecific`,
 * `{always: {toolNames}, never: {toolNames}}`).
 */
function approvalOf(value: ApprovalMode): Approval {
  if (value === undefined)
    return {
      note: 'no approval mode: approval is left to the hosting service default',
    }
  const { mode: raw, always, never } = value ?? NO_MODE
  const mode = raw.toLowerCase()
  if (mode === 'always') return { required: true }
  if (mode === 'never')
    return { required: false, note: 'calls run without approval (never)' }
  if (always.length > 0 || never.length > 0)
    return {
      note: `approval for some tools only (always: ${always.join(', ') || 'none'}; never: ${never.join(', ') || 'none'})`,
    }
  return {
    note: `approval mode ${raw || 'unknown'} names no tools: approval is not stated`,
  }
}
